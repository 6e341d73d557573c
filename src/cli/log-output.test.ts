// The log formats as a user sees them: unit checks of the option parsing and line formats, then
// `switchboard emulator` spawned with stderr on a pipe (not a terminal): JSON lines by default,
// human lines with --log-format pretty, and a banner on stdout that no log line interrupts.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCliLogger, parseLogFormat, parseLogLevel, prettyLines, resolveLogFormat } from './log-output.ts';

const BIN = resolve(import.meta.dirname, '../../bin/switchboard.mjs');

describe('log options', () => {
  it('auto is human lines on a terminal, JSON otherwise; pretty and json are forced', () => {
    expect(resolveLogFormat(parseLogFormat(undefined), true)).toBe('pretty');
    expect(resolveLogFormat(parseLogFormat('auto'), false)).toBe('json');
    expect(resolveLogFormat(parseLogFormat('PRETTY'), false)).toBe('pretty');
    expect(resolveLogFormat(parseLogFormat('json'), true)).toBe('json');
    expect(() => parseLogFormat('xml')).toThrow('--log-format must be one of auto, pretty, json; got "xml"');
  });

  it('the level is --log-level, else SWITCHBOARD_LOG_LEVEL, else info; a bad one names its source', () => {
    expect(parseLogLevel('debug', { SWITCHBOARD_LOG_LEVEL: 'warn' })).toBe('debug');
    expect(parseLogLevel(undefined, { SWITCHBOARD_LOG_LEVEL: 'warn' })).toBe('warn');
    expect(parseLogLevel(undefined, {})).toBe('info');
    expect(() => parseLogLevel('loud', {})).toThrow('--log-level must be one of');
    expect(() => parseLogLevel(undefined, { SWITCHBOARD_LOG_LEVEL: 'loud' })).toThrow(
      'SWITCHBOARD_LOG_LEVEL must be one of',
    );
  });

  it('pretty lines: time, level, the component leading the message, the rest as JSON, no colour codes when off', () => {
    const line = prettyLines(false)(
      JSON.stringify({
        level: 40,
        time: Date.UTC(2026, 0, 1, 12, 0, 1, 234),
        pid: 1,
        hostname: 'h',
        component: 'runtime',
        channelId: 'c1',
        msg: 'socket error',
      }),
    );
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: runtime: socket error \{"channelId":"c1"\}\n$/);
    expect(line).not.toContain('\u001b[');
    expect(line).not.toContain('hostname');
  });

  it('writes each line synchronously, in order, at the chosen level', () => {
    const out: string[] = [];
    const json = createCliLogger({ format: 'json', level: 'info', write: (t) => out.push(t) });
    json.debug({}, 'hidden');
    json.info({ n: 1 }, 'first');
    json.warn({ n: 2 }, 'second');
    expect(out.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['first', 'second']);
    out.length = 0;
    const pretty = createCliLogger({ format: 'pretty', level: 'debug', colorize: false, write: (t) => out.push(t) });
    pretty.debug({ n: 1 }, 'shown');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/ DEBUG: shown \{"n":1\}\n$/);
  });
});

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

interface Spawned {
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;
}

function emulator(extra: string[]): Spawned {
  const env = { ...process.env };
  delete env.SWITCHBOARD_LOG_LEVEL;
  const child = spawn(
    process.execPath,
    [
      BIN,
      'emulator',
      '--port',
      '0',
      '--state',
      ':memory:',
      '--seed',
      'empty',
      '--admin-client',
      'log-id:log-secret',
      ...extra,
    ],
    { env },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Serve, send a request with a bad token (logged at debug), stop; return the process's output. */
async function serveAndPoke(extra: string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const p = emulator(extra);
  await until('the banner', () => p.stdout().includes('Press Ctrl+C to stop.'));
  const url = /^GENESYSCLOUD_API_URL=(\S+)$/m.exec(p.stdout())![1]!;
  const res = await fetch(`${url}/api/v2/users`, { headers: { Authorization: 'Bearer not-a-token' } });
  expect(res.status).toBe(401);
  await until('the rejected token in the log', () => p.stderr().includes('bearer token rejected'));
  p.child.kill('SIGTERM');
  const code = await p.exited;
  return { stdout: p.stdout(), stderr: p.stderr(), code };
}

describe('switchboard emulator log output (stderr is a pipe)', () => {
  it('logs JSON lines by default, and the banner on stdout is one block with no log line in it', async () => {
    const { stdout, stderr, code } = await serveAndPoke(['--log-level', 'debug']);
    expect(code).toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const records = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(records.map((r) => r.msg)).toEqual(expect.arrayContaining(['emulator listening', 'bearer token rejected']));
    expect(stdout).toMatch(
      /^Switchboard emulator listening on http:\/\/127\.0\.0\.1:\d+\n[^{]*Press Ctrl\+C to stop\.\nemulator stopped \(SIGTERM\)\n$/,
    );
  });

  it('--log-format pretty: human lines, no JSON records', async () => {
    const { stderr, code } = await serveAndPoke(['--log-format', 'pretty', '--log-level', 'debug']);
    expect(code).toBe(0);
    const lines = stderr.trim().split('\n');
    for (const l of lines) expect(l).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] (DEBUG|INFO|WARN|ERROR): /);
    expect(stderr).toMatch(/DEBUG: bearer token rejected \{"reason":/);
    expect(stderr).not.toContain('"level"');
    expect(stderr).not.toContain('\u001b[');
  });

  it('at the default level (info) start-up writes nothing to stderr', async () => {
    const p = emulator(['--log-format', 'json']);
    await until('the banner', () => p.stdout().includes('Press Ctrl+C to stop.'));
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toBe('');
  });

  it('an unknown --log-format exits 2 naming the option', async () => {
    const p = emulator(['--log-format', 'xml']);
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toContain('--log-format must be one of auto, pretty, json; got "xml"');
  });
});
