/**
 * @module
 * Sustained load in the deployed shape: `switchboard emulator` and `switchboard up <terminate
 * no-queue solution> --target <emulator> --db <file>` as separate processes, events pushed by the
 * emulator's EventBridge API destination. A quiet phase (2 calls/s) is the peer of a loaded phase
 * (`LOAD_RATE` calls/s for `LOAD_S` seconds), measured in the same run:
 *
 * - `/api/health` latency, probed every 100 ms from this process (p99 and the share over 100 ms);
 * - how long a run waits to start after its call was placed (p50, p99), from the run store;
 * - the runtime's resident memory: at rest, at its peak under load, and 10 s after the backlog
 *   drained, and its peak when the same load comes again (Linux `/proc`; the rows are left out
 *   elsewhere);
 * - the time from the end of the stream until every call's run has completed.
 *
 * Needs the compiled CLI (`npm run build`).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, freePort, rssOf, sleep, start, until } from './processes.ts';
import type { BenchRow } from './types.ts';

const SUITE = 'load';
const BOB = 'b0b00000-0000-4000-8000-000000000002';
const PSTN = '+13175550100';
const QUIET_RATE = 2;
const QUIET_S = 8;
const LOAD_RATE = 50;
const LOAD_S = 30;
const MB = 1024 * 1024;

interface Phase {
  readonly placed: Map<string, number>;
  readonly health: number[];
  readonly rss: number[];
  readonly offered: number;
  readonly refused: number;
}

const quantile = (xs: readonly number[], q: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function phase(
  emuUrl: string,
  healthUrl: string,
  pid: number | undefined,
  rate: number,
  seconds: number,
): Promise<Phase> {
  const placed = new Map<string, number>();
  const health: number[] = [];
  const rss: number[] = [];
  let offered = 0;
  let refused = 0;
  const end = Date.now() + seconds * 1000;
  const probes = (async () => {
    while (Date.now() < end) {
      const t0 = performance.now();
      const ok = await fetch(healthUrl, { signal: AbortSignal.timeout(5_000) }).then(
        (r) => r.arrayBuffer().then(() => r.status < 500),
        () => false,
      );
      health.push(ok ? performance.now() - t0 : 5_000);
      const m = rssOf(pid);
      if (m !== undefined) rss.push(m);
      await sleep(100);
    }
  })();
  const inFlight: Promise<void>[] = [];
  const began = Date.now();
  for (let i = 0; Date.now() < end; i++) {
    const due = began + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    offered++;
    const at = Date.now();
    inFlight.push(
      fetch(`${emuUrl}/_switchboard/simulator/calls`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ fromUserId: BOB, to: { phoneNumber: PSTN } }),
        signal: AbortSignal.timeout(10_000),
      }).then(
        async (r) => {
          const body = (await r.json()) as { id?: string };
          if (r.status === 201 && typeof body.id === 'string') placed.set(body.id, at);
          else refused++;
        },
        () => void refused++,
      ),
    );
  }
  await Promise.all(inFlight);
  await probes;
  return { placed, health, rss, offered, refused };
}

interface RunRow {
  conversationId: string | undefined;
  status: string;
  started: number | null;
  completed: number | null;
}

function runsOf(db: string): RunRow[] {
  const handle = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (
      handle.prepare('SELECT status, input, started_at, completed_at FROM runs').all() as {
        status: string;
        input: string | null;
        started_at: number | null;
        completed_at: number | null;
      }[]
    ).map((r) => {
      const input = r.input ? (JSON.parse(r.input) as { conversationId?: unknown }) : {};
      return {
        conversationId: typeof input.conversationId === 'string' ? input.conversationId : undefined,
        status: r.status,
        started: r.started_at,
        completed: r.completed_at,
      };
    });
  } finally {
    handle.close();
  }
}

function startDelays(p: Phase, runs: readonly RunRow[]): number[] {
  const out: number[] = [];
  for (const r of runs) {
    const placedAt = r.conversationId === undefined ? undefined : p.placed.get(r.conversationId);
    if (placedAt !== undefined && r.started !== null) out.push(r.started - placedAt);
  }
  return out;
}

/** The load rows. */
export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-load-'));
  const stops: (() => void)[] = [];
  try {
    const bundle = join(dir, 'bundle');
    cpSync(join(ROOT, 'solutions/terminate-no-queue'), bundle, { recursive: true });
    const emuPort = await freePort();
    const emuUrl = `http://127.0.0.1:${emuPort}`;
    const emulator = start([
      'emulator',
      '--port',
      String(emuPort),
      '--state',
      join(dir, 'emulator.sqlite'),
      '--rate-limit',
      '0',
    ]);
    stops.push(() => emulator.child.kill('SIGKILL'));
    await until('the emulator', emulator, 'GENESYSCLOUD_OAUTHCLIENT_SECRET');
    const apiPort = await freePort();
    const db = join(dir, 'runs.sqlite');
    const runtime = start(['up', bundle, '--target', emuUrl, '--db', db, '--api-port', String(apiPort)]);
    stops.push(() => runtime.child.kill('SIGKILL'));
    await until('the runtime', runtime, 'Switchboard is running');
    const healthUrl = `http://127.0.0.1:${apiPort}/api/health`;
    const pid = runtime.child.pid;

    await sleep(2_000);
    const restRss = rssOf(pid);
    const quiet = await phase(emuUrl, healthUrl, pid, QUIET_RATE, QUIET_S);
    // Let the quiet calls finish before the load starts, so the phases do not mix.
    await sleep(3_000);
    const loaded = await phase(emuUrl, healthUrl, pid, LOAD_RATE, LOAD_S);
    const streamEnd = Date.now();
    let runs = runsOf(db);
    const done = (): boolean =>
      [...loaded.placed.keys()].every((id) => runs.some((r) => r.conversationId === id && r.status === 'completed'));
    while (!done() && Date.now() - streamEnd < 180_000) {
      await sleep(500);
      runs = runsOf(db);
    }
    const drainMs = Date.now() - streamEnd;
    const drained = done();
    await sleep(10_000);
    const afterRss = rssOf(pid);
    // The same load again: a peak that does not climb is memory the heap keeps, not memory leaked.
    const again = await phase(emuUrl, healthUrl, pid, LOAD_RATE, LOAD_S);
    const againEnd = Date.now();
    while (
      ![...again.placed.keys()].every((id) => runs.some((r) => r.conversationId === id && r.status === 'completed')) &&
      Date.now() - againEnd < 180_000
    ) {
      await sleep(500);
      runs = runsOf(db);
    }

    const quietDelays = startDelays(quiet, runs);
    const loadDelays = startDelays(loaded, runs);
    const loadNote = `${LOAD_RATE} calls/s for ${LOAD_S} s offered (${loaded.placed.size} placed${loaded.refused > 0 ? `, ${loaded.refused} refused` : ''}); peer: ${QUIET_RATE} calls/s in the same run`;
    const over100 = loaded.health.filter((v) => v > 100).length;
    const rows: BenchRow[] = [
      {
        suite: SUITE,
        name: `/api/health p99 under ${LOAD_RATE} calls/s`,
        value: quantile(loaded.health, 0.99),
        unit: 'ms',
        peer: `at ${QUIET_RATE} calls/s`,
        peerValue: quantile(quiet.health, 0.99),
        note: `${loaded.health.length} probes, ${over100} over 100 ms, max ${Math.round(Math.max(...loaded.health))} ms`,
      },
      {
        suite: SUITE,
        name: `run start delay p50 under ${LOAD_RATE} calls/s`,
        value: quantile(loadDelays, 0.5),
        unit: 'ms',
        peer: `at ${QUIET_RATE} calls/s`,
        peerValue: quantile(quietDelays, 0.5),
        note: loadNote,
      },
      {
        suite: SUITE,
        name: `run start delay p99 under ${LOAD_RATE} calls/s`,
        value: quantile(loadDelays, 0.99),
        unit: 'ms',
        peer: `at ${QUIET_RATE} calls/s`,
        peerValue: quantile(quietDelays, 0.99),
        note: `call placed → run started, ${loadDelays.length} runs`,
      },
      {
        suite: SUITE,
        name: 'drain after the stream ends',
        value: drainMs,
        unit: 'ms',
        note: drained ? 'until every placed call has a completed run' : 'NOT drained within 180 s',
      },
    ];
    if (restRss !== undefined && loaded.rss.length > 0) {
      rows.push({
        suite: SUITE,
        name: 'runtime RSS, peak under load',
        value: Math.max(...loaded.rss) / MB,
        unit: 'MB',
        peer: 'at rest',
        peerValue: restRss / MB,
      });
      if (afterRss !== undefined)
        rows.push({
          suite: SUITE,
          name: 'runtime RSS, 10 s after the drain',
          value: afterRss / MB,
          unit: 'MB',
          peer: 'at rest',
          peerValue: restRss / MB,
          note: 'no forced GC: V8 keeps the heap it grew',
        });
      if (again.rss.length > 0)
        rows.push({
          suite: SUITE,
          name: 'runtime RSS, peak of the same load again',
          value: Math.max(...again.rss) / MB,
          unit: 'MB',
          peer: 'peak of the first',
          peerValue: Math.max(...loaded.rss) / MB,
          note: `${again.placed.size} more calls; ${quantile(again.health, 0.99).toFixed(0)} ms /api/health p99`,
        });
    }
    return rows;
  } finally {
    for (const stop of stops.reverse()) stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
