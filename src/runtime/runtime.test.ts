// The runtime in process (embedded emulator, event bus, VirtualClock): durable delayed starts
// across a restart, redelivery, malformed and failing work isolated from the rest, live updates,
// and the JSON API's routes and error shape.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import type { NotificationEvent } from '../core/index.ts';
import type { LoadedBundle } from '../blueprints/index.ts';
import { DEMO, createEmulator } from '../emulator/index.ts';
import type { Emulator } from '../emulator/index.ts';
import { defineWorkflow } from '../workflows/index.ts';
import { createRuntime } from './create-runtime.ts';
import { runtimeApi } from './http-api.ts';
import type { Runtime, RuntimeOptions, RuntimeUpdate } from './types.ts';
import { loadPublishedBundle } from '../../test/support/published-bundles.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

interface Setup {
  clock: VirtualClock;
  emulator: Emulator;
  runtime: Runtime;
}

async function setup(
  bundles: readonly LoadedBundle[],
  extra: Partial<RuntimeOptions> = {},
  shared?: { clock: VirtualClock; emulator: Emulator },
): Promise<Setup> {
  const clock = shared?.clock ?? new VirtualClock();
  const emulator = shared?.emulator ?? createEmulator({ clock, rateLimitPerMinute: 0 });
  if (!shared) cleanup.push(() => emulator.close());
  const runtime = await createRuntime({ target: { kind: 'emulator', emulator }, bundles, clock, ...extra });
  cleanup.push(() => runtime.stop());
  await runtime.start();
  return { clock, emulator, runtime };
}

