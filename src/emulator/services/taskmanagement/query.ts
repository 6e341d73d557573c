/**
 * @module
 * The query of workbins, worktypes and workitems (`POST …/query`): `filters` (`WorkitemFilter`:
 * an attribute name, its type `String` or `Int`, an operator of the SDK's enum, values), `sort`,
 * `pageSize` (at most 200, default 25), the `after` cursor, `select: "Count"` and `attributes`.
 *
 * Every filter must hold (AND). Operators: `EQ`, `NEQ`, `GT`, `LT`, `GTE`, `LTE`, `BEGINS_WITH`
 * and `CONTAINS` take one value, `BETWEEN` two (inclusive), `IN` one or more. Dates compare as
 * instants. [INFERRED] `CONTAINS` ignores case, the other string operators do not; `NEQ` matches a
 * record without the attribute; without `sort` the order is `dateCreated` ascending; `ascending`
 * defaults to true; records without the sort attribute come last; the cursor is opaque and valid
 * as long as the matching records do not change.
 */
import { z } from 'zod';
import { fieldError } from './common.ts';

/** A filterable attribute of a record. */
interface Attr<R> {
  readonly type: 'String' | 'Int';
  /** A date-time: values compare as instants. */
  readonly date?: boolean;
  get(r: R): string | number | undefined;
}

const OPERATORS = ['EQ', 'NEQ', 'GT', 'LT', 'GTE', 'LTE', 'IN', 'CONTAINS', 'BETWEEN', 'BEGINS_WITH'] as const;
type Operator = (typeof OPERATORS)[number];

const Filter = z
  .object({
    name: z.string().min(1).max(200),
    type: z.enum(['String', 'Int']),
    operator: z.enum(OPERATORS),
    values: z.array(z.string().max(1_000)).max(100),
  })
  .loose();

/** The body of a query (`WorkitemQueryPostRequest`, `WorkbinQueryRequest`, `WorktypeQueryRequest`). */
export const QueryBody = z
  .object({
    pageSize: z.number().int().min(1).max(200).optional(),
    select: z.enum(['Count']).optional(),
    filters: z.array(Filter).max(50),
    attributes: z.array(z.string().min(1).max(200)).max(100).optional(),
    after: z.string().max(2_000).optional(),
    sort: z
      .object({ name: z.string().min(1).max(200), ascending: z.boolean().optional() })
      .loose()
      .optional(),
    // A workitem query names expands in a list, a worktype query in a string.
    expands: z.union([z.array(z.string().max(100)).max(20), z.string().max(500)]).optional(),
  })
  .loose();

/** A parsed query body. */
export type QueryRequest = z.infer<typeof QueryBody>;

/** What one kind of record may be filtered and sorted on. */
export interface QuerySpec<R> {
  readonly attrs: Readonly<Record<string, Attr<R>>>;
  readonly sorts: readonly string[];
}

/** One page of the matching records, the cursor of the next page, and how many match. */
interface QueryPage<R> {
  readonly page: R[];
  readonly after?: string;
  readonly count: number;
}

type Value = string | number;

const ARITY: Partial<Record<Operator, string>> = { BETWEEN: 'two values', IN: 'one or more values' };

function arity(op: Operator, n: number): boolean {
  if (op === 'IN') return n >= 1;
  if (op === 'BETWEEN') return n === 2;
  return n === 1;
}

