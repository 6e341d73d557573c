// Token handling against a real HTTP server: caching, refresh before expiry, single flight, 401.
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import { drive, startGenesysStub } from '../../test/support/genesys-stub.ts';
import type { GenesysStub } from '../../test/support/genesys-stub.ts';
import { createGenesysClient } from './client.ts';
import { GenesysApiError } from './errors.ts';

let stub: GenesysStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const me = { status: 200, body: { id: 'user-1', name: 'Ada' } };

describe('client-credentials token', () => {
  it('logs in with Basic auth and a form body, then reuses the token', async () => {
    stub = await startGenesysStub({ clientId: 'cid', clientSecret: 'sec' });
    stub.on('GET', '/api/v2/users/me', me);
    const gc = createGenesysClient({ baseUrl: stub.url, clientId: 'cid', clientSecret: 'sec' });
    expect(await gc.get('/api/v2/users/me')).toEqual({ id: 'user-1', name: 'Ada' });
    await gc.get('/api/v2/users/me');
    const [login] = stub.tokens();
    expect(stub.tokens()).toHaveLength(1);
    expect(login?.headers.authorization).toBe(`Basic ${Buffer.from('cid:sec').toString('base64')}`);
    expect(login?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(login?.body).toBe('grant_type=client_credentials');
    expect(stub.api().map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1']);
  });

  it('refreshes before expiry: 60 s early for a day-long token, on the virtual clock', async () => {
    const clock = new VirtualClock();
    stub = await startGenesysStub({ clock, tokenTtlS: 86_400 });
    stub.on('GET', '/api/v2/users/me', me);
    const gc = createGenesysClient({ baseUrl: stub.url, clientId: 'client-id', clientSecret: 'client-secret', clock });
    await gc.get('/api/v2/users/me');
    await clock.advance(86_400_000 - 60_000 - 1);
    await gc.get('/api/v2/users/me');
    expect(stub.tokens()).toHaveLength(1);
    await clock.advance(1);
    await gc.get('/api/v2/users/me');
    expect(stub.tokens()).toHaveLength(2);
    expect(stub.api().map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('refreshes a 5-minute token 10 % (30 s) before it expires', async () => {
    const clock = new VirtualClock();
    stub = await startGenesysStub({ clock, tokenTtlS: 300 });
    stub.on('GET', '/api/v2/users/me', me);
    const gc = createGenesysClient({ baseUrl: stub.url, clientId: 'client-id', clientSecret: 'client-secret', clock });
    await gc.get('/api/v2/users/me');
    await clock.advance(269_999);
    await gc.get('/api/v2/users/me');
    expect(gc.tokenRequests).toBe(1);
    await clock.advance(1);
    await gc.get('/api/v2/users/me');
    expect(gc.tokenRequests).toBe(2);
  });

  it('shares one token request between concurrent calls', async () => {
    stub = await startGenesysStub();
    stub.on('GET', '/api/v2/users/me', me);
    const gc = createGenesysClient({ baseUrl: stub.url, clientId: 'client-id', clientSecret: 'client-secret' });
    await Promise.all(Array.from({ length: 20 }, () => gc.get('/api/v2/users/me')));
    expect(stub.tokens()).toHaveLength(1);
    expect(stub.api()).toHaveLength(20);
  });

  it('drops a token the API refuses with 401 and retries once with a new one', async () => {
    stub = await startGenesysStub();
    stub.on('GET', '/api/v2/users/me', me);
    const gc = createGenesysClient({ baseUrl: stub.url, clientId: 'client-id', clientSecret: 'client-secret' });
    await gc.get('/api/v2/users/me');
    stub.revoke('tok-1');
    expect(await gc.get('/api/v2/users/me')).toEqual({ id: 'user-1', name: 'Ada' });
    expect(stub.api().map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('gives up after that one retry when the API keeps answering 401', async () => {
    stub = await startGenesysStub();
    stub.on('GET', '/api/v2/users/me', {
      status: 401,
      body: { message: 'token revoked', code: 'bad.credentials', status: 401 },
    });
    const gc = createGenesysClient({ baseUrl: stub.url, clientId: 'client-id', clientSecret: 'client-secret' });
    const err = await gc.get('/api/v2/users/me').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenesysApiError);
    expect(err).toMatchObject({ code: 'SB_GENESYS_HTTP', status: 401, body: { code: 'bad.credentials' } });
    expect(stub.api()).toHaveLength(2);
    expect(stub.tokens()).toHaveLength(2);
  });

  it('reports refused credentials as SB_GENESYS_AUTH with the OAuth error of the login host', async () => {
    stub = await startGenesysStub({ clientSecret: 'right' });
    const gc = createGenesysClient({ baseUrl: stub.url, clientId: 'client-id', clientSecret: 'wrong' });
    const err = await gc.get('/api/v2/users/me').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenesysApiError);
    const e = err as GenesysApiError;
    expect(e.code).toBe('SB_GENESYS_AUTH');
    expect(e.status).toBe(401);
    expect(e.retryable).toBe(false);
    expect(e.body).toEqual({ code: 'invalid_client', message: 'client not found' });
    expect(e.message).toBe(
      `the OAuth client-credentials login failed; POST ${stub.url}/oauth/token answered 401; invalid_client: client not found`,
    );
    expect(stub.api()).toHaveLength(0);
    expect(stub.tokens()).toHaveLength(1);
  });

  it('retries a token request that hits 429, on the clock', async () => {
    const clock = new VirtualClock();
    stub = await startGenesysStub({ clock });
    stub.tokenReplies.push({
      status: 429,
      headers: { 'Retry-After': '2' },
      body: { message: 'slow down', code: 'too.many.requests', status: 429 },
    });
    stub.on('GET', '/api/v2/users/me', me);
    const gc = createGenesysClient({ baseUrl: stub.url, clientId: 'client-id', clientSecret: 'client-secret', clock });
    await drive(clock, gc.get('/api/v2/users/me'));
    const [first, second] = stub.tokens();
    expect(second!.at - first!.at).toBe(2000);
  });
});
