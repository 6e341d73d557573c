/**
 * @module
 * Users API: the directory, stations, and routing status (platform.md §4.3).
 *
 * Permissions: platform.md lists none for stations and routing status ("no permissions"); it is
 * silent on `/users` and `/users/{id}`, for which we require `directory:user:view`.
 */
import type { Context } from 'hono';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, OrgState, Provider } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { currentRoutingStatus, setRoutingStatus } from '../presence/activity.ts';
import { toUserPresence } from '../presence/provider.ts';
import type { RoutingStatusValue, StationRecord, UserRecord } from './store.ts';
import { ROUTING_STATUSES, usersStore } from './store.ts';
import { registerUserSearch } from './search.ts';

/** The `User` model of a record (with the requested `expand`s). */
export function toUser(org: OrgState, u: UserRecord, expand: readonly string[] = []): Record<string, unknown> {
  const division = org.get(usersStore).division;
  const out: Record<string, unknown> = {
    id: u.id,
    name: u.name,
    division: { id: division.id, name: division.name, selfUri: `/api/v2/authorization/divisions/${division.id}` },
    chat: { jabberId: `${u.id}@switchboard.emulator` },
    email: u.email,
    primaryContactInfo: [{ address: u.email, mediaType: 'EMAIL', type: 'PRIMARY' }],
    addresses: [],
    state: u.state,
    username: u.username,
    version: u.version,
    acdAutoAnswer: false,
    selfUri: `/api/v2/users/${u.id}`,
  };
  if (u.department !== undefined) out.department = u.department;
  if (u.title !== undefined) out.title = u.title;
  if (expand.includes('presence')) out.presence = toUserPresence(org, u.id);
  if (expand.includes('routingStatus')) out.routingStatus = { userId: u.id, ...currentRoutingStatus(org, u.id) };
  if (expand.includes('station')) out.station = userStations(org, u.id);
  return out;
}

/** The `Station` model. */
function toStation(s: StationRecord): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    status: s.userId ? 'ASSOCIATED' : 'AVAILABLE',
    ...(s.userId ? { userId: s.userId } : {}),
    type: s.type,
    webRtcUserId: s.userId,
    selfUri: `/api/v2/stations/${s.id}`,
  };
}

/** `UserStations`: the station a user is associated with. */
function userStations(org: OrgState, userId: string): Record<string, unknown> {
  const s = Object.values(org.get(usersStore).stations).find((x) => x.userId === userId);
  if (!s) return {};
  const u = org.get(usersStore).users[userId];
  const userRef = {
    id: userId,
    ...(u ? { name: u.name, version: u.version } : {}),
    selfUri: `/api/v2/users/${userId}`,
  };
  const station = {
    id: s.id,
    name: s.name,
    type: s.type,
    associatedUser: userRef,
    associatedDate: s.associatedDate,
    defaultUser: userRef,
    providerInfo: {},
  };
  return {
    associatedStation: station,
    lastAssociatedStation: station,
    defaultStation: station,
    effectiveStation: station,
  };
}

function user(c: Context<EmulatorEnv>): UserRecord {
  const id = c.req.param('userId')!;
  const u = c.get('org').get(usersStore).users[id];
  if (!u) throw notFound('user', id);
  return u;
}

function expandOf(c: Context<EmulatorEnv>): string[] {
  return (c.req.query('expand') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

async function putRoutingStatus(c: Context<EmulatorEnv>): Promise<Response> {
  const u = user(c);
  const body = await readJsonObject(c);
  const status = body.status;
  if (typeof status !== 'string' || !(ROUTING_STATUSES as readonly string[]).includes(status)) {
    throw badRequest(
      `status must be one of ${ROUTING_STATUSES.join(', ')}; got ${JSON.stringify(status)}`,
      [{ errorCode: 'invalid.value', fieldName: 'status' }],
      'invalid.value',
    );
  }
  const org = c.get('org');
  setRoutingStatus({ org, services: c.get('services') }, u.id, status as RoutingStatusValue);
  return c.json({ userId: u.id, ...currentRoutingStatus(org, u.id) });
}

/** The users provider. */
export const usersProvider: Provider = {
  name: 'users',
  register(app: EmulatorApp): void {
    app.get('/api/v2/users', requirePermission('directory:user:view'), (c) => {
      const org = c.get('org');
      const state = c.req.query('state') ?? 'active';
      const ids = c.req.query('id')?.split(',').filter(Boolean);
      const users = Object.values(org.get(usersStore).users)
        .filter((u) => state === 'any' || u.state === state)
        .filter((u) => !ids || ids.includes(u.id))
        .sort((a, b) => a.name.localeCompare(b.name));
      const expand = expandOf(c);
      return c.json(
        paged(
          users.map((u) => toUser(org, u, expand)),
          pageParams(c),
          '/api/v2/users',
        ),
      );
    });
    // A client-credentials token has no user: Genesys refuses /users/me for it.
    registerUserSearch(app);
    app.get('/api/v2/users/me', (c) => {
      const userId = c.get('principal').userId;
      if (!userId)
        throw new ApiError(
          400,
          'bad.request',
          'This request requires a user context. Client credentials cannot be used for requests to this resource.',
        );
      const u = c.get('org').get(usersStore).users[userId];
      if (!u) throw notFound('user', userId);
      return c.json(toUser(c.get('org'), u, expandOf(c)));
    });
    app.get('/api/v2/users/:userId', requirePermission('directory:user:view'), (c) =>
      c.json(toUser(c.get('org'), user(c), expandOf(c))),
    );
    app.get('/api/v2/users/:userId/station', (c) => c.json(userStations(c.get('org'), user(c).id)));
    app.get('/api/v2/users/:userId/routingstatus', (c) => {
      const u = user(c);
      return c.json({ userId: u.id, ...currentRoutingStatus(c.get('org'), u.id) });
    });
    app.put('/api/v2/users/:userId/routingstatus', putRoutingStatus);
    app.get('/api/v2/stations', (c) => {
      const name = c.req.query('name')?.toLowerCase();
      const stations = Object.values(c.get('org').get(usersStore).stations)
        .filter((s) => !name || s.name.toLowerCase().includes(name))
        .sort((a, b) => a.name.localeCompare(b.name));
      return c.json(paged(stations.map(toStation), pageParams(c), '/api/v2/stations'));
    });
    app.get('/api/v2/stations/:stationId', (c) => {
      const id = c.req.param('stationId');
      const s = c.get('org').get(usersStore).stations[id];
      if (!s) throw notFound('station', id);
      return c.json(toStation(s));
    });
  },
};
