/**
 * @module
 * The systems the end-to-end bench drives, and how it times them. Both timestamps are taken
 * inside the emulator's process boundary: `t0` when the emulator's event bus publishes a no-queue
 * PSTN call's `user.start` (before any subscriber, the notification hub included, sees it), `t1`
 * when the disconnect request for that conversation enters the emulator's `fetch`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock, silentLogger } from '../src/core/index.ts';
import type { Fetch, NotificationEvent } from '../src/core/index.ts';
import { loadSolution } from '../src/blueprints/index.ts';
import { DEMO, createEmulator, simulatorFor } from '../src/emulator/index.ts';
import type { Emulator } from '../src/emulator/index.ts';
import { createRuntime } from '../src/runtime/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import { createMemoryStore, openSqliteStore } from '../src/store/index.ts';
import { pace, percentile } from './pace.ts';

const DISCONNECT = /\/api\/v2\/conversations\/([0-9a-f-]{36})\/disconnect$/;
const AGENTS = [DEMO.users.bob, DEMO.users.carol, DEMO.users.dave];

/** One measured window. */
export interface Sample {
  /** Offered calls per second. */
  readonly rate: number;
  /** Calls per second the generator actually placed. */
  readonly achieved: number;
  /** How late the generator placed calls, p99 (ms): high when the process is saturated. */
  readonly lagP99: number;
  /** No-queue calls timed from user.start to the disconnect request. */
  readonly measured: number;
  /** No-queue calls whose disconnect never arrived (within 3 s after the window). */
  readonly lost: number;
  readonly p50: number;
  readonly p99: number;
}

/** One system under test: an emulator, and whatever answers its no-queue calls. */
interface Rig {
  readonly emulator: Emulator;
  /** Conversation id → `performance.now()` at its user.start. */
  readonly emitted: Map<string, number>;
  readonly latencies: number[];
  close(): Promise<void>;
}

/** What makes a rig. */
export type RigKind = 'sqlite' | 'memory' | 'bare';

function timedEmulator(): { emulator: Emulator; emitted: Map<string, number>; latencies: number[]; fetch: Fetch } {
  const emulator = createEmulator({ clock: new SystemClock(), rateLimitPerMinute: 0, logger: silentLogger });
  const emitted = new Map<string, number>();
  const latencies: number[] = [];
  const bus = emulator.services.events;
  const publish = bus.publish.bind(bus);
  bus.publish = (orgId: string, e: NotificationEvent): void => {
    if (e.topicName.endsWith('.user.start')) {
      const b = e.eventBody as { conversationId?: string; queueId?: string; dnis?: string };
      if (b.queueId === undefined && b.dnis?.startsWith('tel:') && b.conversationId)
        emitted.set(b.conversationId, performance.now());
    }
    publish(orgId, e);
  };
  const sim = simulatorFor(emulator.services, emulator.orgId);
  Object.assign(sim.timing, {
    dialingMs: 200,
    answerAfterMs: 300,
    talkMs: 1_000,
    ringTimeoutMs: 1_500,
    wrapupTimeoutMs: 1_000,
  });
  const fetch: Fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = input instanceof Request ? input.method : (init?.method ?? 'GET');
    const m = method === 'POST' ? DISCONNECT.exec(url.replace(/\?.*$/, '')) : null;
    if (m) {
      const t0 = emitted.get(m[1]!);
      if (t0 !== undefined) {
        latencies.push(performance.now() - t0);
        emitted.delete(m[1]!);
      }
    }
    return emulator.fetch(input, init);
  };
  return { emulator, emitted, latencies, fetch };
}

async function runtimeRig(durable: boolean): Promise<Rig> {
  const t = timedEmulator();
  const dir = durable ? mkdtempSync(join(tmpdir(), 'sb-e2e-bench-')) : undefined;
  const store = dir ? openSqliteStore({ path: join(dir, 'runtime.sqlite') }) : createMemoryStore();
  const target = { kind: 'emulator' as const, emulator: { ...t.emulator, fetch: t.fetch } };
  let runtime: Runtime;
  try {
    // 500 calls/s is 30,000 invocations a minute, five times Genesys's org cap: the bench measures
    // Switchboard's own latency, so the org's invocation limits are off here.
    runtime = await createRuntime({
      target,
      store,
      bundles: [loadSolution('terminate-no-queue')],
      concurrency: 256,
      invocationLimits: { perMinute: 0, perHour: 0 },
    });
    await runtime.start();
  } catch (e) {
    await store.close();
    await t.emulator.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    emulator: t.emulator,
    emitted: t.emitted,
    latencies: t.latencies,
    async close() {
      await runtime.stop({ graceMs: 5_000 });
      await store.close();
      await t.emulator.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function bareRig(): Promise<Rig> {
  const t = timedEmulator();
  const token = t.emulator.adminToken();
  const off = t.emulator.services.events.subscribe(t.emulator.orgId, (e) => {
    const b = e.eventBody as { conversationId?: string; queueId?: string; dnis?: string };
    if (!e.topicName.endsWith('.user.start') || b.queueId !== undefined || !b.dnis?.includes('tel:+')) return;
    void t.fetch(`http://emulator.local/api/v2/conversations/${b.conversationId}/disconnect`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
  });
  return {
    emulator: t.emulator,
    emitted: t.emitted,
    latencies: t.latencies,
    close: async () => {
      off();
      await t.emulator.close();
    },
  };
}

/** A fresh rig: the runtime on a SQLite journal, on the in-memory store, or a bare bus subscriber. */
function makeRig(kind: RigKind): Promise<Rig> {
  return kind === 'bare' ? bareRig() : runtimeRig(kind === 'sqlite');
}

/**
 * Offer `rate` calls/s for `ms` (half of them measured no-queue PSTN calls, a quarter on behalf of
 * a queue, a quarter user to user, which the trigger's `dnis Contains "tel:+"` lets through), then
 * wait up to 3 s for the disconnects still due.
 */
async function drive(rig: Rig, rate: number, ms: number): Promise<Sample> {
  const sim = simulatorFor(rig.emulator.services, rig.emulator.orgId);
  rig.latencies.length = 0;
  rig.emitted.clear();
  const paced = await pace(rate, ms, (n) => {
    const from = AGENTS[n % AGENTS.length]!;
    const kind = n % 4;
    if (kind < 2) sim.placeCall({ fromUserId: from, to: { phoneNumber: '+13175550104' } });
    else if (kind === 2)
      sim.placeCall({
        fromUserId: DEMO.users.alice,
        to: { phoneNumber: '+13175550104' },
        queueId: DEMO.queues.support,
      });
    else
      sim.placeCall({ fromUserId: from, to: { userId: from === DEMO.users.bob ? DEMO.users.carol : DEMO.users.bob } });
  });
  const until = performance.now() + 3_000;
  while (rig.emitted.size > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
  const sorted = [...rig.latencies].sort((a, b) => a - b);
  return {
    rate,
    achieved: paced.achieved,
    lagP99: paced.lagP99,
    measured: sorted.length,
    lost: rig.emitted.size,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

/** A fresh rig, 500 ms of warm-up at up to 100 calls/s, then one measured window. */
export async function measure(kind: RigKind, rate: number, ms: number): Promise<Sample> {
  const rig = await makeRig(kind);
  try {
    await drive(rig, Math.min(rate, 100), 500);
    return await drive(rig, rate, ms);
  } finally {
    await rig.close();
  }
}
