/**
 * @module
 * Runtime value helpers shared by the evaluator and the functions: type names, equality and
 * string conversion, with Architect's NOT_SET rules (docs/architect-semantics.md).
 */
import { ArchitectErrors } from '../errors.ts';
import type { ArchValue } from '../model.ts';
import { ExprError } from './ast.ts';

/** The Architect type name of a runtime value (`Integer`, `String collection`, `NOT_SET`…). */
export function valueTypeName(v: ArchValue): string {
  if (v === null) return 'NOT_SET';
  if (Array.isArray(v)) {
    const first = v.find((x) => x !== null);
    return first === undefined ? 'collection' : `${valueTypeName(first)} collection`;
  }
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Decimal';
  return typeof v === 'string' ? 'String' : 'Boolean';
}

/** The comparable family of a scalar value. */
function family(v: ArchValue): 'number' | 'string' | 'boolean' | 'collection' | 'notSet' {
  if (v === null) return 'notSet';
  if (Array.isArray(v)) return 'collection';
  return typeof v as 'number' | 'string' | 'boolean';
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
  if (fa !== fb) throw new ExprError(ArchitectErrors.SB_ARCHITECT_EXPR_TYPE, `cannot compare ${valueTypeName(a)} with ${valueTypeName(b)}`, pos);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => archEquals(x, b[i]!, pos));
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
  return typeof v === 'boolean' ? (v ? 'true' : 'false') : v;
}
