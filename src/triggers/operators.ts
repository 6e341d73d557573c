/**
 * @module
 * The 12 match operators with Jayway `EvaluatorFactory` semantics (platform.md §1.4).
 * Left is the value at the criterion's path ({@link MISSING} when it resolved to nothing; a list
 * for an indefinite path), right is the criterion's `value` or `values`.
 */
import {
  MISSING,
  compareJson as compare,
  containsJson,
  hasJsonSize,
  inJsonList,
  isPlainObject,
  jsonEquals,
} from '../core/index.ts';
import type { Operator } from './types.ts';

export { MISSING, jsonEquals } from '../core/index.ts';

/** A left value: any JSON value, or {@link MISSING}. */
export type Left = unknown;

function containsAll(left: Left, list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  if (Array.isArray(left)) return list.every((req) => left.some((el) => jsonEquals(el, req)));
  // Jayway quirk: an object cannot be turned into a list, and AllEvaluator then answers true.
  return isPlainObject(left);
}

/**
 * Apply an operator. For `Exists`, pass {@link MISSING} as left when the path resolved to nothing.
 * @example
 * applyOperator('Exists', MISSING, false) // true: the key is absent, as `value: false` asks
 * applyOperator('NotEqual', MISSING, 'x') // true: Jayway's NotEqual on a missing path
 */
export function applyOperator(op: Operator, left: Left, right: unknown): boolean {
  switch (op) {
    case 'Equal':
      return jsonEquals(left, right);
    case 'NotEqual':
      return !jsonEquals(left, right);
    case 'GreaterThan': {
      const c = compare(left, right);
      return c !== undefined && c > 0;
    }
    case 'GreaterThanOrEqual': {
      const c = compare(left, right);
      return c !== undefined && c >= 0;
    }
    case 'LessThan': {
      const c = compare(left, right);
      return c !== undefined && c < 0;
    }
    case 'LessThanOrEqual': {
      const c = compare(left, right);
      return c !== undefined && c <= 0;
    }
    case 'In':
      return inJsonList(left, right);
    case 'NotIn':
      return !inJsonList(left, right);
    case 'Contains':
      return containsJson(left, right);
    case 'All':
      return containsAll(left, right);
    case 'Exists':
      return typeof right === 'boolean' && (left !== MISSING) === right;
    case 'Size':
      return hasJsonSize(left, right);
  }
}
