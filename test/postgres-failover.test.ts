// Several runtime processes on one Postgres database (real processes, real HTTP, a throwaway
// cluster): events pushed to every process, redeliveries to two processes at once, one process
// killed with SIGKILL while it holds leased runs. Its runs are taken over by the others within
// the lease; every run completes once, every journaled step ran once, and every timer fired once.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../src/emulator/index.ts';
import { startPostgresCluster } from './support/postgres-cluster.ts';
import type { PostgresCluster } from './support/postgres-cluster.ts';

const ENTRY = resolve(import.meta.dirname, 'support/runtime-process.ts');
const LEASE_MS = 3000;
const SLEEP_MS = 1500;
const HOLD_MS = 1500;

interface Effect {
  readonly kind: 'before' | 'slow' | 'after';
  readonly runId: string;
  readonly key: string;
  readonly pid: number;
  readonly at: number;
  /** When the recorder answered it. */
  answeredAt?: number;
}

let cluster: PostgresCluster;
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  cluster = await startPostgresCluster();
}, 120_000);
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  cluster?.stop();
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The recorder of side effects; a "slow" effect is answered after HOLD_MS. */
async function recorder(): Promise<{ url: string; effects: Effect[]; inFlight: Map<number, number> }> {
  const effects: Effect[] = [];
  const inFlight = new Map<number, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const e: Effect = { ...(JSON.parse(body) as Omit<Effect, 'at'>), at: Date.now() };
      effects.push(e);
      if (e.kind !== 'slow') {
        e.answeredAt = Date.now();
        return void res.end('ok');
      }
      inFlight.set(e.pid, (inFlight.get(e.pid) ?? 0) + 1);
      setTimeout(() => {
        inFlight.set(e.pid, inFlight.get(e.pid)! - 1);
        e.answeredAt = Date.now();
        res.end('ok');
      }, HOLD_MS);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, effects, inFlight };
}

async function runtimeProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const port = await until(
    `runtime process ready (${out})`,
    () => {
      if (child.exitCode !== null) throw new Error(`runtime process exited: ${out}`);
      const m = /ready (\d+)/.exec(out);
      return m ? Number(m[1]) : undefined;
    },
    60_000,
  );
  return { child, port, output: () => out };
}

const event = (conversationId: string, correlationId: string): unknown => ({
  topicName: `v2.detail.events.conversation.${conversationId}.user.start`,
  version: '2',
  eventBody: { conversationId, mediaType: 'VOICE', direction: 'OUTBOUND', eventTime: Date.now() },
  metadata: { CorrelationId: correlationId },
});

async function push(port: number, body: unknown): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
  expect(await res.json()).toMatchObject({ accepted: 1 });
}

