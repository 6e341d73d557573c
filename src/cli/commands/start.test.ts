// `switchboard start` and `switchboard demo` as a user runs them: a child process, its printed
// output, and the runtime API on a real port.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../../bin/switchboard.mjs');
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function run(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, SWITCHBOARD_LOG_LEVEL: 'warn' } });
  children.push(child);
  let out = '';
  let all = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    all += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => (all += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, stdout: () => out, output: () => all, exited };
}

async function waitFor(output: () => string, pattern: RegExp, ms = 30_000): Promise<RegExpMatchArray> {
  const until = Date.now() + ms;
  for (;;) {
    const m = output().match(pattern);
    if (m) return m;
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; output so far:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('switchboard start', () => {
  it('prints the URLs, runs the five solutions on simulated traffic, answers the runtime API, stops on SIGTERM', async () => {
    const { child, output, exited } = run(['start', '--port', '0', '--api-port', '0', '--speed', '600']);
    const [, api] = await waitFor(output, /runtime API\s+(http:\/\/127\.0\.0\.1:\d+\/api\/health)/);
    expect(output()).toMatch(/emulator\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(output()).toMatch(/presence-busy\s+solutions\/presence-busy\s+sets a user Busy/);
    expect(output()).toMatch(/terminate-no-queue\s+solutions\/terminate-no-queue\s+.*dnis Contains "tel:\+"/);
    const health = await fetch(api!);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', eventSource: 'bus' });
    const base = api!.replace(/\/api\/health$/, '');
    const bundles = (await (await fetch(`${base}/api/bundles`)).json()) as { entities: { name: string }[] };
    expect(bundles.entities.map((b) => b.name).sort()).toEqual([
      'callback-prioritization',
      'outbound-on-behalf',
      'presence-busy',
      'presence-tag',
      'terminate-no-queue',
    ]);
    // The simulated day produces runs within a few real seconds at ×600.
    let completed = 0;
    for (let i = 0; i < 100 && completed === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      completed = ((await (await fetch(`${base}/api/stats`)).json()) as { runsCompleted: number }).runsCompleted;
    }
    expect(completed).toBeGreaterThan(0);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('switchboard stopped (SIGTERM)');
  });
});

describe('switchboard demo', () => {
  it('--json: every expectation of every solution held, exit 0', async () => {
    const { stdout, exited } = run(['demo', '--json', '--speed', 'max']);
    expect(await exited).toBe(0);
    const report = JSON.parse(stdout()) as {
      ok: boolean;
      solutions: {
        solution: string;
        ok: boolean;
        expectations: { expected: string; observed: string; ok: boolean }[];
      }[];
    };
    expect(report.ok).toBe(true);
    expect(report.solutions.map((s) => s.solution)).toEqual([
      'terminate-no-queue',
      'presence-tag',
      'presence-busy',
      'callback-prioritization',
      'outbound-on-behalf',
    ]);
    for (const s of report.solutions) {
      expect(s.expectations.length).toBeGreaterThan(0);
      for (const x of s.expectations) expect(x.observed).toBe(x.expected);
    }
  });

  it('rejects a bad --speed with exit 2', async () => {
    const { output, exited } = run(['demo', '--speed', 'fast']);
    expect(await exited).toBe(2);
    expect(output()).toContain('--speed must be a positive number');
  });
});
