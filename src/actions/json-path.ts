/**
 * @module
 * Translation-map paths with Jayway semantics (platform spec §3.3 item 6), evaluated by
 * jsonpath-plus in `eval: 'safe'` mode. Each path is compiled once: parsed and checked (with the
 * position of a syntax error), normalized to a canonical jsonpath-plus string, and classified as
 * definite (one value) or indefinite (filter, wildcard, deep scan, union or slice → a list).
 */
import { JSONPath } from 'jsonpath-plus';
import { SwitchboardError } from '../core/index.ts';
import { ActionErrors } from './errors.ts';

/** A compiled JSONPath. */
export interface CompiledPath {
  readonly source: string;
  /** The canonical form handed to jsonpath-plus. */
  readonly canonical: string;
  /** Definite paths give one value; indefinite ones give a list (Jayway `Path.isDefinite`). */
  readonly definite: boolean;
  /** A trailing Jayway function (`length()`, `size()`, `min()`, …), applied to the result. */
  readonly fn?: string;
}

/** The outcome of evaluating a path: nothing, or a value. */
export type PathResult = { found: false } | { found: true; value: unknown };

const FUNCTIONS = new Set(['length', 'size', 'min', 'max', 'avg', 'sum', 'stddev', 'keys', 'first', 'last']);

type SafeScriptCtor = new (code: string) => unknown;
const SafeScript = (JSONPath.prototype as unknown as { safeVm: { Script: SafeScriptCtor } }).safeVm.Script;

class PathSyntax extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Compile a Jayway path. Throws `SB_ACTION_JSONPATH` naming `field` and the 1-based position.
 * As in Jayway's PathCompiler, a path not starting with `$` is read as `$.` + path.
 * @example
 * compilePath("['participants'][?(@.purpose=='user')]['user'].id", 'translationMap.userId').definite // → false
 */
export function compilePath(source: string, field = 'path'): CompiledPath {
  const trimmed = source.trim();
  const prefixed = trimmed.startsWith('$') ? trimmed : `$.${trimmed}`;
  const offset = prefixed.length - trimmed.length;
  try {
    return { source, ...parse(prefixed) };
  } catch (e) {
    if (!(e instanceof PathSyntax)) throw e;
    const column = Math.max(1, e.at - offset + 1);
    throw new SwitchboardError(ActionErrors.SB_ACTION_JSONPATH, `a JSONPath must be valid Jayway syntax; ${field} at column ${column}: ${e.message} in ${JSON.stringify(source)}`, {
      details: { field, path: source, column },
    });
  }
}

/**
 * Evaluate a compiled path against a parsed response. Filter errors on missing fields count as no
 * match (Jayway), never as a crash.
 * @example
 * evaluatePath(compilePath('$.priority'), { priority: 3 }) // → { found: true, value: 3 }
 */
export function evaluatePath(path: CompiledPath, json: unknown): PathResult {
  const hits =
    json === null || typeof json !== 'object'
      ? []
      : (JSONPath<unknown[] | undefined>({ path: path.canonical, json, eval: 'safe', ignoreEvalErrors: true, wrap: true }) ?? []);
  if (path.fn) return applyFunction(path.fn, path.definite ? hits[0] : hits, path.definite && hits.length === 0);
  if (path.definite) return hits.length === 0 ? { found: false } : { found: true, value: hits[0] };
  return hits.length === 0 ? { found: false } : { found: true, value: hits };
}

function applyFunction(fn: string, v: unknown, missing: boolean): PathResult {
  if (missing) return { found: false };
  const nums = Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
  const ok = (value: unknown): PathResult => (value === undefined ? { found: false } : { found: true, value });
  switch (fn) {
    case 'length':
    case 'size':
      return ok(Array.isArray(v) || typeof v === 'string' ? v.length : typeof v === 'object' && v !== null ? Object.keys(v).length : undefined);
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
    default: {
      if (!nums.length) return { found: false };
      const mean = nums.reduce((a, b) => a + b, 0) / nums.length;
      return ok(Math.sqrt(nums.reduce((a, b) => a + (b - mean) ** 2, 0) / nums.length));
    }
  }
}

