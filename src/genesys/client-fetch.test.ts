// The fetch-shaped seam and typed errors, against real HTTP servers.
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import { drive, genesysError, startGenesysStub } from '../../test/support/genesys-stub.ts';
import type { GenesysStub } from '../../test/support/genesys-stub.ts';
import { createGenesysClient } from './client.ts';
import { GenesysApiError } from './errors.ts';

const stubs: GenesysStub[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});
async function start(clock?: VirtualClock): Promise<GenesysStub> {
  const s = await startGenesysStub(clock ? { clock } : {});
  stubs.push(s);
  return s;
}
const creds = { clientId: 'client-id', clientSecret: 'client-secret' };

describe('fetch seam', () => {
  it('resolves relative /api/v2 URLs against the base URL and returns non-2xx responses as they are', async () => {
    const s = await start();
    s.on('GET', '/api/v2/users/u1', { status: 200, body: { id: 'u1' } });
    const gc = createGenesysClient({ baseUrl: `${s.url}/`, ...creds });
    const res = await gc.fetch('/api/v2/users/u1?expand=presence');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 'u1' });
    expect(s.api()[0]?.url).toBe('/api/v2/users/u1?expand=presence');
    const missing = await gc.fetch(`${s.url}/api/v2/users/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('ININ-Correlation-Id')).toBe('ctx-404');
  });

  it('keeps a base URL path prefix (a proxy mount)', async () => {
    const seen: string[] = [];
    const gc = createGenesysClient({
      baseUrl: 'http://proxy.test/genesys',
      ...creds,
      fetch: async (u, i) => {
        const r = new Request(u, i);
        seen.push(`${r.method} ${r.url}`);
        return r.url.endsWith('/oauth/token')
          ? Response.json({ access_token: 't', expires_in: 3600 })
          : Response.json({});
      },
    });
    await gc.get('/api/v2/users', { query: { id: ['a', 'b'], pageSize: 25, skip: undefined } });
    expect(seen).toEqual([
      'POST http://proxy.test/genesys/oauth/token',
      'GET http://proxy.test/genesys/api/v2/users?id=a&id=b&pageSize=25',
    ]);
  });

  it('targets api.<env> and login.<env> for a region', async () => {
    const seen: string[] = [];
    const gc = createGenesysClient({
      region: 'eu_central_1',
      ...creds,
      fetch: async (u, i) => {
        const r = new Request(u, i);
        seen.push(`${r.method} ${r.url}`);
        return r.url.endsWith('/oauth/token')
          ? Response.json({ access_token: 't', expires_in: 3600 })
          : Response.json({ id: 'me' });
      },
    });
    expect(gc.baseUrl).toBe('https://api.mypurecloud.de');
    await gc.fetch('/api/v2/users/me');
    expect(seen).toEqual([
      'POST https://login.mypurecloud.de/oauth/token',
      'GET https://api.mypurecloud.de/api/v2/users/me',
    ]);
  });

  it('sends the bearer token only to the API origin, never to a third-party host', async () => {
    const api = await start();
    const other = await start();
    other.on('POST', '/hook', { status: 200, body: { ok: true } });
    const gc = createGenesysClient({ baseUrl: api.url, ...creds });
    const res = await gc.fetch(`${other.url}/hook`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(401); // the other stub wants its own token: ours was not sent
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
    expect(other.requests[0]?.body).toBe('{"a":1}');
    expect(api.requests).toHaveLength(0);
  });

  it('leaves a caller-supplied Authorization header alone', async () => {
    const s = await start();
    const gc = createGenesysClient({ baseUrl: s.url, ...creds });
    const res = await gc.fetch('/api/v2/users/me', { headers: { Authorization: 'Bearer mine' } });
    expect(res.status).toBe(401);
    expect(s.tokens()).toHaveLength(0);
    expect(s.api()).toHaveLength(1);
  });

  it('retries a Request object with a body and sends the same bytes each time', async () => {
    const clock = new VirtualClock();
    const s = await start(clock);
    s.on('PUT', '/api/v2/users/u1/presences/PURECLOUD', genesysError(503, 'service.unavailable', 'down'), {
      status: 200,
      body: { ok: 1 },
    });
    const gc = createGenesysClient({ baseUrl: s.url, ...creds, clock });
    const req = new Request(`${s.url}/api/v2/users/u1/presences/PURECLOUD`, {
      method: 'PUT',
      body: JSON.stringify({ presenceDefinition: { id: 'p' } }),
    });
    const res = await drive(clock, gc.fetch(req));
    expect(res.status).toBe(200);
    expect(s.api().map((r) => r.body)).toEqual([
      '{"presenceDefinition":{"id":"p"}}',
      '{"presenceDefinition":{"id":"p"}}',
    ]);
  });

  it('stops retrying when the caller aborts', async () => {
    const clock = new VirtualClock();
    const s = await start(clock);
    s.on('GET', '/api/v2/users/u1', {
      status: 429,
      headers: { 'Retry-After': '30' },
      body: { code: 'too.many.requests', message: 'x', status: 429 },
    });
    const gc = createGenesysClient({ baseUrl: s.url, ...creds, clock });
    const ac = new AbortController();
    const pending = gc.get('/api/v2/users/u1', { signal: ac.signal }).catch((e: unknown) => e);
    while (clock.pending === 0) await new Promise((r) => setTimeout(r, 1));
    ac.abort(new Error('shutting down'));
    expect(await pending).toMatchObject({ message: 'shutting down' });
    expect(s.api()).toHaveLength(1);
  });

  it('paces requests with the optional token bucket', async () => {
    const clock = new VirtualClock();
    const s = await start(clock);
    s.on('GET', '/api/v2/users/u1', { status: 200, body: {} });
    const gc = createGenesysClient({ baseUrl: s.url, ...creds, clock, rateLimit: { perMinute: 3 } });
    const t0 = clock.now();
    for (let i = 0; i < 5; i++) await drive(clock, gc.get('/api/v2/users/u1'));
    expect(s.api().map((r) => r.at - t0)).toEqual([0, 0, 0, 20_000, 40_000]);
  });
});

describe('typed errors', () => {
  it('surfaces the Genesys ErrorBody and the ININ-Correlation-Id header', async () => {
    const s = await start();
    s.on('GET', '/api/v2/users/nope', genesysError(404, 'not.found', 'User nope not found', 'corr-abc'));
    const gc = createGenesysClient({ baseUrl: s.url, ...creds });
    const err = await gc.get('/api/v2/users/nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenesysApiError);
    const e = err as GenesysApiError;
    expect(e).toMatchObject({
      code: 'SB_GENESYS_HTTP',
      retry: 'never',
      status: 404,
      contextId: 'corr-abc',
      method: 'GET',
      url: `${s.url}/api/v2/users/nope`,
    });
    expect(e.body).toEqual({
      message: 'User nope not found',
      code: 'not.found',
      status: 404,
      contextId: 'corr-abc',
      details: [],
      errors: [],
    });
    expect(e.message).toBe(
      `Genesys Cloud rejected the request; GET ${s.url}/api/v2/users/nope answered 404; not.found: User nope not found (contextId corr-abc)`,
    );
    expect(e.details).toMatchObject({ status: 404, genesysCode: 'not.found', contextId: 'corr-abc' });
  });

  it('takes contextId from the body when the header is missing', async () => {
    const s = await start();
    s.on('POST', '/api/v2/processautomation/triggers', {
      status: 400,
      body: { message: 'bad topic', code: 'invalid.value', status: 400, contextId: 'from-body' },
    });
    const gc = createGenesysClient({ baseUrl: s.url, ...creds });
    const err = await gc.post('/api/v2/processautomation/triggers', { topicName: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'SB_GENESYS_HTTP',
      status: 400,
      contextId: 'from-body',
      body: { code: 'invalid.value' },
    });
  });

  it('still explains a failure whose body is not JSON', async () => {
    const s = await start();
    s.on('POST', '/api/v2/analytics/conversations/details/query', {
      status: 502,
      body: '<html><body>Bad Gateway</body></html>',
    });
    const gc = createGenesysClient({ baseUrl: s.url, ...creds });
    const err = await gc.post('/api/v2/analytics/conversations/details/query', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenesysApiError);
    const e = err as GenesysApiError;
    expect(e.body).toBeUndefined();
    expect(e.contextId).toBeUndefined();
    expect(e.message).toBe(
      `Genesys Cloud is unavailable; POST ${s.url}/api/v2/analytics/conversations/details/query answered 502; unrecognized body "<html><body>Bad Gateway</body></html>"`,
    );
  });

  it('rejects options without a target or with a bad base URL as SB_GENESYS_CONFIG', () => {
    expect(() => createGenesysClient({ ...creds })).toThrow(
      expect.objectContaining({ code: 'SB_GENESYS_CONFIG', details: { field: 'region' } }),
    );
    expect(() => createGenesysClient({ ...creds, region: 'nowhere' })).toThrow(/region must be one of us-east-1/);
    expect(() => createGenesysClient({ ...creds, baseUrl: 'localhost:8080' })).toThrow(
      expect.objectContaining({ details: { field: 'baseUrl' } }),
    );
    expect(() => createGenesysClient({ clientId: '', clientSecret: 'x', region: 'us-east-1' })).toThrow(
      expect.objectContaining({ details: { field: 'clientId' } }),
    );
  });
});
