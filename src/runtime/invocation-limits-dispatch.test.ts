// The org's workflow-invocation limits in the runtime's dispatch (platform.md §1.6, §8 step 7):
// a start over a limit is a durable delayed start at the time a slot frees, or dropped when the
// trigger's TTL passes meanwhile; the event log says which.
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import type { NotificationEvent } from '../core/index.ts';
import { loadSolution } from '../blueprints/index.ts';
import { DEMO, createEmulator } from '../emulator/index.ts';
import { defineWorkflow } from '../workflows/index.ts';
import { createRuntime } from './create-runtime.ts';
import type { RuntimeOptions } from './types.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const CONVERSATION = '2f7bf00a-0fc2-4d6a-9b56-92238191433e';

async function setup(limits: RuntimeOptions['invocationLimits'], ttlSeconds?: number) {
  const clock = new VirtualClock();
  const emulator = createEmulator({ clock, rateLimitPerMinute: 0 });
  cleanup.push(() => emulator.close());
  const started: number[] = [];
  const count = defineWorkflow({ name: 'count' }, async () => {
    started.push(clock.now());
  });
  // Every no-queue user.start matches this bundle's trigger (the main one also wants a tel: DNIS).
  const base = loadSolution('terminate-no-queue', 'pstn-leg-check').triggers[0]!.trigger;
  const trigger = {
    ...base,
    id: 'count-starts',
    name: 'Count',
    ...(ttlSeconds === undefined ? {} : { eventTTLSeconds: ttlSeconds }),
  };
  const runtime = await createRuntime({
    target: { kind: 'emulator', emulator },
    bundles: [],
    clock,
    workflows: [count],
    codeTriggers: [{ trigger, workflow: 'count' }],
    invocationLimits: limits,
  });
  cleanup.push(() => runtime.stop());
  await runtime.start();
  const event = (correlationId: string): NotificationEvent => ({
    topicName: `v2.detail.events.conversation.${CONVERSATION}.user.start`,
    version: '2',
    eventBody: {
      conversationId: CONVERSATION,
      userId: DEMO.users.bob,
      mediaType: 'VOICE',
      direction: 'OUTBOUND',
      eventTime: clock.now(),
    },
    metadata: { CorrelationId: correlationId },
  });
  return { clock, runtime, started, event };
}

describe('workflow invocation limits', () => {
  it('delays a start over the per-minute limit until a slot frees, and drops one whose TTL passes meanwhile', async () => {
    const { clock, runtime, started, event } = await setup({ perMinute: 1, perHour: 0, targetRatio: 0 }, 90);
    const t0 = clock.now();
    const first = await runtime.ingest(event('e1'), 'push');
    const second = await runtime.ingest(event('e2'), 'push');
    const third = await runtime.ingest(event('e3'), 'push');
    expect(first.event?.decisions[0]).toMatchObject({ decision: { action: 'start' } });
    expect(first.event?.decisions[0]?.rateLimit).toBeUndefined();
    expect(second.event?.decisions[0]).toMatchObject({
      decision: { action: 'delay', at: t0 + 60_000, delayMs: 60_000 },
      rateLimit: {
        outcome: 'delayed',
        limit: 'per-minute',
        at: t0 + 60_000,
        delayedMs: 60_000,
        note: expect.stringContaining('delayed by rate limit'),
      },
      runId: expect.any(String),
    });
    // The next free slot is at 120 s, when the event would be 120 s old: past its 90 s TTL.
    expect(third.event?.decisions[0]).toMatchObject({
      decision: { action: 'drop-ttl', ageMs: 120_000, ttlMs: 90_000 },
      rateLimit: {
        outcome: 'dropped',
        limit: 'per-minute',
        note: expect.stringContaining('dropped: TTL exceeded while rate-limited'),
      },
    });
    expect(third.event?.decisions[0]?.runId).toBeUndefined();
    // The event log keeps the decision.
    const logged = (await runtime.events()).find((e) => e.id === second.event?.id);
    expect(logged?.decisions[0]?.rateLimit).toMatchObject({ outcome: 'delayed' });

    await runtime.idle();
    expect(started).toEqual([t0]);
    await clock.advance(59_999);
    await runtime.idle();
    expect(started).toEqual([t0]);
    await clock.advance(1);
    await runtime.idle();
    expect(started).toEqual([t0, t0 + 60_000]);
    expect((await runtime.runs()).map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(runtime.stats()).toMatchObject({ rateLimited: 2, droppedTtl: 1, runsStarted: 1, runsDelayed: 1 });
  });

  it('a redelivered event gives its slot back; 0 turns the limits off', async () => {
    const limited = await setup({ perMinute: 1, perHour: 0, targetRatio: 0 });
    await limited.runtime.ingest(limited.event('e1'), 'push');
    await limited.runtime.ingest(limited.event('e1'), 'push');
    const next = await limited.runtime.ingest(limited.event('e2'), 'push');
    // One slot used by e1 only: e2 waits one minute, not two.
    expect(next.event?.decisions[0]?.rateLimit).toMatchObject({ outcome: 'delayed', delayedMs: 60_000 });
    const off = await setup({ perMinute: 0, perHour: 0, targetRatio: 0 });
    for (let i = 0; i < 5; i++)
      expect((await off.runtime.ingest(off.event(`x${i}`), 'push')).event?.decisions[0]?.decision.action).toBe('start');
  });
});
