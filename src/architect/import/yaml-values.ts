/**
 * @module
 * How Archy YAML writes values, read the same way by every part of the importer: `{ exp }`,
 * `{ lit }`, `{ var }` or `{ noValue: true }`, output bindings `{ var }`, and single-key mappings.
 */
import { isPlainObject } from '../../core/index.ts';
import type { ValueSource } from '../model.ts';

type Raw = Record<string, unknown>;

/** A scalar as text (numbers as Archy writes them), or undefined. */
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** The items of a YAML list (none when it is not one). */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A single-key mapping such as `{ decision: {...} }` → ['decision', {...}]. */
export function single(item: unknown): [string, Raw] | undefined {
  if (!isPlainObject(item)) return undefined;
  const keys = Object.keys(item);
  if (keys.length !== 1) return undefined;
  const body = item[keys[0]!];
  return [keys[0]!, isPlainObject(body) ? body : {}];
}

/** Output bindings `{ <output>: { var: <variable> } }` → `{ <output>: <variable> }`. */
export function bindingsOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isPlainObject(raw)) return out;
  for (const [k, v] of Object.entries(raw)) {
    const target = isPlainObject(v) ? str(v.var) : undefined;
    if (target) out[k] = target;
  }
  return out;
}

/** `{ exp }`, `{ lit }`, `{ var }` or `{ noValue: true }` (also a bare null, as some exports have). */
export function valueSourceOf(raw: unknown): ValueSource {
  if (!isPlainObject(raw)) return { kind: 'notSet' };
  if (typeof raw.exp === 'string')
    return raw.exp.trim() === '' ? { kind: 'notSet' } : { kind: 'expression', text: raw.exp };
  if (typeof raw.var === 'string') return { kind: 'expression', text: raw.var };
  if ('lit' in raw) {
    const v = raw.lit;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      return { kind: 'literal', value: v, text: String(v) };
    if (v === null) return { kind: 'notSet' };
    return { kind: 'literal', value: JSON.stringify(v), text: JSON.stringify(v) };
  }
  return { kind: 'notSet' };
}
