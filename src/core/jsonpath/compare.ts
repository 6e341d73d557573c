/**
 * @module
 * Jayway `EvaluatorFactory` value semantics (platform.md §1.4), shared by JSONPath filters and
 * the trigger operators: JSON equality with string↔number by value, ordering only within numbers
 * or within strings, list membership, containment and size.
 */
import { isPlainObject } from '../json.ts';

/** The value of a path that resolved to nothing (Jayway's `UNDEFINED` node). */
export const MISSING: unique symbol = Symbol('missing');

// Java's BigDecimal(String) grammar: no blanks, no hex, no Infinity/NaN.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Structural JSON equality, strict on types (Jayway compares JSON nodes with Java `equals`). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
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
 * JSON equality where a string and a number are equal when the string is a decimal of the same
 * value (`"5"` == `5`, `"5.0"` == `5`; Jayway's StringNode/NumberNode via BigDecimal). Booleans
 * equal only booleans; {@link MISSING} equals nothing, not even null.
 * @example
 * jsonEquals('5', 5) // true
 * jsonEquals(MISSING, null) // false
 */
export function jsonEquals(left: unknown, right: unknown): boolean {
  if (left === MISSING || right === MISSING) return false;
  if (left === right) return true;
  if (typeof left === 'string' && typeof right === 'number') return numericStringEquals(left, right);
  if (typeof left === 'number' && typeof right === 'string') return numericStringEquals(right, left);
  if (typeof left === 'object' && typeof right === 'object') return deepEqual(left, right);
  return false;
}

/**
 * Order two values for `<`, `<=`, `>`, `>=`: numbers numerically, strings by UTF-16 code units;
 * any other pair (`'5'` vs `4` included) is not comparable and gives undefined.
 * @example
 * compareJson('5', 4) // undefined
 */
export function compareJson(left: unknown, right: unknown): number | undefined {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  return undefined;
}

/**
 * Whether `list` is an array holding an element {@link jsonEquals} to `left`.
 * @example
 * inJsonList('a', ['a', 'b']) // true
 */
export function inJsonList(left: unknown, list: unknown): boolean {
  if (left === MISSING || !Array.isArray(list)) return false;
  for (const el of list) if (jsonEquals(left, el)) return true;
  return false;
}

/**
 * Jayway `contains`: a substring of a string, or an element of an array.
 * @example
 * containsJson(['a', 'b'], 'b') // true
 */
export function containsJson(left: unknown, right: unknown): boolean {
  if (typeof left === 'string') return typeof right === 'string' && left.includes(right);
  if (Array.isArray(left)) {
    for (const el of left) if (jsonEquals(el, right)) return true;
  }
  return false;
}

/**
 * Jayway `size`: the length of a string or array, or an object's key count, equals `right`.
 * @example
 * hasJsonSize([1, 2], 2) // true
 */
export function hasJsonSize(left: unknown, right: unknown): boolean {
  if (typeof right !== 'number' || !Number.isFinite(right)) return false;
  // Jayway takes `intValue()` of the expected size.
  const n = Math.trunc(right);
  if (typeof left === 'string' || Array.isArray(left)) return left.length === n;
  if (isPlainObject(left)) return Object.keys(left).length === n;
  return false;
}
