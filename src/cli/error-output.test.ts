// Every command, run as a user runs it with --json: an error is one JSON object on stdout of the
// same shape, the human message stays on stderr and the exit code is unchanged.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/support/shared.ts';
import { jsonRequested } from './error-output.ts';

const BIN = resolve(REPO_ROOT, 'bin/switchboard.mjs');
const dir = mkdtempSync(join(tmpdir(), 'sb-cli-json-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  // No Genesys credentials: `call` must use its in-process emulator.
  const env = { ...process.env, GENESYSCLOUD_OAUTHCLIENT_ID: '', GENESYSCLOUD_OAUTHCLIENT_SECRET: '' };
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env, timeout: 30_000 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

/** The one shape: `{ error: { code, message, hint, details? } }`. */
function errorOf(r: Run): { code: string; message: string; hint: string; details?: Record<string, unknown> } {
  const parsed = JSON.parse(r.stdout) as { error?: { code: string; message: string; hint: string } };
  expect(parsed.error).toBeDefined();
  expect(typeof parsed.error?.message).toBe('string');
  expect(typeof parsed.error?.hint).toBe('string');
  return parsed.error!;
}

const trigger = JSON.stringify({
  name: 't',
  topicName: 'v2.detail.events.conversation.{id}.user.start',
  enabled: true,
  target: { id: 'w', type: 'Workflow' },
  matchCriteria: [{ jsonPath: 'queueId', operator: 'Exists', value: false }],
});

describe('--json on errors, every command', () => {
  it('trigger test: an event that is not JSON', async () => {
    const r = await cli('trigger', 'test', file('t.json', trigger), '--event', file('e.json', '{ not json'), '--json');
    expect(r.code).toBe(2);
    expect(errorOf(r)).toMatchObject({ code: 'SB_FILE_UNREADABLE', details: { file: join(dir, 'e.json') } });
    expect(r.stderr).toContain('error SB_FILE_UNREADABLE: the event file must be JSON');
  });

  it('trigger test: a trigger breaking the API rules keeps its violations and gains the error object', async () => {
    const bad = file('bad.json', JSON.stringify({ ...JSON.parse(trigger), delayBySeconds: 30 }));
    const r = await cli('trigger', 'test', bad, '--event', file('e2.json', '{}'), '--json');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { ok: boolean; violations: unknown[] };
    expect(out.ok).toBe(false);
    expect(out.violations.length).toBeGreaterThan(0);
    expect(errorOf(r)).toMatchObject({ code: 'SB_TRIGGER_INVALID', details: { file: bad } });
    expect(r.stderr).toContain('delayBySeconds must be an integer between 60 and 900; got 30');
  });

  it('trigger test: a missing required option (a commander error)', async () => {
    const r = await cli('trigger', 'test', file('t3.json', trigger), '--json');
    expect(r.code).toBe(2);
    expect(errorOf(r).code).toBe('SB_INPUT_INVALID');
    expect(r.stderr).toContain("required option '--event <file>' not specified");
  });

  it('check: a folder that does not exist', async () => {
    const r = await cli('check', join(dir, 'absent'), '--json');
    expect(r.code).toBe(2);
    expect(errorOf(r)).toMatchObject({ code: 'SB_BLUEPRINTS_DIR_UNREADABLE', details: { dir: join(dir, 'absent') } });
    expect(r.stderr).toContain('the folder to check must exist');
  });

  it('flow run: an unreadable flow file, and an --input that is not an object', async () => {
    const unreadable = await cli('flow', 'run', join(dir, 'absent.yaml'), '--json');
    expect(unreadable.code).toBe(2);
    expect(errorOf(unreadable)).toMatchObject({ code: 'SB_INPUT_INVALID', details: { option: '<flow file>' } });
    expect(unreadable.stderr).toContain('the flow file must be readable');
    const badInput = await cli('flow', 'run', file('f.yaml', 'workflow:\n  name: x\n'), '--input', '[1]', '--json');
    expect(badInput.code).toBe(2);
    expect(errorOf(badInput)).toMatchObject({ code: 'SB_INPUT_INVALID', details: { option: '--input' } });
  });

  it('call, action test and runs print the same shape', async () => {
    const call = await cli('call', '--from', 'bob@example.com', '--to', '12', '--json');
    expect(call.code).toBe(2);
    expect(errorOf(call).code).toBe('SB_OUTBOUND_BAD_NUMBER');
    expect(call.stderr).toContain('error SB_OUTBOUND_BAD_NUMBER');
    const action = await cli('action', 'test', join(dir, 'absent.custom.json'), '--json');
    expect(action.code).toBe(2);
    expect(errorOf(action)).toMatchObject({
      code: 'SB_FILE_UNREADABLE',
      details: { file: join(dir, 'absent.custom.json') },
    });
    const runs = await cli('runs', '--status', 'sideways', '--json');
    expect(runs.code).toBe(2);
    expect(errorOf(runs)).toMatchObject({ code: 'SB_INPUT_INVALID', details: { option: '--status' } });
  });

  it('without --json, stdout stays empty on errors', async () => {
    const r = await cli('check', join(dir, 'absent'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('the folder to check must exist');
  });
});

describe('jsonRequested', () => {
  it('sees --json anywhere before a -- terminator', () => {
    expect(jsonRequested(['node', 'sb', 'check', '.', '--json'])).toBe(true);
    expect(jsonRequested(['node', 'sb', 'check', '.'])).toBe(false);
    expect(jsonRequested(['node', 'sb', 'flow', 'run', 'f', '--', '--json'])).toBe(false);
  });
});
