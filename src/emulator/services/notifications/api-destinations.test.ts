import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationEvent } from '../../../core/index.ts';
import { createEmulator } from '../../create-emulator.ts';
import type { Emulator, EmulatorOptions } from '../../create-emulator.ts';
import { DEMO, EMULATOR_ORG_ID } from '../seed.ts';
import { backoffMs, retriedStatus } from './delivery-policy.ts';

/** A receiver on a real port: records each body and answers what `answer` says. */
interface Receiver {
  readonly url: string;
  readonly bodies: { body: Record<string, unknown>; headers: IncomingMessage['headers'] }[];
  answer: (n: number) => { status: number; headers?: Record<string, string> } | 'hang';
  close(): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function receiver(port = 0): Promise<Receiver> {
  const r: Receiver = {
    url: '',
    bodies: [],
    answer: () => ({ status: 202 }),
    close: async () => undefined,
  };
  let n = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      const a = r.answer(n++);
      if (a === 'hang') return;
      if (a.status >= 200 && a.status < 300)
        r.bodies.push({ body: JSON.parse(text) as Record<string, unknown>, headers: req.headers });
      res.writeHead(a.status, a.headers ?? {});
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  Object.assign(r, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
  cleanups.push(() => r.close());
  return r;
}

function emulator(opts: EmulatorOptions = {}): Emulator {
  const emu = createEmulator({
    statePath: ':memory:',
    apiDestinations: { backoff: { baseMs: 20, maxMs: 200 }, timeoutMs: 500 },
    ...opts,
  });
  cleanups.push(() => emu.close());
  return emu;
}

function put(emu: Emulator, name: string, body: unknown): Promise<Response> {
  return emu.fetch(`/_switchboard/eventbridge/destinations/${name}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function view(emu: Emulator, name: string): Promise<Record<string, unknown>> {
  return (await (await emu.fetch(`/_switchboard/eventbridge/destinations/${name}`)).json()) as Record<string, unknown>;
}

let seq = 0;
function event(kind = 'user.start'): NotificationEvent {
  seq++;
  const conversationId = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  return {
    topicName: `v2.detail.events.conversation.${conversationId}.${kind}`,
    version: '2',
    eventBody: { conversationId, eventTime: 1 },
    metadata: { CorrelationId: `corr-${seq}` },
  };
}

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('EventBridge API destinations', () => {
  it('POSTs each event of its topics once, as an EventBridge envelope with the connection headers', async () => {
    const rx = await receiver();
    const emu = emulator();
    const res = await put(emu, 'runtime', {
      url: rx.url,
      topics: ['v2.detail.events.conversation.{id}.user.start'],
      headers: { 'X-Api-Key': 'k1' },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Record<string, unknown>;
    expect(created).toMatchObject({
      name: 'runtime',
      url: rx.url,
      headers: ['X-Api-Key'],
      maxEventAgeSeconds: 86_400,
      maxRetryAttempts: 185,
      queued: 0,
    });
    const a = event();
    emu.services.events.publish(EMULATOR_ORG_ID, a);
    emu.services.events.publish(EMULATOR_ORG_ID, event('user.end'));
    const c = event();
    emu.services.events.publish(EMULATOR_ORG_ID, c);
    await until('two deliveries', () => rx.bodies.length === 2);
    const ids = rx.bodies
      .map((b) => (b.body.detail as { metadata: { CorrelationId: string } }).metadata.CorrelationId)
      .sort();
    expect(ids).toEqual([a.metadata.CorrelationId, c.metadata.CorrelationId].sort());
    expect(rx.bodies[0]!.body).toMatchObject({
      version: '0',
      'detail-type': 'v2.detail.events.conversation.{id}.user.start',
      source: `aws.partner/genesys.com/cloud/${EMULATOR_ORG_ID}/switchboard`,
    });
    expect(rx.bodies[0]!.headers['x-api-key']).toBe('k1');
    expect(rx.bodies[0]!.headers['content-type']).toBe('application/json');
    await until('the counters', async () => (await view(emu, 'runtime')).delivered === 2);
    expect(await view(emu, 'runtime')).toMatchObject({
      published: 2,
      delivered: 2,
      queued: 0,
      deadLettered: 0,
      state: 'ok',
    });
  });

  it('keeps what a receiver that is down misses and delivers all of it once the receiver is back', async () => {
    const rx = await receiver();
    const port = Number(new URL(rx.url).port);
    await rx.close();
    const emu = emulator();
    expect((await put(emu, 'runtime', { url: rx.url })).status).toBe(201);
    const sent = Array.from({ length: 30 }, () => event());
    for (const e of sent) emu.services.events.publish(EMULATOR_ORG_ID, e);
    await until('a failed attempt', async () => (await view(emu, 'runtime')).state === 'retrying');
    const down = await view(emu, 'runtime');
    expect(down.queued).toBe(30);
    expect(String(down.lastError)).toMatch(/no answer: ECONNREFUSED/);
    const back = await receiver(port);
    await until('every event delivered', () => back.bodies.length === 30);
    const ids = back.bodies.map(
      (b) => (b.body.detail as { metadata: { CorrelationId: string } }).metadata.CorrelationId,
    );
    expect(new Set(ids).size).toBe(30);
    expect(new Set(ids)).toEqual(new Set(sent.map((e) => e.metadata.CorrelationId)));
    await until('the queue to drain', async () => (await view(emu, 'runtime')).queued === 0);
    expect(await view(emu, 'runtime')).toMatchObject({ published: 30, delivered: 30, deadLettered: 0, state: 'ok' });
  });

  it('waits out a Retry-After, retries 5xx and timeouts, and dead-letters a 400 at once', async () => {
    const rx = await receiver();
    const emu = emulator();
    const answers: ReturnType<Receiver['answer']>[] = [
      { status: 429, headers: { 'Retry-After': '1' } },
      { status: 503 },
      'hang',
      { status: 202 },
      { status: 400 },
    ];
    const times: number[] = [];
    rx.answer = (n) => {
      times.push(Date.now());
      return answers[n] ?? { status: 202 };
    };
    await put(emu, 'runtime', { url: rx.url });
    const first = event();
    emu.services.events.publish(EMULATOR_ORG_ID, first);
    await until('delivery after three failed attempts', () => rx.bodies.length === 1, 15_000);
    // The 429's Retry-After (1 s) is longer than the test's backoff (20 ms…): it was waited out.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    // The hang ended at the delivery timeout (500 ms here, 5 s by default).
    expect(times[3]! - times[2]!).toBeGreaterThanOrEqual(480);
    const second = event();
    emu.services.events.publish(EMULATOR_ORG_ID, second);
    await until('the 400', async () => (await view(emu, 'runtime')).deadLettered === 1);
    expect(times).toHaveLength(5);
    expect(await view(emu, 'runtime')).toMatchObject({
      published: 2,
      delivered: 1,
      deadLettered: 1,
      failedAttempts: 4,
      queued: 0,
    });
    const dead = (await (await emu.fetch('/_switchboard/eventbridge/destinations/runtime/dead-letters')).json()) as {
      entities: { eventId: string; error: string; attempts: number; event: { id: string } }[];
    };
    expect(dead.entities).toHaveLength(1);
    expect(dead.entities[0]).toMatchObject({
      eventId: second.metadata.CorrelationId,
      attempts: 1,
      event: { id: second.metadata.CorrelationId },
    });
    expect(dead.entities[0]!.error).toMatch(/^HTTP 400/);
  });

  it('dead-letters an event after its last retry, or once it is older than the retention window', async () => {
    const rx = await receiver();
    rx.answer = () => ({ status: 500 });
    const emu = emulator();
    await put(emu, 'runtime', { url: rx.url, maxRetryAttempts: 2 });
    emu.services.events.publish(EMULATOR_ORG_ID, event());
    await until('dead letter', async () => (await view(emu, 'runtime')).deadLettered === 1);
    const dead = (await (await emu.fetch('/_switchboard/eventbridge/destinations/runtime/dead-letters')).json()) as {
      entities: { error: string; attempts: number }[];
    };
    expect(dead.entities[0]).toMatchObject({ attempts: 3 });
    expect(dead.entities[0]!.error).toMatch(/gave up after 3 attempts; last error: HTTP 500/);

    let skew = 0;
    const aged = emulator({
      apiDestinations: { backoff: { baseMs: 20, maxMs: 20 }, timeoutMs: 500, now: () => Date.now() + skew },
    });
    await put(aged, 'runtime', { url: rx.url, maxEventAgeSeconds: 60 });
    aged.services.events.publish(EMULATOR_ORG_ID, event());
    await until('a failed attempt', async () => Number((await view(aged, 'runtime')).failedAttempts) >= 1);
    expect((await view(aged, 'runtime')).deadLettered).toBe(0);
    skew = 61_000;
    await until('dead letter by age', async () => (await view(aged, 'runtime')).deadLettered === 1);
    const old = (await (await aged.fetch('/_switchboard/eventbridge/destinations/runtime/dead-letters')).json()) as {
      entities: { error: string }[];
    };
    expect(old.entities[0]!.error).toMatch(
      /^(not delivered within the retention window of 60 s|gave up after \d+ attempts)/,
    );
  });

  it('survives a restart of the emulator: destinations and queued events are in the state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-destinations-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'emulator.sqlite');
    const rx = await receiver();
    rx.answer = () => ({ status: 503 });
    const first = createEmulator({ statePath: file, apiDestinations: { backoff: { baseMs: 60_000, maxMs: 60_000 } } });
    await put(first, 'runtime', { url: rx.url, headers: { Authorization: 'Bearer t' } });
    const sent = Array.from({ length: 5 }, () => event());
    for (const e of sent) first.services.events.publish(EMULATOR_ORG_ID, e);
    await until('a failed attempt', async () => Number((await view(first, 'runtime')).failedAttempts) >= 1);
    // Probing after a failure: one request at a time, the next in a minute.
    await new Promise((r) => setTimeout(r, 100));
    expect(await view(first, 'runtime')).toMatchObject({ queued: 5, delivered: 0, state: 'retrying' });
    await first.close();

    rx.answer = () => ({ status: 202 });
    const second = createEmulator({ statePath: file, apiDestinations: { backoff: { baseMs: 20, maxMs: 200 } } });
    cleanups.push(() => second.close());
    const ids = (): Set<string> =>
      new Set(rx.bodies.map((b) => (b.body.detail as { metadata: { CorrelationId: string } }).metadata.CorrelationId));
    await until('the queue delivered after the restart', () => ids().size === 5);
    expect(ids()).toEqual(new Set(sent.map((e) => e.metadata.CorrelationId)));
    expect(rx.bodies.every((b) => b.headers.authorization === 'Bearer t')).toBe(true);
    await until('the counters', async () => (await view(second, 'runtime')).delivered === 5);
    expect(await view(second, 'runtime')).toMatchObject({ published: 5, delivered: 5, queued: 0, deadLettered: 0 });
  });

  it("queues the simulator's events: a placed call reaches the destination", async () => {
    const rx = await receiver();
    const emu = emulator();
    await put(emu, 'runtime', { url: rx.url, topics: ['v2.detail.events.conversation.{id}.user.start'] });
    const res = await emu.fetch('/_switchboard/simulator/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await until('user.start delivered', () =>
      rx.bodies.some(
        (b) => (b.body.detail as { topicName: string }).topicName === `v2.detail.events.conversation.${id}.user.start`,
      ),
    );
  });

  it('answers a clear 400 for a bad registration and 404 for an unknown destination', async () => {
    const emu = emulator();
    const bad = async (name: string, body: unknown): Promise<{ status: number; message: string }> => {
      const res = await put(emu, name, body);
      return { status: res.status, message: ((await res.json()) as { message: string }).message };
    };
    expect(await bad('runtime', { url: 'ftp://x' })).toEqual({
      status: 400,
      message: expect.stringMatching(/^url is invalid: must be an absolute http\(s\) URL/),
    });
    expect(await bad('runtime', { url: 'http://127.0.0.1:1/events', topics: ['nope'] })).toEqual({
      status: 400,
      message: expect.stringMatching(/^topics\[0\] is invalid/),
    });
    expect(await bad('runtime', { url: 'http://127.0.0.1:1/events', maxRetryAttempts: 186 })).toEqual({
      status: 400,
      message: expect.stringMatching(/^maxRetryAttempts is invalid/),
    });
    expect(await bad('runtime', { url: 'http://127.0.0.1:1/events', headers: { 'X-A': 'a\nb' } })).toEqual({
      status: 400,
      message: expect.stringMatching(/^headers\.X-A is invalid: must not contain line breaks/),
    });
    expect(await bad('run time', { url: 'http://127.0.0.1:1/events' })).toEqual({
      status: 400,
      message: expect.stringMatching(/^a destination name must be/),
    });
    expect(await bad('runtime', { url: 'http://127.0.0.1:1/events', extra: 1 })).toMatchObject({ status: 400 });
    expect((await emu.fetch('/_switchboard/eventbridge/destinations/missing')).status).toBe(404);
    expect((await emu.fetch('/_switchboard/eventbridge/destinations/missing', { method: 'DELETE' })).status).toBe(404);
    expect((await put(emu, 'runtime', { url: 'http://127.0.0.1:1/events' })).status).toBe(201);
    expect((await put(emu, 'runtime', { url: 'http://127.0.0.1:2/events' })).status).toBe(200);
    expect(
      (
        (await (await emu.fetch('/_switchboard/eventbridge/destinations')).json()) as { entities: { url: string }[] }
      ).entities.map((d) => d.url),
    ).toEqual(['http://127.0.0.1:2/events']);
    expect((await emu.fetch('/_switchboard/eventbridge/destinations/runtime', { method: 'DELETE' })).status).toBe(204);
    expect((await emu.fetch('/_switchboard/eventbridge/destinations/runtime')).status).toBe(404);
  });
});

describe('backoff', () => {
  it('doubles from the base up to the cap, with jitter in the upper half', () => {
    const policy = { baseMs: 1_000, maxMs: 480_000 };
    expect(backoffMs(1, () => 0, policy)).toBe(500);
    expect(backoffMs(1, () => 0.999999, policy)).toBe(1_000);
    expect(backoffMs(4, () => 0, policy)).toBe(4_000);
    expect(backoffMs(40, () => 0, policy)).toBe(240_000);
    expect(backoffMs(40, () => 0.999999, policy)).toBe(480_000);
  });

  it('retries what may pass later and not what will fail again', () => {
    expect([401, 407, 408, 409, 429, 500, 502, 503, 504].every(retriedStatus)).toBe(true);
    expect([400, 403, 404, 413, 422].some(retriedStatus)).toBe(false);
  });
});
