/**
 * @module
 * Durable workflow engine on the SQLite store (WAL, synchronous NORMAL, every step journaled):
 * flow starts/s with p50/p99 start latency, completed 3-action flows/s and steps/s, and memory
 * with N runs waiting on timers (measured in a fresh child process). The peer is the ceiling:
 * raw better-sqlite3 autocommit inserts with the same settings, in the same run.
 * Run alone: `node --import tsx bench/workflows.bench.ts`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { SystemClock, randomIds } from '../src/core/index.ts';
import { openSqliteStore } from '../src/store/index.ts';
import { createWorker, defineWorkflow, enqueueRun } from '../src/workflows/index.ts';
import type { ActionInvoker } from '../src/workflows/index.ts';
import type { BenchRow } from './types.ts';

const SUITE = 'workflows';
const STARTS = 20_000;
const FLOWS = 5_000;
const WAITING = 100_000;

const threeActions = defineWorkflow({ name: 'three-actions' }, async ({ input, step }) => {
  const a = await step.action('Lookup', input as Record<string, unknown>);
  const b = await step.action('Score', a.outputs);
  return (await step.action('Update', b.outputs)).status;
});

const parked = defineWorkflow({ name: 'parked' }, async ({ step }) => step.sleep('wait', '1h'));

const invoker: ActionInvoker = async (_name, input) => ({ status: 'success', outputs: { ...input, ok: true } });

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** The ceiling: autocommit inserts of a run-sized row, same pragmas. */
function rawInsertsPerSecond(dir: string, n: number): number {
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, flow TEXT, input TEXT, created_at INTEGER)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
  const t0 = performance.now();
  for (let i = 0; i < n; i++) insert.run(randomIds.uuid(), 'three-actions', JSON.stringify({ i }), Date.now());
  const rate = n / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

async function starts(dir: string): Promise<{ perSecond: number; p50: number; p99: number }> {
  const store = openSqliteStore({ path: join(dir, 'starts.sqlite') });
  const clock = new SystemClock();
  const latencies: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < STARTS; i++) {
    const s = performance.now();
    await enqueueRun(store, threeActions, { i }, { clock });
    latencies.push(performance.now() - s);
  }
  const perSecond = STARTS / ((performance.now() - t0) / 1000);
  await store.close();
  latencies.sort((a, b) => a - b);
  return { perSecond, p50: percentile(latencies, 50) * 1000, p99: percentile(latencies, 99) * 1000 };
}

async function execution(dir: string): Promise<{ flows: number; steps: number }> {
  const store = openSqliteStore({ path: join(dir, 'exec.sqlite') });
  const clock = new SystemClock();
  for (let i = 0; i < FLOWS; i++) await enqueueRun(store, threeActions, { i }, { clock });
  const t0 = performance.now();
  const worker = createWorker({ store, workflows: [threeActions], invoker, clock, concurrency: 64 });
  for (;;) {
    await worker.idle();
    if ((await store.listRuns({ status: ['pending', 'running'], limit: 1 })).length === 0) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  const completed = (await store.listRuns({ status: 'completed', limit: FLOWS })).length;
  if (completed !== FLOWS) throw new Error(`expected ${FLOWS} completed runs, got ${completed}`);
  const journaled = (
    await Promise.all((await store.listRuns({ limit: 10 })).map((r) => store.loadJournal(r.id)))
  ).every((j) => j.length === 3);
  if (!journaled) throw new Error('a completed run lacks its 3 journaled steps');
  await worker.stop();
  await store.close();
  return { flows: FLOWS / seconds, steps: (3 * FLOWS) / seconds };
}

/** Child-process part: park `n` runs on timers, then report memory. */
async function waitingChild(n: number, path: string): Promise<void> {
  const store = openSqliteStore({ path });
  const clock = new SystemClock();
  const base = process.memoryUsage();
  const t0 = performance.now();
  const worker = createWorker({ store, workflows: [parked], clock, concurrency: 256 });
  for (let i = 0; i < n; i += 1000) {
    for (let j = i; j < Math.min(n, i + 1000); j++) await enqueueRun(store, parked, {}, { clock });
    worker.wake();
    await worker.idle();
  }
  await worker.idle();
  const seconds = (performance.now() - t0) / 1000;
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  // Counted after measuring: listing 100,000 runs would itself fill the heap.
  const db = new Database(path, { readonly: true });
  const { waiting } = db.prepare("SELECT COUNT(*) AS waiting FROM runs WHERE status = 'waiting'").get() as {
    waiting: number;
  };
  db.close();
  process.stdout.write(
    `${JSON.stringify({ n, waiting, seconds, rss: mem.rss, heapUsed: mem.heapUsed, baseRss: base.rss, baseHeap: base.heapUsed, active: worker.active })}\n`,
  );
  await worker.stop({ graceful: false });
  await store.close();
}

async function waiting(dir: string): Promise<{
  n: number;
  waiting: number;
  seconds: number;
  rss: number;
  heapUsed: number;
  baseRss: number;
  baseHeap: number;
  active: number;
}> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', import.meta.filename, '--waiting', String(WAITING), join(dir, 'waiting.sqlite')],
    {
      maxBuffer: 1 << 20,
      timeout: 300_000,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Awaited<ReturnType<typeof waiting>>;
}

/** Measure the durable engine. */
export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-wf-'));
  try {
    const raw = rawInsertsPerSecond(dir, STARTS);
    const s = await starts(dir);
    const e = await execution(dir);
    const w = await waiting(dir);
    const MB = 1024 * 1024;
    const peer = 'raw better-sqlite3 insert (WAL, NORMAL)';
    return [
      {
        suite: SUITE,
        name: `flow starts (durable enqueue), ${STARTS.toLocaleString('en-US')} sequential`,
        value: s.perSecond,
        unit: 'starts/s',
        peer,
        peerValue: raw,
        note: 'target ≥ 5,000/s (50× the 6,000/min org cap)',
      },
      { suite: SUITE, name: 'start latency p50', value: s.p50, unit: 'µs' },
      { suite: SUITE, name: 'start latency p99', value: s.p99, unit: 'µs' },
      {
        suite: SUITE,
        name: `3-action flows run to completion, ${FLOWS.toLocaleString('en-US')} runs, concurrency 64`,
        value: e.flows,
        unit: 'flows/s',
        peer,
        peerValue: raw,
        note: 'claim + 3 journaled steps + settle per run',
      },
      { suite: SUITE, name: 'journaled steps', value: e.steps, unit: 'steps/s', peer, peerValue: raw },
      {
        suite: SUITE,
        name: `RSS with ${w.waiting.toLocaleString('en-US')} runs waiting on timers`,
        value: w.rss / MB,
        unit: 'MB',
        note: `target ≤ 200 MB; ${(w.baseRss / MB).toFixed(0)} MB before; parked in ${w.seconds.toFixed(1)} s; ${w.active} executing`,
      },
      {
        suite: SUITE,
        name: `heap used with ${w.waiting.toLocaleString('en-US')} runs waiting (after GC)`,
        value: w.heapUsed / MB,
        unit: 'MB',
        note: `${(w.baseHeap / MB).toFixed(1)} MB before: waiting runs hold no heap`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) {
  const i = process.argv.indexOf('--waiting');
  if (i > 0) await waitingChild(Number(process.argv[i + 1]), process.argv[i + 2]!);
  else for (const row of await run()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
