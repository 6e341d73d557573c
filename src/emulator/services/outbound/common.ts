/**
 * @module
 * What the Outbound routes share: the store, the clock's time, the 404s of unknown ids, the 400s
 * naming a field, boolean query parameters, the optimistic `version` of an update, the division a
 * body names, and the listings of `GET /contactlists` and `GET /dnclists` (name filter, sorting,
 * paging).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError, badRequest, conflict, notFound } from '../../errors.ts';
import { pageParams, paged } from '../../http.ts';
import type { PagedListing } from '../../http.ts';
import type { EmulatorEnv } from '../../provider-contract.ts';
import { usersStore } from '../users/store.ts';
import { outboundStore } from './store.ts';
import type { ContactListRecord, DncListRecord, OutboundStore } from './store.ts';

type C = Context<EmulatorEnv>;

/** The base path of the API. */
export const OB = '/api/v2/outbound';

/** The org's Outbound store. */
export const ob = (c: C): OutboundStore => c.get('org').get(outboundStore);

/** Mark the store changed (persisted). */
export const touch = (c: C): void => c.get('org').touch(outboundStore);

/** The emulator clock's time, ISO-8601. */
export const now = (c: C): string => new Date(c.get('services').clock.now()).toISOString();

/** A `{ id }` reference in a body (`division`, `attemptLimits`). */
export const REF = z.object({ id: z.string().trim().min(1) }).loose();

/** An ISO-8601 date-time with a zone; the SDK documents `yyyy-MM-ddTHH:mmZ` for DNC expirations. */
export const DATE_TIME = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/,
    'an ISO-8601 date-time with a zone (yyyy-MM-ddTHH:mmZ)',
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO-8601 date-time with a zone (yyyy-MM-ddTHH:mmZ)');

/** 400 `bad.request` naming one field of the body or query. */
export function fieldError(field: string, message: string): ApiError {
  return badRequest(message, [{ errorCode: 'invalid.value', fieldName: field }]);
}

/** The contact list of a path parameter, or 404. */
export function contactListOf(c: C, id: string): ContactListRecord {
  const l = ob(c).contactLists[id];
  if (!l) throw notFound('contact list', id);
  return l;
}

/** The DNC list of a path parameter, or 404. */
export function dncListOf(c: C, id: string): DncListRecord {
  const l = ob(c).dncLists[id];
  if (!l) throw notFound('DNC list', id);
  return l;
}

/** A boolean query parameter (`true` / `false`, absent: `dflt`); 400 naming it otherwise. */
export function boolQuery(c: C, name: string, dflt = false): boolean {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return dflt;
  if (raw !== 'true' && raw !== 'false') throw fieldError(name, `${name} must be true or false; got "${raw}"`);
  return raw === 'true';
}

