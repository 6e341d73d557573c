// Outbound calls end to end on real ports: the emulator listens on 127.0.0.1, the Genesys client
// logs in over HTTP, and the outbound HTTP sub-app is served on its own port. The simulator's
// documented test numbers decide the far end (answer then hang up, busy, no answer, failure).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../src/core/index.ts';
import { DEMO, createEmulator } from '../src/emulator/index.ts';
import type { Emulator, ListeningEmulator } from '../src/emulator/index.ts';
import { createGenesysClient } from '../src/genesys/index.ts';
import { createOutboundApi, memoryIdempotencyStore, placeCall } from '../src/outbound/index.ts';
import type { CallEventSource, OutboundDeps } from '../src/outbound/index.ts';

type Json = Record<string, unknown>;

const ANSWER_THEN_HANG_UP = '(317) 555-0104';
const BUSY = '+1 317 555 0101';
const NO_ANSWER = 'tel:+1-317-555-0102';
const FAILURE = '317-555-0103';
const CALLER_PERMISSIONS = ['directory:user:view', 'conversation:call:add', 'analytics:conversationDetail:view'];

let emu: Emulator;
let emuServer: ListeningEmulator;
let apiServer: Server;
let apiUrl: string;
let deps: OutboundDeps;
const clock = new SystemClock();

/** The emulator's event bus as the outbound event source (what the runtime attaches). */
const busEvents: CallEventSource = (_id, listener) => emu.services.events.subscribe(emu.orgId, listener);

function outboundDeps(
  permissions: readonly string[],
  extra: Partial<OutboundDeps> = {},
  clientOptions: { maxAttempts?: number } = {},
): OutboundDeps {
  const c = emu.createClient({ name: 'CRM click-to-dial', permissions: [...permissions] });
  const gc = createGenesysClient({
    baseUrl: emuServer.url,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    clock,
    ...clientOptions,
  });
  return {
    fetch: gc.fetch,
    clock,
    defaultRegion: 'US',
    follow: { pollIntervalMs: 20, eventPollIntervalMs: 200, timeoutMs: 10_000 },
    ...extra,
  };
}

