/**
 * A newcomer's first hour, for real: the repository's files (what a clone holds: tracked and
 * unignored files, no build output, no node_modules) are copied into a new temporary folder with
 * nothing beside it, `npm ci` installs and builds them, then `switchboard demo --json` must hold
 * every expectation and `npm start` must serve the console. Nothing here may read the published
 * blueprint exports: the folder has no `../shared` and the test clears the variables that point at one.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.ts';
import { cleanEnv } from './support/clean-env.ts';

const ROOT = resolve(import.meta.dirname, '..');
const INSTALL_MS = 8 * 60_000;

describe('a fresh clone with nothing beside it', () => {
  let parent: string;
  let clone: string;

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'sb-fresh-'));
    clone = join(parent, 'switchboard');
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .split('\0')
      // A symbolic link (say, a node_modules linked into a checkout) is not what a clone holds, and
      // copying it would let the copy's npm ci empty the folder it points at.
      .filter(
        (f) =>
          f !== '' &&
          existsSync(join(ROOT, f)) &&
          !lstatSync(join(ROOT, f)).isSymbolicLink() &&
          !f.startsWith('node_modules'),
      );
    for (const f of files) {
      mkdirSync(dirname(join(clone, f)), { recursive: true });
      cpSync(join(ROOT, f), join(clone, f));
    }
    execFileSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: clone,
      env: cleanEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: INSTALL_MS,
    });
  }, INSTALL_MS + 60_000);

  afterAll(() => {
    if (parent) rmSync(parent, { recursive: true, force: true });
  });

  it('holds no reference outside itself and installs compiled JavaScript', () => {
    expect(existsSync(join(parent, 'shared'))).toBe(false);
    expect(existsSync(join(clone, 'dist', 'cli', 'main.js'))).toBe(true);
    expect(existsSync(join(clone, 'dist', 'console-ui', 'index.html'))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
  });

  it('runs `switchboard demo --json` with every expectation holding', () => {
    let stdout: string;
    try {
      stdout = execFileSync(process.execPath, ['bin/switchboard.mjs', 'demo', '--json', '--speed', 'max'], {
        cwd: clone,
        env: cleanEnv(),
        encoding: 'utf8',
        timeout: 180_000,
      });
    } catch (e) {
      const err = e as { status?: number; stdout?: string; stderr?: string };
      throw new Error(`demo exited ${err.status}: ${err.stderr?.slice(0, 2_000)}\n${err.stdout?.slice(0, 2_000)}`);
    }
    const report = JSON.parse(stdout) as {
      ok: boolean;
      solutions: Array<{ solution: string; ok: boolean; expectations: Array<{ ok: boolean }> }>;
    };
    expect(report.ok).toBe(true);
    expect(report.solutions.length).toBeGreaterThanOrEqual(4);
    for (const s of report.solutions) {
      expect(s.expectations.length, s.solution).toBeGreaterThan(0);
      expect(
        s.expectations.every((x) => x.ok),
        s.solution,
      ).toBe(true);
    }
  }, 200_000);

  it('serves the console after `npm start`', async () => {
    const [port, apiPort] = [await freePort(), await freePort()];
    const child = spawn('npm', ['start', '--', '--port', String(port), '--api-port', String(apiPort)], {
      cwd: clone,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const deadline = Date.now() + 60_000;
      let page = '';
      while (Date.now() < deadline) {
        try {
          const res = await fetch(`http://127.0.0.1:${apiPort}/`, { signal: AbortSignal.timeout(2_000) });
          if (res.ok) {
            page = await res.text();
            break;
          }
        } catch {
          // not yet listening
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(page, out.slice(0, 3_000)).toContain('<div id="app"');
      expect(out).toContain(`http://127.0.0.1:${apiPort}/`);
      const health = await fetch(`http://127.0.0.1:${apiPort}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      // npm start runs node in a child; stop the whole group.
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    }
  }, 90_000);
});
