// The runtime in process (embedded emulator, event bus, VirtualClock): durable delayed starts
// across a restart, redelivery, malformed and failing work isolated from the rest, live updates and
// the event log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationEvent } from '../core/index.ts';
import type { LoadedBundle } from '../blueprints/index.ts';
import { DEMO } from '../emulator/index.ts';
import { defineWorkflow } from '../workflows/index.ts';
import { runtimeApi } from './http-api.ts';
import type { RuntimeUpdate } from './types.ts';
import type { Body } from './runtime.test-util.ts';
import { cleanup, runCleanup, setup, sim, tagOf, terminate, userStart } from './runtime.test-util.ts';

afterEach(runCleanup);

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
