/**
 * @module
 * Parser of the Jayway JSONPath subset: bare names (prefixed with `$.`), dot and bracket
 * notation, `*`, `..`, indexes, slices and filters with ==, !=, <, <=, >, >=, =~, in, nin,
 * contains, size, &&, || and !; optionally one trailing function (`length()`).
 */
import { isDefinite } from './ast.ts';
import type { FilterExpr, FilterOp, Operand, PathOperand, Segment } from './ast.ts';
import { JsonPathSyntaxError } from './syntax-error.ts';

/** A parsed path: the normalized source and its segments. */
export interface ParsedPath {
  /** The path as Jayway compiles it (`mediaType` → `$.mediaType`). */
  normalized: string;
  segments: Segment[];
  /** The trailing function (`length` for `$.a.length()`), when functions are allowed. */
  fn?: JsonPathFunction;
}

/** How to parse. */
export interface ParseOptions {
  /** Accept one trailing Jayway function such as `length()` (data actions do; triggers do not). */
  functions?: boolean;
}

/** The trailing path functions accepted with {@link ParseOptions.functions}. */
const JSON_PATH_FUNCTIONS = ['length', 'size', 'min', 'max', 'avg', 'sum', 'stddev', 'keys', 'first', 'last'] as const;

/** A trailing path function's name. */
export type JsonPathFunction = (typeof JSON_PATH_FUNCTIONS)[number];

const FUNCTIONS: ReadonlySet<string> = new Set(JSON_PATH_FUNCTIONS);

// Jayway filter operators this engine does not evaluate: named rather than left to a vague error.
const UNSUPPORTED_OPERATOR = /^(subsetof|anyof|noneof|empty)\b/;

// Characters that end an unquoted property name.
const NAME_STOP = new Set([...'.[]()=!<>&|,\'" \t\n\r~']);

class Parser {
  readonly src: string;
  /** The path as the user wrote it, and how far `src` is shifted from it (the `$.` prefix). */
  readonly #written: string;
  readonly #shift: number;
  readonly #functions: boolean;
  pos = 0;
  fn: JsonPathFunction | undefined;

  constructor(src: string, written = src, shift = 0, functions = false) {
    this.src = src;
    this.#written = written;
    this.#shift = shift;
    this.#functions = functions;
  }