async function sim(emulator: Emulator, path: string, body: unknown = {}): Promise<Body> {
  const res = await emulator.fetch(`/_switchboard/simulator${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  return res.json();
}

async function tagOf(emulator: Emulator, id: string): Promise<string | undefined> {
  const res = await emulator.fetch(`/api/v2/analytics/conversations/${id}/details`, {
    headers: { Authorization: `Bearer ${emulator.adminToken()}` },
  });
  return ((await res.json()) as { externalTag?: string }).externalTag;
}

// The published terminate-no-queue exports (a test fixture): any no-queue user.start matches.
const terminate = (): LoadedBundle => loadPublishedBundle('terminate-no-queue');

function userStart(
  conversationId: string,
  correlationId: string,
  extra: Record<string, unknown> = {},
): NotificationEvent {
  return {
    topicName: `v2.detail.events.conversation.${conversationId}.user.start`,
    version: '2',
    eventBody: {
      conversationId,
      userId: DEMO.users.bob,
      mediaType: 'VOICE',
      direction: 'OUTBOUND',
      eventTime: Date.UTC(2026, 0, 5, 9),
      ...extra,
    },
    metadata: { CorrelationId: correlationId },
  };
}

describe('durability', () => {
  it('a delayed trigger start survives a restart on the same SQLite file and runs when due', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-runtime-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = join(dir, 'runtime.sqlite');
    const base = terminate();
    const delayed: LoadedBundle = {
      ...base,
      triggers: base.triggers.map((t) => ({ ...t, trigger: { ...t.trigger, delayBySeconds: 60 } })),
    };

    const first = await setup([delayed], { dbPath });
    const conv = await sim(first.emulator, '/calls', {
      fromUserId: DEMO.users.bob,
      to: { phoneNumber: '+13175550100' },
    });
    await first.runtime.idle();
    const [pending] = await first.runtime.runs();
    expect(pending).toMatchObject({ status: 'pending', wakesAt: first.clock.now() + 60_000 });
    await first.runtime.stop();

    await first.clock.advance(30_000);
    expect(await tagOf(first.emulator, conv.id)).toBeUndefined();

    const second = await setup([delayed], { dbPath }, first);
    await second.clock.advance(29_999);
    await second.runtime.idle();
    expect(await tagOf(first.emulator, conv.id)).toBeUndefined();
    await second.clock.advance(1);
    await second.runtime.idle();
    expect(await tagOf(first.emulator, conv.id)).toBe('No Queue');
    const [run] = await second.runtime.runs();
    expect(run).toMatchObject({ id: pending!.id, status: 'completed' });
  });

  it('a redelivered event does not start a second run', async () => {
    const { runtime } = await setup([terminate()]);
    const event = userStart('2f7bf00a-0fc2-4d6a-9b56-92238191433e', 'corr-1');
    const a = await runtime.ingest(event, 'push');
    const b = await runtime.ingest(structuredClone(event), 'push');
    expect(a.event?.decisions[0]?.duplicate).toBeUndefined();
    expect(b.event?.decisions[0]).toMatchObject({ duplicate: true, runId: a.event?.decisions[0]?.runId });
    await runtime.idle();
    expect((await runtime.runs()).length).toBe(1);
    expect(runtime.stats()).toMatchObject({ eventsReceived: 2, runsStarted: 1, duplicates: 1 });
    // The same content under a new correlation id is a new event.
    await runtime.ingest(userStart('2f7bf00a-0fc2-4d6a-9b56-92238191433e', 'corr-2'), 'push');
    expect((await runtime.runs()).length).toBe(2);
  });
});

describe('isolation', () => {
  it('a malformed event is logged and reported, and the next event still runs', async () => {
    const { runtime, emulator } = await setup([terminate()]);
    const updates: RuntimeUpdate[] = [];
    runtime.subscribe((u) => updates.push(u));
    const bad = await runtime.ingest(
      { topicName: 'v2.detail.events.conversation.x.user.start', eventBody: 'oops' },
      'push',
    );
    expect(bad).toMatchObject({ accepted: false, error: expect.stringContaining('eventBody object') });
    const conv = await sim(emulator, '/calls', { fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } });
    await runtime.idle();
    expect(await tagOf(emulator, conv.id)).toBe('No Queue');
    const log = await runtime.events();
    expect(log[0]).toMatchObject({
      topic: 'invalid',
      source: 'push',
      error: expect.stringContaining('eventBody'),
      decisions: [],
    });
    expect(updates.find((u) => u.type === 'rejected')).toBeDefined();
    expect(runtime.stats().eventsRejected).toBe(1);
  });

  it('a failing run fails alone: the other run of the same event and later events complete', async () => {
    const explode = defineWorkflow({ name: 'explode' }, async () => {
      throw new Error('boom');
    });
    const base = terminate();
    const trigger = { ...base.triggers[0]!.trigger, id: 'explode-on-start', name: 'Explode' };
    const { runtime, emulator } = await setup([base], {
      workflows: [explode],
      codeTriggers: [{ trigger, workflow: 'explode' }],
    });
    const c1 = await sim(emulator, '/calls', { fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } });
    await runtime.idle();
    const c2 = await sim(emulator, '/calls', { fromUserId: DEMO.users.carol, to: { phoneNumber: '+13175550100' } });
    await runtime.idle();
    expect([await tagOf(emulator, c1.id), await tagOf(emulator, c2.id)]).toEqual(['No Queue', 'No Queue']);
    const runs = await runtime.runs();
    expect(runs.filter((r) => r.flow === 'explode').map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(runs.filter((r) => r.flow !== 'explode').map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(runtime.stats()).toMatchObject({ runsFailed: 2, runsCompleted: 2 });
  });
});

describe('live updates', () => {
  it('streams the event with its decision, the run lifecycle and each journaled step, in order', async () => {
    const { runtime, emulator } = await setup([terminate()]);
    const updates: RuntimeUpdate[] = [];
    runtime.subscribe((u) => updates.push(u));
    await sim(emulator, '/calls', { fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } });
    await runtime.idle();
    const seq = updates.map((u) =>
      u.type === 'run' ? `run:${u.run.status}` : u.type === 'step' ? `step:${u.step.name}:${u.step.path}` : u.type,
    );
    expect(seq.filter((s) => s.startsWith('step') || s === 'run:completed')).toEqual([
      'step:Disconnect Voice Call:success',
      'step:Put Conversation Tag:success',
      'run:completed',
    ]);
    expect(seq).toContain('event');
    expect(seq.indexOf('run:pending')).toBeLessThan(seq.indexOf('run:running'));
    const event = updates.find((u) => u.type === 'event' && u.event.topic.endsWith('.user.start'));
    expect(event?.type === 'event' && event.event.decisions[0]).toMatchObject({
      triggerId: 'terminate-no-queue.terminate-outbound-call-missing-queue',
      decision: { action: 'start' },
    });
  });
});

describe('event log', () => {
  it('logs every event of the org from the bus, evaluating triggers only on topics that have them', async () => {
    const { runtime, emulator } = await setup([terminate()]);
    const updates: RuntimeUpdate[] = [];
    runtime.subscribe((u) => updates.push(u));
    const conv = await sim(emulator, '/calls', { fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } });
    await runtime.idle();
    const log = await runtime.events({ conversationId: conv.id, limit: 1000 });
    const kinds = log.map((e) => e.topic.slice(`v2.detail.events.conversation.${conv.id}.`.length));
    // The simulator's outbound call: the agent's user.start, then the customer's customer.start.
    expect(kinds).toEqual(expect.arrayContaining(['user.start', 'customer.start']));
    const customer = log.find((e) => e.topic.endsWith('.customer.start'))!;
    expect(customer).toMatchObject({
      source: 'bus',
      listened: false,
      note: 'no trigger listens to this topic',
      decisions: [],
    });
    const user = log.find((e) => e.topic.endsWith('.user.start'))!;
    expect(user).toMatchObject({ listened: true, decisions: [{ matches: true, decision: { action: 'start' } }] });
    expect(user.note).toBeUndefined();
    // Live updates carry the same events, and the counters count every one.
    const streamed = updates.filter((u) => u.type === 'event').map((u) => (u.type === 'event' ? u.event.seq : 0));
    expect(streamed).toEqual(expect.arrayContaining(log.map((e) => e.seq)));
    expect(runtime.stats().eventsReceived).toBeGreaterThanOrEqual(log.length);
    expect(runtime.stats().runsStarted).toBe(1);
  });

  it('reads the log newest first, paging back by seq, by conversation and topic, through runtime.events and GET /api/events', async () => {
    const { runtime } = await setup([terminate()]);
    const app = runtimeApi(runtime);
    const a = '2f7bf00a-0fc2-4d6a-9b56-92238191433e';
    const b = '3a8c0b1b-1fd3-4e7b-8c67-a3349202544f';
    const customerStart = (conversationId: string, corr: string): NotificationEvent => ({
      topicName: `v2.detail.events.conversation.${conversationId}.customer.start`,
      version: '2',
      eventBody: { conversationId, mediaType: 'VOICE' },
      metadata: { CorrelationId: corr },
    });
    for (const [i, e] of [
      customerStart(a, 'a1'),
      userStart(a, 'a2'),
      customerStart(b, 'b1'),
      userStart(b, 'b2', { queueId: DEMO.queues.sales }),
    ].entries()) {
      expect((await runtime.ingest(e, `push-${i}`)).accepted).toBe(true);
    }
    await runtime.idle();
    const ids = (es: readonly { id: string }[]): string[] => es.map((e) => e.id);
    expect(ids(await runtime.events())).toEqual(['a1', 'a2', 'b1', 'b2']);
    const newest = await runtime.events({ order: 'desc', limit: 2 });
    expect(ids(newest)).toEqual(['b2', 'b1']);
    expect(ids(await runtime.events({ order: 'desc', limit: 2, beforeSeq: newest[1]!.seq }))).toEqual(['a2', 'a1']);
    expect(ids(await runtime.events({ order: 'desc', conversationId: a }))).toEqual(['a2', 'a1']);

    const api = async (query: string): Promise<{ status: number; body: Body }> => {
      const res = await app.fetch(new Request(`http://runtime.local/api/events?${query}`));
      return { status: res.status, body: await res.json() };
    };
    const byApi = await api(`order=desc&conversationId=${b}`);
    expect(byApi.body.entities.map((e: Body) => [e.id, e.listened, e.decisions.length])).toEqual([
      ['b2', true, 0],
      ['b1', false, 0],
    ]);
    expect(
      ids((await api(`order=desc&topic=v2.detail.events.conversation.${a}.customer.start`)).body.entities),
    ).toEqual(['a1']);
    expect(ids((await api(`order=desc&limit=1&beforeSeq=${newest[0]!.seq}`)).body.entities)).toEqual(['b1']);
    const bad = await api('order=newest');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'SB_RUNTIME_BAD_REQUEST', message: expect.stringContaining('order') });
  });

  it('keeps a bounded log: maxEvents applies to the store the runtime opens', async () => {
    const { runtime } = await setup([terminate()], { maxEvents: 3 });
    for (let i = 0; i < 5; i++)
      await runtime.ingest(
        userStart('2f7bf00a-0fc2-4d6a-9b56-92238191433e', `c${i}`, { queueId: DEMO.queues.sales }),
        'push',
      );
    expect((await runtime.events({ limit: 100 })).map((e) => e.id)).toEqual(['c2', 'c3', 'c4']);
  });
});

