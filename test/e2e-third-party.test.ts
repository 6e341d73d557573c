// Third-party hosts end to end, each command in its own process over real ports: a customer's CRM
// (a web services integration with User Defined (OAuth) credentials, passed through to a real HTTP
// server here), a weather service known only from a mocks file, and the Genesys tag action on the
// emulator. `up` runs the bundle on a no-queue call; `action test` and `flow run` show what a
// request that is neither mocked nor passed through gets, and what a mock's delay does.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, createEmulator } from '../src/emulator/index.ts';
import { writeTierBundle } from './support/third-party-bundle.ts';

const BIN = resolve(import.meta.dirname, '../bin/switchboard.mjs');
const SECRET = 'crm-client-secret-from-the-environment';

// The customer's CRM on a real port: an OAuth token endpoint and a customer lookup that wants the token.
const crmSeen: { url: string; body: string; auth?: string }[] = [];
const crm = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    crmSeen.push({
      url: req.url ?? '',
      body,
      ...(req.headers.authorization ? { auth: req.headers.authorization } : {}),
    });
    res.setHeader('content-type', 'application/json');
    if (req.url === '/oauth/token') {
      const ok = new URLSearchParams(body).get('client_secret') === SECRET;
      res.statusCode = ok ? 200 : 401;
      res.end(
        JSON.stringify(ok ? { access_token: 'crm-token-0123456789', expires_in: 3600 } : { error: 'invalid_client' }),
      );
    } else if (req.headers.authorization !== 'Bearer crm-token-0123456789') {
      res.statusCode = 401;
      res.end('{"error":"unauthorized"}');
    } else res.end(JSON.stringify({ customer: { tier: 'gold' } }));
  });
});
let crmUrl = '';
beforeAll(async () => {
  await new Promise<void>((r) => crm.listen(0, '127.0.0.1', r));
  crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
});
afterAll(async () => {
  crm.closeAllConnections();
  await new Promise<void>((r) => crm.close(() => r()));
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  crmSeen.length = 0;
});