  /** Fail with `rule`, pointing at `at` (the current position unless given). */
  fail(rule: string, at = this.pos): never {
    const position = Math.max(0, at - this.#shift);
    const found =
      at < this.src.length ? `'${this.src[at]}' at position ${position}` : `the end at position ${position}`;
    throw new JsonPathSyntaxError(this.#written, position, rule, found);
  }

  peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  skipSpaces(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
  }

  expect(ch: string, rule: string): void {
    this.skipSpaces();
    if (this.peek() !== ch) this.fail(rule);
    this.pos++;
  }

  /** Segments until the end of input, or (inside a filter) until a character that ends an operand. */
  segments(inFilter: boolean): Segment[] {
    const out: Segment[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || this.fn !== undefined) return out;
      if (c === '.') {
        if (this.peek(1) === '.') {
          this.pos += 2;
          out.push({ kind: 'scan', then: this.afterDot(true, inFilter) });
        } else {
          this.pos++;
          const seg = this.afterDot(false, inFilter);
          if (seg !== undefined) out.push(seg);
        }
      } else if (c === '[') {
        out.push(this.bracket());
      } else if (inFilter) {
        return out;
      } else {
        this.fail('expected "." or "[" between path segments');
      }
    }
  }

  afterDot(scan: true, inFilter: boolean): Segment;
  afterDot(scan: false, inFilter: boolean): Segment | undefined;
  /** The step after "." or "..": a name, "*", a bracket, or (undefined) a trailing function. */
  afterDot(scan: boolean, inFilter: boolean): Segment | undefined {
    const c = this.peek();
    if (c === '*') {
      this.pos++;
      return { kind: 'wildcard' };
    }
    if (c === '[') return this.bracket();
    const start = this.pos;
    while (this.pos < this.src.length && !NAME_STOP.has(this.src[this.pos]!)) this.pos++;
    if (this.pos === start)
      this.fail(scan ? 'expected a name, "*" or "[" after ".."' : 'expected a property name after "."');
    const name = this.src.slice(start, this.pos);
    if (this.peek() === '(') {
      if (!this.#functions || inFilter || scan) this.fail('path functions such as length() are not supported', start);
      if (!FUNCTIONS.has(name))
        this.fail(`unknown function ${name}(); expected one of ${JSON_PATH_FUNCTIONS.join(', ')}`, start);
      if (this.peek(1) !== ')') this.fail('a path function takes no arguments; expected ")"', this.pos + 1);
      this.pos += 2;
      if (this.pos < this.src.length) this.fail('a path function must end the path');
      this.fn = name as JsonPathFunction;
      return undefined;
    }
    return { kind: 'prop', names: [name] };
  }

  quoted(): string {
    const open = this.pos;
    const q = this.peek();
    this.pos++;
    let s = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail(`unterminated string; expected a closing ${q}`, open);
      this.pos++;
      if (c === q) return s;
      if (c === '\\') {
        const n = this.peek();
        if (n === undefined) this.fail('unterminated escape');
        this.pos++;
        s += n === 'n' ? '\n' : n === 't' ? '\t' : n;
      } else {
        s += c;
      }
    }
  }

  integer(): number | undefined {
    this.skipSpaces();
    const m = /^-?\d+/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  bracket(): Segment {
    const open = this.pos;
    this.pos++;
    this.skipSpaces();
    const c = this.peek();
    let seg: Segment;
    if (c === undefined) this.fail('unclosed "["', open);
    if (c === '*') {
      this.pos++;
      seg = { kind: 'wildcard' };
    } else if (c === '?') {
      this.pos++;
      this.expect('(', 'expected "(" after "?" in a filter');
      const expr = this.orExpr();
      this.expect(')', 'expected ")" to close the filter');
      seg = { kind: 'filter', expr };
    } else if (c === "'" || c === '"') {
      const names = [this.quoted()];
      for (this.skipSpaces(); this.peek() === ','; this.skipSpaces()) {
        this.pos++;
        this.skipSpaces();
        if (this.peek() !== "'" && this.peek() !== '"') this.fail('expected a quoted property name after ","');
        names.push(this.quoted());
      }
      seg = { kind: 'prop', names };
    } else {
      seg = this.indexOrSlice();
    }
    this.expect(']', 'expected "]"');
    return seg;
  }

  indexOrSlice(): Segment {
    const first = this.integer();
    this.skipSpaces();
    if (this.peek() === ':') {
      this.pos++;
      const end = this.integer();
      return { kind: 'slice', start: first, end };
    }
    if (first === undefined) this.fail('expected "*", "?(", a quoted name, an index or a slice inside "[ ]"');
    const indexes = [first];
    for (this.skipSpaces(); this.peek() === ','; this.skipSpaces()) {
      this.pos++;
      const n = this.integer();
      if (n === undefined) this.fail('expected an index after ","');
      indexes.push(n);
    }
    return { kind: 'index', indexes };
  }

  orExpr(): FilterExpr {
    let left = this.andExpr();
    for (this.skipSpaces(); this.src.startsWith('||', this.pos); this.skipSpaces()) {
      this.pos += 2;
      left = { kind: 'or', left, right: this.andExpr() };
    }
    return left;
  }

  andExpr(): FilterExpr {
    let left = this.unary();
    for (this.skipSpaces(); this.src.startsWith('&&', this.pos); this.skipSpaces()) {
      this.pos += 2;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  unary(): FilterExpr {
    this.skipSpaces();
    if (this.peek() === '!' && this.peek(1) !== '=') {
      this.pos++;
      return { kind: 'not', expr: this.unary() };
    }
    if (this.peek() === '(') {
      this.pos++;
      const e = this.orExpr();
      this.expect(')', 'expected ")"');
      return e;
    }
    const left = this.operand();
    this.skipSpaces();
    const op = this.filterOp();
    const unsupported = op === undefined ? UNSUPPORTED_OPERATOR.exec(this.src.slice(this.pos)) : null;
    if (unsupported)
      this.fail(
        `the filter operator ${unsupported[1]} is not supported; use ==, !=, <, <=, >, >=, =~, in, nin, contains, size`,
      );
    if (op === undefined) {
      if (left.kind !== 'path') this.fail('expected a comparison operator after a literal');
      return { kind: 'exists', path: left };
    }
    this.skipSpaces();
    const right = op === '=~' ? this.regex() : this.operand();
    return { kind: 'cmp', op, left, right };
  }

  filterOp(): FilterOp | undefined {
    for (const op of ['==', '!=', '<=', '>=', '=~', '<', '>'] as const) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
    }
    const m = /^(nin|in|contains|size)\b/.exec(this.src.slice(this.pos));
    if (m) {
      this.pos += m[0].length;
      return m[1] as FilterOp;
    }
    return undefined;
  }

  regex(): Operand {
    this.skipSpaces();
    if (this.peek() !== '/') this.fail('expected a /regex/ after =~');
    const m = /^\/((?:\\.|[^/\\])*)\/([a-z]*)/.exec(this.src.slice(this.pos));
    if (!m) this.fail('unterminated /regex/');
    this.pos += m[0].length;
    try {
      return { kind: 'regex', regex: new RegExp(m[1]!, m[2]!.replace(/[^imsu]/g, '')) };
    } catch {
      return this.fail('invalid regular expression');
    }
  }

  operand(): Operand {
    this.skipSpaces();
    const c = this.peek();
    if (c === '@' || c === '$') {
      this.pos++;
      const segments = this.segments(true);
      const path: PathOperand = { kind: 'path', root: c, segments, definite: isDefinite(segments) };
      return path;
    }
    if (c === "'" || c === '"') return { kind: 'literal', value: this.quoted() };
    if (c === '[') return { kind: 'literal', value: this.listLiteral() };
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.src.slice(this.pos));
    if (!m) this.fail('expected @, $, a quoted string, a number, true, false, null or a [list]');
    this.pos += m[0].length;
    return { kind: 'literal', value: JSON.parse(m[0]) as unknown };
  }

  listLiteral(): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    this.skipSpaces();
    if (this.peek() === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      const v = this.operand();
      if (v.kind !== 'literal') this.fail('a [list] may hold literals only');
      out.push(v.value);
      this.skipSpaces();
      if (this.peek() === ']') {
        this.pos++;
        return out;
      }
      this.expect(',', 'expected "," or "]" in a list');
    }
  }
}

/**
 * Parse a JSONPath. A path that does not start with `$` or `@` is prefixed with `$.`, as
 * Jayway's `PathCompiler.compile` does (platform.md §1.4). Throws {@link JsonPathSyntaxError}.
 * @example
 * parseJsonPath('mediaType') // { normalized: '$.mediaType', segments: [{ kind: 'prop', names: ['mediaType'] }] }
 */
export function parseJsonPath(source: string, options: ParseOptions = {}): ParsedPath {
  const trimmed = source.trim();
  if (trimmed === '') new Parser(source).fail('a path must not be empty');
  const prefixed = !(trimmed.startsWith('$') || trimmed.startsWith('@'));
  const normalized = prefixed ? `$.${trimmed}` : trimmed;
  const lead = source.length - source.trimStart().length;
  const p = new Parser(normalized, source, (prefixed ? 2 : 0) - lead, options.functions === true);
  p.pos = 1;
  const segments = p.segments(false);
  return p.fn === undefined ? { normalized, segments } : { normalized, segments, fn: p.fn };
}
