/**
 * @module
 * Start-up of the compiled command line, measured the way a user meets it: a new process per run,
 * wall time from spawn to the answer. Every row has bare `node -e 0`, spawned in the same rounds,
 * as its peer, so the ratio says what Switchboard adds to starting Node itself.
 * - `--version` and `trigger test` (a shipped solution's trigger against a matching event): spawn → exit.
 * - `up <bundle>` and `start`: spawn → the runtime API's `/api/health` (for `up`) or the console page
 *   (for `start`) answers 200 over a real port; then SIGTERM.
 * Targets (issue-level goals, printed in the note, never asserted): `--version` ≤ 3× bare node,
 * `trigger test` ≤ 400 ms, `up` ≤ 1.5 s, `start` ≤ 2 s.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { BenchRow } from './types.ts';
import { freePort } from '../test/support/free-port.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'switchboard.mjs');
const ROUNDS = 7;

/** Spawn `node <args>` without the source switch and resolve with the wall time to exit, ms. */
function timeToExit(args: readonly string[]): Promise<number> {
  const env = { ...process.env };
  delete env.SWITCHBOARD_FROM_SOURCE;
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      // trigger test answers 0 (match) or 1 (no match); anything else means the bench is broken.
      if (code !== 0 && code !== 1) fail(new Error(`node ${args.join(' ')} exited ${code}: ${err.slice(0, 400)}`));
      else done(performance.now() - started);
    });
  });
}

/** Spawn the CLI, poll `url` until it answers 200, stop the process; the wall time to the answer, ms. */
async function timeToAnswer(args: readonly string[], url: string): Promise<number> {
  const env = { ...process.env };
  delete env.SWITCHBOARD_FROM_SOURCE;
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`switchboard ${args.join(' ')} exited before answering: ${err.slice(0, 400)}`);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
        await res.arrayBuffer();
        if (res.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 30_000)
        throw new Error(`switchboard ${args.join(' ')} did not answer ${url} within 30 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    if (!exited) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Every file under `dir`, depth first. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** A shipped solution's trigger (API JSON with `queueId Exists false`) and an event it matches. */
function triggerAndEvent(dir: string): { trigger: string; event: string } {
  const trigger = walk(join(ROOT, 'solutions'))
    .filter((f) => f.endsWith('.json') && !f.endsWith('.custom.json') && !f.endsWith('switchboard.json'))
    .find((f) => {
      const text = readFileSync(f, 'utf8');
      return text.includes('"topicName"') && text.includes('user.start') && text.includes('"matchCriteria"');
    });
  if (!trigger) throw new Error('no user.start trigger JSON found under solutions/');
  const event = join(dir, 'event.json');
  writeFileSync(
    event,
    JSON.stringify({
      eventTime: Date.now(),
      conversationId: '6f1c2b8e-0d1a-4b7e-9c39-5a1d2e3f4a5b',
      participantId: '2c1b0a9f-8e7d-4c6b-a5f4-e3d2c1b0a9f8',
      sessionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      mediaType: 'VOICE',
      provider: 'Edge',
      direction: 'OUTBOUND',
      ani: 'tel:+13175550199',
      dnis: 'tel:+13175550100',
      userId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
      divisionId: '8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586',
    }),
  );
  return { trigger, event };
}

/** The bench rows. */
export async function run(): Promise<BenchRow[]> {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'sb-startup-'));
  try {
    const { trigger, event } = triggerAndEvent(dir);
    const bundle = dirname(walk(join(ROOT, 'solutions')).find((f) => f.endsWith('switchboard.json'))!);
    const samples = {
      node: [] as number[],
      version: [] as number[],
      trigger: [] as number[],
      up: [] as number[],
      start: [] as number[],
    };
    for (let i = 0; i < ROUNDS; i++) {
      samples.node.push(await timeToExit(['-e', '0']));
      samples.version.push(await timeToExit([BIN, '--version']));
      samples.trigger.push(await timeToExit([BIN, 'trigger', 'test', trigger, '--event', event]));
      const [p1, p2, p3, p4] = [await freePort(), await freePort(), await freePort(), await freePort()];
      samples.up.push(
        await timeToAnswer(
          ['up', bundle, '--port', String(p1), '--api-port', String(p2)],
          `http://127.0.0.1:${p2}/api/health`,
        ),
      );
      samples.start.push(
        await timeToAnswer(['start', '--port', String(p3), '--api-port', String(p4)], `http://127.0.0.1:${p4}/`),
      );
    }
    const node = median(samples.node);
    const row = (name: string, xs: number[], note: string): BenchRow => ({
      suite: 'startup',
      name,
      value: median(xs),
      unit: 'ms',
      peer: 'node -e 0',
      peerValue: node,
      note: `median of ${ROUNDS}; ${note}`,
    });
    return [
      row('switchboard --version, spawn → exit', samples.version, 'target ≤ 3x'),
      row('trigger test (a solution trigger), spawn → exit', samples.trigger, 'target ≤ 400 ms'),
      row('up <solution bundle>, spawn → /api/health 200', samples.up, 'target ≤ 1,500 ms'),
      row('start, spawn → console page 200', samples.start, 'target ≤ 2,000 ms'),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