/** The values of a repeated or comma-separated query parameter. */
export function listQuery(c: C, name: string): string[] {
  return (c.req.queries(name) ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * The division a body names: the org's home division when absent [INFERRED: the emulated org has
 * one division, so another is a 400 naming `division.id`].
 */
export function divisionOf(c: C, division: { id: string } | undefined): string {
  const home = c.get('org').get(usersStore).division.id;
  if (division !== undefined && division.id !== home)
    throw fieldError('division.id', `division ${division.id} does not exist (the org has one, ${home})`);
  return home;
}

/** The division as a `DomainEntityRef`. */
export function divisionRef(c: C, id: string): Record<string, string> {
  const home = c.get('org').get(usersStore).division;
  return {
    id,
    ...(id === home.id ? { name: home.name } : {}),
    selfUri: `/api/v2/authorization/divisions/${id}`,
  };
}

/**
 * An update's `version`: the SDK documents it as "required for updates, must match the version
 * number of the most recent update" — 400 naming `version` when absent, 409 when stale.
 */
export function checkVersion(what: string, current: { version: number }, version: number | undefined): void {
  if (version === undefined)
    throw fieldError('version', `version is required to update a ${what}; GET it and send its version`);
  if (version !== current.version)
    throw new ApiError(
      409,
      'general.conflict',
      `The ${what} was changed since version ${version}: its version is ${current.version}; GET it again and retry`,
    );
}

/** Whether another record already has `name` (case-insensitive) [INFERRED: names are unique in the org]. */
/**
 * What a new list (contact or DNC) starts with: a fresh id, its division, version 1 and the clock's
 * dates; a name another list of its kind has is a 409.
 */
export function newListBase(
  c: C,
  others: Iterable<{ id: string; name: string }>,
  body: { name: string; division?: { id: string } | null | undefined },
  kind: string,
): { id: string; name: string; divisionId: string; version: number; dateCreated: string; dateModified: string } {
  const divisionId = divisionOf(c, body.division ?? undefined);
  if (nameTaken(others, body.name)) throw conflict(`A ${kind} named "${body.name}" already exists`);
  const at = now(c);
  return {
    id: c.get('services').ids.uuid(),
    name: body.name,
    divisionId,
    version: 1,
    dateCreated: at,
    dateModified: at,
  };
}

export function nameTaken(items: Iterable<{ id: string; name: string }>, name: string, exceptId?: string): boolean {
  const n = name.trim().toLowerCase();
  for (const x of items) if (x.id !== exceptId && x.name.trim().toLowerCase() === n) return true;
  return false;
}

/** The SDK's `filterType` values of the list operations (how `name` matches). */
const FILTER_TYPES = [
  'Equals',
  'RegEx',
  'Contains',
  'Prefix',
  'LessThan',
  'LessThanEqualTo',
  'GreaterThan',
  'GreaterThanEqualTo',
  'BeginsWith',
  'EndsWith',
] as const;

/** The sortable fields of a listing [INFERRED: the SDK names no values of `sortBy`]. */
const SORT_FIELDS = ['name', 'id', 'dateCreated', 'dateModified'] as const;

type Listable = Pick<ContactListRecord, 'id' | 'name' | 'divisionId' | 'dateCreated' | 'dateModified'>;

/** A matcher of names for `name` and `filterType` (case-insensitive [INFERRED]); undefined without `name`. */
function nameMatcher(c: C): ((name: string) => boolean) | undefined {
  const filterType = c.req.query('filterType') || 'Prefix';
  if (!(FILTER_TYPES as readonly string[]).includes(filterType))
    throw fieldError('filterType', `filterType must be one of ${FILTER_TYPES.join(', ')}; got "${filterType}"`);
  const raw = c.req.query('name');
  if (raw === undefined || raw === '') return undefined;
  const q = raw.toLowerCase();
  switch (filterType as (typeof FILTER_TYPES)[number]) {
    case 'Equals':
      return (n) => n.toLowerCase() === q;
    case 'Contains':
      return (n) => n.toLowerCase().includes(q);
    case 'Prefix':
    case 'BeginsWith':
      return (n) => n.toLowerCase().startsWith(q);
    case 'EndsWith':
      return (n) => n.toLowerCase().endsWith(q);
    case 'LessThan':
      return (n) => n.toLowerCase() < q;
    case 'LessThanEqualTo':
      return (n) => n.toLowerCase() <= q;
    case 'GreaterThan':
      return (n) => n.toLowerCase() > q;
    case 'GreaterThanEqualTo':
      return (n) => n.toLowerCase() >= q;
    case 'RegEx': {
      let re: RegExp;
      try {
        re = new RegExp(raw, 'i');
      } catch {
        throw fieldError('name', `name is not a valid regular expression for filterType RegEx: "${raw}"`);
      }
      return (n) => re.test(n);
    }
  }
}

/**
 * One page of `items` as `GET /contactlists` and `GET /dnclists` answer it: filtered by `name`
 * (as `filterType` says, `Prefix` by default), `id` and `divisionId` (repeated or comma-separated),
 * sorted by `sortBy` (`name` by default) in `sortOrder` (`ascending` by default), `pageSize` up to
 * 100 (the SDK: "the max that will be returned is 100"; a larger one is capped).
 */
export function listing<T extends Listable>(
  c: C,
  items: readonly T[],
  view: (item: T) => Record<string, unknown>,
  basePath: string,
  keep: (item: T) => boolean = () => true,
): PagedListing<Record<string, unknown>> {
  const byName = nameMatcher(c);
  const ids = listQuery(c, 'id');
  const divisions = listQuery(c, 'divisionId');
  const sortBy = c.req.query('sortBy') || 'name';
  if (!(SORT_FIELDS as readonly string[]).includes(sortBy))
    throw fieldError('sortBy', `sortBy must be one of ${SORT_FIELDS.join(', ')}; got "${sortBy}"`);
  const sortOrder = (c.req.query('sortOrder') || 'ascending').toLowerCase();
  if (sortOrder !== 'ascending' && sortOrder !== 'descending')
    throw fieldError('sortOrder', `sortOrder must be ascending or descending; got "${c.req.query('sortOrder')}"`);
  const p = pageParams(c, { maxSize: 1_000_000 });
  const key = sortBy as (typeof SORT_FIELDS)[number];
  const all = items
    .filter(
      (i) =>
        (!byName || byName(i.name)) &&
        (ids.length === 0 || ids.includes(i.id)) &&
        (divisions.length === 0 || divisions.includes(i.divisionId)) &&
        keep(i),
    )
    .sort((a, b) => a[key].localeCompare(b[key]) * (sortOrder === 'descending' ? -1 : 1));
  return paged(all.map(view), { pageSize: Math.min(p.pageSize, 100), pageNumber: p.pageNumber }, basePath);
}
