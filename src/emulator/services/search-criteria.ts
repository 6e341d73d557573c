/**
 * @module
 * The criteria of Genesys's search API (`SearchCriteria`), shared by the directory searches
 * (users, groups): each criterion has a `type` (`EXACT`, `CONTAINS`, `STARTS_WITH`,
 * `REQUIRED_FIELDS`, `TERM`, `TERMS`, `MATCH_ALL`, `RANGE`, `LESS_THAN`, `LESS_THAN_EQUAL_TO`,
 * `GREATER_THAN`, `GREATER_THAN_EQUAL_TO`), `fields`, `value`/`values`, an `operator` (`AND`
 * default, `OR`, `NOT`) and nested `group`s. Text matching is case-insensitive [INFERRED: the
 * search index is analysed text].
 */
import { badRequest } from '../errors.ts';

const SEARCH_TYPES = [
  'EXACT',
  'CONTAINS',
  'STARTS_WITH',
  'REQUIRED_FIELDS',
  'TERM',
  'TERMS',
  'MATCH_ALL',
  'RANGE',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
] as const;
/** How deep groups nest, and how many criteria a query holds, at most. */
const MAX_DEPTH = 5;
const MAX_CRITERIA = 50;

/** One criterion of a search request (`SearchCriteria`). */
export interface Criterion {
  readonly type?: string;
  readonly fields?: readonly string[];
  readonly value?: string;
  readonly values?: readonly string[];
  readonly startValue?: string;
  readonly endValue?: string;
  readonly operator?: string;
  readonly group?: readonly Criterion[];
}

/** The searchable values of one record's field. */
export type FieldValues = (field: string) => readonly string[];

/** Whether a record satisfies one criterion (its own test, then its group). */
function matches(values: FieldValues, c: Criterion): boolean {
  if (c.type === 'MATCH_ALL') return true;
  const wanted = (c.values ?? (c.value === undefined ? [] : [c.value])).map((v) => v.toLowerCase());
  const have = (c.fields ?? []).flatMap((f) => values(f)).map((v) => v.toLowerCase());
  const num = (v: string): number | string => (Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : v);
  const cmp = (a: string, b: string): number => {
    const x = num(a);
    const y = num(b);
    return typeof x === 'number' && typeof y === 'number' ? x - y : a.localeCompare(b);
  };
  let own: boolean;
  switch (c.type) {
    case 'EXACT':
    case 'TERM':
    case 'TERMS':
      own = have.some((h) => wanted.includes(h));
      break;
    case 'CONTAINS':
      own = have.some((h) => wanted.some((w) => h.includes(w)));
      break;
    case 'STARTS_WITH':
      own = have.some((h) => wanted.some((w) => h.startsWith(w) || h.split(/\s+/).some((word) => word.startsWith(w))));
      break;
    case 'REQUIRED_FIELDS':
      own = (c.fields ?? []).every((f) => values(f).length > 0);
      break;
    case 'RANGE':
      own = have.some(
        (h) =>
          (c.startValue === undefined || cmp(h, c.startValue.toLowerCase()) >= 0) &&
          (c.endValue === undefined || cmp(h, c.endValue.toLowerCase()) <= 0),
      );
      break;
    case 'LESS_THAN':
      own = have.some((h) => wanted.some((w) => cmp(h, w) < 0));
      break;
    case 'LESS_THAN_EQUAL_TO':
      own = have.some((h) => wanted.some((w) => cmp(h, w) <= 0));
      break;
    case 'GREATER_THAN':
      own = have.some((h) => wanted.some((w) => cmp(h, w) > 0));
      break;
    case 'GREATER_THAN_EQUAL_TO':
      own = have.some((h) => wanted.some((w) => cmp(h, w) >= 0));
      break;
    default:
      own = true;
  }
  if (c.type === undefined && c.group) own = true;
  if (c.group && c.group.length > 0) own = own && combine(values, c.group);
  return own;
}

/**
 * Whether a record matches search criteria combined by their operators: AND by default, OR
 * alternatives, NOT excluded.
 */
export function combine(values: FieldValues, criteria: readonly Criterion[]): boolean {
  const and = criteria.filter((c) => (c.operator ?? 'AND').toUpperCase() === 'AND');
  const or = criteria.filter((c) => c.operator?.toUpperCase() === 'OR');
  const not = criteria.filter((c) => c.operator?.toUpperCase() === 'NOT');
  return (
    and.every((c) => matches(values, c)) &&
    (or.length === 0 || or.some((c) => matches(values, c))) &&
    !not.some((c) => matches(values, c))
  );
}

/** Validate search criteria: known types and operators, fields where the type needs them, bounded size and depth. */
export function validate(criteria: unknown, path: string, depth: number, count: { n: number }): Criterion[] {
  if (!Array.isArray(criteria))
    throw badRequest(`${path} must be an array of search criteria`, [{ errorCode: 'invalid.value', fieldName: path }]);
  if (depth > MAX_DEPTH)
    throw badRequest(`${path} nests groups deeper than ${MAX_DEPTH}`, [
      { errorCode: 'invalid.value', fieldName: path },
    ]);
  return criteria.map((raw, i) => {
    const at = `${path}[${i}]`;
    if (++count.n > MAX_CRITERIA)
      throw badRequest(`query has more than ${MAX_CRITERIA} criteria`, [
        { errorCode: 'invalid.value', fieldName: 'query' },
      ]);
    if (typeof raw !== 'object' || raw === null)
      throw badRequest(`${at} must be an object`, [{ errorCode: 'invalid.value', fieldName: at }]);
    const c = raw as Criterion;
    if (c.type !== undefined && !(SEARCH_TYPES as readonly string[]).includes(c.type))
      throw badRequest(`${at}.type ${JSON.stringify(c.type)} is not one of ${SEARCH_TYPES.join(', ')}`, [
        { errorCode: 'invalid.value', fieldName: `${at}.type` },
      ]);
    if (c.type === undefined && !c.group)
      throw badRequest(`${at}.type is required`, [{ errorCode: 'missing.value', fieldName: `${at}.type` }]);
    if (c.operator !== undefined && !['AND', 'OR', 'NOT'].includes(String(c.operator).toUpperCase()))
      throw badRequest(`${at}.operator must be AND, OR or NOT`, [
        { errorCode: 'invalid.value', fieldName: `${at}.operator` },
      ]);
    if (c.type !== undefined && c.type !== 'MATCH_ALL' && (!Array.isArray(c.fields) || c.fields.length === 0))
      throw badRequest(`${at}.fields is required for ${c.type}`, [
        { errorCode: 'missing.value', fieldName: `${at}.fields` },
      ]);
    return { ...c, ...(c.group ? { group: validate(c.group, `${at}.group`, depth + 1, count) } : {}) };
  });
}

/** A search request's page (`pageSize` 1–100, default 25; `pageNumber` from 1), or a 400 naming the field. */
export function searchPage(body: Record<string, unknown>): { pageSize: number; pageNumber: number } {
  const pageSize = body.pageSize === undefined ? 25 : Number(body.pageSize);
  const pageNumber = body.pageNumber === undefined ? 1 : Number(body.pageNumber);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
    throw badRequest('pageSize must be an integer from 1 to 100', [
      { errorCode: 'invalid.value', fieldName: 'pageSize' },
    ]);
  if (!Number.isInteger(pageNumber) || pageNumber < 1)
    throw badRequest('pageNumber must be a positive integer', [
      { errorCode: 'invalid.value', fieldName: 'pageNumber' },
    ]);
  return { pageSize, pageNumber };
}
