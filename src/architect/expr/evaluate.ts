/**
 * @module
 * The runtime evaluator: a pure function of the tree and the variable values. `If`, `and` and `or`
 * evaluate lazily; NOT_SET reaching an operator that needs a value is an error (platform NOT_SET rules,
 * docs/architect-semantics.md).
 */
import { readPath } from '../data-types.ts';
import { ArchitectErrors } from '../errors.ts';
import type { ArchType, ArchValue } from '../model.ts';
import { ExprError } from './ast.ts';
import type { BinaryOp, ExprNode } from './ast.ts';
import { lookupFunction } from './functions.ts';
import { archEquals, valueTypeName } from './values.ts';

/** How the evaluator reads variables. */
export interface EvalEnv {
  /** The value of a variable; throw if it is not declared. */
  lookup(name: string, pos: number): ArchValue;
  /**
   * The declared type of a variable. Without it a NOT_SET value cannot be told to be a collection,
   * so `Contains` on it follows the string rule (an error).
   */
  typeOf?(name: string): ArchType | undefined;
  /** The flow's deterministic time (epoch ms), for `GetCurrentDateTimeUtc`. */
  now?(): number;
}

function typeError(message: string, pos: number): ExprError {
  return new ExprError(ArchitectErrors.SB_ARCHITECT_EXPR_TYPE, message, pos);
}
function notSet(what: string, pos: number): ExprError {
  return new ExprError(ArchitectErrors.SB_ARCHITECT_NOT_SET, `${what} is NOT_SET`, pos);
}

function bool(v: ArchValue, what: string, pos: number): boolean {
  if (v === null) throw notSet(what, pos);
  if (typeof v !== 'boolean') throw typeError(`${what} must be Boolean; got ${valueTypeName(v)}`, pos);
  return v;
}

function arithmetic(op: BinaryOp, a: ArchValue, b: ArchValue, pos: number): ArchValue {
  if (a === null) throw notSet(`the left operand of '${op}'`, pos);
  if (b === null) throw notSet(`the right operand of '${op}'`, pos);
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (typeof a !== 'number' || typeof b !== 'number') {
    throw typeError(`cannot apply '${op}' to ${valueTypeName(a)} and ${valueTypeName(b)}`, pos);
  }
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    default:
      if (b === 0) throw new ExprError(ArchitectErrors.SB_ARCHITECT_VALUE_INVALID, `division by zero in '${op}'`, pos);
      return op === '/' ? a / b : a % b;
  }
}

function ordering(op: BinaryOp, a: ArchValue, b: ArchValue, pos: number): boolean {
  if (a === null || b === null) throw notSet(`an operand of '${op}'`, pos);
  const sameKind = (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  if (!sameKind) throw typeError(`cannot order ${valueTypeName(a)} and ${valueTypeName(b)} with '${op}'`, pos);
  const x = a;
  const y = b;
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}

/**
 * Evaluate an expression tree. Throws {@link ExprError} with the column of the failing part.
 * @example
 * evaluate(parseExpression('1 + 2'), { lookup: () => null }); // 3
 */
export function evaluate(node: ExprNode, env: EvalEnv): ArchValue {
  switch (node.k) {
    case 'lit':
      return node.value;
    case 'notSet':
      return null;
    case 'var':
      return env.lookup(node.name, node.pos);
    case 'unary': {
      const v = evaluate(node.operand, env);
      if (node.op === 'not') return !bool(v, "the operand of 'not'", node.pos);
      if (v === null) throw notSet("the operand of '-'", node.pos);
      if (typeof v !== 'number') throw typeError(`cannot negate ${valueTypeName(v)}`, node.pos);
      return -v;
    }
    case 'binary': {
      const { op } = node;
      if (op === 'and' || op === 'or') {
        const left = bool(evaluate(node.left, env), `the left operand of '${op}'`, node.pos);
        if (op === 'and' ? !left : left) return left;
        return bool(evaluate(node.right, env), `the right operand of '${op}'`, node.pos);
      }
      const a = evaluate(node.left, env);
      const b = evaluate(node.right, env);
      if (op === '==') return archEquals(a, b, node.pos);
      if (op === '!=') return !archEquals(a, b, node.pos);
      if (op === '<' || op === '<=' || op === '>' || op === '>=') return ordering(op, a, b, node.pos);
      return arithmetic(op, a, b, node.pos);
    }
    case 'member':
      return readPath(evaluate(node.target, env), [node.name]);
    case 'index': {
      const target = evaluate(node.target, env);
      const index = evaluate(node.index, env);
      return lookupFunction('GetAt')!.call([target, index], node.pos);
    }
    case 'call': {
      const fn = lookupFunction(node.name);
      if (!fn) throw typeError(`unknown function '${node.name}'`, node.pos);
      if (node.args.length < fn.minArgs || node.args.length > fn.maxArgs) {
        throw typeError(
          `${fn.name} takes ${arity(fn.minArgs, fn.maxArgs)} arguments; got ${node.args.length}`,
          node.pos,
        );
      }
      if (fn.name === 'If') {
        const cond = bool(evaluate(node.args[0]!, env), 'the condition of If', node.pos);
        return evaluate(node.args[cond ? 1 : 2]!, env);
      }
      const args = node.args.map((a) => evaluate(a, env));
      // docs/architect-semantics.md: Contains on a NOT_SET collection treats it as empty.
      if (fn.name === 'Contains' && args[0] === null && isCollectionNode(node.args[0]!, env)) return false;
      const now = env.now?.bind(env);
      return fn.call(args, node.pos, now ? { now } : undefined);
    }
  }
}

/** Whether an expression is statically a collection: a collection variable, or an `If` with one in either branch. */
function isCollectionNode(node: ExprNode, env: EvalEnv): boolean {
  if (node.k === 'var') return env.typeOf?.(node.name)?.collection === true;
  if (node.k === 'call' && node.name.toLowerCase() === 'if')
    return node.args.slice(1).some((a) => isCollectionNode(a, env));
  return false;
}

/** Describe an arity range for messages. */
export function arity(min: number, max: number): string {
  if (min === max) return String(min);
  return max === Infinity ? `at least ${min}` : `${min} to ${max}`;
}
