/**
 * @module
 * Translation-map paths with Jayway semantics (platform.md §3.3 item 6), evaluated by the core
 * JSONPath engine — the one match criteria use — so filters compare JSON values as Jayway does
 * (`@.x == null` needs a null `x`, `'5' > 4` is false, `!@.x` tests existence) and a filter on an
 * object tests that object. Each path is compiled once, with the position of a syntax error, and
 * classified as definite (one value) or indefinite (filter, wildcard, deep scan, union or slice →
 * a list). One trailing Jayway function (`length()`, `size()`, `min()`, …) is applied to the result.
 */
import { JsonPathSyntaxError, MISSING, SwitchboardError, compileJsonPath } from '../core/index.ts';
import type { CompiledJsonPath, JsonPathFunction } from '../core/index.ts';
import { ActionErrors } from './errors.ts';

/** A compiled JSONPath. */
export interface CompiledPath {
  readonly source: string;
  /** The path as Jayway compiles it (`$.`-prefixed). */
  readonly normalized: string;
  /** Definite paths give one value; indefinite ones give a list (Jayway `Path.isDefinite`). */
  readonly definite: boolean;
  /** A trailing Jayway function (`length()`, `size()`, `min()`, …), applied to the result. */
  readonly fn?: JsonPathFunction;
  /** The compiled evaluator. */
  readonly compiled: CompiledJsonPath;
}

/** The outcome of evaluating a path: nothing, or a value. */
export type PathResult = { found: false } | { found: true; value: unknown };

/**
 * Compile a Jayway path. Throws `SB_ACTION_JSONPATH` naming `field` and the 1-based column.
 * As in Jayway's PathCompiler, a path not starting with `$` is read as `$.` + path.
 * @example
 * compilePath("['participants'][?(@.purpose=='user')]['user'].id", 'translationMap.userId').definite // → false
 */
export function compilePath(source: string, field = 'path'): CompiledPath {
  try {
    const compiled = compileJsonPath(source, { functions: true });
    const { normalized, definite, fn } = compiled;
    return { source, normalized, definite, ...(fn === undefined ? {} : { fn }), compiled };
  } catch (e) {
    if (!(e instanceof JsonPathSyntaxError)) throw e;
    const column = e.position + 1;
    throw new SwitchboardError(
      ActionErrors.SB_ACTION_JSONPATH,
      `a JSONPath must be valid Jayway syntax; ${field} at column ${column}: ${e.rule} in ${JSON.stringify(source)}`,
      {
        details: { field, path: source, column },
      },
    );
  }
}

/**
 * Evaluate a compiled path against a parsed response. A filter on a missing field is no match
 * (Jayway), never a crash.
 * @example
 * evaluatePath(compilePath('$.priority'), { priority: 3 }) // → { found: true, value: 3 }
 */
export function evaluatePath(path: CompiledPath, json: unknown): PathResult {
  // A response that is not a JSON object or array has no properties to resolve.
  const left = json === null || typeof json !== 'object' ? (path.definite ? MISSING : []) : path.compiled.read(json);
  if (path.fn) return left === MISSING ? { found: false } : applyFunction(path.fn, left);
  if (path.definite) return left === MISSING ? { found: false } : { found: true, value: left };
  return (left as unknown[]).length === 0 ? { found: false } : { found: true, value: left };
}

function applyFunction(fn: JsonPathFunction, v: unknown): PathResult {
  const nums = Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
  const ok = (value: unknown): PathResult => (value === undefined ? { found: false } : { found: true, value });
  switch (fn) {
    case 'length':
    case 'size':
      return ok(
        Array.isArray(v) || typeof v === 'string'
          ? v.length
          : typeof v === 'object' && v !== null
            ? Object.keys(v).length
            : undefined,
      );
    case 'keys':
      return ok(typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : undefined);
    case 'first':
      return ok(Array.isArray(v) ? v[0] : undefined);
    case 'last':
      return ok(Array.isArray(v) ? v[v.length - 1] : undefined);
    case 'min':
      return ok(nums.length ? Math.min(...nums) : undefined);
    case 'max':
      return ok(nums.length ? Math.max(...nums) : undefined);
    case 'sum':
      return ok(nums.length ? nums.reduce((a, b) => a + b, 0) : undefined);
    case 'avg':
      return ok(nums.length ? nums.reduce((a, b) => a + b, 0) / nums.length : undefined);
    case 'stddev': {
      if (!nums.length) return { found: false };
      const mean = nums.reduce((a, b) => a + b, 0) / nums.length;
      return ok(Math.sqrt(nums.reduce((a, b) => a + (b - mean) ** 2, 0) / nums.length));
    }
  }
}
