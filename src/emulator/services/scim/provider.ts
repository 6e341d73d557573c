/**
 * @module
 * SCIM 2.0 users, the identity-provisioning view of the directory: the same users as
 * `/api/v2/users`, in SCIM's shape with the enterprise and Genesys extensions, under both
 * `/api/v2/scim/users` and `/api/v2/scim/v2/users`.
 *
 * | Method | Path (also under `/api/v2/scim/v2`) | Permission (ANY) |
 * |---|---|---|
 * | GET | `/api/v2/scim/users`, `/api/v2/scim/users/{userId}` | — (Genesys documents none) |
 * | POST | `/api/v2/scim/users` | `directory:user:add`, `authorization:grant:add`, `authorization:grant:delete`, `routing:skill:assign`, `routing:language:assign`, `telephony:extension:assign` |
 * | PUT, PATCH | `/api/v2/scim/users/{userId}` | `directory:user:edit`, `directory:user:setPassword`, `authorization:grant:add`, `authorization:grant:delete`, `routing:skill:assign`, `routing:language:assign`, `telephony:extension:assign` |
 * | DELETE | `/api/v2/scim/users/{userId}` | `directory:user:delete` |
 *
 * The route checks the ANY list Genesys documents; a write then needs the permission of what it
 * changes `[INFERRED]`: `directory:user:add` (create) or `directory:user:edit` for the user's
 * attributes, `routing:skill:assign` for its skills, `routing:language:assign` for its languages.
 *
 * Listing follows RFC 7644 §3.4.2: `filter` (see `filter.ts`; without one, or without an
 * `active` term, only active users are listed, as Genesys documents for no filter), 1-based
 * `startIndex`, `count` (default 25, at most 100 [INFERRED]), and `attributes` /
 * `excludedAttributes` (comma-separated or repeated). Versions are `meta.version` and the `ETag`
 * header; `If-Match` on a write that names another version is a 400 `invalidVers` and
 * `If-None-Match` on a read of the current version a 304, as Genesys documents. A create answers
 * 201, a delete 204: the user's state becomes `deleted` (`/api/v2/users?state=deleted` lists it)
 * and it leaves its queues, groups and station `[INFERRED]`. Errors use SCIM's error body.
 */
import type { Context } from 'hono';
import type { EmulatorApp, EmulatorEnv, OrgState, Provider } from '../../provider-contract.ts';
import { readJsonObject } from '../../http.ts';
import { requirePermission } from '../../permissions.ts';
import { routingStore } from '../routing/store.ts';
import type { UserRecord } from '../users/store.ts';
import { usersStore } from '../users/store.ts';
import { ScimError, scimErrors } from './errors.ts';
import { compileFilter } from './filter.ts';
import { applyPatch } from './patch.ts';
import { filterPath, filterValues, select, toScim } from './views.ts';
import type { WritePlan } from './write.ts';
import { planWrite } from './write.ts';

const GRANTS = [
  'authorization:grant:add',
  'authorization:grant:delete',
  'routing:skill:assign',
  'routing:language:assign',
  'telephony:extension:assign',
];
const ADD = ['directory:user:add', ...GRANTS];
const EDIT = ['directory:user:edit', 'directory:user:setPassword', ...GRANTS];

