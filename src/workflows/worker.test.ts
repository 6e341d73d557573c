import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualClock, seededIds } from '../core/index.ts';
import { createMemoryStore, openSqliteStore } from '../store/index.ts';
import type { Store } from '../store/index.ts';
import { defineWorkflow } from './define.ts';
import type { ActionInvoker } from './types.ts';
import { runUntilIdle } from './testing.ts';
import { enqueueRun } from './enqueue.ts';
import { createWorker } from './worker.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-wf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const sqliteFile = (): string => join(dir, `w${++files}.sqlite`);

/** An invoker that counts calls per run and step, like a remote side-effect ledger. */
function ledgerInvoker(): { invoker: ActionInvoker; calls: Map<string, number>; total: () => number } {
  const calls = new Map<string, number>();
  const invoker: ActionInvoker = async (name, input, ctx) => {
    calls.set(ctx.idempotencyKey, (calls.get(ctx.idempotencyKey) ?? 0) + 1);
    return { status: 'success', outputs: { echoed: input, action: name }, trace: { request: { name } } };
  };
  return { invoker, calls, total: () => [...calls.values()].reduce((a, b) => a + b, 0) };
}

/** The classic callback loop: check, wait 5 minutes, five times (25 minutes in all). */
const waitLoop = defineWorkflow({ name: 'wait-loop' }, async ({ input, step }) => {
  const { iterations } = input as { iterations: number };
  const seen: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const r = await step.action('Check Agents', { i });
    seen.push((r.outputs.echoed as { i: number }).i);
    await step.sleep('5m');
  }
  return { seen };
});

describe.each([
  ['memory', async (): Promise<Store> => createMemoryStore()],
  ['sqlite', async (): Promise<Store> => openSqliteStore({ path: sqliteFile() })],
])('worker on the %s store', (_name, open) => {
  it('runs a 25-minute, 5-iteration wait loop in milliseconds on a virtual clock', async () => {
    const store = await open();
    const clock = new VirtualClock();
    const start = clock.now();
    const { invoker, total } = ledgerInvoker();
    const worker = createWorker({ store, workflows: [waitLoop], invoker, clock, ids: seededIds(1) });
    const wall = performance.now();
    const run = await worker.enqueue('wait-loop', { iterations: 5 });
    await runUntilIdle(clock, worker);
    expect(performance.now() - wall).toBeLessThan(2000);
    const done = await store.getRun(run.id);
    expect(done).toMatchObject({
      status: 'completed',
      output: { seen: [0, 1, 2, 3, 4] },
      exitReason: 'completed',
      attempts: 6,
    });
    expect(done!.completedAt! - start).toBe(25 * 60_000);
    expect(total()).toBe(5);
    const journal = await store.loadJournal(run.id);
    expect(journal.map((s) => s.stepId)).toEqual([
      'Check Agents',
      'sleep',
      'Check Agents#2',
      'sleep#2',
      'Check Agents#3',
      'sleep#3',
      'Check Agents#4',
      'sleep#4',
      'Check Agents#5',
      'sleep#5',
    ]);
    expect(journal[0]).toMatchObject({
      kind: 'action',
      name: 'Check Agents',
      input: { i: 0 },
      path: 'success',
      trace: { request: { name: 'Check Agents' } },
    });
    await worker.stop();
    await store.close();
  });

  it('holds nothing for waiting runs: no execution, one wake-up timer for all of them', async () => {
    const store = await open();
    const clock = new VirtualClock();
    const { invoker } = ledgerInvoker();
    const worker = createWorker({ store, workflows: [waitLoop], invoker, clock, ids: seededIds(2) });
    for (let i = 0; i < 50; i++) await worker.enqueue('wait-loop', { iterations: 2 });
    await worker.idle();
    expect(worker.active).toBe(0);
    expect(clock.pending).toBe(1);
    expect(await store.listRuns({ status: 'waiting', limit: 1000 })).toHaveLength(50);
    const waiting = await store.listRuns({ status: 'waiting', limit: 1000 });
    const timers = (await Promise.all(waiting.map((r) => store.listTimers(r.id)))).flat();
    expect(timers.filter((t) => t.firedAt === undefined && t.dueAt <= clock.now() + 5 * 60_000)).toHaveLength(50);
    await runUntilIdle(clock, worker);
    expect(await store.listRuns({ status: 'completed', limit: 1000 })).toHaveLength(50);
    await worker.stop();
    await store.close();
  });

  it('journals a completed step once when the worker dies between steps and another takes over', async () => {
    const store = await open();
    const clock = new VirtualClock();
    const { invoker, calls } = ledgerInvoker();
    let hang = true;
    const gated = defineWorkflow({ name: 'gated' }, async ({ step }) => {
      const first = await step.action('First');
      await step.run('gate', () => (hang ? new Promise(() => {}) : 'open'));
      const second = await step.action('Second');
      return [first.status, second.status];
    });
    const a = createWorker({ store, workflows: [gated], invoker, clock, workerId: 'a', leaseMs: 10_000 });
    const run = await a.enqueue('gated', {});
    await clock.advance(1);
    expect(calls.get(`${run.id}:First`)).toBe(1);
    await a.stop({ graceful: false });
    hang = false;
    const b = createWorker({ store, workflows: [gated], invoker, clock, workerId: 'b', leaseMs: 10_000 });
    await runUntilIdle(clock, b);
    expect(await store.getRun(run.id)).toMatchObject({
      status: 'completed',
      output: ['success', 'success'],
      attempts: 2,
    });
    expect(Object.fromEntries(calls)).toEqual({ [`${run.id}:First`]: 1, [`${run.id}:Second`]: 1 });
    expect((await store.loadJournal(run.id)).map((s) => s.stepId)).toEqual(['First', 'gate', 'Second']);
    await b.stop();
    await store.close();
  });
});

