/**
 * @module
 * Architect's view of action outputs (platform spec §3.3 item 9): top-level properties become
 * variables, nested objects are addressed with dots (`details.errorCode`), arrays of primitives
 * become collections, and arrays of objects become one collection per leaf (`entities.id`).
 */
import { isPlainObject } from '../core/index.ts';

/**
 * Flatten a resolved output object.
 * @example
 * flattenOutputs({ a: { b: 1 }, tags: ['x'], items: [{ id: 'i1' }, { id: 'i2' }] })
 * // → { 'a.b': 1, tags: ['x'], 'items.id': ['i1', 'i2'] }
 */
export function flattenOutputs(output: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(output)) put(out, k, v);
  return out;
}

function put(out: Record<string, unknown>, key: string, v: unknown): void {
  if (isPlainObject(v)) {
    const entries = Object.entries(v);
    if (entries.length === 0) out[key] = v;
    for (const [k, inner] of entries) put(out, `${key}.${k}`, inner);
  } else if (Array.isArray(v) && v.some((x) => isPlainObject(x))) {
    const columns: Record<string, unknown[]> = {};
    for (const item of v) {
      const flat = isPlainObject(item) ? flattenOutputs(item) : {};
      for (const [k, inner] of Object.entries(flat))
        (columns[`${key}.${k}`] ??= []).push(...(Array.isArray(inner) ? inner : [inner]));
    }
    Object.assign(out, columns);
  } else out[key] = v;
}
