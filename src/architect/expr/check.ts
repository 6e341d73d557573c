/**
 * @module
 * Static type checking of an expression against the declared variables, used at import so that a
 * type mismatch or an undeclared variable is reported before anything runs.
 */
import { DATA_TYPES, ORDERED_TYPES, resolveName } from '../data-types.ts';
import { ArchitectErrors } from '../errors.ts';
import type { ArchType, BaseType } from '../model.ts';
import { ExprError } from './ast.ts';
import type { ExprNode } from './ast.ts';
import { arity } from './evaluate.ts';
import { lookupFunction, stypeName, unify } from './functions.ts';
import type { SType } from './functions.ts';

/** The variable types visible to an expression. */
export interface CheckEnv {
  /** The declared type of a variable, or `undefined` if it is not declared. */
  typeOf(name: string): ArchType | undefined;
}

const isNum = (t: SType) => !t.collection && (t.base === 'Integer' || t.base === 'Decimal' || t.base === 'Any');
const isBool = (t: SType) => !t.collection && (t.base === 'Boolean' || t.base === 'Any');

function mismatch(message: string, pos: number): ExprError {
  return new ExprError(ArchitectErrors.SB_ARCHITECT_EXPR_TYPE, message, pos);
}

/**
 * Infer the type of an expression; throws {@link ExprError}: `SB_ARCHITECT_EXPR_TYPE` for a type
 * mismatch, `SB_ARCHITECT_FLOW_INVALID` for an undeclared variable.
 * @example
 * checkExpression(parseExpression('Flow.n + 1'), { typeOf: () => ({ base: 'Integer', collection: false }) });
 */
export function checkExpression(node: ExprNode, env: CheckEnv): SType {
  switch (node.k) {
    case 'lit':
      return { base: node.type, collection: false };
    case 'notSet':
      return { base: 'Any', collection: false };
    case 'var': {
      const t = resolveName(node.name, (n) => env.typeOf(n))?.type;
      if (!t)
        throw new ExprError(ArchitectErrors.SB_ARCHITECT_FLOW_INVALID, `undeclared variable '${node.name}'`, node.pos);
      return t;
    }
    case 'unary': {
      const t = checkExpression(node.operand, env);
      if (node.op === 'not') {
        if (!isBool(t)) throw mismatch(`'not' needs a Boolean; got ${stypeName(t)}`, node.pos);
        return { base: 'Boolean', collection: false };
      }
      if (!isNum(t)) throw mismatch(`'-' needs a number; got ${stypeName(t)}`, node.pos);
      return t;
    }
    case 'binary': {
      const a = checkExpression(node.left, env);
      const b = checkExpression(node.right, env);
      const { op } = node;
      const both = `${stypeName(a)} and ${stypeName(b)}`;
      if (op === 'and' || op === 'or') {
        if (!isBool(a) || !isBool(b)) throw mismatch(`'${op}' needs Boolean operands; got ${both}`, node.pos);
        return { base: 'Boolean', collection: false };
      }
      if (op === '==' || op === '!=') {
        if (!unify(a, b)) throw mismatch(`cannot compare ${both} with '${op}'`, node.pos);
        return { base: 'Boolean', collection: false };
      }
      if (op === '<' || op === '<=' || op === '>' || op === '>=') {
        const strings =
          !a.collection &&
          !b.collection &&
          (a.base === 'String' || a.base === 'Any') &&
          (b.base === 'String' || b.base === 'Any');
        const isOrdered = (t: SType) => !t.collection && ORDERED_TYPES.has(t.base);
        const isNotSet = (t: SType) => !t.collection && t.base === 'Any';
        const ordered = (isOrdered(a) && (a.base === b.base || isNotSet(b))) || (isOrdered(b) && isNotSet(a));
        if (!(isNum(a) && isNum(b)) && !strings && !ordered)
          throw mismatch(`cannot order ${both} with '${op}'`, node.pos);
        return { base: 'Boolean', collection: false };
      }
      if (op === '+' && !a.collection && !b.collection && a.base === 'String' && b.base === 'String') return a;
      if (!isNum(a) || !isNum(b)) throw mismatch(`cannot apply '${op}' to ${both}`, node.pos);
      if (op === '/' || a.base === 'Decimal' || b.base === 'Decimal') return { base: 'Decimal', collection: false };
      return { base: 'Integer', collection: false };
    }
    case 'member': {
      const target = checkExpression(node.target, env);
      if (target.base === 'Any') return { base: 'Any', collection: false };
      const props: Readonly<Record<string, BaseType>> = target.collection
        ? {}
        : (DATA_TYPES[target.base].properties ?? {});
      const key = Object.keys(props).find((k) => k.toLowerCase() === node.name.toLowerCase());
      if (!key) throw mismatch(`${stypeName(target)} has no property '${node.name}'`, node.pos);
      return { base: props[key]!, collection: false };
    }
    case 'index': {
      const target = checkExpression(node.target, env);
      const index = checkExpression(node.index, env);
      if (!target.collection) throw mismatch(`only a collection can be indexed; got ${stypeName(target)}`, node.pos);
      if (index.collection || (index.base !== 'Integer' && index.base !== 'Any'))
        throw mismatch(`a collection index must be Integer; got ${stypeName(index)}`, node.pos);
      return { base: target.base, collection: false };
    }
    case 'call': {
      const fn = lookupFunction(node.name);
      if (!fn) throw mismatch(`unknown function '${node.name}'`, node.pos);
      if (node.args.length < fn.minArgs || node.args.length > fn.maxArgs) {
        throw mismatch(
          `${fn.name} takes ${arity(fn.minArgs, fn.maxArgs)} arguments; got ${node.args.length}`,
          node.pos,
        );
      }
      return fn.check(
        node.args.map((a) => checkExpression(a, env)),
        node.pos,
      );
    }
  }
}

/** Whether a value of type `from` may be stored in a variable of type `to` (Integer widens to Decimal). */
export function assignable(from: SType, to: ArchType): boolean {
  if (from.base === 'Any') return !from.collection || to.collection;
  if (from.collection !== to.collection) return false;
  return from.base === to.base || (from.base === 'Integer' && to.base === 'Decimal');
}
