/**
 * @module
 * Tokenizer for the Architect expression language.
 */
import { ArchitectErrors } from '../errors.ts';
import { ExprError } from './ast.ts';

/** A token with its 1-based column. */
export interface Token {
  readonly t: 'num' | 'str' | 'ident' | 'op' | 'eof';
  readonly text: string;
  /** The decoded value of a string literal. */
  readonly value?: string;
  readonly pos: number;
}

const OPS = [
  '==',
  '!=',
  '<>',
  '<=',
  '>=',
  '&&',
  '||',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '(',
  ')',
  ',',
  '[',
  ']',
  '!',
  '=',
];
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\' };

/**
 * Split an expression into tokens. Identifiers may contain dots (`Flow.conversationId`).
 * @example
 * tokenize('IsSet(Flow.phone)').map((t) => t.text); // ['IsSet', '(', 'Flow.phone', ')', '']
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i + 1;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[0-9]*(?:\.[0-9]+)?/.exec(src.slice(i))!;
      out.push({ t: 'num', text: m[0], pos });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      for (;;) {
        const d = src[j];
        if (d === undefined)
          throw new ExprError(
            ArchitectErrors.SB_ARCHITECT_EXPR_SYNTAX,
            `unterminated string literal starting at column ${pos}`,
            pos,
          );
        if (d === c) break;
        if (d === '\\') {
          const e = src[j + 1];
          if (e === undefined || ESCAPES[e] === undefined)
            throw new ExprError(
              ArchitectErrors.SB_ARCHITECT_EXPR_SYNTAX,
              `unknown escape \\${e ?? ''} at column ${j + 1}`,
              j + 1,
            );
          value += ESCAPES[e];
          j += 2;
          continue;
        }
        value += d;
        j++;
      }
      out.push({ t: 'str', text: src.slice(i, j + 1), value, pos });
      i = j + 1;
      continue;
    }
    // A property of a call's or an index's result: `ToPhoneNumber(x).e164`.
    const prev = out[out.length - 1];
    if (
      c === '.' &&
      prev?.t === 'op' &&
      (prev.text === ')' || prev.text === ']') &&
      /[A-Za-z_]/.test(src[i + 1] ?? '')
    ) {
      out.push({ t: 'op', text: '.', pos });
      i += 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i))!;
      out.push({ t: 'ident', text: m[0], pos });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op)
      throw new ExprError(
        ArchitectErrors.SB_ARCHITECT_EXPR_SYNTAX,
        `unexpected character '${c}' at column ${pos}`,
        pos,
      );
    out.push({ t: 'op', text: op, pos });
    i += op.length;
  }
  out.push({ t: 'eof', text: '', pos: src.length + 1 });
  return out;
}
