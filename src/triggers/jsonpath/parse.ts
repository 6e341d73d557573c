/**
 * @module
 * Parser of the Jayway JSONPath subset: bare names (prefixed with `$.`), dot and bracket
 * notation, `*`, `..`, indexes, slices and filters with ==, !=, <, <=, >, >=, =~, in, nin,
 * contains, size, &&, || and !.
 */
import { SwitchboardError } from '../../core/index.ts';
import { TriggerErrors } from '../errors.ts';
import { isDefinite } from './ast.ts';
import type { FilterExpr, FilterOp, Operand, PathOperand, Segment } from './ast.ts';

/** A parsed path: the normalized source and its segments. */
export interface ParsedPath {
  /** The path as Jayway compiles it (`mediaType` → `$.mediaType`). */
  normalized: string;
  segments: Segment[];
}

// Characters that end an unquoted property name.
const NAME_STOP = new Set([...'.[]()=!<>&|,\'" \t\n\r~']);

class Parser {
  readonly src: string;
  /** The path as the user wrote it, and how far `src` is shifted from it (the `$.` prefix). */
  readonly #written: string;
  readonly #shift: number;
  pos = 0;

  constructor(src: string, written = src, shift = 0) {
    this.src = src;
    this.#written = written;
    this.#shift = shift;
  }

  fail(rule: string): never {
    const position = Math.max(0, this.pos - this.#shift);
    const at = this.pos < this.src.length ? `'${this.src[this.pos]}' at position ${position}` : `the end at position ${position}`;
    throw new SwitchboardError(TriggerErrors.SB_TRIGGER_JSONPATH, `jsonPath "${this.#written}": ${rule}; found ${at}`, {
      details: { jsonPath: this.#written, position },
    });
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
      if (c === undefined) return out;
      if (c === '.') {
        if (this.peek(1) === '.') {
          this.pos += 2;
          out.push({ kind: 'scan', then: this.afterDot(true) });
        } else {
          this.pos++;
          out.push(this.afterDot(false));
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

  afterDot(scan: boolean): Segment {
    const c = this.peek();
    if (c === '*') {
      this.pos++;
      return { kind: 'wildcard' };
    }
    if (c === '[') return this.bracket();
    const start = this.pos;
    while (this.pos < this.src.length && !NAME_STOP.has(this.src[this.pos]!)) this.pos++;
    if (this.pos === start) this.fail(scan ? 'expected a name, "*" or "[" after ".."' : 'expected a property name after "."');
    if (this.peek() === '(') this.fail('path functions such as length() are not supported');
    return { kind: 'prop', names: [this.src.slice(start, this.pos)] };
  }

  quoted(): string {
    const q = this.peek();
    this.pos++;
    let s = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail(`unterminated string; expected a closing ${q}`);
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
    this.pos++;
    this.skipSpaces();
    const c = this.peek();
    let seg: Segment;
    if (c === '*') {
      this.pos++;
      seg = { kind: 'wildcard' };
    } else if (c === '?') {
      this.pos++;
      this.expect('(', 'expected "(" after "?" in a filter');
      const expr = this.orExpr();
      this.expect(')', 'expected ")" to close the filter');
      seg = { kind: 'filter', expr };
    } else if (c === '\'' || c === '"') {
      const names = [this.quoted()];
      for (this.skipSpaces(); this.peek() === ','; this.skipSpaces()) {
        this.pos++;
        this.skipSpaces();
        if (this.peek() !== '\'' && this.peek() !== '"') this.fail('expected a quoted property name after ","');
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
    if (c === '\'' || c === '"') return { kind: 'literal', value: this.quoted() };
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
 * Jayway's `PathCompiler.compile` does (platform.md §1.4).
 * @example
 * parseJsonPath('mediaType') // { normalized: '$.mediaType', segments: [{ kind: 'prop', names: ['mediaType'] }] }
 */
export function parseJsonPath(source: string): ParsedPath {
  const trimmed = source.trim();
  if (trimmed === '') new Parser(source).fail('a path must not be empty');
  const prefixed = !(trimmed.startsWith('$') || trimmed.startsWith('@'));
  const normalized = prefixed ? `$.${trimmed}` : trimmed;
  const lead = source.length - source.trimStart().length;
  const p = new Parser(normalized, source, (prefixed ? 2 : 0) - lead);
  p.pos = 1;
  const segments = p.segments(false);
  return { normalized, segments };
}
