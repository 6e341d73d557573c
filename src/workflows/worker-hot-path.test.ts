import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualClock, seededIds } from '../core/index.ts';
import { createMemoryStore, openSqliteStore } from '../store/index.ts';
import type { Store } from '../store/index.ts';
import { defineWorkflow } from './define.ts';
import { runUntilIdle } from './testing.ts';
import { createWorker } from './worker.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-wf-hot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** A real store whose calls are counted by method. */
function counted(inner: Store): { store: Store; calls: Map<string, number>; reset: () => void } {
  const calls = new Map<string, number>();
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, calls, reset: () => calls.clear() };
}

/** A workflow whose single step waits for the test to open its gate. */
function gated(): { workflow: ReturnType<typeof defineWorkflow>; open: () => void; entered: () => number } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let entered = 0;
  const workflow = defineWorkflow({ name: 'gated' }, async ({ input, step }) => {
    return step.run('work', async () => {
      entered++;
      await gate;
      return { done: (input as { n: number }).n };
    });
  });
  return { workflow, open: () => release(), entered: () => entered };
}

async function settled(store: Store, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const runs = await Promise.all(ids.map((id) => store.getRun(id)));
    if (runs.every((r) => r?.status === 'completed' || r?.status === 'failed')) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`runs ${ids.join(', ')} did not settle`);
}

describe.each([
  ['memory', (): Store => createMemoryStore()],
  ['sqlite', (): Store => openSqliteStore({ path: join(dir, `h${++files}.sqlite`) })],
])('worker hot path on the %s store', (_name, open) => {
  it('starts a run enqueued on a free slot with one write: created leased, never claimed, journal never read', async () => {
    const { store, calls, reset } = counted(open());
    const clock = new VirtualClock();
    const g = gated();
    const worker = createWorker({ store, workflows: [g.workflow], clock, ids: seededIds(7), concurrency: 4 });
    await worker.idle();
    reset();
    const runs = await Promise.all([1, 2, 3].map((n) => worker.enqueue('gated', { n })));
    expect(runs.map((r) => [r.status, r.attempts, r.leaseOwner])).toEqual(
      [1, 2, 3].map(() => ['running', 1, worker.workerId]),
    );
    await new Promise((r) => setImmediate(r));
    expect(g.entered()).toBe(3);
    g.open();
    await settled(
      store,
      runs.map((r) => r.id),
    );
    expect(await Promise.all(runs.map(async (r) => (await store.getRun(r.id))?.output))).toEqual([
      { done: 1 },
      { done: 2 },
      { done: 3 },
    ]);
    expect(Object.fromEntries(calls)).toMatchObject({ createRun: 3, appendStep: 3, releaseLease: 3 });
    for (const m of ['claimRunnable', 'nextWakeAt', 'loadJournal', 'listTimers']) expect(calls.get(m) ?? 0, m).toBe(0);
    await worker.stop();
    await store.close();
  });

  it('leaves a start that finds the worker full pending, and claims it when a slot frees', async () => {
    const store = open();
    const clock = new VirtualClock();
    const g = gated();
    const worker = createWorker({ store, workflows: [g.workflow], clock, ids: seededIds(8), concurrency: 1 });
    const first = await worker.enqueue('gated', { n: 1 });
    const second = await worker.enqueue('gated', { n: 2 });
    expect(first.status).toBe('running');
    expect(second).toMatchObject({ status: 'pending', attempts: 0 });
    await new Promise((r) => setImmediate(r));
    expect(g.entered()).toBe(1);
    g.open();
    await settled(store, [first.id, second.id]);
    expect(await store.getRun(second.id)).toMatchObject({ status: 'completed', output: { done: 2 }, attempts: 1 });
    await worker.stop();
    await store.close();
  });

  it('runs a repeated start (same idempotency key) once', async () => {
    const store = open();
    const clock = new VirtualClock();
    const g = gated();
    const worker = createWorker({ store, workflows: [g.workflow], clock, ids: seededIds(9), concurrency: 8 });
    const [a, b] = await Promise.all([
      worker.enqueue('gated', { n: 1 }, { idempotencyKey: 'k' }),
      worker.enqueue('gated', { n: 2 }, { idempotencyKey: 'k' }),
    ]);
    expect(b.id).toBe(a.id);
    await new Promise((r) => setImmediate(r));
    g.open();
    await settled(store, [a.id]);
    expect(g.entered()).toBe(1);
    expect(await store.listRuns()).toHaveLength(1);
    await worker.stop();
    await store.close();
  });

  it('leaves no wake-up behind when a run that was claimed after a sleep ends (virtual time stops at its end)', async () => {
    const store = open();
    const clock = new VirtualClock();
    const start = clock.now();
    const napper = defineWorkflow({ name: 'napper' }, async ({ step }) => {
      await step.sleep('nap', '5m');
      return step.run('after', () => 'awake');
    });
    const worker = createWorker({ store, workflows: [napper], clock, ids: seededIds(11), leaseMs: 30_000 });
    const run = await worker.enqueue('napper', {});
    await runUntilIdle(clock, worker);
    expect(await store.getRun(run.id)).toMatchObject({ status: 'completed', output: 'awake', attempts: 2 });
    expect(clock.now() - start).toBe(5 * 60_000);
    expect(clock.pending).toBe(0);
    await worker.stop();
    await store.close();
  });

  it('creates a delayed start pending and runs it when due', async () => {
    const store = open();
    const clock = new VirtualClock();
    const g = gated();
    g.open();
    const worker = createWorker({ store, workflows: [g.workflow], clock, ids: seededIds(10) });
    const run = await worker.enqueue('gated', { n: 5 }, { delayMs: 60_000 });
    expect(run).toMatchObject({ status: 'pending', readyAt: clock.now() + 60_000 });
    await worker.idle();
    expect(g.entered()).toBe(0);
    await clock.advance(60_000);
    await settled(store, [run.id]);
    expect(await store.getRun(run.id)).toMatchObject({ status: 'completed', output: { done: 5 } });
    await worker.stop();
    await store.close();
  });
});