async function control(method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${emuServer.url}/_switchboard${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  expect(res.ok).toBe(true);
  return (await res.json()) as Json;
}

async function conversations(): Promise<Json[]> {
  return (await control('GET', '/simulator/conversations')).entities as Json[];
}

async function postCall(
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Json }> {
  const res = await fetch(`${apiUrl}/outbound/calls`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Json };
}

function states(steps: unknown): string[] {
  return (steps as Array<{ state: string }>).map((s) => s.state);
}

beforeAll(async () => {
  emu = createEmulator({ seed: 'demo', statePath: ':memory:' });
  emuServer = await emu.listen(0, '127.0.0.1');
  deps = outboundDeps(CALLER_PERMISSIONS, { events: busEvents, idempotency: memoryIdempotencyStore({ clock }) });
  apiServer = createAdaptorServer({ fetch: createOutboundApi(deps).fetch, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => apiServer.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(apiServer.address() as AddressInfo).port}`;
});

afterEach(async () => {
  emu.faults.clear();
  emu.reset();
  // Short simulated phases on the real clock, so whole calls take a fraction of a second.
  await control('PATCH', '/simulator/timing', { dialingMs: 20, answerAfterMs: 40, talkMs: 80, ringTimeoutMs: 120 });
});

beforeAll(async () => {
  await control('PATCH', '/simulator/timing', { dialingMs: 20, answerAfterMs: 40, talkMs: 80, ringTimeoutMs: 120 });
});

afterAll(async () => {
  await new Promise<void>((resolve) => apiServer.close(() => resolve()));
  await emu.close();
});

describe('POST /outbound/calls on a real port', () => {
  it('places a call for a user by email and reports dialing → connected → disconnected', async () => {
    const r = await postCall({ from: 'bob@example.com', to: ANSWER_THEN_HANG_UP, wait: true });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      e164: '+13175550104',
      userId: DEMO.users.bob,
      replayed: false,
      state: 'disconnected',
    });
    expect(states(r.json.steps)).toEqual(['dialing', 'connected', 'disconnected']);
    const id = r.json.conversationId as string;
    expect(r.headers.get('Location')).toBe(`/api/v2/conversations/calls/${id}`);
    const all = await conversations();
    expect(all.map((c) => c.id)).toEqual([id]);
    const far = (all[0]!.participants as Json[]).find((p) => p.purpose === 'external');
    expect(far?.dnis).toBe('tel:+13175550104');
    expect(far?.connectedTime).toBeTypeOf('number');
  });

  it('refuses an impossible number with 400 SB_OUTBOUND_BAD_NUMBER showing the input, before any call exists', async () => {
    const r = await postCall({ from: 'bob@example.com', to: '555-12' });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      code: 'SB_OUTBOUND_BAD_NUMBER',
      status: 400,
      details: [{ errorCode: 'SB_OUTBOUND_BAD_NUMBER', fieldName: 'to' }],
    });
    expect(r.json.message).toBe(
      'the number to call must be a possible phone number; got "555-12": it is too short (default region US)',
    );
    expect(r.json.contextId).toBe(r.headers.get('ININ-Correlation-Id'));
    expect(await conversations()).toEqual([]);
  });

  it('refuses an offline user with 403 SB_OUTBOUND_USER_STATE and places nothing', async () => {
    const r = await postCall({ from: DEMO.users.dave, to: ANSWER_THEN_HANG_UP });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('SB_OUTBOUND_USER_STATE');
    expect(r.json.message).toContain(`user ${DEMO.users.dave} is Offline`);
    expect(await conversations()).toEqual([]);
  });

  it('answers 404 SB_OUTBOUND_USER_NOT_FOUND for an unknown user', async () => {
    const r = await postCall({ from: 'nobody@example.com', to: ANSWER_THEN_HANG_UP });
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({
      code: 'SB_OUTBOUND_USER_NOT_FOUND',
      message: 'the caller must be a user of the org; no user has email "nobody@example.com"',
    });
    expect(await conversations()).toEqual([]);
  });

  it('answers 400 naming every invalid field of a malformed body', async () => {
    const r = await postCall({ to: 42, wait: 'yes', colour: 'red' });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('SB_OUTBOUND_BAD_REQUEST');
    expect((r.json.details as Json[]).map((d) => d.fieldName).sort()).toEqual(['body', 'to', 'wait']);
    const notJson = await postCall('{"to":');
    expect(notJson.status).toBe(400);
    expect(notJson.json.message).toBe('the request body must be a JSON object; it is not valid JSON');
  });

  it('with the same Idempotency-Key twice (even at once) places one call; the second answer is a 200 replay', async () => {
    const body = { from: 'carol@example.com', to: ANSWER_THEN_HANG_UP };
    const [a, b] = await Promise.all([
      postCall(body, { 'Idempotency-Key': 'crm-42' }),
      postCall(body, { 'Idempotency-Key': 'crm-42' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.json.conversationId).toBe(b.json.conversationId);
    expect(await conversations()).toHaveLength(1);
    const other = await postCall({ ...body, to: BUSY }, { 'Idempotency-Key': 'crm-42' });
    expect(other.status).toBe(409);
    expect(other.json.code).toBe('SB_OUTBOUND_IDEMPOTENCY_CONFLICT');
  });
});

describe('placeCall against the emulator on a real port', () => {
  it('refuses a client without the call permission with 403 SB_OUTBOUND_PERMISSION naming it, and places nothing', async () => {
    const e = await placeCall(outboundDeps(['directory:user:view']), {
      from: 'bob@example.com',
      to: ANSWER_THEN_HANG_UP,
    }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'SB_OUTBOUND_PERMISSION', status: 403 });
    expect((e as { details: Json }).details.missingPermissions).toEqual([
      'conversation:agentlessCall:add',
      'conversation:call:add',
    ]);
    expect((e as Error).message).toContain(`POST /api/v2/conversations/calls/user/${DEMO.users.bob}`);
    expect(await conversations()).toEqual([]);
  });

  it('rides out a 429 burst on create (Retry-After honoured) and creates exactly one conversation', async () => {
    emu.faults.add({ method: 'POST', path: '/api/v2/conversations/calls/user/*', burst429: 2, retryAfterSeconds: 1 });
    const started = Date.now();
    const call = await placeCall(deps, {
      from: DEMO.users.bob,
      to: ANSWER_THEN_HANG_UP,
      idempotencyKey: 'retry-1',
      wait: true,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(call.final?.state).toBe('disconnected');
    expect(emu.faults.list()[0]?.remaining429).toBe(0);
    expect((await conversations()).map((c) => c.id)).toEqual([call.conversationId]);
  });

  it('gives up after the bounded attempts with SB_OUTBOUND_RATE_LIMITED carrying Retry-After; the same key then places one call', async () => {
    emu.faults.add({ method: 'POST', path: '/api/v2/conversations/calls/user/*', burst429: 5, retryAfterSeconds: 1 });
    const impatient = outboundDeps(CALLER_PERMISSIONS, { idempotency: deps.idempotency }, { maxAttempts: 2 });
    const e = await placeCall(impatient, {
      from: DEMO.users.bob,
      to: ANSWER_THEN_HANG_UP,
      idempotencyKey: 'retry-2',
    }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'SB_OUTBOUND_RATE_LIMITED', status: 429, retryAfterMs: 1000 });
    expect(await conversations()).toEqual([]);
    emu.faults.clear();
    const first = await placeCall(impatient, {
      from: DEMO.users.bob,
      to: ANSWER_THEN_HANG_UP,
      idempotencyKey: 'retry-2',
    });
    const again = await placeCall(impatient, {
      from: DEMO.users.bob,
      to: ANSWER_THEN_HANG_UP,
      idempotencyKey: 'retry-2',
    });
    expect(again).toMatchObject({ conversationId: first.conversationId, replayed: true });
    expect(await conversations()).toHaveLength(1);
  });

  it.each([
    [BUSY, 'busy'],
    [NO_ANSWER, 'no-answer'],
    [FAILURE, 'failed'],
  ])('reports the far end of %s as %s before disconnected', async (to, outcome) => {
    const call = await placeCall(deps, { from: 'bob@example.com', to, wait: true });
    expect(call.steps?.map((s) => s.state)).toEqual(['dialing', outcome, 'disconnected']);
  });

  it('follows by polling when no event source is attached, and tells the same story', async () => {
    const polled = outboundDeps(CALLER_PERMISSIONS);
    const call = await placeCall(polled, { from: `station:${DEMO.stations.bob}`, to: ANSWER_THEN_HANG_UP, wait: true });
    expect(call.steps?.map((s) => s.state)).toEqual(['dialing', 'connected', 'disconnected']);
    expect(call.steps?.every((s) => s.source === 'poll')).toBe(true);
  });

  it('polls until the answer (no event announces it), then learns the end from the events', async () => {
    const slowSafetyPoll = { ...deps, follow: { pollIntervalMs: 20, eventPollIntervalMs: 60_000, timeoutMs: 10_000 } };
    const started = Date.now();
    const call = await placeCall(slowSafetyPoll, { from: 'bob@example.com', to: ANSWER_THEN_HANG_UP, wait: true });
    expect(call.steps?.map((s) => [s.state, s.source])).toEqual([
      ['dialing', 'poll'],
      ['connected', 'poll'],
      ['disconnected', 'event'],
    ]);
    // The 60 s safety poll never ran: the hang-up's end events woke the follower.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('places the call on behalf of a queue when one is given', async () => {
    const call = await placeCall(deps, {
      from: 'carol@example.com',
      to: ANSWER_THEN_HANG_UP,
      queueId: DEMO.queues.sales,
    });
    const conv = (await conversations()).find((c) => c.id === call.conversationId);
    const carol = (conv?.participants as Json[]).find((p) => p.userId === DEMO.users.carol);
    expect(carol?.queueId).toBe(DEMO.queues.sales);
    expect(call.queueId).toBe(DEMO.queues.sales);
  });

  it('with a user token places the call as the token user on POST /api/v2/conversations/calls', async () => {
    const token = emu.issueUserToken(DEMO.users.bob, ['directory:user:view', 'conversation:conference:add']);
    const asBob: OutboundDeps = {
      baseUrl: emuServer.url,
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), Authorization: `Bearer ${token}` },
        }),
      grant: 'user',
      clock,
      defaultRegion: 'US',
      follow: { pollIntervalMs: 20 },
    };
    const call = await placeCall(asBob, { to: ANSWER_THEN_HANG_UP, wait: true });
    expect(call.userId).toBe(DEMO.users.bob);
    expect(call.steps?.map((s) => s.state)).toEqual(['dialing', 'connected', 'disconnected']);
    const refused = await placeCall(asBob, { from: 'carol@example.com', to: ANSWER_THEN_HANG_UP }).catch(
      (x: unknown) => x,
    );
    expect(refused).toMatchObject({ code: 'SB_OUTBOUND_BAD_REQUEST' });
    expect((await conversations()).map((c) => c.id)).toEqual([call.conversationId]);
  });
});

describe('POST /outbound/calls with "wait": true when the client goes away', () => {
  it('stops polling the call once the client aborts, and leaves the call placed', async () => {
    // A far end that rings for a minute: the follower would poll all that time.
    await control('PATCH', '/simulator/timing', { dialingMs: 20, ringTimeoutMs: 60_000 });
    const base = outboundDeps(CALLER_PERMISSIONS);
    let reads = 0;
    const counted: OutboundDeps = {
      ...base,
      fetch: (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (
          (init?.method ?? (input instanceof Request ? input.method : 'GET')) === 'GET' &&
          /\/api\/v2\/conversations\/calls\/[^/]+$/.test(new URL(url, emuServer.url).pathname)
        )
          reads++;
        return base.fetch(input, init);
      },
    };
    const server = createAdaptorServer({ fetch: createOutboundApi(counted).fetch, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = new AbortController();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/outbound/calls`;
      const answer = fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ from: 'bob@example.com', to: NO_ANSWER, wait: true }),
        signal: client.signal,
      }).catch((e: unknown) => e);
      const until = Date.now() + 5_000;
      while (reads < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      expect(reads).toBeGreaterThanOrEqual(3);
      client.abort();
      expect(await answer).toBeInstanceOf(Error);
      // A read already in flight may land; after that, none (the poll interval is 20 ms).
      await new Promise((r) => setTimeout(r, 150));
      const afterAbort = reads;
      await new Promise((r) => setTimeout(r, 400));
      expect(reads).toBe(afterAbort);
      const [call] = await conversations();
      expect(call?.endTime ?? null).toBeNull();
    } finally {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
