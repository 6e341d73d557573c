// Retries against a real HTTP server, with waits measured on a virtual clock (no real sleeping).
import { afterEach, describe, expect, it } from 'vitest';
import { SwitchboardError, VirtualClock } from '../core/index.ts';
import { drive, genesysError, startGenesysStub } from '../../test/support/genesys-stub.ts';
import type { GenesysStub } from '../../test/support/genesys-stub.ts';
import { createGenesysClient } from './client.ts';
import type { GenesysClientOptions, GenesysRequestInit } from './client.ts';
import { GenesysApiError } from './errors.ts';

let stub: GenesysStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const ok = { status: 200, body: { id: 'u1' } };
const rateLimited = (seconds?: number) => ({
  status: 429,
  headers: { 'ININ-Correlation-Id': 'corr-429', ...(seconds === undefined ? {} : { 'Retry-After': String(seconds) }) },
  body: {
    message: 'Rate limit exceeded the maximum.',
    code: 'too.many.requests',
    status: 429,
    contextId: 'corr-429',
    details: [],
    errors: [],
  },
});

async function setup(extra: Partial<GenesysClientOptions> = {}) {
  const clock = new VirtualClock();
  const s = await startGenesysStub({ clock });
  stub = s;
  const gc = createGenesysClient({
    baseUrl: s.url,
    clientId: 'client-id',
    clientSecret: 'client-secret',
    clock,
    random: () => 0.5,
    ...extra,
  });
  const gaps = (): number[] =>
    s
      .api()
      .slice(1)
      .map((r, i) => r.at - s.api()[i]!.at);
  return { clock, s, gc, gaps };
}

