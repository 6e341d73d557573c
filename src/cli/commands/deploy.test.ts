// `switchboard deploy` and `switchboard export` as a user runs them: an emulator in its own process
// on a real port (`switchboard emulator`), the commands in other processes, a call placed through
// the emulator's simulator and its effect read back from the emulator — no runtime process.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/free-port.ts';
import { DEMO } from '../../emulator/index.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/switchboard.mjs');
const SOLUTION = join(ROOT, 'solutions/terminate-no-queue');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, SWITCHBOARD_LOG_LEVEL: 'warn' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((r) => child.on('exit', (code) => r({ code, stdout, stderr })));
}

let emulator: ReturnType<typeof spawn> | undefined;
let url = '';
const dir = mkdtempSync(join(tmpdir(), 'deploy-cli-'));

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const token = await fetch(`${url}/_switchboard/clients`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'test reader', roles: ['admin'] }),
  }).then((r) => r.json() as Promise<{ clientId: string; clientSecret: string }>);
  const grant = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${token.clientId}:${token.clientSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${grant.access_token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  emulator = spawn(process.execPath, [
    BIN,
    'emulator',
    '--port',
    String(port),
    '--state',
    ':memory:',
    '--rate-limit',
    '0',
    '--log-level',
    'warn',
  ]);
  let out = '';
  emulator.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 30_000;
  while (!out.includes('GENESYSCLOUD_OAUTHCLIENT_SECRET')) {
    if (Date.now() > deadline) throw new Error(`the emulator did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}, 40_000);

afterAll(() => {
  emulator?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('switchboard deploy / export against an emulator process', () => {
  it('plan lists what apply creates; apply deploys; the emulator runs it on a call; a second apply changes nothing', async () => {
    const plan = await run(['deploy', 'plan', SOLUTION, '--target', url]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('Plan of bundle "terminate-no-queue"');
    expect(plan.stdout).toMatch(/\+ role\s+Switchboard terminate-no-queue \/ No-Queue Call Control/);
    expect(plan.stdout).toMatch(/\+ trigger\s+/);

    const apply = await run(['deploy', 'apply', SOLUTION, '--target', url]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/Applied \d+ changes/);
    expect(apply.stdout + apply.stderr).not.toMatch(/secret/i);

    const placed = await api('POST', '/_switchboard/simulator/calls', {
      fromUserId: DEMO.users.bob,
      to: { phoneNumber: '+13175550100' },
    });
    expect(placed.status).toBe(201);
    const deadline = Date.now() + 20_000;
    let details: Json;
    for (;;) {
      details = (await api('GET', `/api/v2/analytics/conversations/${placed.json.id}/details`)).json;
      if (details?.externalTag === 'No Queue' && details.conversationEnd) break;
      if (Date.now() > deadline) throw new Error(`the deployed flow did not act: ${JSON.stringify(details)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const history = await api('POST', '/api/v2/flows/instances/query', {
      query: [{ criteria: { key: 'conversationId', operator: 'eq', value: placed.json.id } }],
    });
    expect(history.json.entities.length).toBeGreaterThan(0);

    const again = await run(['deploy', 'apply', SOLUTION, '--target', url]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes');
    const json = await run(['deploy', 'plan', SOLUTION, '--target', url, '--json']);
    expect(JSON.parse(json.stdout).plan.steps.every((s: { op: string }) => s.op === 'keep')).toBe(true);
  }, 120_000);

  it('export writes the deployed bundle without secrets; check reads it', async () => {
    const out = join(dir, 'exported');
    const exp = await run(['export', out, '--target', url, '--bundle', 'terminate-no-queue']);
    expect(exp.code, exp.stderr).toBe(0);
    expect(exp.stdout).toMatch(/Exported 1 trigger, 1 workflow, 2 data actions on 1 integration/);
    const manifest = JSON.parse(readFileSync(join(out, 'switchboard.json'), 'utf8'));
    expect(manifest.name).toBe('terminate-no-queue');
    expect(manifest.workflows).toHaveLength(1);
    expect(readFileSync(join(out, manifest.workflows[0].file), 'utf8')).not.toContain('[switchboard:');
    const check = await run(['check', out]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const again = await run(['export', out, '--target', url]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('SB_DEPLOY_EXPORT_DIR');
  }, 60_000);

  it('destroy removes what deploy made; without a target it is invalid input (exit 2)', async () => {
    const destroy = await run(['deploy', 'destroy', SOLUTION, '--target', url]);
    expect(destroy.code, destroy.stderr).toBe(0);
    expect(destroy.stdout).toMatch(/Destroyed \d+ objects/);
    expect((await api('GET', '/api/v2/processautomation/triggers')).json.entities).toEqual([]);
    const none = await run(['deploy', 'plan', SOLUTION]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('SB_DEPLOY_TARGET');
    expect(existsSync(join(dir, 'nothing'))).toBe(false);
  }, 60_000);
});
