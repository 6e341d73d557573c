/**
 * @module
 * Moving values across the flow boundary: workflow inputs and data-action outputs become typed
 * variable values. Data-action outputs are flattened first (platform.md §3.3 item 9): top-level keys,
 * dotted keys for nested objects, and arrays of objects become one collection per field.
 */
import { isPlainObject } from '../core/index.ts';
import { PRIMITIVE_TYPES, toRichValue } from './data-types.ts';
import type { ArchType, ArchValue, BaseType } from './model.ts';
import { typeName } from './model.ts';

/**
 * Flatten a data-action result: `{ a: { b: 1 }, details: [{ errorCode: 'x' }] }` gives
 * `a.b → 1`, `details.errorCode → ['x']` (and `a`, `details` themselves).
 * @example
 * flattenOutputs({ userParams: [{ key: 'k', value: 'v' }] }).get('userParams.key'); // ['k']
 */
export function flattenOutputs(outputs: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const visit = (prefix: string, value: unknown): void => {
    out.set(prefix, value);
    if (isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) visit(`${prefix}.${k}`, v);
    } else if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) {
      const items = value.map((item) => flattenOutputs(item));
      const keys = new Set(items.flatMap((m) => [...m.keys()]));
      for (const k of keys)
        out.set(
          `${prefix}.${k}`,
          items.map((m) => (m.has(k) ? m.get(k) : null)),
        );
    }
  };
  for (const [k, v] of Object.entries(outputs)) visit(k, v);
  return out;
}

/** Why a value cannot be converted, or the converted value. */
export type Conversion = { ok: true; value: ArchValue } | { ok: false; reason: string };

function scalar(v: unknown, base: BaseType): Conversion {
  if (v === null || v === undefined) return { ok: true, value: null };
  if (!PRIMITIVE_TYPES.has(base)) return toRichValue(v, base);
  switch (base) {
    case 'String':
      if (typeof v === 'string') return { ok: true, value: v };
      if (typeof v === 'number' || typeof v === 'boolean') return { ok: true, value: String(v) };
      if (isPlainObject(v) && typeof v.$type !== 'string') return { ok: true, value: JSON.stringify(v) };
      break;
    case 'Integer':
    case 'Decimal': {
      const n =
        typeof v === 'number'
          ? v
          : typeof v === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(v)
            ? Number(v)
            : undefined;
      if (n !== undefined && Number.isFinite(n) && (base === 'Decimal' || Number.isInteger(n)))
        return { ok: true, value: n };
      break;
    }
    case 'Boolean':
      if (typeof v === 'boolean') return { ok: true, value: v };
      if (v === 'true' || v === 'false') return { ok: true, value: v === 'true' };
      break;
  }
  return { ok: false, reason: `${JSON.stringify(v)} is not ${base === 'Integer' ? 'an' : 'a'} ${base}` };
}

/**
 * Convert an outside value (JSON) to a variable of the given type. `null`/absent is NOT_SET (an
 * empty collection for collections); a scalar given to a collection becomes a one-item collection.
 * @example
 * toVariableValue('5', { base: 'Integer', collection: false }); // { ok: true, value: 5 }
 */
export function toVariableValue(v: unknown, type: ArchType): Conversion {
  if (!type.collection) {
    // A JSON value may be an array; it is one JSON document, not a collection.
    if (Array.isArray(v) && type.base !== 'JSON')
      return { ok: false, reason: `a collection cannot be stored in a ${typeName(type)} variable` };
    return scalar(v, type.base);
  }
  if (v === null || v === undefined) return { ok: true, value: [] };
  const items = Array.isArray(v) ? v : [v];
  const out: ArchValue[] = [];
  for (const item of items) {
    const c = scalar(item, type.base);
    if (!c.ok) return { ok: false, reason: `item ${out.length}: ${c.reason}` };
    out.push(c.value);
  }
  return { ok: true, value: out };
}