function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { output: () => string; exited: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...(env === process.env ? {} : process.env), SWITCHBOARD_LOG_LEVEL: 'warn', ...env },
  });
  let all = '';
  child.stdout.on('data', (d: Buffer) => (all += d.toString()));
  child.stderr.on('data', (d: Buffer) => (all += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { output: () => all, exited, kill: () => child.kill('SIGTERM') };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function writeBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-third-party-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeTierBundle(dir, crmUrl);
  return dir;
}

describe('third-party hosts, end to end', () => {
  it('up: the CRM is passed through with its OAuth credentials, the weather is mocked, and the call is tagged with both', async () => {
    const emu = createEmulator({ rateLimitPerMinute: 0 });
    cleanups.push(() => emu.close());
    const { url } = await emu.listen(0, '127.0.0.1');
    const dir = writeBundle();
    const up = run(
      ['up', dir, '--target', url, '--api-port', '0', '--mocks', join(dir, 'mocks.json'), '--passthrough', '127.0.0.1'],
      { CRM_CLIENT_SECRET: SECRET },
    );
    const [, api] = await until(
      'the runtime API URL',
      () => up.output().match(/runtime API\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/health/) ?? undefined,
    );
    expect(up.output()).toContain(
      `third party   1 mock (${join(dir, 'mocks.json')}); passthrough 127.0.0.1; anything else is refused`,
    );

    const placed = emu.simulator.placeCall({ fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } });
    const runs = await until('a settled run', async () => {
      const list = ((await (await fetch(`${api}/api/runs`)).json()) as { entities: { id: string; status: string }[] })
        .entities;
      return list.some((r) => r.status !== 'running' && r.status !== 'pending') ? list : undefined;
    });
    expect(runs.map((r) => r.status)).toEqual(['completed']);
    const detail = await (await fetch(`${api}/api/runs/${runs[0]!.id}`)).text();
    expect(detail).not.toContain('crm-token-0123456789');
    expect(detail).not.toContain(SECRET);

    const auth = { headers: { Authorization: `Bearer ${emu.adminToken()}` } };
    const conversation = (await (
      await emu.fetch(`/api/v2/analytics/conversations/${placed.id}/details`, auth)
    ).json()) as { externalTag?: string };
    expect(conversation.externalTag).toBe('gold/sunny');
    expect(crmSeen.map((s) => s.url)).toEqual(['/oauth/token', `/customers/${placed.id}`]);
    expect(crmSeen[0]!.body).toContain(`client_secret=${SECRET}`);
    up.kill();
    expect(await up.exited).toBe(0);
  });

  it('up refuses to start when a credential field reads an environment variable that is not set', async () => {
    const dir = writeBundle();
    const { CRM_CLIENT_SECRET: _unset, ...env } = process.env;
    const missing = run(['up', dir, '--api-port', '0', '--port', '0'], env);
    expect(await missing.exited).toBe(2);
    expect(missing.output()).toContain('[bundle/credential-unset]');
    expect(missing.output()).toContain('reads environment variable CRM_CLIENT_SECRET, which is not set');
    expect(missing.output()).not.toContain('Switchboard is running');
  });

  it('action test: an unmocked host is refused with the mock entry to add; with --mocks it is answered and says by which mock', async () => {
    const dir = writeBundle();
    const file = join(dir, 'get-forecast.custom.json');
    const refused = run(['action', 'test', file, '--input', '{"city":"paris"}']);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('SB_THIRD_PARTY_NOT_MOCKED');
    expect(refused.output()).toContain(
      'Add to the mocks file: {"method":"GET","url":"https://weather.example.com/v1/forecast/paris","response":{"status":200,"body":{}}}',
    );
    expect(refused.output()).toContain('--passthrough weather.example.com');
    expect(refused.output()).not.toContain('no route');

    const mocked = run(['action', 'test', file, '--input', '{"city":"paris"}', '--mocks', join(dir, 'mocks.json')]);
    expect(await mocked.exited).toBe(0);
    expect(mocked.output()).toContain('answered by mock "forecast"');
    expect(mocked.output()).toContain('"summary": "sunny"');

    const oauth = run([
      'action',
      'test',
      join(dir, 'get-customer-tier.custom.json'),
      '--input',
      '{"customerId":"c-9"}',
      '--passthrough',
      '127.0.0.1',
      '--auth-action',
      join(dir, 'crm-auth.json'),
      '--credential',
      `loginUrl=${crmUrl}/oauth/token`,
      '--credential',
      `crmUrl=${crmUrl}`,
      '--credential',
      'clientId=switchboard',
      '--credential',
      `clientSecret=${SECRET}`,
      '--json',
    ]);
    expect(await oauth.exited).toBe(0);
    const result = JSON.parse(oauth.output()) as {
      outputs: unknown;
      trace: { request: { url: string; headers: Record<string, string> }; response: { route: string } };
    };
    expect(result.outputs).toEqual({ tier: 'gold' });
    expect(result.trace.response.route).toBe('passthrough');
    expect(result.trace.request.headers.Authorization).toBe('Bearer [credential]');
    expect(result.trace.request.url).toBe('[credential]/customers/c-9');
  });

  it("flow run: a mock slower than the action's timeout takes the timeout path at once (virtual time), and the flow goes on", async () => {
    const dir = writeBundle();
    writeFileSync(
      join(dir, 'slow.yaml'),
      `mocks:\n  - name: slow forecast\n    url: https://weather.example.com/v1/forecast/*\n    response:\n      delayMs: 45000\n      body: { today: { summary: late } }\n`,
    );
    const started = Date.now();
    const flow = run([
      'flow',
      'run',
      join(dir, 'tag-with-tier.yaml'),
      '--actions',
      dir,
      '--mocks',
      join(dir, 'slow.yaml'),
      '--passthrough',
      '127.0.0.1',
      '--auth-action',
      join(dir, 'crm-auth.json'),
      '--credential',
      `loginUrl=${crmUrl}/oauth/token`,
      '--credential',
      `crmUrl=${crmUrl}`,
      '--credential',
      'clientId=switchboard',
      '--credential',
      `clientSecret=${SECRET}`,
      '--input',
      '{"conversationId":"c-1"}',
      '--json',
    ]);
    expect(await flow.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    const out = JSON.parse(flow.output()) as {
      status: string;
      outputs: Record<string, unknown>;
      path: { actionName: string; outcome?: string }[];
      actions: { action: string; route?: string; mock?: string; status: string }[];
    };
    expect(out.status).toBe('completed');
    // The Genesys tag request reaches the emulator, which has no conversation "c-1" (404: the failure path).
    expect(out.path.filter((p) => p.outcome !== undefined).map((p) => [p.actionName, p.outcome])).toEqual([
      ['Tier', 'success'],
      ['Weather', 'timeout'],
      ['Tag', 'failure'],
      ['Done', 'end'],
    ]);
    expect(out.actions.map((a) => [a.action, a.status, a.route ?? null])).toEqual([
      ['Get Customer Tier', 'success', 'passthrough'],
      ['Get Forecast', 'timeout', null],
      ['Tag Conversation', 'failure', 'genesys'],
    ]);
    expect(out.outputs).toMatchObject({ 'Flow.tier': 'gold', 'Flow.forecast': 'unknown' });
  });
});
