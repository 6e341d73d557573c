/**
 * @module
 * The 12 match operators with Jayway `EvaluatorFactory` semantics (platform.md §1.4).
 * Left is the value at the criterion's path ({@link MISSING} when it resolved to nothing; a list
 * for an indefinite path), right is the criterion's `value` or `values`.
 */
import type { Operator } from './types.ts';

/** The left value of a path that resolved to nothing (Jayway's `UNDEFINED` node). */
export const MISSING: unique symbol = Symbol('missing');

/** A left value: any JSON value, or {@link MISSING}. */
export type Left = unknown;

// Java's BigDecimal(String) grammar: no blanks, no hex, no Infinity/NaN.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural JSON equality, strict on types (Jayway compares JSON nodes with Java `equals`). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.hasOwn(b, k) || !deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

function numericStringEquals(s: string, n: number): boolean {
  return DECIMAL.test(s) && Number(s) === n;
}

/**
 * `Equal`: JSON equality where a string and a number are equal when the string is a decimal of
 * the same value (`"5"` == `5`, `"5.0"` == `5`; Jayway's StringNode/NumberNode via BigDecimal).
 * Booleans equal only booleans; a missing left equals nothing.
 * @example
 * jsonEquals('5', 5) // true
 */
export function jsonEquals(left: Left, right: unknown): boolean {
  if (left === MISSING || right === MISSING) return false;
  if (left === right) return true;
  if (typeof left === 'string' && typeof right === 'number') return numericStringEquals(left, right);
  if (typeof left === 'number' && typeof right === 'string') return numericStringEquals(right, left);
  if (typeof left === 'object' && typeof right === 'object') return deepEqual(left, right);
  return false;
}

/** Compare for the ordering operators: numbers numerically, strings by UTF-16 code units; else undefined. */
function compare(left: Left, right: unknown): number | undefined {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  return undefined;
}

function inList(left: Left, list: unknown): boolean {
  if (left === MISSING || !Array.isArray(list)) return false;
  for (const el of list) if (jsonEquals(left, el)) return true;
  return false;
}

function containsValue(left: Left, right: unknown): boolean {
  if (typeof left === 'string') return typeof right === 'string' && left.includes(right);
  if (Array.isArray(left)) {
    for (const el of left) if (jsonEquals(el, right)) return true;
  }
  return false;
}

function containsAll(left: Left, list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  if (Array.isArray(left)) return list.every((req) => left.some((el) => jsonEquals(el, req)));
  // Jayway quirk: an object cannot be turned into a list, and AllEvaluator then answers true.
  return isObject(left);
}

function hasSize(left: Left, right: unknown): boolean {
  if (typeof right !== 'number' || !Number.isFinite(right)) return false;
  // Jayway takes `intValue()` of the expected size.
  const n = Math.trunc(right);
  if (typeof left === 'string' || Array.isArray(left)) return left.length === n;
  if (isObject(left)) return Object.keys(left).length === n;
  return false;
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
      return inList(left, right);
    case 'NotIn':
      return !inList(left, right);
    case 'Contains':
      return containsValue(left, right);
    case 'All':
      return containsAll(left, right);
    case 'Exists':
      return typeof right === 'boolean' && (left !== MISSING) === right;
    case 'Size':
      return hasSize(left, right);
  }
}
