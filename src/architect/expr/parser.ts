/**
 * @module
 * A Pratt parser for Architect expressions. Precedence, loosest first: `or`, `and`, `not`,
 * comparisons, `+ -`, `* / %`, unary minus, then calls and `[index]`. Keywords (`and`, `or`, `not`,
 * `true`, `false`, `NOT_SET`) and function names are case-insensitive, as in Architect.
 */
import { ArchitectErrors } from '../errors.ts';
import { ExprError } from './ast.ts';
import type { BinaryOp, ExprNode } from './ast.ts';
import { tokenize } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

const BINARY: Readonly<Record<string, { op: BinaryOp; bp: number }>> = {
  or: { op: 'or', bp: 1 },
  and: { op: 'and', bp: 2 },
  '==': { op: '==', bp: 4 },
  '!=': { op: '!=', bp: 4 },
  '<>': { op: '!=', bp: 4 },
  '<': { op: '<', bp: 4 },
  '<=': { op: '<=', bp: 4 },
  '>': { op: '>', bp: 4 },
  '>=': { op: '>=', bp: 4 },
  '+': { op: '+', bp: 5 },
  '-': { op: '-', bp: 5 },
  '*': { op: '*', bp: 6 },
  '/': { op: '/', bp: 6 },
  '%': { op: '%', bp: 6 },
};
const NOT_BP = 3;
const UNARY_MINUS_BP = 7;
const WRONG_OPS: Readonly<Record<string, string>> = { '&&': 'and', '||': 'or', '!': 'not', '=': '==' };

function syntax(message: string, pos: number): ExprError {
  return new ExprError(ArchitectErrors.SB_ARCHITECT_EXPR_SYNTAX, `${message} at column ${pos}`, pos);
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private expect(text: string): Token {
    const t = this.next();
    if (t.t !== 'op' || t.text !== text) throw syntax(`expected '${text}' but found ${describe(t)}`, t.pos);
    return t;
  }

  parse(): ExprNode {
    if (this.peek().t === 'eof') throw syntax('empty expression', 1);
    const node = this.expr(0);
    const t = this.peek();
    if (t.t !== 'eof') throw syntax(`unexpected ${describe(t)}`, t.pos);
    return node;
  }

  private binaryOf(t: Token): { op: BinaryOp; bp: number } | undefined {
    if (t.t === 'op') {
      const wrong = WRONG_OPS[t.text];
      if (wrong) throw syntax(`'${t.text}' is not an Architect operator; use '${wrong}'`, t.pos);
      return BINARY[t.text];
    }
    if (t.t === 'ident') {
      const lower = t.text.toLowerCase();
      if (lower === 'and' || lower === 'or') return BINARY[lower];
    }
    return undefined;
  }

  private expr(minBp: number): ExprNode {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && t.text === '.') {
        this.next();
        const name = this.next();
        if (name.t !== 'ident') throw syntax(`a property name must follow '.'; got ${describe(name)}`, name.pos);
        for (const part of name.text.split('.')) left = { k: 'member', target: left, name: part, pos: name.pos };
        continue;
      }
      if (t.t === 'op' && t.text === '[') {
        this.next();
        const index = this.expr(0);
        this.expect(']');
        left = { k: 'index', target: left, index, pos: t.pos };
        continue;
      }
      const b = this.binaryOf(t);
      if (!b || b.bp <= minBp) break;
      this.next();
      const right = this.expr(b.bp);
      left = { k: 'binary', op: b.op, left, right, pos: t.pos };
    }
    return left;
  }

  private prefix(): ExprNode {
    const t = this.next();
    switch (t.t) {
      case 'num':
        return t.text.includes('.')
          ? { k: 'lit', value: Number(t.text), type: 'Decimal', pos: t.pos }
          : { k: 'lit', value: Number(t.text), type: 'Integer', pos: t.pos };
      case 'str':
        return { k: 'lit', value: t.value ?? '', type: 'String', pos: t.pos };
      case 'ident':
        return this.identifier(t);
      case 'op':
        if (t.text === '(') {
          const inner = this.expr(0);
          this.expect(')');
          return inner;
        }
        if (t.text === '-') return { k: 'unary', op: '-', operand: this.expr(UNARY_MINUS_BP), pos: t.pos };
        if (WRONG_OPS[t.text])
          throw syntax(`'${t.text}' is not an Architect operator; use '${WRONG_OPS[t.text]}'`, t.pos);
        throw syntax(`unexpected ${describe(t)}`, t.pos);
      case 'eof':
        throw syntax('unexpected end of expression', t.pos);
    }
  }

  private identifier(t: Token): ExprNode {
    const lower = t.text.toLowerCase();
    if (lower === 'not') return { k: 'unary', op: 'not', operand: this.expr(NOT_BP), pos: t.pos };
    const nextTok = this.peek();
    if (nextTok.t === 'op' && nextTok.text === '(') {
      this.next();
      const args: ExprNode[] = [];
      if (!(this.peek().t === 'op' && this.peek().text === ')')) {
        for (;;) {
          args.push(this.expr(0));
          if (this.peek().t === 'op' && this.peek().text === ',') {
            this.next();
            continue;
          }
          break;
        }
      }
      this.expect(')');
      return { k: 'call', name: t.text, args, pos: t.pos };
    }
    if (lower === 'true' || lower === 'false')
      return { k: 'lit', value: lower === 'true', type: 'Boolean', pos: t.pos };
    if (lower === 'not_set') return { k: 'notSet', pos: t.pos };
    // `Workitem.` names a workitem flow's built-ins (Workitem.Workitem, Workitem.EventType…).
    if (/^(flow|state|task|common|workitem)\./i.test(t.text)) return { k: 'var', name: t.text, pos: t.pos };
    throw syntax(`unknown name '${t.text}' (variables start with Flow., State., Task. or Common.)`, t.pos);
  }
}

function describe(t: Token): string {
  return t.t === 'eof' ? 'end of expression' : `'${t.text}'`;
}

/**
 * Parse an expression into a tree; throws {@link ExprError} (code `SB_ARCHITECT_EXPR_SYNTAX`)
 * naming the column.
 * @example
 * parseExpression('Flow.a + 1'); // { k: 'binary', op: '+', … }
 */
export function parseExpression(text: string): ExprNode {
  return new Parser(tokenize(text)).parse();
}

const parsedCache = new Map<string, ExprNode>();

/** {@link parseExpression} remembering the last few thousand texts (a flow's expressions run again in loops and on replay). */
export function parseExpressionCached(text: string): ExprNode {
  let node = parsedCache.get(text);
  if (!node) {
    node = parseExpression(text);
    if (parsedCache.size > 5000) parsedCache.clear();
    parsedCache.set(text, node);
  }
  return node;
}
