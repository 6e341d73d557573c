/**
 * @module
 * Variable type constraints: a value converted to `string`, `number`, `bool`, and checked against
 * collection types, as Terraform converts `--var` strings and tfvars values.
 */
import type { Node } from './parser.ts';
import { Unknown, isObject, materialize, numberText } from './values.ts';
import type { TfValue } from './values.ts';

/** Convert a value to a variable's type constraint (primitive conversions, collections checked loosely). */
export function convertType(value: TfValue, type: Node, error: (why: string) => Error): TfValue {
  const t = type.text.replace(/\s+/g, '');
  if (value === null || value instanceof Unknown || t === 'any') return value;
  if (t === 'string') {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return numberText(value);
    if (typeof value === 'boolean') return String(value);
    throw error('string required');
  }
  if (t === 'number') {
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    throw error(`a number is required; got ${JSON.stringify(materialize(value))}`);
  }
  if (t === 'bool') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw error(`a bool is required; got ${JSON.stringify(materialize(value))}`);
  }
  const m = materialize(value);
  if (/^(list|set|tuple)\b/.test(t) && !Array.isArray(m)) throw error(`a ${t.split('(')[0]} is required`);
  if (/^(map|object)\b/.test(t) && !isObject(m)) throw error(`a ${t.split('(')[0]} is required`);
  if (/^set\b/.test(t) && Array.isArray(m))
    return [...new Set(m.map((x) => JSON.stringify(x)))].map((x) => JSON.parse(x) as TfValue);
  return m;
}
