/**
 * @module
 * Compile a JSONPath once (per trigger) into an evaluator. Definite chains of names and indexes
 * — almost every trigger path — take a fast path: a loop of property reads and a path string
 * computed at compile time.
 */
import { MISSING } from '../operators.ts';
import type { Extraction } from '../types.ts';
import { isDefinite } from './ast.ts';
import type { Segment } from './ast.ts';
import { evaluateSegments, propStep } from './evaluate.ts';
import { parseJsonPath } from './parse.ts';

/** A compiled JSONPath. */
export interface CompiledJsonPath {
  /** The path as written. */
  readonly source: string;
  /** The path as Jayway compiles it (`$.`-prefixed). */
  readonly normalized: string;
  /** Whether it selects at most one node. */
  readonly definite: boolean;
  /**
   * The left value for an operator: the node's value (or {@link MISSING}) for a definite path,
   * the list of values for an indefinite one.
   */
  read(root: unknown): unknown;
  /** Every resolved node with its Jayway path. */
  extract(root: unknown): Extraction[];
  /** {@link read} and {@link extract} in one walk. */
  resolve(root: unknown): Resolved;
}

/** The left value of a path and the nodes it resolved to. */
export interface Resolved {
  left: unknown;
  extracted: Extraction[];
}

const NOTHING: Resolved = Object.freeze({ left: MISSING, extracted: Object.freeze([]) as unknown as Extraction[] });

type Step = string | number;

function definiteSteps(segments: readonly Segment[]): Step[] {
  return segments.map((s) => (s.kind === 'prop' ? s.names[0]! : s.kind === 'index' ? s.indexes[0]! : ''));
}

function readSteps(steps: readonly Step[], root: unknown): unknown {
  let v: unknown = root;
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]!;
    if (typeof step === 'string') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return MISSING;
      // JSON never holds undefined or functions, so either means "no own key" — except for an
      // inherited accessor such as __proto__, which hasOwn settles.
      const next = (v as Record<string, unknown>)[step];
      if (next === undefined || typeof next === 'function') return MISSING;
      if (step === '__proto__' && !Object.hasOwn(v, step)) return MISSING;
      v = next;
    } else {
      if (!Array.isArray(v)) return MISSING;
      const i = step < 0 ? v.length + step : step;
      if (i < 0 || i >= v.length) return MISSING;
      v = v[i];
    }
  }
  return v;
}

class DefinitePath implements CompiledJsonPath {
  readonly definite = true;
  readonly source: string;
  readonly normalized: string;
  readonly #steps: Step[];
  readonly #staticPath: string | undefined;

  constructor(source: string, normalized: string, steps: Step[]) {
    this.source = source;
    this.normalized = normalized;
    this.#steps = steps;
    // A negative index's concrete position depends on the array, so its path is built per read.
    this.#staticPath = steps.some((s) => typeof s === 'number' && s < 0) ? undefined : '$' + steps.map((s) => (typeof s === 'string' ? propStep(s) : `[${s}]`)).join('');
  }

  read(root: unknown): unknown {
    return readSteps(this.#steps, root);
  }

  extract(root: unknown): Extraction[] {
    if (this.#staticPath === undefined) {
      return evaluateSegments(this.#steps.map((s) => (typeof s === 'string' ? { kind: 'prop', names: [s] } : { kind: 'index', indexes: [s] })), root, root);
    }
    const v = readSteps(this.#steps, root);
    return v === MISSING ? [] : [{ value: v, path: this.#staticPath }];
  }

  resolve(root: unknown): Resolved {
    if (this.#staticPath === undefined) {
      const extracted = this.extract(root);
      return extracted.length === 0 ? NOTHING : { left: extracted[0]!.value, extracted };
    }
    const v = readSteps(this.#steps, root);
    return v === MISSING ? NOTHING : { left: v, extracted: [{ value: v, path: this.#staticPath }] };
  }
}

class IndefinitePath implements CompiledJsonPath {
  readonly definite = false;
  readonly source: string;
  readonly normalized: string;
  readonly #segments: Segment[];

  constructor(source: string, normalized: string, segments: Segment[]) {
    this.source = source;
    this.normalized = normalized;
    this.#segments = segments;
  }

  read(root: unknown): unknown {
    return evaluateSegments(this.#segments, root, root).map((n) => n.value);
  }

  extract(root: unknown): Extraction[] {
    return evaluateSegments(this.#segments, root, root);
  }

  resolve(root: unknown): Resolved {
    const extracted = evaluateSegments(this.#segments, root, root);
    return { left: extracted.map((n) => n.value), extracted };
  }
}

/**
 * Compile a JSONPath. Throws `SB_TRIGGER_JSONPATH` (naming the position) on a syntax error.
 * @example
 * const p = compileJsonPath('callbackNumbers[*]');
 * p.read({ callbackNumbers: ['1', '2'] }) // ['1', '2']
 * p.extract({ callbackNumbers: ['1'] }) // [{ value: '1', path: "$['callbackNumbers'][0]" }]
 */
export function compileJsonPath(source: string): CompiledJsonPath {
  const { normalized, segments } = parseJsonPath(source);
  if (isDefinite(segments)) return new DefinitePath(source, normalized, definiteSteps(segments));
  return new IndefinitePath(source, normalized, segments);
}
