/**
 * @module
 * `POST /api/v2/users/search` (Genesys's search API over the user directory) and
 * `GET /api/v2/users/presences/purecloud/bulk`.
 *
 * Criteria as the search API has them (`../search-criteria.ts`); page size 1–100, default 25.
 */
import type { Context } from 'hono';
import { badRequest } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, OrgState } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { toUserPresence } from '../presence/provider.ts';
import { routingStore } from '../routing/store.ts';
import { combine, searchPage, validate } from '../search-criteria.ts';
import { toUser } from './provider.ts';
import type { UserRecord } from './store.ts';
import { usersStore } from './store.ts';

/** The searchable values of a user's field (a list: a user has several queues, say). */
function fieldValues(org: OrgState, u: UserRecord, field: string): string[] {
  switch (field) {
    case 'id':
      return [u.id];
    case 'name':
      return [u.name];
    case 'email':
    case 'addresses':
    case 'primaryContactInfo.address':
      return [u.email];
    case 'username':
      return [u.username];
    case 'title':
      return u.title === undefined ? [] : [u.title];
    case 'department':
      return u.department === undefined ? [] : [u.department];
    case 'state':
      return [u.state];
    case 'divisionId':
    case 'division.id':
      return [u.divisionId];
    case 'routingStatus.status':
      return [org.get(usersStore).routingStatus[u.id]?.status ?? 'OFF_QUEUE'];
    case 'queues.id':
    case 'queueIds':
      return Object.values(org.get(routingStore).queues)
        .filter((q) => q.memberIds.includes(u.id))
        .map((q) => q.id);
    case 'groups.id':
    case 'groupIds':
      return Object.values(org.get(routingStore).groups)
        .filter((g) => g.memberIds.includes(u.id))
        .map((g) => g.id);
    default:
      return [];
  }
}

async function search(c: Context<EmulatorEnv>): Promise<Response> {
  const body = await readJsonObject(c);
  const org = c.get('org');
  const query = body.query === undefined ? [] : validate(body.query, 'query', 0, { n: 0 });
  const { pageSize, pageNumber } = searchPage(body);
  const expand = Array.isArray(body.expand) ? body.expand.filter((e): e is string => typeof e === 'string') : [];
  const sortBy = typeof body.sortBy === 'string' ? body.sortBy : 'name';
  const desc = String(body.sortOrder ?? 'ASC').toUpperCase() === 'DESC';
  const users = Object.values(org.get(usersStore).users)
    .filter((u) => u.state !== 'deleted' && combine((f) => fieldValues(org, u, f), query))
    .sort(
      (a, b) =>
        (fieldValues(org, a, sortBy)[0] ?? '').localeCompare(fieldValues(org, b, sortBy)[0] ?? '') * (desc ? -1 : 1),
    );
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
    const ids = (c.req.queries('id') ?? [])
      .flatMap((v) => v.split(','))
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (ids.length > 100)
      throw badRequest(`id takes at most 100 user ids; got ${ids.length}`, [
        { errorCode: 'invalid.value', fieldName: 'id' },
      ]);
    const users = org.get(usersStore).users;
    const chosen = ids.length === 0 ? Object.keys(users) : ids.filter((id) => users[id] !== undefined);
    return c.json(
      chosen.map((id) => {
        const { primary: _primary, ...p } = toUserPresence(org, id);
        return { userId: id, ...p };
      }),
    );
  });
}
