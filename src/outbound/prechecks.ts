/**
 * @module
 * Pre-checks before a call is placed: who the caller is, whether they can take a call now
 * (presence) and whether they have a phone (station). Each failure is one specific error.
 *
 * Permissions are not probed with an extra request: Genesys has no cheap "what may this token do"
 * call for client credentials. The create request itself is the check, and its 403
 * `missing.permissions` is mapped to `SB_OUTBOUND_PERMISSION` naming the permissions. Creation is
 * atomic, so a refused attempt places nothing. A 403 on a lookup (no `directory:user:view`) maps
 * the same way.
 */
import { SwitchboardError, isPlainObject } from '../core/index.ts';
import { mapFailure, send } from './http-api.ts';
import type { GenesysTarget } from './http-api.ts';
import { OutboundErrors } from './errors.ts';

/** The caller of an outbound call, as the pre-checks found them. */
export interface Caller {
  readonly userId: string;
  readonly name: string | undefined;
  readonly email: string | undefined;
  /** The station the call rings first. */
  readonly stationId: string;
  /** The PURECLOUD system presence (legacy spelling, e.g. `Available`, `On Queue`). */
  readonly presence: string;
}

/**
 * System presences from which no call is placed, in the compact spelling of
 * {@link presenceKey}. The others (Available, Busy, Away, Meeting, Training, Idle, On Queue) are
 * allowed: a user in a meeting or on queue may still dial out.
 */
const DEFAULT_REFUSED_PRESENCES: readonly string[] = ['OFFLINE', 'MEAL', 'BREAK'];

/**
 * One spelling for a system presence across the API surfaces (platform.md §4.5): `On Queue`,
 * `OnQueue`, `ON_QUEUE` → `ONQUEUE`.
 * @example
 * presenceKey('On Queue') // → 'ONQUEUE'
 */
