/**
 * @module
 * Custom roles, OAuth clients and the caller's own grants (the SDK's AuthorizationApi and
 * OAuthApi), so a deployment can give each integration a least-privilege role and a
 * client-credentials client holding it:
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | GET, POST | `/api/v2/authorization/roles` | `authorization:role:view` / `…:add` |
 * | GET, PUT, DELETE | `/api/v2/authorization/roles/{roleId}` | `…:view` / `…:edit` / `…:delete` |
 * | GET | `/api/v2/authorization/subjects/me` | — |
 * | GET | `/api/v2/authorization/divisions`, `…/home`, `…/{divisionId}` | — (divisions.ts) |
 * | GET, POST | `/api/v2/oauth/clients` | `oauth:client:view` / `oauth:client:add` |
 * | GET, PUT, DELETE | `/api/v2/oauth/clients/{clientId}` | `oauth:client:view` / `…:edit` / `…:delete` |
 * | POST | `/api/v2/oauth/clients/{clientId}/secret` | `oauth:client:edit` |
 *
 * A client created here logs in at `/oauth/token` like any other, and its tokens carry its roles'
 * permissions as they are at each request (a role edited or a client deleted takes effect on
 * tokens already issued). [INFERRED] Only the client-credentials grant is modeled; the secret is
 * shown by the create and the secret-regeneration answers only; role names are unique (409); a
 * role a client holds cannot be deleted (409); `subjects/me` answers a client-credentials token
 * with its roles (a client the emulator registered itself shows one role holding its permissions).
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, Provider } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { compact } from '../conversations/views.ts';
import { parseBody } from '../conversations/validate.ts';
import { DEMO } from '../seed.ts';
import { HOME_DIVISION, registerDivisions } from './divisions.ts';
import { authorizationStore, permissionPolicies, policyPermissions } from './store.ts';
import type { ApiClientRecord, AuthorizationState, PolicyRecord, RoleRecord } from './store.ts';

const ROLES = '/api/v2/authorization/roles';
const CLIENTS = '/api/v2/oauth/clients';
const MIN_VALIDITY = 300;
const MAX_VALIDITY = 172_800;

const Segment = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9*_-]+$/, 'must be letters, digits, - or _ (or *)');
const Policy = z.object({ domain: Segment, entityName: Segment, actionSet: z.array(Segment).min(1) }).loose();
const RoleBody = z
  .object({
    name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(200),
    description: z.string().max(500).optional(),
    permissionPolicies: z.array(Policy).max(500).optional(),
    permissions: z.array(z.string()).max(500).optional(),
  })
  .loose();
const ClientBody = z
  .object({
    name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(200),
    description: z.string().max(500).optional(),
    authorizedGrantType: z.string({ error: 'authorizedGrantType is required' }),
    roleIds: z.array(z.string()).max(100).optional(),
    roleDivisions: z
      .array(z.object({ roleId: z.string(), divisionId: z.string() }).loose())
      .max(100)
      .optional(),
    accessTokenValiditySeconds: z.number().int().min(MIN_VALIDITY).max(MAX_VALIDITY).optional(),
  })
  .loose();

function roleView(r: RoleRecord): Record<string, unknown> {
  return compact({
    id: r.id,
    name: r.name,
    description: r.description,
    permissions: [],
    permissionPolicies: r.permissionPolicies.map((p) => ({
      domain: p.domain,
      entityName: p.entityName,
      actionSet: [...p.actionSet],
      allowConditions: false,
    })),
    userCount: 0,
    default: false,
    base: false,
    selfUri: `${ROLES}/${r.id}`,
  });
}

function clientView(cl: ApiClientRecord, secret = false): Record<string, unknown> {
  return compact({
    id: cl.id,
    name: cl.name,
    description: cl.description,
    accessTokenValiditySeconds: cl.accessTokenValiditySeconds,
    secret: secret ? cl.secret : undefined,
    roleIds: [...cl.roleIds],
    dateCreated: cl.dateCreated,
    dateModified: cl.dateModified,
    authorizedGrantType: cl.authorizedGrantType,
    roleDivisions: cl.roleIds.map((roleId) => ({ roleId, divisionId: DEMO.divisionId })),
    state: 'Active',
    selfUri: `${CLIENTS}/${cl.id}`,
  });
}

function conflict(message: string, id: string, name: string): ApiError {
  return new ApiError(409, 'conflict', message, { entityId: id, entityName: name });
}

function policiesOf(body: z.infer<typeof RoleBody>): PolicyRecord[] {
  const fromPolicies = (body.permissionPolicies ?? []).map((p) => ({
    domain: p.domain,
    entityName: p.entityName,
    actionSet: [...new Set(p.actionSet)],
  }));
  // `permissions` of DomainOrganizationRoleCreate: here `domain:entity:action` strings, folded into policies.
  const extra = (body.permissions ?? []).filter((p) => p.split(':').length === 3);
  return permissionPolicies([...policyPermissions(fromPolicies), ...extra]);
}

function roleIdsOf(s: AuthorizationState, body: z.infer<typeof ClientBody>): string[] {
  const ids = [...new Set([...(body.roleIds ?? []), ...(body.roleDivisions ?? []).map((rd) => rd.roleId)])];
  const unknown = ids.filter((id) => !s.roles[id]);
  if (unknown.length > 0) {
    throw new ApiError(400, 'invalid.value', `roleIds must name roles of this org; unknown: ${unknown.join(', ')}`, {
      details: unknown.map(() => ({ errorCode: 'invalid.value', fieldName: 'roleIds' })),
    });
  }
  return ids;
}

function grantType(body: z.infer<typeof ClientBody>): 'CLIENT-CREDENTIALS' {
  if (body.authorizedGrantType !== 'CLIENT-CREDENTIALS') {
    throw new ApiError(
      400,
      'invalid.value',
      `The emulator models client-credentials OAuth clients only; authorizedGrantType must be CLIENT-CREDENTIALS, got ${JSON.stringify(body.authorizedGrantType)}`,
      {
        details: [{ errorCode: 'invalid.value', fieldName: 'authorizedGrantType' }],
      },
    );
  }
  return 'CLIENT-CREDENTIALS';
}

function register(app: EmulatorApp): void {
  registerDivisions(app);
  const state = (c: Context<EmulatorEnv>) => c.get('org').get(authorizationStore);
  const touch = (c: Context<EmulatorEnv>): void => c.get('org').touch(authorizationStore);
  const now = (c: Context<EmulatorEnv>): string => new Date(c.get('services').clock.now()).toISOString();
  const role = (c: Context<EmulatorEnv>): RoleRecord => {
    const id = c.req.param('roleId') ?? '';
    const r = state(c).roles[id];
    if (!r) throw notFound('role', id);
    return r;
  };
  const client = (c: Context<EmulatorEnv>): ApiClientRecord => {
    const id = c.req.param('clientId') ?? '';
    const cl = state(c).clients[id];
    if (!cl) throw notFound('OAuth client', id);
    return cl;
  };
  const uniqueName = (c: Context<EmulatorEnv>, name: string, except?: string): void => {
    const taken = Object.values(state(c).roles).find(
      (r) => r.id !== except && r.name.toLowerCase() === name.toLowerCase(),
    );
    if (taken)
      throw conflict(`A role named ${JSON.stringify(name)} already exists (${taken.id})`, taken.id, taken.name);
  };

  app.get(ROLES, requirePermission('authorization:role:view'), (c) => {
    const name = c.req.query('name');
    const all = Object.values(state(c).roles)
      .filter((r) => name === undefined || name === '' || r.name.toLowerCase() === name.toLowerCase())
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(roleView);
    return c.json(paged(all, pageParams(c), ROLES));
  });
  app.post(ROLES, requirePermission('authorization:role:add'), async (c) => {
    const body = parseBody(RoleBody, await readJsonObject(c));
    uniqueName(c, body.name);
    const r: RoleRecord = {
      id: c.get('services').ids.uuid(),
      name: body.name,
      ...(body.description === undefined ? {} : { description: body.description }),
      permissionPolicies: policiesOf(body),
      dateCreated: now(c),
    };
    state(c).roles[r.id] = r;
    touch(c);
    return c.json(roleView(r));
  });
  app.get(`${ROLES}/:roleId`, requirePermission('authorization:role:view'), (c) => c.json(roleView(role(c))));
  app.put(`${ROLES}/:roleId`, requirePermission('authorization:role:edit'), async (c) => {
    const current = role(c);
    const body = parseBody(RoleBody, await readJsonObject(c));
    uniqueName(c, body.name, current.id);
    const next: RoleRecord = { ...current, name: body.name, permissionPolicies: policiesOf(body) };
    if (body.description === undefined) delete next.description;
    else next.description = body.description;
    state(c).roles[current.id] = next;
    touch(c);
    return c.json(roleView(next));
  });
  app.delete(`${ROLES}/:roleId`, requirePermission('authorization:role:delete'), (c) => {
    const r = role(c);
    const holder = Object.values(state(c).clients).find((cl) => cl.roleIds.includes(r.id));
    if (holder)
      throw conflict(
        `Role ${r.id} (${r.name}) is held by OAuth client ${holder.id} (${holder.name}); remove it from the client first`,
        r.id,
        r.name,
      );
    delete state(c).roles[r.id];
    touch(c);
    return c.body(null, 204);
  });

  // No permission: every caller may read its own grants.
  app.get('/api/v2/authorization/subjects/me', (c) => {
    const p = c.get('principal');
    const s = state(c);
    const division = HOME_DIVISION;
    const grant = (r: { id: string; name: string; description?: string; policies: PolicyRecord[] }) => ({
      subjectId: p.userId ?? p.clientId,
      division,
      role: compact({
        id: r.id,
        name: r.name,
        description: r.description,
        policies: r.policies.map((x) => ({ domain: x.domain, entityName: x.entityName, actions: [...x.actionSet] })),
        default: false,
      }),
    });
    const own = s.clients[p.clientId];
    const grants = own
      ? own.roleIds.flatMap((id) =>
          s.roles[id]
            ? [
                grant({
                  id,
                  name: s.roles[id].name,
                  description: s.roles[id].description,
                  policies: s.roles[id].permissionPolicies,
                }),
              ]
            : [],
        )
      : [
          grant({
            id: `emulator-client-${p.userId ?? p.clientId}`,
            name: 'Emulator client permissions',
            policies: permissionPolicies([...p.permissions].map((x) => (x === '*' ? '*:*:*' : x))),
          }),
        ];
    return c.json({
      id: p.userId ?? p.clientId,
      name: own?.name ?? (p.userId ? 'user' : 'client'),
      grants,
      version: 1,
      selfUri: `/api/v2/authorization/subjects/${p.userId ?? p.clientId}`,
    });
  });

  app.get(CLIENTS, requirePermission('oauth:client:view'), (c) =>
    c.json(
      paged(
        Object.values(state(c).clients)
          .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
          .map((cl) => clientView(cl)),
        pageParams(c),
        CLIENTS,
      ),
    ),
  );
  app.post(CLIENTS, requirePermission('oauth:client:add'), async (c) => {
    const body = parseBody(ClientBody, await readJsonObject(c));
    const s = state(c);
    const at = now(c);
    const cl: ApiClientRecord = {
      id: c.get('services').ids.uuid(),
      name: body.name,
      ...(body.description === undefined ? {} : { description: body.description }),
      secret: randomBytes(32).toString('base64url'),
      authorizedGrantType: grantType(body),
      roleIds: roleIdsOf(s, body),
      accessTokenValiditySeconds: body.accessTokenValiditySeconds ?? 86_400,
      dateCreated: at,
      dateModified: at,
    };
    s.clients[cl.id] = cl;
    touch(c);
    return c.json(clientView(cl, true));
  });
  app.get(`${CLIENTS}/:clientId`, requirePermission('oauth:client:view'), (c) => c.json(clientView(client(c))));
  app.put(`${CLIENTS}/:clientId`, requirePermission('oauth:client:edit'), async (c) => {
    const current = client(c);
    const body = parseBody(ClientBody, await readJsonObject(c));
    const s = state(c);
    const next: ApiClientRecord = {
      ...current,
      name: body.name,
      authorizedGrantType: grantType(body),
      roleIds: roleIdsOf(s, body),
      accessTokenValiditySeconds: body.accessTokenValiditySeconds ?? current.accessTokenValiditySeconds,
      dateModified: now(c),
    };
    if (body.description === undefined) delete next.description;
    else next.description = body.description;
    s.clients[current.id] = next;
    touch(c);
    return c.json(clientView(next));
  });
  app.delete(`${CLIENTS}/:clientId`, requirePermission('oauth:client:delete'), (c) => {
    const cl = client(c);
    delete state(c).clients[cl.id];
    touch(c);
    return c.body(null, 204);
  });
  app.post(`${CLIENTS}/:clientId/secret`, requirePermission('oauth:client:edit'), (c) => {
    const cl = client(c);
    const next = { ...cl, secret: randomBytes(32).toString('base64url'), dateModified: now(c) };
    state(c).clients[cl.id] = next;
    touch(c);
    return c.json(clientView(next, true));
  });
}

/** The authorization and OAuth-clients provider. */
export const authorizationProvider: Provider = { name: 'authorization', register };
