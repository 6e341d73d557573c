/**
 * @module
 * The control API under `/_switchboard/`, apart from the Genesys surface: its index
 * (`GET /_switchboard/`), state reset / snapshot / restore, fault rules, user tokens and OAuth
 * clients. It needs no token — the emulator is a local development tool — so the gateway refuses
 * what a web page of another site could send (a cross-site Origin, a host name that is not
 * loopback, a POST without a JSON content type); faults never apply to it, so a test can always
 * clean up.
 */
import type { Context } from 'hono';
import { isPlainObject, isSwitchboardError } from '../core/index.ts';
import type { CreateClientOptions, IssuedToken, OAuthClientInfo } from './auth/registry.ts';
import { badRequest, notFound } from './errors.ts';
import type { FaultInjector, FaultSpec } from './faults.ts';
import { readJsonObject } from './http.ts';
import type { EmulatorApp, EmulatorEnv } from './provider-contract.ts';
import type { RouteInfo } from './routes.ts';
import type { StateSnapshot } from './state/org-registry.ts';

/** Where the control API lives. */
const CONTROL_PREFIX = '/_switchboard/';

/** What the control routes act on. */
export interface ControlTarget {
  readonly orgId: string;
  readonly faults: FaultInjector;
  reset(): void;
  snapshot(): StateSnapshot;
  restore(snapshot: unknown): void;
  issueUserTokenResponse(userId: string, permissions?: readonly string[]): IssuedToken;
  createClient(opts: CreateClientOptions): OAuthClientInfo;
  routes(): readonly RouteInfo[];
}

/** Turn a `SwitchboardError` about bad input into a 400 with the same message. */
function asBadRequest<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isSwitchboardError(e)) throw badRequest(e.message, [], 'invalid.value');
    throw e;
  }
}

function stringList(v: unknown, field: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw badRequest(`${field} must be an array of strings`, [{ fieldName: field }], 'invalid.value');
  return v;
}

/**
 * Register the control routes.
 * @example
 * registerControl(app, emulator); // POST /_switchboard/state/reset …
 */
export function registerControl(app: EmulatorApp, target: ControlTarget): void {
  const index = (c: Context<EmulatorEnv>): Response =>
    c.json({
      name: 'Switchboard emulator control API',
      orgId: target.orgId,
      routes: target
        .routes()
        .filter((r) => r.path.startsWith(CONTROL_PREFIX))
        .map((r) => ({ method: r.method, path: r.path })),
      platformApi: { base: '/api/v2/', routes: `${CONTROL_PREFIX}routes` },
    });
  app.get('/_switchboard', index);
  app.get(CONTROL_PREFIX, index);
  app.get('/_switchboard/health', (c) => c.json({ status: 'ok', orgId: target.orgId }));
  app.get('/_switchboard/routes', (c) => c.json(target.routes()));

  app.post('/_switchboard/state/reset', (c) => {
    target.reset();
    return c.json({ status: 'reset', orgId: target.orgId });
  });
  app.get('/_switchboard/state/snapshot', (c) => c.json(target.snapshot()));
  app.post('/_switchboard/state/restore', async (c) => {
    const body = await readJsonObject(c);
    asBadRequest(() => target.restore(body));
    return c.json({ status: 'restored', orgs: Object.keys(body.orgs as object) });
  });

  app.get('/_switchboard/faults', (c) => c.json(target.faults.list()));
  app.post('/_switchboard/faults', async (c) => {
    const body = await readJsonObject(c);
    const id = asBadRequest(() => target.faults.add(body as FaultSpec));
    return c.json({ id }, 201);
  });
  app.put('/_switchboard/faults', async (c) => {
    const text = await c.req.text();
    const body: unknown = text.trim() === '' ? [] : JSON.parse(text);
    const rules = Array.isArray(body) ? body : isPlainObject(body) && Array.isArray(body.rules) ? body.rules : [body];
    const ids = asBadRequest(() => target.faults.replace(rules as FaultSpec[]));
    return c.json({ ids });
  });
  app.delete('/_switchboard/faults', (c) => {
    target.faults.clear();
    return c.body(null, 204);
  });
  app.delete('/_switchboard/faults/:faultId', (c) => {
    const id = c.req.param('faultId');
    if (!target.faults.remove(id)) throw notFound('fault', id);
    return c.body(null, 204);
  });

  app.post('/_switchboard/tokens/user', async (c) => {
    const body = await readJsonObject(c);
    if (typeof body.userId !== 'string')
      throw badRequest('userId is required', [{ fieldName: 'userId' }], 'invalid.value');
    const userId = body.userId;
    const permissions = stringList(body.permissions, 'permissions');
    return c.json(asBadRequest(() => target.issueUserTokenResponse(userId, permissions)));
  });
  app.post('/_switchboard/clients', async (c) => {
    const body = await readJsonObject(c);
    const client = asBadRequest(() =>
      target.createClient({
        name: body.name as string,
        roles: stringList(body.roles, 'roles'),
        permissions: stringList(body.permissions, 'permissions'),
        accessTokenValiditySeconds: body.accessTokenValiditySeconds as number | undefined,
        // A caller that names its client (id and secret) gets the same one each time it asks.
        ...(typeof body.clientId === 'string' && typeof body.clientSecret === 'string'
          ? { clientId: body.clientId, clientSecret: body.clientSecret, reuse: true }
          : {}),
      }),
    );
    return c.json(
      {
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        name: client.name,
        roles: client.roles,
        permissions: [...client.permissions],
      },
      201,
    );
  });
}