function compile<R>(f: z.infer<typeof Filter>, i: number, spec: QuerySpec<R>): (r: R) => boolean {
  const at = `filters[${i}]`;
  const attr = spec.attrs[f.name];
  if (!attr)
    throw fieldError(
      `${at}.name`,
      `${at}: "${f.name}" can not be filtered on; use one of ${Object.keys(spec.attrs).join(', ')}`,
    );
  if (attr.type !== f.type) throw fieldError(`${at}.type`, `${at}: "${f.name}" is of type ${attr.type}, not ${f.type}`);
  if (!arity(f.operator, f.values.length))
    throw fieldError(
      `${at}.values`,
      `${at}: ${f.operator} takes ${ARITY[f.operator] ?? 'one value'}; got ${f.values.length}`,
    );
  if ((f.operator === 'CONTAINS' || f.operator === 'BEGINS_WITH') && (attr.type !== 'String' || attr.date))
    throw fieldError(`${at}.operator`, `${at}: ${f.operator} applies to text attributes; "${f.name}" is not one`);
  const values: Value[] = f.values.map((v) => {
    if (attr.type === 'Int') {
      if (!/^-?\d+$/.test(v.trim())) throw fieldError(`${at}.values`, `${at}: "${v}" is not an integer`);
      return Number(v);
    }
    if (attr.date) {
      const t = Date.parse(v);
      if (Number.isNaN(t)) throw fieldError(`${at}.values`, `${at}: "${v}" is not an ISO-8601 date-time`);
      return t;
    }
    return v;
  });
  const read = (r: R): Value | undefined => {
    const v = attr.get(r);
    return v !== undefined && attr.date ? Date.parse(String(v)) : v;
  };
  const [a, b] = values as [Value, Value];
  return (r) => {
    const v = read(r);
    if (v === undefined) return f.operator === 'NEQ';
    switch (f.operator) {
      case 'EQ':
        return v === a;
      case 'NEQ':
        return v !== a;
      case 'IN':
        return values.includes(v);
      case 'GT':
        return v > a;
      case 'GTE':
        return v >= a;
      case 'LT':
        return v < a;
      case 'LTE':
        return v <= a;
      case 'BETWEEN':
        return v >= a && v <= b;
      case 'CONTAINS':
        return String(v).toLowerCase().includes(String(a).toLowerCase());
      case 'BEGINS_WITH':
        return String(v).startsWith(String(a));
    }
  };
}

const cursor = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');

function offsetOf(after: string | undefined): number {
  if (after === undefined || after === '') return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!m) throw fieldError('after', `after "${after.slice(0, 40)}" is not a cursor this query returned`);
  return Number(m[1]);
}

/**
 * The records matching the query's filters, sorted, from the cursor on.
 * @example
 * runQuery(items, { filters: [{ name: 'typeId', type: 'String', operator: 'EQ', values: [id] }] }, spec)
 */
export function runQuery<R extends { id: string; dateCreated: string }>(
  all: readonly R[],
  q: QueryRequest,
  spec: QuerySpec<R>,
): QueryPage<R> {
  const tests = q.filters.map((f, i) => compile(f, i, spec));
  const sortName = q.sort?.name ?? 'dateCreated';
  if (q.sort !== undefined && !spec.sorts.includes(q.sort.name))
    throw fieldError('sort.name', `sort "${q.sort.name}" is not one of ${spec.sorts.join(', ')}`);
  const key: Attr<R> = spec.attrs[sortName] ?? { type: 'String', date: true, get: (r) => r.dateCreated };
  const dir = q.sort?.ascending === false ? -1 : 1;
  const valueOf = (r: R): Value | undefined => {
    const v = key.get(r);
    return v !== undefined && key.date ? Date.parse(String(v)) : v;
  };
  const matching = all
    .filter((r) => tests.every((t) => t(r)))
    .sort((x, y) => {
      const a = valueOf(x);
      const b = valueOf(y);
      if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
      const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
      return c !== 0 ? c * dir : x.id.localeCompare(y.id);
    });
  const from = offsetOf(q.after);
  const size = q.pageSize ?? 25;
  const page = matching.slice(from, from + size);
  return {
    page,
    count: matching.length,
    ...(from + size < matching.length ? { after: cursor(from + size) } : {}),
  };
}

/**
 * An entity reduced to `attributes` (with `id` and `selfUri`), when the query names some;
 * `aliases` maps an attribute name to the field that carries it (`typeId` → `type`).
 */
export function project(
  entity: Record<string, unknown>,
  attributes: readonly string[] | undefined,
  aliases: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  if (attributes === undefined || attributes.length === 0) return entity;
  const keep = new Set(['id', 'selfUri', ...attributes.map((a) => aliases[a] ?? a)]);
  return Object.fromEntries(Object.entries(entity).filter(([k]) => keep.has(k)));
}