/** A query parameter that lists attribute names, repeated or comma-separated. */
function names(c: Context<EmulatorEnv>, param: string): string[] {
  return (c.req.queries(param) ?? []).flatMap((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

function respond(c: Context<EmulatorEnv>, u: UserRecord, base: string, status: 200 | 201 = 200): Response {
  const resource = select(toScim(c.get('org'), u, base), names(c, 'attributes'), names(c, 'excludedAttributes'));
  c.header('ETag', `W/"${u.version}"`);
  if (status === 201) c.header('Location', `${base}/users/${u.id}`);
  return c.json(resource, status);
}

function userOf(c: Context<EmulatorEnv>): UserRecord {
  const id = c.req.param('userId')!;
  const u = c.get('org').get(usersStore).users[id];
  if (!u || u.state === 'deleted') throw new ScimError(404, undefined, `User ${id} not found`);
  return u;
}

/** The version an `If-Match` / `If-None-Match` header names (`"3"`, `W/"3"`, `3`), `*` for any. */
function versionIn(header: string | undefined): string | undefined {
  return header
    ?.trim()
    .replace(/^W\//i, '')
    .replace(/^"(.*)"$/, '$1');
}

function checkIfMatch(c: Context<EmulatorEnv>, u: UserRecord): void {
  const want = versionIn(c.req.header('If-Match'));
  if (want !== undefined && want !== '*' && want !== String(u.version))
    throw new ScimError(
      400,
      'invalidVers',
      `If-Match names version ${want} of user ${u.id}; its version is ${u.version} (read it again)`,
    );
}

/** Apply a planned write once the caller holds the permission of each part it changes. */
async function commit(c: Context<EmulatorEnv>, plan: WritePlan, creating: boolean): Promise<UserRecord> {
  const needed = [
    ...(plan.changes.user ? [creating ? 'directory:user:add' : 'directory:user:edit'] : []),
    ...(plan.changes.skills ? ['routing:skill:assign'] : []),
    ...(plan.changes.languages ? ['routing:language:assign'] : []),
  ];
  for (const p of needed) await requirePermission(p)(c, async () => {});
  return plan.commit();
}

/** The user leaves its queues, groups and station; its state becomes `deleted`. */
function deleteUser(org: OrgState, u: UserRecord): void {
  const routing = org.get(routingStore);
  for (const q of Object.values(routing.queues)) q.memberIds = q.memberIds.filter((id) => id !== u.id);
  for (const g of Object.values(routing.groups)) g.memberIds = g.memberIds.filter((id) => id !== u.id);
  const users = org.get(usersStore);
  for (const s of Object.values(users.stations))
    if (s.userId === u.id) {
      delete s.userId;
      delete s.associatedDate;
    }
  u.state = 'deleted';
  u.version += 1;
  org.touch(routingStore);
  org.touch(usersStore);
}

function list(c: Context<EmulatorEnv>, base: string): Response {
  const org = c.get('org');
  const text = c.req.query('filter');
  const filter = text === undefined ? { test: () => true, attributes: [] } : compileFilter(text);
  if (typeof filter === 'string') throw new ScimError(400, 'invalidFilter', `filter: ${filter}`);
  for (const a of filter.attributes) {
    const p = filterPath(a);
    if (typeof p === 'string') throw new ScimError(400, 'invalidFilter', `filter: ${p}`);
  }
  const activeOnly = !filter.attributes.some((a) => a.toLowerCase().endsWith('active'));
  const startIndex = Number(c.req.query('startIndex') ?? 1);
  const count = Number(c.req.query('count') ?? 25);
  if (!Number.isInteger(startIndex) || startIndex < 1)
    throw new ScimError(400, 'invalidValue', 'startIndex must be an integer of at least 1');
  if (!Number.isInteger(count) || count < 0 || count > 100)
    throw new ScimError(400, 'invalidValue', 'count must be an integer from 0 to 100');
  const users = Object.values(org.get(usersStore).users)
    .filter((u) => u.state !== 'deleted' && (!activeOnly || u.state === 'active'))
    .map((u) => ({ u, resource: toScim(org, u, base) }))
    .filter(({ resource }) => filter.test((attr) => filterValues(resource, attr)))
    .sort((a, b) => a.u.username.localeCompare(b.u.username));
  const page = users.slice(startIndex - 1, startIndex - 1 + count);
  const attributes = names(c, 'attributes');
  const excluded = names(c, 'excludedAttributes');
  return c.json({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: users.length,
    startIndex,
    itemsPerPage: page.length,
    Resources: page.map(({ resource }) => select(resource, attributes, excluded)),
  });
}

function register(app: EmulatorApp): void {
  for (const base of ['/api/v2/scim', '/api/v2/scim/v2']) {
    app.get(`${base}/users`, scimErrors, (c) => list(c, base));
    app.get(`${base}/users/:userId`, scimErrors, (c) => {
      const u = userOf(c);
      if (versionIn(c.req.header('If-None-Match')) === String(u.version)) return c.body(null, 304);
      return respond(c, u, base);
    });
    app.post(`${base}/users`, scimErrors, requirePermission(...ADD), async (c) => {
      const org = c.get('org');
      const plan = planWrite(org, c.get('services').ids, await readJsonObject(c), undefined, { routing: true });
      return respond(c, await commit(c, plan, true), base, 201);
    });
    app.put(`${base}/users/:userId`, scimErrors, requirePermission(...EDIT), async (c) => {
      const u = userOf(c);
      checkIfMatch(c, u);
      const plan = planWrite(c.get('org'), c.get('services').ids, await readJsonObject(c), u, { routing: false });
      return respond(c, await commit(c, plan, false), base);
    });
    app.patch(`${base}/users/:userId`, scimErrors, requirePermission(...EDIT), async (c) => {
      const u = userOf(c);
      checkIfMatch(c, u);
      const org = c.get('org');
      const doc = structuredClone(toScim(org, u, base));
      applyPatch(doc, await readJsonObject(c));
      const plan = planWrite(org, c.get('services').ids, doc, u, { routing: true });
      return respond(c, await commit(c, plan, false), base);
    });
    app.delete(`${base}/users/:userId`, scimErrors, requirePermission('directory:user:delete'), (c) => {
      const u = userOf(c);
      checkIfMatch(c, u);
      deleteUser(c.get('org'), u);
      return c.body(null, 204);
    });
  }
}

/** The SCIM users provider. */
export const scimProvider: Provider = { name: 'scim', register };
