/**
 * @module
 * `POST /api/v2/users/search` (Genesys's search API over the user directory) and
 * `GET /api/v2/users/presences/purecloud/bulk`.
 *
 * Search criteria follow the search API: each criterion has a `type` (`EXACT`, `CONTAINS`,
 * `STARTS_WITH`, `REQUIRED_FIELDS`, `TERM`, `TERMS`, `MATCH_ALL`, `RANGE`, `LESS_THAN`,
 * `LESS_THAN_EQUAL_TO`, `GREATER_THAN`, `GREATER_THAN_EQUAL_TO`), `fields`, `value`/`values`, an
 * `operator` (`AND` default, `OR`, `NOT`) and nested `group`s. Text matching is case-insensitive
 * [INFERRED: the search index is analysed text]. Page size 1–100, default 25.
 */
import type { Context } from 'hono';
import { badRequest } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, OrgState } from '../../kernel.ts';
import { requirePermission } from '../../permissions.ts';
import { toUserPresence } from '../presence/provider.ts';
import { routingStore } from '../routing/store.ts';
import { toUser } from './provider.ts';
import type { UserRecord } from './store.ts';
import { usersStore } from './store.ts';

const TYPES = ['EXACT', 'CONTAINS', 'STARTS_WITH', 'REQUIRED_FIELDS', 'TERM', 'TERMS', 'MATCH_ALL', 'RANGE', 'LESS_THAN', 'LESS_THAN_EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO'] as const;
const MAX_DEPTH = 5;
const MAX_CRITERIA = 50;

interface Criterion {
  readonly type?: string;
  readonly fields?: readonly string[];
  readonly value?: string;
  readonly values?: readonly string[];
  readonly startValue?: string;
  readonly endValue?: string;
  readonly operator?: string;
  readonly group?: readonly Criterion[];
}

/** The searchable values of a user's field (a list: a user has several queues, say). */
function fieldValues(org: OrgState, u: UserRecord, field: string): string[] {
  switch (field) {
    case 'id': return [u.id];
    case 'name': return [u.name];
    case 'email': case 'addresses': case 'primaryContactInfo.address': return [u.email];
    case 'username': return [u.username];
    case 'title': return u.title === undefined ? [] : [u.title];
    case 'department': return u.department === undefined ? [] : [u.department];
    case 'state': return [u.state];
    case 'divisionId': case 'division.id': return [u.divisionId];
    case 'routingStatus.status': return [org.get(usersStore).routingStatus[u.id]?.status ?? 'OFF_QUEUE'];
    case 'queues.id': case 'queueIds': return Object.values(org.get(routingStore).queues).filter((q) => q.memberIds.includes(u.id)).map((q) => q.id);
    case 'groups.id': case 'groupIds': return Object.values(org.get(routingStore).groups).filter((g) => g.memberIds.includes(u.id)).map((g) => g.id);
    default: return [];
  }
}

/** Whether `u` satisfies one criterion (its own test, then its group). */
function matches(org: OrgState, u: UserRecord, c: Criterion): boolean {
  if (c.type === 'MATCH_ALL') return true;
  const wanted = (c.values ?? (c.value === undefined ? [] : [c.value])).map((v) => v.toLowerCase());
  const have = (c.fields ?? []).flatMap((f) => fieldValues(org, u, f)).map((v) => v.toLowerCase());
  const num = (v: string): number | string => (Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : v);
  const cmp = (a: string, b: string): number => {
    const x = num(a);
    const y = num(b);
    return typeof x === 'number' && typeof y === 'number' ? x - y : a.localeCompare(b);
  };
  let own: boolean;
  switch (c.type) {
    case 'EXACT': case 'TERM': case 'TERMS': own = have.some((h) => wanted.includes(h)); break;
    case 'CONTAINS': own = have.some((h) => wanted.some((w) => h.includes(w))); break;
    case 'STARTS_WITH': own = have.some((h) => wanted.some((w) => h.startsWith(w) || h.split(/\s+/).some((word) => word.startsWith(w)))); break;
    case 'REQUIRED_FIELDS': own = (c.fields ?? []).every((f) => fieldValues(org, u, f).length > 0); break;
    case 'RANGE': own = have.some((h) => (c.startValue === undefined || cmp(h, c.startValue.toLowerCase()) >= 0) && (c.endValue === undefined || cmp(h, c.endValue.toLowerCase()) <= 0)); break;
    case 'LESS_THAN': own = have.some((h) => wanted.some((w) => cmp(h, w) < 0)); break;
    case 'LESS_THAN_EQUAL_TO': own = have.some((h) => wanted.some((w) => cmp(h, w) <= 0)); break;
    case 'GREATER_THAN': own = have.some((h) => wanted.some((w) => cmp(h, w) > 0)); break;
    case 'GREATER_THAN_EQUAL_TO': own = have.some((h) => wanted.some((w) => cmp(h, w) >= 0)); break;
    default: own = true;
  }
  if (c.type === undefined && c.group) own = true;
  if (c.group && c.group.length > 0) own = own && combine(org, u, c.group);
  return own;
}

