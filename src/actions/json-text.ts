/**
 * @module
 * JSON text helpers with positions: Genesys fails an action on invalid JSON and the trace must say
 * where (line and column), which `JSON.parse` on Node 20 does not always report.
 */
import { escapeInvisible, stripBom } from '../core/index.ts';

/** Where a JSON syntax error is. */
interface JsonSyntaxError {
  readonly message: string;
  /** 0-based character offset. */
  readonly offset: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** The result of {@link parseJsonText}. */
export type JsonParse = { ok: true; value: unknown } | ({ ok: false } & JsonSyntaxError);

/**
 * Parse JSON (a leading byte order mark is skipped); on failure name the first offending position.
 * @example
 * parseJsonText('{"state": disconnected}') // → { ok: false, line: 1, column: 11, … }
 */
export function parseJsonText(raw: string): JsonParse {
  // A leading byte order mark is not part of the document (positions count from after it).
  const text = stripBom(raw);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const offset = findSyntaxError(text);
    const { line, column } = lineColumn(text, offset);
    const near = text.slice(offset, offset + 20);
    const message =
      offset >= text.length ? 'unexpected end of JSON input' : `unexpected ${escapeInvisible(JSON.stringify(near))}`;
    return { ok: false, message, offset, line, column };
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/**
 * The nesting depth of a parsed JSON value (a scalar is 0, `{}` is 1). Stops counting past `limit`.
 * @example
 * jsonDepth({ a: [1] }) // → 2
 */
export function jsonDepth(value: unknown, limit = Infinity): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (limit <= 0) return 1;
  let max = 0;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    if (typeof v === 'object' && v !== null) {
      const d = jsonDepth(v, limit - 1);
      if (d > max) max = d;
      if (max >= limit) break;
    }
  }
  return max + 1;
}

// A strict recursive-descent scanner used only after JSON.parse has failed: returns the offset of
// the first character that cannot continue a valid JSON text.
function findSyntaxError(text: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const n = text[i + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail();
          }
          i += 6;
        } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2;
        else {
          i++;
          fail();
        }
      } else if (c.charCodeAt(0) < 0x20) fail();
      else i++;
    }
    fail();
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : text.length;
  } catch (pos) {
    return typeof pos === 'number' ? Math.min(pos, text.length) : 0;
  }
}