describe('several runtime processes on one Postgres database', () => {
  it('dedups redeliveries across processes, takes over a killed process’s leased runs within the lease, and runs every step and timer once', async () => {
    const url = await cluster.createDatabase('failover');
    const emulator = createEmulator({ rateLimitPerMinute: 0 });
    const listening = await emulator.listen(0, '127.0.0.1');
    cleanups.push(() => emulator.close());
    const rec = await recorder();
    const env = {
      SB_DB: url,
      SB_EMULATOR: listening.url,
      SB_RECORDER: rec.url,
      SB_LEASE_MS: String(LEASE_MS),
      SB_SLEEP_MS: String(SLEEP_MS),
      SWITCHBOARD_LOG_LEVEL: 'warn',
    };
    const procs = await Promise.all([0, 1, 2].map(() => runtimeProcess(env)));

    // 24 events round-robin, then 6 each delivered to two processes at the same moment.
    const keys: string[] = [];
    for (let i = 0; i < 24; i++) {
      const key = `c0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      keys.push(key);
      await push(procs[i % 3]!.port, event(key, `corr-${i}`));
    }
    const redelivered: string[] = [];
    for (let i = 24; i < 30; i++) {
      const key = `c0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      keys.push(key);
      redelivered.push(key);
      const body = event(key, `corr-${i}`);
      await Promise.all([push(procs[i % 3]!.port, body), push(procs[(i + 1) % 3]!.port, body)]);
    }

    // Kill -9 a process while it holds runs in their "slow" step (leased, effect in flight).
    const victim = await until(
      'a process with slow steps in flight',
      () => procs.find((p) => (rec.inFlight.get(p.child.pid!) ?? 0) >= 1),
      20_000,
    );
    const killedAt = Date.now();
    victim.child.kill('SIGKILL');
    // Its "slow" requests still unanswered at the kill: leased runs whose step was in flight.
    const heldAtKill = rec.effects
      .filter((e) => e.kind === 'slow' && e.pid === victim.child.pid && e.answeredAt === undefined)
      .map((e) => e.runId);
    // Answered just before the kill: journaled, or (if the kill came first) re-sent once.
    const answeredLate = rec.effects
      .filter(
        (e) =>
          e.kind === 'slow' &&
          e.pid === victim.child.pid &&
          e.answeredAt !== undefined &&
          e.answeredAt > killedAt - 200,
      )
      .map((e) => e.runId);
    await until('the killed process to exit', () =>
      victim.child.exitCode !== null || victim.child.signalCode !== null ? true : undefined,
    );

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    cleanups.push(() => db.end());
    await until(
      'every run to complete',
      async () => {
        const { rows } = await db.query<{ n: string }>("SELECT COUNT(*) AS n FROM runs WHERE status = 'completed'");
        return Number(rows[0]!.n) === keys.length ? true : undefined;
      },
      60_000,
    );

    const { rows: runs } = await db.query<{
      id: string;
      input: { conversationId: string };
      attempts: number;
      status: string;
    }>('SELECT id, input, attempts, status FROM runs');
    // One run per event, redeliveries included.
    expect(runs).toHaveLength(keys.length);
    expect(new Set(runs.map((r) => r.input.conversationId))).toEqual(new Set(keys));
    const count = (kind: Effect['kind'], runId: string): number =>
      rec.effects.filter((e) => e.kind === kind && e.runId === runId).length;
    for (const r of runs) {
      // Journaled steps never ran again; the timer after "before" fired once (one "slow" per run,
      // except a "slow" in flight at the kill, re-sent once by the process that took the run over).
      expect(count('before', r.id)).toBe(1);
      expect(count('after', r.id)).toBe(1);
      if (answeredLate.includes(r.id)) expect([1, 2]).toContain(count('slow', r.id));
      else expect(count('slow', r.id)).toBe(heldAtKill.includes(r.id) ? 2 : 1);
      const { rows: steps } = await db.query<{ step_id: string }>(
        'SELECT step_id FROM steps WHERE run_id = $1 ORDER BY seq',
        [r.id],
      );
      expect(steps.map((s) => s.step_id)).toEqual(['before', 'wait', 'slow', 'after']);
    }
    // Both processes logged a redelivered event; exactly one started its run, the other found it.
    for (const key of redelivered) {
      const { rows } = await db.query<{ trace: { decisions: { runId?: string; duplicate?: boolean }[] } }>(
        "SELECT trace FROM events WHERE body->>'conversationId' = $1",
        [key],
      );
      expect(rows).toHaveLength(2);
      const decisions = rows.map((r) => r.trace.decisions[0]!);
      expect(decisions.filter((d) => d.duplicate === true)).toHaveLength(1);
      expect(decisions[0]!.runId).toBe(decisions[1]!.runId);
    }
    // The killed process's leased runs continued on another process within the lease (plus
    // scheduling slack on a loaded machine; measured 2.3–2.9 s for a 3 s lease).
    expect(heldAtKill.length).toBeGreaterThan(0);
    for (const id of heldAtKill) {
      const resent = rec.effects.find((e) => e.kind === 'slow' && e.runId === id && e.pid !== victim.child.pid)!;
      expect(resent.at - killedAt).toBeLessThan(LEASE_MS + 1500);
    }
    const sleptThroughKill = runs.filter(
      (r) =>
        rec.effects.some((e) => e.kind === 'before' && e.runId === r.id && e.pid === victim.child.pid) &&
        !heldAtKill.includes(r.id) &&
        !answeredLate.includes(r.id) &&
        rec.effects.some((e) => e.kind === 'slow' && e.runId === r.id && e.pid !== victim.child.pid),
    );
    // Runs the killed process left sleeping on a timer woke once, in another process.
    expect(sleptThroughKill.length).toBeGreaterThan(0);
    // Nothing ran after the kill in the killed process (a request already on the wire may land a
    // few ms later); the survivors finished everything.
    expect(rec.effects.filter((e) => e.pid === victim.child.pid && e.at > killedAt + 100)).toEqual([]);
    for (const p of procs.filter((x) => x !== victim)) expect(p.child.exitCode).toBeNull();
  }, 120_000);
});
