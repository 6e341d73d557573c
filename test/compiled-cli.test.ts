/**
 * The command line as installed: `bin/switchboard.mjs` runs the bundled JavaScript in
 * `dist/cli-bundle/`, and `dist/` holds a compiled module per source module (built by
 * `npm run build`, which `npm ci` and `npm test` run), not the TypeScript sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'switchboard.mjs');
const work = mkdtempSync(join(tmpdir(), 'sb-compiled-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function compiled(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.SWITCHBOARD_FROM_SOURCE;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'ui' && dir.endsWith('console') ? [] : sources(p);
    return /\.ts$/.test(name) && !/\.(test|test-util|test-support)\.ts$/.test(name) && !name.endsWith('.d.ts')
      ? [p]
      : [];
  });
}

describe('the compiled command line', () => {
  it('has a compiled module for every source module', () => {
    const missing = sources(join(ROOT, 'src'))
      .map((f) => relative(join(ROOT, 'src'), f).replace(/\.ts$/, '.js'))
      .filter((f) => !existsSync(join(ROOT, 'dist', f)));
    expect(missing, 'run `npm run build`').toEqual([]);
  });

  it('bundles the command line: an entry and a chunk per command', () => {
    const chunks = readdirSync(join(ROOT, 'dist', 'cli-bundle', 'chunks'));
    expect(existsSync(join(ROOT, 'dist', 'cli-bundle', 'switchboard.js'))).toBe(true);
    for (const c of ['start', 'demo', 'emulator', 'up', 'trigger', 'action', 'flow', 'check', 'runs', 'call'])
      expect(
        chunks.some((f) => f.startsWith(`${c}-`)),
        c,
      ).toBe(true);
  });

  it('prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = compiled(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('lists every command in --help', () => {
    const r = compiled(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['start', 'demo', 'emulator', 'up', 'trigger', 'action', 'flow', 'check', 'runs', 'call'])
      expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
  });

  it('runs a command that needs its modules (trigger test: match and no match)', () => {
    const trigger = join(work, 'trigger.json');
    writeFileSync(
      trigger,
      JSON.stringify({
        name: 'No queue',
        topicName: 'v2.detail.events.conversation.{id}.user.start',
        enabled: true,
        target: { id: 'wf', type: 'Workflow' },
        matchCriteria: [{ jsonPath: 'queueId', operator: 'Exists', value: false }],
      }),
    );
    const base = {
      eventTime: 1_764_000_000_000,
      conversationId: 'c-1',
      participantId: 'p-1',
      sessionId: 's-1',
      mediaType: 'VOICE',
      provider: 'Edge',
      direction: 'OUTBOUND',
      ani: 'tel:+13175550199',
      dnis: 'tel:+13175550100',
      userId: 'u-1',
      divisionId: 'd-1',
    };
    writeFileSync(join(work, 'match.json'), JSON.stringify(base));
    writeFileSync(join(work, 'queued.json'), JSON.stringify({ ...base, queueId: 'q-1' }));
    const yes = compiled(['trigger', 'test', trigger, '--event', join(work, 'match.json'), '--json']);
    expect(yes.status, yes.stderr).toBe(0);
    expect(JSON.parse(yes.stdout)).toMatchObject({ trace: { matches: true } });
    const no = compiled(['trigger', 'test', trigger, '--event', join(work, 'queued.json'), '--json']);
    expect(no.status, no.stderr).toBe(1);
    expect(JSON.parse(no.stdout)).toMatchObject({ trace: { matches: false } });
  });

  it('answers an unknown command with the list of commands and exit 2', () => {
    const r = compiled(['nonsense']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'nonsense'");
  });
});
