/**
 * @module
 * Runtime value helpers shared by the evaluator and the functions: type names, equality and
 * string conversion, with Architect's NOT_SET rules (docs/architect-semantics.md).
 */
import { ArchitectErrors } from '../errors.ts';
import { isArchObject } from '../data-types.ts';
import type { ArchValue, BaseType } from '../model.ts';
import { ExprError } from './ast.ts';

/** The Architect type name of a runtime value (`Integer`, `String collection`, `NOT_SET`…). */
export function valueTypeName(v: ArchValue): string {
  if (v === null) return 'NOT_SET';
  if (Array.isArray(v)) {
    const first = v.find((x) => x !== null);
    return first === undefined ? 'collection' : `${valueTypeName(first)} collection`;
  }
  if (isArchObject(v)) return v.$type;
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Decimal';
  return typeof v === 'string' ? 'String' : 'Boolean';
}

/** The comparable family of a scalar value. */
function family(v: ArchValue): 'number' | 'string' | 'boolean' | 'collection' | 'notSet' | BaseType {
  if (v === null) return 'notSet';
  if (Array.isArray(v)) return 'collection';
  if (isArchObject(v)) return v.$type;
  return typeof v as 'number' | 'string' | 'boolean';
}

/** Canonical JSON (sorted keys), so that equal documents compare equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * Architect equality: NOT_SET equals only NOT_SET; numbers compare by value (Integer == Decimal);
 * strings compare case-sensitively; collections item by item. Values of different types are a
 * type error.
 * @example
 * archEquals('a', null, 1); // false
 */
export function archEquals(a: ArchValue, b: ArchValue, pos: number): boolean {
  const fa = family(a);
  const fb = family(b);
  if (fa === 'notSet' || fb === 'notSet') return fa === fb;
  if (fa !== fb)
    throw new ExprError(
      ArchitectErrors.SB_ARCHITECT_EXPR_TYPE,
      `cannot compare ${valueTypeName(a)} with ${valueTypeName(b)}`,
      pos,
    );
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => archEquals(x, b[i]!, pos));
  // Platform objects are the same object when their ids match; JSON and Currency compare by content.
  if (isArchObject(a) && isArchObject(b))
    return typeof a.id === 'string' ? a.id === b.id : canonical(a) === canonical(b);
  return a === b;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

/**
 * Architect `ToString`: NOT_SET stays NOT_SET; a collection becomes its items joined with `,`
 * (so a one-element collection gives the bare item, an empty one `""`; NOT_SET items are empty).
 * @example
 * archToString(['outbound']); // 'outbound'
 */
export function archToString(v: ArchValue): string | null {
  if (v === null) return null;
  if (Array.isArray(v)) return v.map((x) => archToString(x) ?? '').join(',');
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isArchObject(v)) return objectToString(v);
  return v;
}

/**
 * [INFERRED] JSON gives its document's text (a string document: the bare string); Currency `<amount> <code>`; a platform object its
 * properties as JSON text.
 */
function objectToString(v: Extract<ArchValue, { $type: BaseType }>): string {
  if (v.$type === 'JSON') return typeof v.value === 'string' ? v.value : (JSON.stringify(v.value) ?? 'null');
  if (v.$type === 'Currency') return `${formatNumber(v.amount as number)} ${String(v.code)}`;
  const { $type: _type, ...props } = v;
  return JSON.stringify(props);
}