describe('runtimeApi', () => {
  async function call(
    app: ReturnType<typeof runtimeApi>,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Body; headers: Headers }> {
    const res = await app.fetch(
      new Request(`http://runtime.local${path}`, {
        method,
        ...(body === undefined
          ? {}
          : {
              body: typeof body === 'string' ? body : JSON.stringify(body),
              headers: { 'Content-Type': 'application/json' },
            }),
      }),
    );
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  it('answers runs, a run with its steps, events, triggers and trigger tests', async () => {
    const { runtime, emulator } = await setup([terminate()]);
    const app = runtimeApi(runtime);
    const placed = await sim(emulator, '/calls', { fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } });
    await runtime.idle();
    const runs = await call(app, 'GET', '/api/runs?status=completed&limit=10');
    expect(runs.status).toBe(200);
    expect(runs.body.entities).toHaveLength(1);
    const runId = runs.body.entities[0].id;
    const { eventId } = (await call(app, 'GET', `/api/runs/${runId}`)).body;
    for (const q of [runId, placed.id, eventId]) {
      expect(
        (await call(app, 'GET', `/api/runs?search=${encodeURIComponent(q)}`)).body.entities.map((r: Body) => r.id),
      ).toEqual([runId]);
    }
    expect((await call(app, 'GET', '/api/runs?search=not-a-known-id')).body.entities).toEqual([]);
    const detail = await call(app, 'GET', `/api/runs/${runs.body.entities[0].id}`);
    expect(detail.body.steps.map((s: Body) => [s.name, s.path, s.trace.request.method])).toEqual([
      ['Disconnect Voice Call', 'success', 'POST'],
      ['Put Conversation Tag', 'success', 'PUT'],
    ]);
    const events = await call(app, 'GET', '/api/events?limit=50');
    expect(events.body.entities.find((e: Body) => e.topic.endsWith('.user.start')).decisions[0].runId).toBe(
      runs.body.entities[0].id,
    );
    const triggers = await call(app, 'GET', '/api/triggers');
    expect(triggers.body.entities.map((t: Body) => t.workflow)).toEqual(['Terminate Outbound Call Missing Queue']);
    const test = await call(
      app,
      'POST',
      `/api/triggers/${triggers.body.entities[0].id}/test`,
      userStart('2f7bf00a-0fc2-4d6a-9b56-92238191433e', 'c', { queueId: DEMO.queues.support }),
    );
    expect(test.body.trace.matches).toBe(false);
    expect(test.body.trace.criteria[0]).toMatchObject({ jsonPath: 'queueId', operator: 'Exists', match: false });
    expect((await call(app, 'GET', '/api/bundles')).body.entities[0].integrations[0].credentials).toBe(
      'emulator client with 2 permissions',
    );
  });

  it('answers every failure with one Genesys-style body', async () => {
    const { runtime } = await setup([terminate()]);
    const app = runtimeApi(runtime);
    const bad = await call(app, 'GET', '/api/runs?status=finished');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      code: 'SB_RUNTIME_BAD_REQUEST',
      status: 400,
      message: expect.stringContaining('status must be one of'),
      details: [{ fieldName: 'status' }],
    });
    expect(bad.body.contextId).toBe(bad.headers.get('ININ-Correlation-Id'));
    expect((await call(app, 'GET', '/api/runs/nope')).body).toMatchObject({
      code: 'SB_RUNTIME_NOT_FOUND',
      status: 404,
    });
    expect((await call(app, 'GET', '/api/nowhere')).body).toMatchObject({ code: 'SB_RUNTIME_NOT_FOUND', status: 404 });
    expect((await call(app, 'POST', '/events', { hello: 1 })).body).toMatchObject({
      code: 'SB_RUNTIME_EVENT_INVALID',
      status: 400,
    });
    expect((await call(app, 'POST', '/outbound/calls', { from: DEMO.users.bob })).body).toMatchObject({
      code: 'SB_OUTBOUND_BAD_REQUEST',
      status: 400,
    });
  });

  it('says what is wrong with a pushed body in plain words, with a hint about the body (not a query)', async () => {
    const { runtime } = await setup([terminate()]);
    const app = runtimeApi(runtime);
    const notJson = await call(app, 'POST', '/events', '{not json');
    expect(notJson.body).toMatchObject({
      code: 'SB_RUNTIME_EVENT_INVALID',
      status: 400,
      details: [{ fieldName: 'body' }],
    });
    const missing = await call(app, 'POST', '/events', {});
    const empty = await call(app, 'POST', '/events', '');
    for (const r of [notJson, missing, empty]) {
      expect(r.body.message).not.toMatch(/\ba undefined\b|\ba object\b|\ba array\b/);
      expect(r.body.hint).toMatch(/body/);
      expect(r.body.hint).not.toMatch(/query/i);
    }
    expect(missing.body.message).toContain('an event needs a topicName string; it has none');
    const badTrigger = await call(app, 'POST', '/api/triggers/test', { trigger: 'nope', event: {}, extra: 1 });
    expect(badTrigger.body).toMatchObject({ code: 'SB_RUNTIME_BAD_BODY', status: 400 });
    expect(badTrigger.body.hint).not.toMatch(/query/i);
  });

  it('answers 405 with an Allow header for a known path called with another method', async () => {
    const { runtime } = await setup([terminate()]);
    const app = runtimeApi(runtime);
    const r = await call(app, 'GET', '/events');
    expect(r.status).toBe(405);
    expect(r.headers.get('Allow')).toBe('POST');
    expect(r.body).toMatchObject({
      code: 'SB_RUNTIME_METHOD_NOT_ALLOWED',
      status: 405,
      message: expect.stringContaining('GET is not allowed on /events'),
    });
    expect(r.body.contextId).toBe(r.headers.get('ININ-Correlation-Id'));
    const runs = await call(app, 'DELETE', '/api/runs/some-run');
    expect(runs.status).toBe(405);
    expect(runs.headers.get('Allow')).toBe('GET, HEAD');
    expect((await call(app, 'GET', '/api/nowhere')).status).toBe(404);
  });

  it('takes pushed events (notification, EventBridge envelope, batch) and reports the rejected ones', async () => {
    const { runtime } = await setup([terminate()]);
    const app = runtimeApi(runtime);
    const conv = '2f7bf00a-0fc2-4d6a-9b56-92238191433e';
    const envelope = {
      version: '0',
      id: 'eb-1',
      'detail-type': 'v2.detail.events.conversation.{id}.user.start',
      source: 'aws.partner/genesys.com/cloud/o/s',
      account: '1',
      time: '2026-01-05T09:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: { ...userStart(conv, 'corr-eb'), timestamp: '2026-01-05T09:00:00.000Z' },
    };
    const r = await call(app, 'POST', '/events', [userStart(conv, 'corr-a'), 42, envelope]);
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      accepted: 2,
      rejected: [{ index: 1, error: 'an event must be a JSON object; got a number' }],
    });
    await runtime.idle();
    const events = await runtime.events();
    expect(events.map((e) => [e.id, e.source])).toEqual([
      ['corr-a', 'push'],
      [expect.any(String), 'push'],
      ['corr-eb', 'push'],
    ]);
    expect((await runtime.runs()).length).toBe(2);
  });

  it('answers 429 with Retry-After when a push would overfill the intake, and writes none of it', async () => {
    const { runtime } = await setup([terminate()]);
    const app = runtimeApi(runtime, { maxPendingEvents: 2 });
    const conv = '2f7bf00a-0fc2-4d6a-9b56-92238191433e';
    const full = await call(app, 'POST', '/events', [
      userStart(conv, 'b-1'),
      userStart(conv, 'b-2'),
      userStart(conv, 'b-3'),
    ]);
    expect(full.status).toBe(429);
    expect(full.headers.get('Retry-After')).toBe('1');
    expect(full.body).toMatchObject({
      code: 'SB_RUNTIME_BUSY',
      status: 429,
      message: expect.stringContaining('at most 2 events at once'),
    });
    expect(await runtime.events()).toEqual([]);
    const ok = await call(app, 'POST', '/events', [userStart(conv, 'b-1'), userStart(conv, 'b-2')]);
    expect(ok.status).toBe(202);
    expect((await runtime.events()).map((e) => e.id)).toEqual(['b-1', 'b-2']);
  });

  it('places an outbound call through the mounted outbound sub-app', async () => {
    const { runtime, emulator } = await setup([terminate()]);
    const app = runtimeApi(runtime);
    const r = await call(app, 'POST', '/outbound/calls', { from: 'bob@example.com', to: '+1 317 555 0100' });
    expect(r.status).toBe(201);
    await runtime.idle();
    expect(await tagOf(emulator, r.body.conversationId)).toBe('No Queue');
  });
});