export function presenceKey(systemPresence: string): string {
  return systemPresence.replace(/[\s_]/g, '').toUpperCase();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface UserSummary {
  readonly id: string;
  readonly name: string | undefined;
  readonly email: string | undefined;
  readonly state: string | undefined;
}

function summary(u: Record<string, unknown>): UserSummary {
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return { id: String(u['id']), name: str(u['name']), email: str(u['email']), state: str(u['state']) };
}

function userNotFound(from: string, how: string): SwitchboardError {
  return new SwitchboardError(
    OutboundErrors.SB_OUTBOUND_USER_NOT_FOUND,
    `the caller must be a user of the org; no user has ${how} ${JSON.stringify(from)}`,
    {
      details: { field: 'from', received: from },
    },
  );
}

async function userById(target: GenesysTarget, id: string, from: string): Promise<UserSummary> {
  const a = await send(target, 'GET', `/api/v2/users/${encodeURIComponent(id)}`);
  if (a.status === 404) throw userNotFound(from, 'id');
  if (a.status !== 200 || !isPlainObject(a.body)) throw mapFailure(a, `GET /api/v2/users/${id}`);
  return summary(a.body);
}

/**
 * A user by email: `POST /api/v2/users/search` (EXACT on `email`), as the real API offers.
 * Where search is not available (404 / 405 / 501), the active users are paged through instead.
 */
async function userByEmail(target: GenesysTarget, email: string): Promise<UserSummary> {
  const wanted = email.toLowerCase();
  const search = await send(target, 'POST', '/api/v2/users/search', {
    query: [{ type: 'EXACT', fields: ['email'], value: email }],
    pageSize: 1,
  });
  if (search.status === 200 && isPlainObject(search.body)) {
    const hit = (Array.isArray(search.body['results']) ? search.body['results'] : []).find(
      (u: unknown) => isPlainObject(u) && typeof u['email'] === 'string' && u['email'].toLowerCase() === wanted,
    );
    if (isPlainObject(hit)) return summary(hit);
    throw userNotFound(email, 'email');
  }
  if (search.status !== 404 && search.status !== 405 && search.status !== 501)
    throw mapFailure(search, 'POST /api/v2/users/search');
  for (let page = 1; page <= 100; page++) {
    const a = await send(target, 'GET', `/api/v2/users?pageSize=100&pageNumber=${page}`);
    if (a.status !== 200 || !isPlainObject(a.body)) throw mapFailure(a, 'GET /api/v2/users');
    const entities = Array.isArray(a.body['entities']) ? a.body['entities'] : [];
    const hit = entities.find(
      (u: unknown) => isPlainObject(u) && typeof u['email'] === 'string' && u['email'].toLowerCase() === wanted,
    );
    if (isPlainObject(hit)) return summary(hit);
    const pageCount = typeof a.body['pageCount'] === 'number' ? a.body['pageCount'] : 1;
    if (entities.length === 0 || page >= pageCount) break;
  }
  throw userNotFound(email, 'email');
}

/** The user associated with a station (`station:<id>` callers). */
async function userByStation(target: GenesysTarget, stationId: string, from: string): Promise<UserSummary> {
  const a = await send(target, 'GET', `/api/v2/stations/${encodeURIComponent(stationId)}`);
  if (a.status === 404) throw userNotFound(from, 'station');
  if (a.status !== 200 || !isPlainObject(a.body)) throw mapFailure(a, `GET /api/v2/stations/${stationId}`);
  const userId = a.body['userId'];
  if (typeof userId !== 'string' || userId === '') {
    throw new SwitchboardError(
      OutboundErrors.SB_OUTBOUND_NO_STATION,
      `a station must be associated with a user to place calls from it; station ${stationId} has no user`,
      {
        details: { field: 'from', received: from, stationId },
      },
    );
  }
  return userById(target, userId, from);
}

/**
 * Find the caller named by `from`: a user id (UUID), an email, or `station:<stationId>`.
 * @throws SwitchboardError `SB_OUTBOUND_BAD_REQUEST` (unrecognized form), `SB_OUTBOUND_USER_NOT_FOUND` (404)
 * @example
 * await resolveUser(target, 'alice@example.com') // → { id: 'a11ce000-…', … }
 */
export async function resolveUser(target: GenesysTarget, from: string): Promise<UserSummary> {
  const f = from.trim();
  let user: UserSummary;
  if (/^station:/i.test(f)) user = await userByStation(target, f.slice('station:'.length).trim(), from);
  else if (f.includes('@')) user = await userByEmail(target, f);
  else if (UUID.test(f)) user = await userById(target, f, from);
  else {
    throw new SwitchboardError(
      OutboundErrors.SB_OUTBOUND_BAD_REQUEST,
      `from must be a user id (UUID), an email or station:<stationId>; got ${JSON.stringify(from)}`,
      { details: { field: 'from', received: from } },
    );
  }
  if (user.state === 'deleted') throw userNotFound(from, user.email === undefined ? 'id' : 'email');
  if (user.state !== undefined && user.state !== 'active') {
    throw new SwitchboardError(
      OutboundErrors.SB_OUTBOUND_USER_STATE,
      `the caller must be an active user; user ${user.id} is ${user.state}`,
      {
        details: { field: 'from', userId: user.id, state: user.state },
      },
    );
  }
  return user;
}

/**
 * The token's own user (`GET /api/v2/users/me`), for calls placed with a user token. When `from`
 * is given it must name that same user: a user token cannot place calls for someone else.
 * @throws SwitchboardError `SB_OUTBOUND_BAD_REQUEST` when `from` names another user
 */
export async function resolveMe(target: GenesysTarget, from: string | undefined): Promise<UserSummary> {
  const a = await send(target, 'GET', '/api/v2/users/me');
  if (a.status !== 200 || !isPlainObject(a.body)) throw mapFailure(a, 'GET /api/v2/users/me');
  const me = summary(a.body);
  if (from !== undefined && from !== '') {
    const named = await resolveUser(target, from);
    if (named.id !== me.id) {
      throw new SwitchboardError(
        OutboundErrors.SB_OUTBOUND_BAD_REQUEST,
        `with a user token the call is placed as the token's user; from names user ${named.id}, the token belongs to ${me.id}`,
        { details: { field: 'from', received: from, tokenUserId: me.id } },
      );
    }
  }
  return me;
}

/**
 * The user's PURECLOUD system presence, refused when it is one of `refused`.
 * @throws SwitchboardError `SB_OUTBOUND_USER_STATE` (403) naming the presence
 */
export async function checkPresence(
  target: GenesysTarget,
  userId: string,
  refused: readonly string[] = DEFAULT_REFUSED_PRESENCES,
): Promise<string> {
  const path = `/api/v2/users/${encodeURIComponent(userId)}/presences/purecloud`;
  const a = await send(target, 'GET', path);
  if (a.status !== 200 || !isPlainObject(a.body)) throw mapFailure(a, `GET ${path}`);
  const def = a.body['presenceDefinition'];
  const presence = isPlainObject(def) && typeof def['systemPresence'] === 'string' ? def['systemPresence'] : 'Unknown';
  const refusedKeys = new Set(refused.map(presenceKey));
  if (refusedKeys.has(presenceKey(presence))) {
    throw new SwitchboardError(
      OutboundErrors.SB_OUTBOUND_USER_STATE,
      `the caller must be in a presence from which calls are placed (not ${refused.join(', ')}); user ${userId} is ${presence}`,
      { details: { userId, presence, refused: [...refused] } },
    );
  }
  return presence;
}

/**
 * The station the user's calls ring on (`GET /api/v2/users/{id}/station`: associated, else effective).
 * @throws SwitchboardError `SB_OUTBOUND_NO_STATION` when the user has none
 */
export async function checkStation(target: GenesysTarget, userId: string): Promise<string> {
  const path = `/api/v2/users/${encodeURIComponent(userId)}/station`;
  const a = await send(target, 'GET', path);
  if (a.status !== 200 || !isPlainObject(a.body)) throw mapFailure(a, `GET ${path}`);
  for (const key of ['associatedStation', 'effectiveStation']) {
    const s = a.body[key];
    if (isPlainObject(s) && typeof s['id'] === 'string') return s['id'];
  }
  throw new SwitchboardError(
    OutboundErrors.SB_OUTBOUND_NO_STATION,
    `the caller must have a station (phone) to place calls from; user ${userId} has no associated or effective station`,
    { details: { userId } },
  );
}

/**
 * Every pre-check, in the order that gives the most useful error first: the user exists, their
 * presence allows calls, they have a station.
 * @example
 * const caller = await precheckCaller(target, 'bob@example.com');
 */
export async function precheckCaller(
  target: GenesysTarget,
  from: string,
  refused?: readonly string[],
): Promise<Caller> {
  const user = await resolveUser(target, from);
  const presence = await checkPresence(target, user.id, refused);
  const stationId = await checkStation(target, user.id);
  return { userId: user.id, name: user.name, email: user.email, stationId, presence };
}