/** Criteria combine by their operators: AND by default, OR alternatives, NOT excluded. */
function combine(org: OrgState, u: UserRecord, criteria: readonly Criterion[]): boolean {
  const and = criteria.filter((c) => (c.operator ?? 'AND').toUpperCase() === 'AND');
  const or = criteria.filter((c) => c.operator?.toUpperCase() === 'OR');
  const not = criteria.filter((c) => c.operator?.toUpperCase() === 'NOT');
  return and.every((c) => matches(org, u, c)) && (or.length === 0 || or.some((c) => matches(org, u, c))) && !not.some((c) => matches(org, u, c));
}

/** Validate the criteria: known types and operators, fields where the type needs them, bounded size and depth. */
function validate(criteria: unknown, path: string, depth: number, count: { n: number }): Criterion[] {
  if (!Array.isArray(criteria)) throw badRequest(`${path} must be an array of search criteria`, [{ errorCode: 'invalid.value', fieldName: path }]);
  if (depth > MAX_DEPTH) throw badRequest(`${path} nests groups deeper than ${MAX_DEPTH}`, [{ errorCode: 'invalid.value', fieldName: path }]);
  return criteria.map((raw, i) => {
    const at = `${path}[${i}]`;
    if (++count.n > MAX_CRITERIA) throw badRequest(`query has more than ${MAX_CRITERIA} criteria`, [{ errorCode: 'invalid.value', fieldName: 'query' }]);
    if (typeof raw !== 'object' || raw === null) throw badRequest(`${at} must be an object`, [{ errorCode: 'invalid.value', fieldName: at }]);
    const c = raw as Criterion;
    if (c.type !== undefined && !(TYPES as readonly string[]).includes(c.type)) throw badRequest(`${at}.type ${JSON.stringify(c.type)} is not one of ${TYPES.join(', ')}`, [{ errorCode: 'invalid.value', fieldName: `${at}.type` }]);
    if (c.type === undefined && !c.group) throw badRequest(`${at}.type is required`, [{ errorCode: 'missing.value', fieldName: `${at}.type` }]);
    if (c.operator !== undefined && !['AND', 'OR', 'NOT'].includes(String(c.operator).toUpperCase())) throw badRequest(`${at}.operator must be AND, OR or NOT`, [{ errorCode: 'invalid.value', fieldName: `${at}.operator` }]);
    if (c.type !== undefined && c.type !== 'MATCH_ALL' && (!Array.isArray(c.fields) || c.fields.length === 0)) throw badRequest(`${at}.fields is required for ${c.type}`, [{ errorCode: 'missing.value', fieldName: `${at}.fields` }]);
    return { ...c, ...(c.group ? { group: validate(c.group, `${at}.group`, depth + 1, count) } : {}) };
  });
}

async function search(c: Context<EmulatorEnv>): Promise<Response> {
  const body = await readJsonObject(c);
  const org = c.get('org');
  const query = body.query === undefined ? [] : validate(body.query, 'query', 0, { n: 0 });
  const pageSize = body.pageSize === undefined ? 25 : Number(body.pageSize);
  const pageNumber = body.pageNumber === undefined ? 1 : Number(body.pageNumber);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw badRequest('pageSize must be an integer from 1 to 100', [{ errorCode: 'invalid.value', fieldName: 'pageSize' }]);
  if (!Number.isInteger(pageNumber) || pageNumber < 1) throw badRequest('pageNumber must be a positive integer', [{ errorCode: 'invalid.value', fieldName: 'pageNumber' }]);
  const expand = Array.isArray(body.expand) ? body.expand.filter((e): e is string => typeof e === 'string') : [];
  const sortBy = typeof body.sortBy === 'string' ? body.sortBy : 'name';
  const desc = String(body.sortOrder ?? 'ASC').toUpperCase() === 'DESC';
  const users = Object.values(org.get(usersStore).users)
    .filter((u) => u.state !== 'deleted' && combine(org, u, query))
    .sort((a, b) => (fieldValues(org, a, sortBy)[0] ?? '').localeCompare(fieldValues(org, b, sortBy)[0] ?? '') * (desc ? -1 : 1));
  const pageCount = Math.ceil(users.length / pageSize);
  return c.json({
    total: users.length,
    pageCount,
    pageSize,
    pageNumber,
    types: ['users'],
    results: users.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((u) => toUser(org, u, expand)),
  });
}

/** Register user search and bulk presence. */
export function registerUserSearch(app: EmulatorApp): void {
  // Genesys lists no permission for user search beyond a token of the org [INFERRED: directory:user:view, as listing users].
  app.post('/api/v2/users/search', requirePermission('directory:user:view'), search);
  app.get('/api/v2/users/presences/purecloud/bulk', (c) => {
    const org = c.get('org');
    const ids = (c.req.queries('id') ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
    if (ids.length > 100) throw badRequest(`id takes at most 100 user ids; got ${ids.length}`, [{ errorCode: 'invalid.value', fieldName: 'id' }]);
    const users = org.get(usersStore).users;
    const chosen = ids.length === 0 ? Object.keys(users) : ids.filter((id) => users[id] !== undefined);
    return c.json(chosen.map((id) => {
      const { primary: _primary, ...p } = toUserPresence(org, id);
      return { userId: id, ...p };
    }));
  });
}
