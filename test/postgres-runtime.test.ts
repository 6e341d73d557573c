// The runtime end to end on the Postgres store (embedded emulator, VirtualClock, a throwaway
// cluster): a delayed trigger start survives a restart on the same database, and a redelivered
// event starts one run.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBundle } from '../src/blueprints/index.ts';
import { SystemClock, VirtualClock } from '../src/core/index.ts';
import type { NotificationEvent } from '../src/core/index.ts';
import { DEMO, createEmulator } from '../src/emulator/index.ts';
import type { Emulator } from '../src/emulator/index.ts';
import { createRuntime } from '../src/runtime/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import { openPostgresStore } from '../src/store/index.ts';
import { defineWorkflow, enqueueRun } from '../src/workflows/index.ts';
import { startPostgresCluster } from './support/postgres-cluster.ts';
import type { PostgresCluster } from './support/postgres-cluster.ts';
import { loadPublishedBundle } from './support/published-bundles.ts';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
}, 120_000);
afterAll(() => cluster?.stop());

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function runtimeOn(
  url: string,
  bundles: readonly LoadedBundle[],
  clock: VirtualClock | SystemClock,
  emulator: Emulator,
  more: Partial<Parameters<typeof createRuntime>[0]> = {},
): Promise<Runtime> {
  const store = await openPostgresStore({ url, clock });
  cleanup.push(() => store.close());
  const runtime = await createRuntime({ target: { kind: 'emulator', emulator }, bundles, clock, store, ...more });
  cleanup.push(() => runtime.stop());
  await runtime.start();
  return runtime;
}

async function tagOf(emulator: Emulator, id: string): Promise<string | undefined> {
  const res = await emulator.fetch(`/api/v2/analytics/conversations/${id}/details`, {
    headers: { Authorization: `Bearer ${emulator.adminToken()}` },
  });
  return ((await res.json()) as { externalTag?: string }).externalTag;
}

function userStart(conversationId: string, correlationId: string): NotificationEvent {
  return {
    topicName: `v2.detail.events.conversation.${conversationId}.user.start`,
    version: '2',
    eventBody: {
      conversationId,
      userId: DEMO.users.bob,
      mediaType: 'VOICE',
      direction: 'OUTBOUND',
      eventTime: Date.UTC(2026, 0, 5, 9),
    },
    metadata: { CorrelationId: correlationId },
  };
}

describe('runtime on the Postgres store', () => {
  it('a delayed trigger start survives a restart on the same database and runs when due', async () => {
    const url = await cluster.createDatabase('runtime_delayed');
    const clock = new VirtualClock();
    const emulator = createEmulator({ clock, rateLimitPerMinute: 0 });
    cleanup.push(() => emulator.close());
    const base = loadPublishedBundle('terminate-no-queue');
    const delayed: LoadedBundle = {
      ...base,
      triggers: base.triggers.map((t) => ({ ...t, trigger: { ...t.trigger, delayBySeconds: 60 } })),
    };

    const first = await runtimeOn(url, [delayed], clock, emulator);
    const res = await emulator.fetch('/_switchboard/simulator/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } }),
    });
    const conv = (await res.json()) as { id: string };
    await first.idle();
    const [pending] = await first.runs();
    expect(pending).toMatchObject({ status: 'pending', wakesAt: clock.now() + 60_000 });
    await first.stop();

    await clock.advance(30_000);
    const second = await runtimeOn(url, [delayed], clock, emulator);
    await clock.advance(29_999);
    await second.idle();
    expect(await tagOf(emulator, conv.id)).toBeUndefined();
    await clock.advance(1);
    await second.idle();
    expect(await tagOf(emulator, conv.id)).toBe('No Queue');
    const [run] = await second.runs();
    expect(run).toMatchObject({ id: pending!.id, status: 'completed' });
  });

  it('a redelivered event does not start a second run', async () => {
    const url = await cluster.createDatabase('runtime_redelivered');
    const clock = new VirtualClock();
    const emulator = createEmulator({ clock, rateLimitPerMinute: 0 });
    cleanup.push(() => emulator.close());
    const runtime = await runtimeOn(url, [loadPublishedBundle('terminate-no-queue')], clock, emulator);
    const event = userStart('2f7bf00a-0fc2-4d6a-9b56-92238191433e', 'corr-1');
    const a = await runtime.ingest(event, 'push');
    const b = await runtime.ingest(structuredClone(event), 'push');
    expect(b.event?.decisions[0]).toMatchObject({ duplicate: true, runId: a.event?.decisions[0]?.runId });
    await runtime.idle();
    expect(await runtime.runs()).toHaveLength(1);
  });

  it('counts the invocation limits org-wide: two processes share one minute budget', async () => {
    const url = await cluster.createDatabase('runtime_limits');
    const clock = new VirtualClock();
    const emulator = createEmulator({ clock, rateLimitPerMinute: 0 });
    cleanup.push(() => emulator.close());
    const bundle = loadPublishedBundle('terminate-no-queue');
    const limits = { invocationLimits: { perMinute: 4, perHour: 0, targetRatio: 0 } };
    const a = await runtimeOn(url, [bundle], clock, emulator, limits);
    const b = await runtimeOn(url, [bundle], clock, emulator, limits);
    const conversations = Array.from({ length: 6 }, (_, i) => `0c7a1d9e-1b2c-4d5e-8f90-00000000000${i}`);
    await Promise.all(
      conversations.map((c, i) => (i % 2 === 0 ? a : b).ingest(userStart(c, `corr-limit-${i}`), 'push')),
    );
    expect(a.stats().rateLimited + b.stats().rateLimited).toBe(2);
    expect(a.stats().runsStarted + b.stats().runsStarted).toBe(4);
    const runs = await a.runs({ limit: 10 });
    expect(runs).toHaveLength(6);
    expect(runs.filter((r) => r.wakesAt !== undefined && r.wakesAt >= clock.now() + 59_000)).toHaveLength(2);
  });

  it('an idle worker is woken by a run another process created, without polling (LISTEN/NOTIFY)', async () => {
    const url = await cluster.createDatabase('runtime_notify');
    const clock = new SystemClock();
    const emulator = createEmulator({ rateLimitPerMinute: 0 });
    cleanup.push(() => emulator.close());
    const noop = defineWorkflow({ name: 'noop' }, async ({ input }) => input);
    // Polling every hour: only the announcement can wake this worker within the test.
    const runtime = await runtimeOn(url, [], clock, emulator, { workflows: [noop], pollMs: 3_600_000 });
    await runtime.idle();
    const other = await openPostgresStore({ url });
    cleanup.push(() => other.close());
    const deadline = Date.now() + 10_000;
    let latest;
    // The first announcement may come before LISTEN is set up: create runs until one is taken.
    for (let i = 0; Date.now() < deadline; i++) {
      const created = await enqueueRun(other, noop, { i }, { clock });
      const sent = performance.now();
      while (performance.now() - sent < 1000 && (latest = await other.getRun(created.id))?.status !== 'completed')
        await new Promise((r) => setTimeout(r, 5));
      if (latest?.status === 'completed') {
        expect(performance.now() - sent).toBeLessThan(1000);
        break;
      }
    }
    expect(latest).toMatchObject({ status: 'completed', attempts: 1 });
  });
});
