import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import { createEmulator } from './create-emulator.ts';
import { badRequest } from './errors.ts';
import type { Provider } from './provider-contract.ts';
import { requirePermission } from './permissions.ts';
import { PROVIDERS } from './services/index.ts';
import { DEMO } from './services/seed.ts';

const probe: Provider = {
  name: 'probe',
  register(app) {
    app.get('/api/v2/processautomation/probe', (c) => c.json({ path: c.req.path }));
    app.get('/api/v2/probe/boom', () => {
      throw new Error('kaput');
    });
    app.post('/api/v2/probe/echo', requirePermission('probe:echo:add'), async (c) => {
      const body = await c.req.json<{ name?: unknown }>();
      if (typeof body.name !== 'string') throw badRequest('name must be a string', [{ fieldName: 'name' }]);
      return c.json(body);
    });
  },
};

function setup(opts: { rateLimitPerMinute?: number } = {}) {
  const clock = new VirtualClock();
  const emu = createEmulator({ clock, statePath: ':memory:', providers: [...PROVIDERS, probe], ...opts });
  const token = emu.adminToken();
  const call = (path: string, init: RequestInit = {}, bearer: string | null = token) =>
    emu.fetch(path, {
      ...init,
      headers: {
        ...(bearer === null ? {} : { Authorization: `Bearer ${bearer}` }),
        ...(init.headers as Record<string, string>),
      },
    });
  return { clock, emu, token, call };
}

describe('gateway', () => {
  it('echoes the caller correlation id as header and contextId', async () => {
    const { call } = setup();
    const res = await call('/api/v2/users/nope', { headers: { 'ININ-Correlation-Id': 'corr-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('ININ-Correlation-Id')).toBe('corr-123');
    expect(((await res.json()) as { contextId: string }).contextId).toBe('corr-123');
  });

  it('generates a correlation id on success too', async () => {
    const { call } = setup();
    const res = await call('/api/v2/systempresences');
    expect(res.status).toBe(200);
    expect(res.headers.get('ININ-Correlation-Id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('401 authentication.required without a bearer token', async () => {
    const { call } = setup();
    const res = await call('/api/v2/users', {}, null);
    expect(res.status).toBe(401);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code: 'authentication.required', status: 401, details: [], errors: [] });
    expect(body.contextId).toBe(res.headers.get('ININ-Correlation-Id'));
  });

  it('401 bad.credentials for an unknown token and for an expired one', async () => {
    const { call, clock, token } = setup();
    expect((await call('/api/v2/users', {}, 'not-a-token')).status).toBe(401);
    expect((await call('/api/v2/users')).status).toBe(200);
    await clock.advance(86_400_000 - 1);
    expect((await call('/api/v2/users', {}, token)).status).toBe(200);
    await clock.advance(1);
    const res = await call('/api/v2/users', {}, token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'bad.credentials', message: 'Invalid login credentials.' });
  });

  it('403 names the missing permission', async () => {
    const { emu, call } = setup();
    const narrow = emu.createClient({ name: 'narrow', permissions: ['presence:presenceDefinition:view'] });
    const login = await emu.fetch('/oauth/token', {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${narrow.clientId}:${narrow.clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const { access_token } = (await login.json()) as { access_token: string };
    const res = await call(`/api/v2/users/${DEMO.users.alice}`, {}, access_token);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      code: 'missing.permissions',
      message: 'You are missing the following permission(s): [directory:user:view]',
    });
    expect((await call('/api/v2/presence/definitions', {}, access_token)).status).toBe(200);
  });

  it('400 bad.request for malformed JSON, naming the parse problem, before the handler runs', async () => {
    const { call } = setup();
    const res = await call('/api/v2/probe/echo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name": ',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('bad.request');
    expect(body.message).toMatch(/^The request body is not valid JSON: /);
  });

  it('400 for an invalid field, naming it', async () => {
    const { call } = setup();
    const res = await call('/api/v2/probe/echo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name": 5}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: 'name must be a string', details: [{ fieldName: 'name' }] });
  });

  it('404 not.found for an unknown id', async () => {
    const { call } = setup();
    const res = await call('/api/v2/users/00000000-0000-4000-8000-00000000dead');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      code: 'not.found',
      status: 404,
      entityId: '00000000-0000-4000-8000-00000000dead',
    });
  });

  it('405 with Allow for a known path and a wrong method', async () => {
    const { call } = setup();
    // Genesys serves DELETE, GET and PATCH here (the SDK catalogue); PUT is no operation of it.
    const res = await call(`/api/v2/users/${DEMO.users.alice}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe('DELETE, GET, PATCH');
    expect(await res.json()).toMatchObject({ status: 405, code: 'method.not.allowed' });
  });

  it('501 names the Platform API operation nobody emulates', async () => {
    const { call } = setup();
    const res = await call('/api/v2/architect/ivrs/abc', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({
      status: 501,
      code: 'SB_EMULATOR_NOT_MODELED',
      messageParams: { operationId: 'putArchitectIvr' },
      details: [],
      errors: [],
    });
  });

  it('matches /api/v2/processautomation case-insensitively', async () => {
    const { call } = setup();
    const res = await call('/api/v2/processAutomation/probe');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ path: '/api/v2/processautomation/probe' });
  });

  it('500 with a Genesys body for an unexpected exception, and keeps serving', async () => {
    const { call } = setup();
    const res = await call('/api/v2/probe/boom');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('internal.server.error');
    expect(body.message).toContain('kaput');
    expect((await call('/api/v2/systempresences')).status).toBe(200);
  });

  it('429 with Retry-After and exactly the normalized body after the limit', async () => {
    const { call, clock } = setup({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await call('/api/v2/systempresences')).status).toBe(200);
    const res = await call('/api/v2/systempresences');
    expect(res.status).toBe(429);
    // 3/min refills one request every 20 s.
    expect(res.headers.get('Retry-After')).toBe('20');
    const contextId = res.headers.get('ININ-Correlation-Id');
    expect(await res.json()).toEqual({
      message: 'Rate limit exceeded the maximum. Retry the request in [20] seconds',
      code: 'too.many.requests.retry.after',
      status: 429,
      contextId,
      details: [],
      errors: [],
    });
    await clock.advance(20_000);
    expect((await call('/api/v2/systempresences')).status).toBe(200);
  });

  it('counts the limit per token', async () => {
    const { call, emu } = setup({ rateLimitPerMinute: 1 });
    expect((await call('/api/v2/systempresences')).status).toBe(200);
    expect((await call('/api/v2/systempresences')).status).toBe(429);
    expect((await call('/api/v2/systempresences', {}, emu.adminToken())).status).toBe(200);
  });

  it('404 with a Genesys body outside /api/v2', async () => {
    const { call } = setup();
    const res = await call('/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not.found', message: 'no route for GET /nothing-here' });
  });

  it('lists its routes with their permissions', () => {
    const { emu } = setup();
    expect(emu.routes.find((r) => r.operation === 'GET /api/v2/users/{userId}')).toMatchObject({
      permissions: ['directory:user:view'],
      permissionMode: 'any',
    });
    expect(
      emu.routes.find((r) => r.operation === 'PATCH /api/v2/users/{userId}/presences/purecloud')?.permissions,
    ).toEqual([]);
  });
});