describe('429 Too Many Requests', () => {
  it('waits the Retry-After seconds on the clock, then succeeds', async () => {
    const { clock, s, gc, gaps } = await setup();
    s.on('GET', '/api/v2/users/u1', rateLimited(3), ok);
    expect(await drive(clock, gc.get('/api/v2/users/u1'))).toEqual({ id: 'u1' });
    expect(s.api()).toHaveLength(2);
    expect(gaps()).toEqual([3000]);
  });

  it('takes the wait from the message "[N] seconds" when the header is missing', async () => {
    const { clock, s, gc, gaps } = await setup();
    s.on(
      'GET',
      '/api/v2/users/u1',
      {
        status: 429,
        body: {
          message: 'Rate limit exceeded the maximum. Retry the request in [7] seconds',
          code: 'too.many.requests.retry.after',
          status: 429,
        },
      },
      ok,
    );
    await drive(clock, gc.get('/api/v2/users/u1'));
    expect(gaps()).toEqual([7000]);
  });

  it('backs off exponentially (with jitter) when Genesys gives no wait at all', async () => {
    const { clock, s, gc, gaps } = await setup();
    s.on('GET', '/api/v2/users/u1', rateLimited(), rateLimited(), rateLimited(), ok);
    await drive(clock, gc.get('/api/v2/users/u1'));
    // base 500 ms doubling; random 0.5 puts each wait at 3/4 of its ceiling
    expect(gaps()).toEqual([375, 750, 1500]);
  });

  it('retries a POST too: a 429 means the request was not processed', async () => {
    const { clock, s, gc } = await setup();
    s.on('POST', '/api/v2/conversations/c1/disconnect', rateLimited(1), { status: 202, body: '' });
    expect(await drive(clock, gc.post('/api/v2/conversations/c1/disconnect'))).toBeUndefined();
    expect(s.api().filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('stops after maxAttempts with SB_GENESYS_RATE_LIMITED carrying retryAfterMs and the 429 body', async () => {
    const { clock, s, gc, gaps } = await setup({ maxAttempts: 3 });
    s.on('GET', '/api/v2/users/u1', rateLimited(2));
    const err = await drive(
      clock,
      gc.get('/api/v2/users/u1').catch((e: unknown) => e),
    );
    expect(s.api()).toHaveLength(3);
    expect(gaps()).toEqual([2000, 2000]);
    expect(err).toBeInstanceOf(GenesysApiError);
    const e = err as GenesysApiError;
    expect(e).toMatchObject({
      code: 'SB_GENESYS_RATE_LIMITED',
      retry: 'after',
      retryAfterMs: 2000,
      status: 429,
      contextId: 'corr-429',
    });
    expect(e.body?.code).toBe('too.many.requests');
    expect(e.message).toBe(
      `Genesys Cloud rate limit exceeded; GET ${s.url}/api/v2/users/u1 answered 429 after 3 attempts; too.many.requests: Rate limit exceeded the maximum. (contextId corr-429)`,
    );
  });

  it('hands a 429 back at once when it asks for more than maxRetryAfterMs', async () => {
    const { clock, s, gc } = await setup({ maxRetryAfterMs: 10_000 });
    s.on('GET', '/api/v2/users/u1', rateLimited(60), ok);
    const err = await drive(
      clock,
      gc.get('/api/v2/users/u1').catch((e: unknown) => e),
    );
    expect(s.api()).toHaveLength(1);
    expect(err).toMatchObject({ code: 'SB_GENESYS_RATE_LIMITED', retryAfterMs: 60_000 });
  });
});

describe('5xx and network errors', () => {
  it('retries a GET after 503 and 500 with backoff', async () => {
    const { clock, s, gc, gaps } = await setup();
    s.on(
      'GET',
      '/api/v2/users/u1',
      genesysError(503, 'service.unavailable', 'down'),
      genesysError(500, 'internal.server.error', 'oops'),
      ok,
    );
    expect(await drive(clock, gc.get('/api/v2/users/u1'))).toEqual({ id: 'u1' });
    expect(gaps()).toEqual([375, 750]);
  });

  it('gives up on a GET that keeps failing with 5xx after maxAttempts', async () => {
    const { clock, s, gc } = await setup({ maxAttempts: 3 });
    s.on('GET', '/api/v2/users/u1', genesysError(503, 'service.unavailable', 'down', 'corr-down'));
    const err = await drive(
      clock,
      gc.get('/api/v2/users/u1').catch((e: unknown) => e),
    );
    expect(s.api()).toHaveLength(3);
    expect(err).toMatchObject({
      code: 'SB_GENESYS_UNAVAILABLE',
      status: 503,
      contextId: 'corr-down',
      details: { attempts: 3 },
    });
    expect((err as Error).message).toBe(
      `Genesys Cloud is unavailable; GET ${s.url}/api/v2/users/u1 answered 503 after 3 attempts; service.unavailable: down (contextId corr-down)`,
    );
  });

  it('does NOT retry a POST after a 5xx: the server sees exactly one POST', async () => {
    const { clock, s, gc } = await setup();
    s.on('POST', '/api/v2/flows/executions', genesysError(503, 'service.unavailable', 'down', 'corr-503'), {
      status: 200,
      body: { id: 'x' },
    });
    const err = await drive(
      clock,
      gc.post('/api/v2/flows/executions', { flowId: 'f1' }).catch((e: unknown) => e),
    );
    expect(s.api().filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(err).toMatchObject({ code: 'SB_GENESYS_UNAVAILABLE', retry: 'backoff', status: 503, contextId: 'corr-503' });
  });

  it('does NOT retry a POST only because it carries an Idempotency-Key (a real org may ignore it)', async () => {
    const { clock, s, gc } = await setup();
    s.on('POST', '/api/v2/conversations/calls/user/u1', genesysError(502, 'bad.gateway', 'proxy'), {
      status: 200,
      body: { id: 'c2' },
    });
    const err = await drive(
      clock,
      gc
        .post('/api/v2/conversations/calls/user/u1', { phoneNumber: '+13175550100' }, { idempotencyKey: 'call-42' })
        .catch((e: unknown) => e),
    );
    const posts = s.api().filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers['idempotency-key']).toBe('call-42');
    expect(err).toMatchObject({ code: 'SB_GENESYS_UNAVAILABLE', status: 502 });
  });

  it('retries a POST when the request opts in with retryUnsafe, resending the same body and key', async () => {
    const { clock, s, gc } = await setup();
    s.on('POST', '/api/v2/flows/executions', genesysError(502, 'bad.gateway', 'proxy'), {
      status: 200,
      body: { id: 'x' },
    });
    expect(
      await drive(
        clock,
        gc.post('/api/v2/flows/executions', { flowId: 'f1' }, { idempotencyKey: 'launch-42', retryUnsafe: true }),
      ),
    ).toEqual({ id: 'x' });
    const posts = s.api().filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts.map((p) => p.headers['idempotency-key'])).toEqual(['launch-42', 'launch-42']);
    expect(posts.map((p) => JSON.parse(p.body))).toEqual([{ flowId: 'f1' }, { flowId: 'f1' }]);
  });

  it('retries through fetch when its init says retryUnsafe, and not otherwise', async () => {
    const { clock, s, gc } = await setup();
    s.on('PATCH', '/api/v2/users/u1/presences/purecloud', 'drop', { status: 200, body: { ok: true } });
    const init: GenesysRequestInit = {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      retryUnsafe: true,
    };
    const res = await drive(clock, gc.fetch('/api/v2/users/u1/presences/purecloud', init));
    expect(res.status).toBe(200);
    expect(s.api()).toHaveLength(2);
    s.on('PATCH', '/api/v2/users/u2/presences/purecloud', 'drop', { status: 200, body: { ok: true } });
    const err = await drive(
      clock,
      gc.fetch('/api/v2/users/u2/presences/purecloud', { method: 'PATCH', body: '{}' }).catch((e: unknown) => e),
    );
    expect(err).toMatchObject({ code: 'SB_GENESYS_UNAVAILABLE', details: { attempts: 1, retried: false } });
  });

  it('retries every POST of a client created with retryUnsafe', async () => {
    const { clock, s, gc } = await setup({ retryUnsafe: true });
    s.on('POST', '/api/v2/conversations/c1/disconnect', genesysError(503, 'service.unavailable', 'down'), {
      status: 202,
      body: '',
    });
    expect(await drive(clock, gc.post('/api/v2/conversations/c1/disconnect'))).toBeUndefined();
    expect(s.api().filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('does not retry 501 (an unimplemented route stays unimplemented)', async () => {
    const { clock, s, gc } = await setup();
    s.on('GET', '/api/v2/nothing', genesysError(501, 'not.implemented', "no handler for operation 'x'"), ok);
    const err = await drive(
      clock,
      gc.get('/api/v2/nothing').catch((e: unknown) => e),
    );
    expect(s.api()).toHaveLength(1);
    expect(err).toMatchObject({ code: 'SB_GENESYS_UNAVAILABLE', status: 501 });
  });

  it('retries a GET whose connection drops, then succeeds', async () => {
    const { clock, s, gc, gaps } = await setup();
    s.on('GET', '/api/v2/users/u1', 'drop', 'drop', ok);
    expect(await drive(clock, gc.get('/api/v2/users/u1'))).toEqual({ id: 'u1' });
    expect(s.api()).toHaveLength(3);
    expect(gaps()).toEqual([375, 750]);
  });

  it('fails a POST whose connection drops without resending it', async () => {
    const { clock, s, gc } = await setup();
    s.on('POST', '/api/v2/flows/executions', 'drop', ok);
    const err = await drive(
      clock,
      gc.post('/api/v2/flows/executions', {}).catch((e: unknown) => e),
    );
    expect(s.api()).toHaveLength(1);
    expect(err).toBeInstanceOf(SwitchboardError);
    expect(err).toMatchObject({
      code: 'SB_GENESYS_UNAVAILABLE',
      details: { method: 'POST', attempts: 1, retried: false },
    });
    expect((err as Error).message).toMatch(
      /^Genesys Cloud must be reachable; POST http:\/\/127\.0\.0\.1:\d+\/api\/v2\/flows\/executions failed after 1 attempt: /,
    );
  });

  it('gives up on a GET after maxAttempts network errors', async () => {
    const { clock, s, gc } = await setup({ maxAttempts: 4 });
    s.on('GET', '/api/v2/users/u1', 'drop');
    const err = await drive(
      clock,
      gc.get('/api/v2/users/u1').catch((e: unknown) => e),
    );
    expect(s.api()).toHaveLength(4);
    expect(err).toMatchObject({ code: 'SB_GENESYS_UNAVAILABLE', details: { attempts: 4 } });
  });

  it('abandons an attempt whose response headers do not arrive within timeoutMs, and retries a GET', async () => {
    const { clock, s, gc } = await setup({ maxAttempts: 2, timeoutMs: 100 });
    s.on('GET', '/api/v2/users/u1', () => new Promise<never>(() => undefined));
    const err = await drive(
      clock,
      gc.get('/api/v2/users/u1').catch((e: unknown) => e),
    );
    expect(s.api()).toHaveLength(2);
    expect(err).toMatchObject({ code: 'SB_GENESYS_UNAVAILABLE', details: { attempts: 2 } });
    expect((err as Error).message).toMatch(/failed after 2 attempts: no response within 100 ms$/);
  });

  it('fails fast when nothing listens at all', async () => {
    const { clock, s, gc } = await setup({ maxAttempts: 2 });
    await s.close();
    const err = await drive(
      clock,
      gc.get('/api/v2/users/u1').catch((e: unknown) => e),
    );
    expect(err).toMatchObject({
      code: 'SB_GENESYS_UNAVAILABLE',
      details: { url: `${s.url}/oauth/token`, attempts: 2 },
    });
  });
});
