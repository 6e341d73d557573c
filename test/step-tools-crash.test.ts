// step.api, step.child and step.waitForEvent across SIGKILLs of the worker: an emulator process on
// a real port, worker processes on one SQLite file. The first worker is killed with its step.api
// PUT applied and unanswered; the second re-sends it with the same Idempotency-Key, runs the child
// and is killed while the parent waits for an event; the third replays all three steps from the
// journal (nothing sent, started or run again) and resumes the wait with the event.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/index.ts';
import { enqueueRun } from '../src/workflows/index.ts';
import { GO_TOPIC, toolsOnce } from './fixtures/step-tools-flow.ts';
import { REPO_ROOT } from './support/shared.ts';

const EMULATOR = resolve(import.meta.dirname, 'fixtures/effects-once-emulator.ts');
const WORKER = resolve(import.meta.dirname, 'fixtures/step-tools-worker.ts');
const dir = mkdtempSync(join(tmpdir(), 'sb-step-tools-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Proc {
  readonly child: ChildProcess;
  readonly out: () => string;
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
}

function start(script: string, args: string[]): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  return { child, out: () => out, exited };
}

type Line = {
  ready?: string;
  token?: string;
  conversationId?: string;
  request?: string;
  effect?: string;
  held?: string;
  key?: string | null;
  status?: number;
  replayed?: boolean;
};
const lines = (p: Proc): Line[] =>
  p
    .out()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('step tools across SIGKILLs of the worker', () => {
  it('sends each step.api once (re-sent once with its key when in flight), starts and runs the child once, and resumes the wait with its event', async () => {
    const emulator = start(EMULATOR, []);
    const ready = await until('the emulator to listen', () => lines(emulator).find((l) => l.ready !== undefined));
    const storePath = join(dir, 'switchboard.sqlite');
    const countFile = join(dir, 'child-ran.txt');
    const store = openSqliteStore({ path: storePath });
    const run = await enqueueRun(store, toolsOnce, { conversationId: ready.conversationId, countFile });
    const args = (id: string): string[] => [storePath, ready.ready!, ready.token!, id, run.id];

    const first = start(WORKER, args('first'));
    await until('the tag PUT to be applied and its answer held', () => lines(emulator).find((l) => l.held === 'tags'));
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = start(WORKER, args('second'));
    await until('the parent to wait for its event', async () => {
      const r = await store.getRun(run.id);
      return r?.status === 'waiting' && (await store.loadJournal(run.id)).some((s) => s.stepId === 'doubler')
        ? r
        : undefined;
    });
    second.child.kill('SIGKILL');
    await second.exited;

    // The event arrives while no worker runs: logged, and the run made due as the runtime's wake-up would.
    const at = Date.now();
    await store.appendEvent({ id: 'go-1', topic: GO_TOPIC, body: { runId: run.id }, receivedAt: at });
    await store.updateRun(run.id, { readyAt: at, updatedAt: at });

    const third = start(WORKER, args('third'));
    const finished = await third.exited;
    expect(finished.code, third.out()).toBe(0);
    expect(third.out()).toContain('finished completed');

    expect(await store.getRun(run.id)).toMatchObject({
      status: 'completed',
      output: { tag: 202, doubled: 42, go: 'go-1' },
      failedSteps: [],
    });
    const tagKey = `${run.id}:tag`;
    expect(lines(emulator).filter((l) => l.request === 'tags')).toEqual([
      { request: 'tags', key: tagKey, status: 202, replayed: false },
      { request: 'tags', key: tagKey, status: 202, replayed: true },
    ]);
    expect(lines(emulator).filter((l) => l.effect === 'tags')).toEqual([{ effect: 'tags', key: tagKey }]);
    const journal = await store.loadJournal(run.id);
    expect(journal.map((s) => [s.kind, s.stepId])).toEqual([
      ['api', 'tag'],
      ['child', 'doubler'],
      ['event', 'go'],
    ]);
    expect(journal[0]).toMatchObject({ attempt: 2, output: { status: 202 } });
    const kids = await store.listRuns({ flow: 'doubler' });
    expect(kids.map((k) => [k.status, k.idempotencyKey, k.output])).toEqual([
      ['completed', `child:${run.id}:doubler`, 42],
    ]);
    expect(readFileSync(countFile, 'utf8')).toBe('ran\n');
    await store.close();
    emulator.child.kill('SIGKILL');
  }, 60_000);
});
