// Effects happen once across a SIGKILL: an emulator process on a real port, a worker process on a
// SQLite file. The worker is killed while its tag PUT is in flight (the emulator applied it and
// holds the answer); a new worker re-sends the step with the same Idempotency-Key, the emulator
// replays the first answer, and every effect was applied exactly once.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { showRunCommand } from '../src/cli/commands/runs.ts';
import { openSqliteStore } from '../src/store/index.ts';
import { enqueueRun } from '../src/workflows/index.ts';
import type { RunDetail } from '../src/workflows/index.ts';
import { tagThenDisconnect } from './fixtures/effects-once-flow.ts';
import { REPO_ROOT } from './support/shared.ts';

const EMULATOR = resolve(import.meta.dirname, 'fixtures/effects-once-emulator.ts');
const WORKER = resolve(import.meta.dirname, 'fixtures/effects-once-worker.ts');
const dir = mkdtempSync(join(tmpdir(), 'sb-effects-'));
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

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('data action effects across a SIGKILL of the worker', () => {
  it('re-sends the step in flight once, with the same Idempotency-Key, and the emulator applies it once', async () => {
    const emulator = start(EMULATOR, []);
    const ready = await until('the emulator to listen', () => lines(emulator).find((l) => l.ready !== undefined));
    const storePath = join(dir, 'switchboard.sqlite');
    const store = openSqliteStore({ path: storePath });
    const run = await enqueueRun(store, tagThenDisconnect, { conversationId: ready.conversationId });
    await store.close();

    const first = start(WORKER, [storePath, ready.ready!, ready.token!, 'first', run.id]);
    await until('the tag PUT to be applied and its answer held', () => lines(emulator).find((l) => l.held === 'tags'));
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = start(WORKER, [storePath, ready.ready!, ready.token!, 'second', run.id]);
    const finished = await second.exited;
    expect(finished.code, second.out()).toBe(0);
    expect(second.out()).toContain('finished completed');

    const tagKey = `${run.id}:Put Conversation Tag`;
    const seen = lines(emulator);
    expect(seen.filter((l) => l.request === 'tags')).toEqual([
      { request: 'tags', key: tagKey, status: 202, replayed: false },
      { request: 'tags', key: tagKey, status: 202, replayed: true },
    ]);
    expect(seen.filter((l) => l.effect !== undefined)).toEqual([
      { effect: 'tags', key: tagKey },
      { effect: 'disconnect', key: `${run.id}:Disconnect Voice Call` },
    ]);

    const shown = JSON.parse((await showRunCommand(run.id, { db: storePath, json: true })).stdout) as RunDetail;
    expect(shown).toMatchObject({ status: 'completed', output: { tag: 'success', disconnect: 'success' } });
    expect(shown.steps.map((s) => [s.stepId, s.attempt, s.resent])).toEqual([
      ['Put Conversation Tag', 2, true],
      ['Disconnect Voice Call', undefined, undefined],
    ]);
    const text = (await showRunCommand(run.id, { db: storePath })).stdout;
    expect(text).toMatch(/#1 {2}action {2}Put Conversation Tag {2}success .* re-sent after restart \(attempt 2\)/);
    expect(text).not.toMatch(/Disconnect Voice Call.*re-sent/);
    emulator.child.kill('SIGKILL');
  });
});
