// The durability proof: a worker process is SIGKILLed in the middle of a looping, waiting
// workflow; a new worker process resumes the run, and every data action ran exactly once.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/index.ts';
import { enqueueRun } from '../src/workflows/index.ts';
import { crashLoop } from './fixtures/workflows-crash-flow.ts';
import { REPO_ROOT } from './support/shared.ts';

const WORKER = resolve(import.meta.dirname, 'fixtures/workflows-crash-worker.ts');
const dir = mkdtempSync(join(tmpdir(), 'sb-crash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startWorker(
  storePath: string,
  ledgerPath: string,
  workerId: string,
  runId: string,
): { child: ChildProcess; exited: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, storePath, ledgerPath, workerId, runId], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, out })),
  );
  return { child, exited };
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('durable execution across a SIGKILL', () => {
  it('resumes a killed worker’s run in a new process with every data action executed exactly once', async () => {
    const storePath = join(dir, 'switchboard.sqlite');
    const ledgerPath = join(dir, 'ledger.sqlite');
    const iterations = 5;
    const ledger = new Database(ledgerPath);
    ledger.pragma('journal_mode = WAL');
    ledger.exec(
      'CREATE TABLE ledger (seq INTEGER PRIMARY KEY AUTOINCREMENT, idempotency_key TEXT NOT NULL, action TEXT NOT NULL, worker TEXT NOT NULL, pid INTEGER NOT NULL, at INTEGER NOT NULL)',
    );
    const store = openSqliteStore({ path: storePath });
    const run = await enqueueRun(store, crashLoop, { iterations, waitMs: 200 });
    await store.close();

    const journal = new Database(storePath, { readonly: true });
    const journaledActions = (): number =>
      (
        journal.prepare("SELECT COUNT(*) AS n FROM steps WHERE run_id = ? AND kind = 'action'").get(run.id) as {
          n: number;
        }
      ).n;

    const first = startWorker(storePath, ledgerPath, 'first', run.id);
    // Kill after the 2nd action is journaled: the worker is then in (or entering) its 200 ms wait.
    await until('the 2nd action to be journaled', () => (journaledActions() >= 2 ? true : undefined));
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const atKill = ledger.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number };
    expect(atKill.n).toBeGreaterThanOrEqual(2);
    expect(atKill.n).toBeLessThan(iterations);

    const second = startWorker(storePath, ledgerPath, 'second', run.id);
    const finished = await second.exited;
    expect(finished.code, finished.out).toBe(0);
    expect(finished.out).toContain('finished completed');

    const rows = ledger.prepare('SELECT idempotency_key AS key, worker FROM ledger ORDER BY seq').all() as {
      key: string;
      worker: string;
    }[];
    expect(rows).toHaveLength(iterations);
    expect(new Set(rows.map((r) => r.key)).size).toBe(iterations);
    expect(rows.map((r) => r.key)).toEqual(
      ['Charge', 'Charge#2', 'Charge#3', 'Charge#4', 'Charge#5'].map((s) => `${run.id}:${s}`),
    );
    expect(rows.filter((r) => r.worker === 'first').length).toBe(atKill.n);
    expect(rows.filter((r) => r.worker === 'second').length).toBe(iterations - atKill.n);

    const check = openSqliteStore({ path: storePath });
    const done = await check.getRun(run.id);
    expect(done).toMatchObject({ status: 'completed', output: { charged: [0, 1, 2, 3, 4] } });
    expect(done!.attempts).toBeGreaterThan(iterations);
    expect((await check.loadJournal(run.id)).filter((s) => s.kind === 'action')).toHaveLength(iterations);
    await check.close();
    journal.close();
    ledger.close();
  });
});