describe('worker behaviour', () => {
  it('never runs a step twice with two workers sharing one SQLite file', async () => {
    const path = sqliteFile();
    const s1 = openSqliteStore({ path });
    const s2 = openSqliteStore({ path });
    const clock = new VirtualClock();
    const { invoker, calls } = ledgerInvoker();
    const flow = defineWorkflow({ name: 'three-actions' }, async ({ step }) => {
      for (let i = 0; i < 3; i++) {
        await step.action('Act');
        await step.sleep('30s');
      }
    });
    const w1 = createWorker({ store: s1, workflows: [flow], invoker, clock, workerId: 'w1', concurrency: 4 });
    const w2 = createWorker({ store: s2, workflows: [flow], invoker, clock, workerId: 'w2', concurrency: 4 });
    const ids = seededIds(3);
    for (let i = 0; i < 30; i++) await enqueueRun(s1, flow, {}, { clock, ids });
    w1.wake();
    w2.wake();
    await runUntilIdle(clock, [w1, w2]);
    expect(await s1.listRuns({ status: 'completed', limit: 100 })).toHaveLength(30);
    expect(calls.size).toBe(90);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    await Promise.all([w1.stop(), w2.stop()]);
    await Promise.all([s1.close(), s2.close()]);
  });

  it('returns journaled values on replay, so values made in steps survive waits', async () => {
    const store = createMemoryStore();
    const clock = new VirtualClock();
    let draws = 0;
    const flow = defineWorkflow({ name: 'memo' }, async ({ step, now }) => {
      const token = await step.run('draw', () => `token-${++draws}`);
      const before = now();
      await step.sleep('wait', { minutes: 10 });
      return { token, before, after: now() };
    });
    const worker = createWorker({ store, workflows: [flow], clock });
    const start = clock.now();
    const run = await worker.enqueue('memo', {});
    await runUntilIdle(clock, worker);
    expect((await store.getRun(run.id))?.output).toEqual({ token: 'token-1', before: start, after: start + 600_000 });
    expect(draws).toBe(1);
  });

  it('executes at most `concurrency` runs at once', async () => {
    const store = createMemoryStore();
    const clock = new VirtualClock();
    let active = 0;
    let peak = 0;
    const invoker: ActionInvoker = async () => {
      peak = Math.max(peak, ++active);
      await clock.sleep(1000);
      active--;
      return { status: 'success', outputs: {} };
    };
    const flow = defineWorkflow({ name: 'slow' }, async ({ step }) => step.action('Slow'));
    const worker = createWorker({ store, workflows: [flow], invoker, clock, concurrency: 3 });
    for (let i = 0; i < 10; i++) await worker.enqueue('slow', {});
    await runUntilIdle(clock, worker);
    expect(peak).toBe(3);
    expect(await store.listRuns({ status: 'completed' })).toHaveLength(10);
  });

  it('starts a delayed run at its time, and deduplicates starts by idempotency key', async () => {
    const store = createMemoryStore();
    const clock = new VirtualClock();
    const flow = defineWorkflow({ name: 'stamp' }, async ({ now }) => now());
    const worker = createWorker({ store, workflows: [flow], clock });
    const start = clock.now();
    const run = await worker.enqueue('stamp', {}, { delayMs: 90_000, idempotencyKey: 'evt-1' });
    const again = await worker.enqueue('stamp', {}, { delayMs: 90_000, idempotencyKey: 'evt-1' });
    expect(again.id).toBe(run.id);
    await worker.idle();
    expect((await store.getRun(run.id))?.status).toBe('pending');
    await runUntilIdle(clock, worker);
    expect(await store.getRun(run.id)).toMatchObject({
      status: 'completed',
      startedAt: start + 90_000,
      output: start + 90_000,
    });
    expect(await store.listRuns()).toHaveLength(1);
  });

  it('starts nothing once stopped: a run whose start raced stop() is left pending for the next worker', async () => {
    const store = createMemoryStore();
    const clock = new VirtualClock();
    const { invoker, total } = ledgerInvoker();
    const flow = defineWorkflow({ name: 'once' }, async ({ step }) => (await step.action('A')).status);
    const worker = createWorker({ store, workflows: [flow], invoker, clock });
    const started = worker.enqueue('once', {});
    await worker.stop();
    const run = await started;
    await new Promise((resolve) => setImmediate(resolve));
    expect(total()).toBe(0);
    expect(worker.active).toBe(0);
    expect(run.status).toBe('pending');
    expect(await store.getRun(run.id)).toMatchObject({ status: 'pending' });
    const next = createWorker({ store, workflows: [flow], invoker, clock });
    await runUntilIdle(clock, next);
    expect(await store.getRun(run.id)).toMatchObject({ status: 'completed', output: 'success' });
    expect(total()).toBe(1);
    await next.stop();
  });

  it('keeps to its concurrency when many starts arrive at once (each event of a burst enqueues without waiting for the others)', async () => {
    const store = createMemoryStore();
    const clock = new VirtualClock();
    let active = 0;
    let peak = 0;
    const invoker: ActionInvoker = async () => {
      peak = Math.max(peak, ++active);
      await clock.sleep(1000);
      active--;
      return { status: 'success', outputs: {} };
    };
    const flow = defineWorkflow({ name: 'burst' }, async ({ step }) => (await step.action('Slow')).status);
    const worker = createWorker({ store, workflows: [flow], invoker, clock, concurrency: 2 });
    const runs = await Promise.all(Array.from({ length: 6 }, () => worker.enqueue('burst', {})));
    expect(runs.filter((r) => r.status === 'running')).toHaveLength(2);
    await runUntilIdle(clock, worker);
    expect(peak).toBe(2);
    expect(await store.listRuns({ status: 'completed' })).toHaveLength(6);
    await worker.stop();
  });
});