function parse(p: string): Omit<CompiledPath, 'source'> {
  let i = 1;
  let canonical = '$';
  let definite = true;
  let fn: string | undefined;
  const name = (): string => {
    const m = /^[^.[\]()\s'"]+/.exec(p.slice(i));
    if (!m) throw new PathSyntax(i, p[i] === undefined ? 'a property name is missing at the end' : `unexpected ${JSON.stringify(p[i])}`);
    i += m[0].length;
    return m[0];
  };
  const property = (deep: boolean): void => {
    if (p[i] === '*') {
      i++;
      canonical += deep ? '..*' : '[*]';
      definite = false;
      return;
    }
    const n = name();
    if (p.startsWith('()', i)) {
      if (!FUNCTIONS.has(n)) throw new PathSyntax(i - n.length, `unknown function ${n}()`);
      i += 2;
      if (i < p.length) throw new PathSyntax(i, 'a function must end the path');
      fn = n;
      return;
    }
    canonical += deep ? `..[${quote(n)}]` : `[${quote(n)}]`;
  };
  while (i < p.length) {
    const c = p[i];
    if (p.startsWith('..', i)) {
      i += 2;
      definite = false;
      if (p[i] === '[') {
        canonical += '..';
        bracket();
      } else property(true);
    } else if (c === '.') {
      i++;
      if (p[i] === '[') bracket();
      else property(false);
    } else if (c === '[') bracket();
    else throw new PathSyntax(i, `unexpected ${JSON.stringify(c)}`);
  }
  return { canonical, definite, ...(fn ? { fn } : {}) };

  function bracket(): void {
    const open = i;
    i++;
    skipWs();
    if (p.startsWith('?(', i)) {
      const end = closing(i + 1);
      const expr = p.slice(i + 2, end).trim();
      checkFilter(expr, i + 2);
      i = end + 1;
      skipWs();
      expect(']', open);
      canonical += `[?(${expr})]`;
      definite = false;
      return;
    }
    if (p[i] === '*') {
      i++;
      skipWs();
      expect(']', open);
      canonical += '[*]';
      definite = false;
      return;
    }
    if (p[i] === "'" || p[i] === '"') {
      const names: string[] = [];
      for (;;) {
        names.push(quoted());
        skipWs();
        if (p[i] === ',') {
          i++;
          skipWs();
          continue;
        }
        break;
      }
      expect(']', open);
      if (names.length > 1) definite = false;
      canonical += `[${names.map(quote).join(',')}]`;
      return;
    }
    const m = /^[-\d\s,:]+/.exec(p.slice(i));
    if (!m || !/\d|:/.test(m[0])) throw new PathSyntax(p[i] === undefined ? open : i, p[i] === undefined ? "unclosed '['" : `unexpected ${JSON.stringify(p[i])} in brackets`);
    const body = m[0].replace(/\s+/g, '');
    i += m[0].length;
    expect(']', open);
    if (body.includes(':')) {
      if (!/^-?\d*:-?\d*(:-?\d*)?$/.test(body)) throw new PathSyntax(open, `invalid array slice [${body}]`);
      canonical += `[${body}]`;
      definite = false;
    } else if (body.includes(',')) {
      if (!/^-?\d+(,-?\d+)+$/.test(body)) throw new PathSyntax(open, `invalid index list [${body}]`);
      canonical += `[${body}]`;
      definite = false;
    } else {
      if (!/^-?\d+$/.test(body)) throw new PathSyntax(open, `invalid index [${body}]`);
      // Jayway reads [-1] as the last element; jsonpath-plus needs the slice form.
      canonical += body.startsWith('-') ? `[${body}:${Number(body) + 1 === 0 ? '' : Number(body) + 1}]` : `[${body}]`;
    }
  }

  function quoted(): string {
    const q = p[i]!;
    const start = i;
    i++;
    let out = '';
    while (i < p.length && p[i] !== q) {
      if (p[i] === '\\' && i + 1 < p.length) i++;
      out += p[i];
      i++;
    }
    if (i >= p.length) throw new PathSyntax(start, 'unclosed quoted property name');
    i++;
    return out;
  }

  function skipWs(): void {
    while (p[i] === ' ') i++;
  }

  function expect(ch: string, open: number): void {
    if (p[i] !== ch) throw new PathSyntax(i >= p.length ? open : i, i >= p.length ? `unclosed '[' (expected '${ch}')` : `expected '${ch}', got ${JSON.stringify(p[i])}`);
    i++;
  }

  // The index of the ')' closing the '(' at `from`, skipping quoted strings and nested parentheses.
  function closing(from: number): number {
    let depth = 0;
    for (let j = from; j < p.length; j++) {
      const c = p[j];
      if (c === "'" || c === '"') {
        const end = p.indexOf(c, j + 1);
        if (end < 0) throw new PathSyntax(j, 'unclosed string in filter');
        j = end;
      } else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return j;
    }
    throw new PathSyntax(from, "unclosed '(' in filter");
  }
}

// Jayway filter operators that the JavaScript filter evaluation would read differently (`in`
// tests array indexes, `=~` is an assignment) and so silently match nothing or the wrong items.
const JAYWAY_ONLY_OPERATORS = /=~|(?<=[\s)\]])(?:nin|in|subsetof|anyof|noneof|size|empty|contains)(?=[\s([])/;

function checkFilter(expr: string, at: number): void {
  if (expr === '') throw new PathSyntax(at, 'empty filter');
  const unquoted = expr.replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, (m) => ' '.repeat(m.length));
  const jayway = JAYWAY_ONLY_OPERATORS.exec(unquoted);
  if (jayway) throw new PathSyntax(at + jayway.index, `the filter operator ${jayway[0]} is not supported in translation maps; use ==, !=, <, <=, >, >=, &&, ||`);
  const script = expr.replace(/@([.\s)[])/g, '_$$_v$1').replace(/@$/, '_$$_v');
  try {
    new SafeScript(script);
  } catch (e) {
    const col = /at character (\d+)/.exec((e as Error).message)?.[1];
    throw new PathSyntax(Math.min(at + (col ? Number(col) : 0), at + expr.length), `invalid filter: ${(e as Error).message.replace(/ at character \d+/, '')}`);
  }
}

function quote(name: string): string {
  return `'${name.replace(/'/g, "\\'")}'`;
}
