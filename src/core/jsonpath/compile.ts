/**
 * @module
 * Compile a JSONPath once (per trigger criterion, per translation-map entry) into an evaluator
 * with Jayway semantics. Definite chains of names and indexes — almost every path — take a fast
 * path: a loop of property reads and a path string computed at compile time.
 */
import { isDefinite } from './ast.ts';
import type { Segment } from './ast.ts';
import { MISSING } from './compare.ts';
import { evaluateSegments, propStep } from './evaluate.ts';
import type { JsonPathNode } from './evaluate.ts';
import { parseJsonPath } from './parse.ts';
import type { JsonPathFunction, ParseOptions } from './parse.ts';

/** A compiled JSONPath. */
export interface CompiledJsonPath {
  /** The path as written. */
  readonly source: string;
  /** The path as Jayway compiles it (`$.`-prefixed). */
  readonly normalized: string;
  /** Whether it selects at most one node (Jayway `Path.isDefinite`; a trailing function is not counted). */
  readonly definite: boolean;
  /**
   * The trailing function (`length` in `$.a.length()`), only with `{ functions: true }`. It is not
   * applied by {@link read}, {@link extract} or {@link resolve}: the caller applies it to the result.
   */
  readonly fn?: JsonPathFunction;
  /**
   * The left value for an operator: the node's value (or {@link MISSING}) for a definite path,
   * the list of values for an indefinite one.
   */
  read(root: unknown): unknown;
  /** Every resolved node with its Jayway path. */
  extract(root: unknown): JsonPathNode[];
  /** {@link read} and {@link extract} in one walk. */
  resolve(root: unknown): Resolved;
}

/** The left value of a path and the nodes it resolved to. */
export interface Resolved {
  left: unknown;
  extracted: JsonPathNode[];
}

const NOTHING: Resolved = Object.freeze({ left: MISSING, extracted: Object.freeze([]) as unknown as JsonPathNode[] });

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
  readonly fn?: JsonPathFunction;
  readonly #steps: Step[];
  readonly #staticPath: string | undefined;

  constructor(source: string, normalized: string, steps: Step[], fn: JsonPathFunction | undefined) {
    this.source = source;
    this.normalized = normalized;
    if (fn !== undefined) this.fn = fn;
    this.#steps = steps;
    // A negative index's concrete position depends on the array, so its path is built per read.
    this.#staticPath = steps.some((s) => typeof s === 'number' && s < 0)
      ? undefined
      : '$' + steps.map((s) => (typeof s === 'string' ? propStep(s) : `[${s}]`)).join('');
  }

  read(root: unknown): unknown {
    return readSteps(this.#steps, root);
  }

  extract(root: unknown): JsonPathNode[] {
    if (this.#staticPath === undefined) {
      return evaluateSegments(
        this.#steps.map((s) =>
          typeof s === 'string' ? { kind: 'prop', names: [s] } : { kind: 'index', indexes: [s] },
        ),
        root,
        root,
      );
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
  readonly fn?: JsonPathFunction;
  readonly #segments: Segment[];

  constructor(source: string, normalized: string, segments: Segment[], fn: JsonPathFunction | undefined) {
    this.source = source;
    this.normalized = normalized;
    if (fn !== undefined) this.fn = fn;
    this.#segments = segments;
  }

  read(root: unknown): unknown {
    return evaluateSegments(this.#segments, root, root).map((n) => n.value);
  }

  extract(root: unknown): JsonPathNode[] {
    return evaluateSegments(this.#segments, root, root);
  }

  resolve(root: unknown): Resolved {
    const extracted = evaluateSegments(this.#segments, root, root);
    return { left: extracted.map((n) => n.value), extracted };
  }
}

/**
 * Compile a JSONPath. Throws `JsonPathSyntaxError` (naming the position) on a syntax error.
 * @example
 * const p = compileJsonPath('callbackNumbers[*]');
 * p.read({ callbackNumbers: ['1', '2'] }) // ['1', '2']
 * p.extract({ callbackNumbers: ['1'] }) // [{ value: '1', path: "$['callbackNumbers'][0]" }]
 */
export function compileJsonPath(source: string, options: ParseOptions = {}): CompiledJsonPath {
  const { normalized, segments, fn } = parseJsonPath(source, options);
  if (isDefinite(segments)) return new DefinitePath(source, normalized, definiteSteps(segments), fn);
  return new IndefinitePath(source, normalized, segments, fn);
}
