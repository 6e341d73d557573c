import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../../bin/switchboard.mjs');
const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(
  args: string[],
  cwd: string,
): { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, SWITCHBOARD_LOG_LEVEL: 'warn' },
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

async function waitFor(output: () => string, pattern: RegExp, ms = 20_000): Promise<RegExpMatchArray> {
  const until = Date.now() + ms;
  for (;;) {
    const m = output().match(pattern);
    if (m) return m;
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; output so far:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sb-cli-emu-'));
  dirs.push(d);
  return d;
}

describe('switchboard emulator', () => {
  it('starts on port 0, prints the URL and env lines, answers /oauth/token, stops on SIGTERM', async () => {
    const { child, output, exited } = run(
      ['emulator', '--port', '0', '--state', ':memory:', '--admin-client', 'cli-id:cli-secret', '--seed', 'empty'],
      tempDir(),
    );
    const [, url] = await waitFor(output, /^GENESYSCLOUD_API_URL=(http:\/\/127\.0\.0\.1:\d+)$/m);
    expect(output()).toContain('GENESYSCLOUD_OAUTHCLIENT_ID=cli-id\n');
    expect(output()).toContain('GENESYSCLOUD_OAUTHCLIENT_SECRET=cli-secret\n');
    const res = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from('cli-id:cli-secret').toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const users = await fetch(`${url}/api/v2/users`, { headers: { Authorization: `Bearer ${access_token}` } });
    expect(((await users.json()) as { total: number }).total).toBe(0);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('emulator stopped (SIGTERM)');
  });

  it('generates an admin client and keeps state in .switchboard/emulator.sqlite by default', async () => {
    const cwd = tempDir();
    const { child, output, exited } = run(['emulator', '--port', '0'], cwd);
    const [, id] = await waitFor(output, /^GENESYSCLOUD_OAUTHCLIENT_ID=(\S+)$/m);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(output()).toContain('(generated)');
    expect(existsSync(join(cwd, '.switchboard', 'emulator.sqlite'))).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('exits 2 naming the option for invalid input', async () => {
    const { output, exited } = run(['emulator', '--seed', 'huge', '--state', ':memory:'], tempDir());
    expect(await exited).toBe(2);
    expect(output()).toContain('--seed must be demo or empty; got "huge"');
  });
});

describe('switchboard start', () => {
  it('serves the demo org until SIGTERM', async () => {
    const { child, output, exited } = run(['start', '--port', '0'], tempDir());
    const [, url] = await waitFor(output, /^GENESYSCLOUD_API_URL=(http:\/\/127\.0\.0\.1:\d+)$/m);
    const [, id] = await waitFor(output, /^GENESYSCLOUD_OAUTHCLIENT_ID=(\S+)$/m);
    const [, secret] = await waitFor(output, /^GENESYSCLOUD_OAUTHCLIENT_SECRET=(\S+)$/m);
    const res = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const { access_token } = (await res.json()) as { access_token: string };
    const users = await fetch(`${url}/api/v2/users`, { headers: { Authorization: `Bearer ${access_token}` } });
    expect(((await users.json()) as { total: number }).total).toBe(4);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('--mocks answers the third-party requests of a web services data action the emulated org runs', async () => {
    const dir = tempDir();
    const mocks = join(dir, 'mocks.json');
    writeFileSync(
      mocks,
      JSON.stringify([
        {
          method: 'GET',
          url: 'https://crm.example.com/customers/*',
          response: { status: 200, body: { tier: 'gold' } },
        },
      ]),
    );
    const { child, output, exited } = run(
      ['emulator', '--port', '0', '--state', ':memory:', '--admin-client', 'cli-id:cli-secret', '--mocks', mocks],
      dir,
    );
    const [, url] = await waitFor(output, /^GENESYSCLOUD_API_URL=(http:\/\/127\.0\.0\.1:\d+)$/m);
    expect(output()).toMatch(/third party \(data actions' other hosts\): 1 mock \(.*mocks\.json\)/);
    const token = (await (
      await fetch(`${url}/oauth/token`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from('cli-id:cli-secret').toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    const call = async (method: string, path: string, body?: unknown) =>
      await fetch(`${url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const cred = (await (
      await call('POST', '/api/v2/integrations/credentials', {
        name: 'CRM',
        type: { name: 'userDefined' },
        credentialFields: { apiKey: 'k' },
      })
    ).json()) as { id: string };
    const integration = (await (
      await call('POST', '/api/v2/integrations', { integrationType: { id: 'custom-rest-actions' }, name: 'CRM' })
    ).json()) as { id: string };
    await call('PUT', `/api/v2/integrations/${integration.id}/config/current`, {
      credentials: { userDefined: { id: cred.id } },
    });
    const action = (await (
      await call('POST', '/api/v2/integrations/actions', {
        name: 'Tier',
        category: 'CRM',
        integrationId: integration.id,
        config: {
          request: {
            requestUrlTemplate: 'https://crm.example.com/customers/${input.id}',
            requestType: 'GET',
            headers: {},
          },
          response: { translationMap: { tier: '$.tier' }, successTemplate: '{"tier": ${tier}}' },
        },
        contract: {
          input: { inputSchema: { type: 'object', properties: { id: { type: 'string' } } } },
          output: { successSchema: { type: 'object', properties: { tier: { type: 'string' } } } },
        },
      })
    ).json()) as { id: string };
    const executed = await call('POST', `/api/v2/integrations/actions/${action.id}/execute`, { id: 'c1' });
    expect(executed.status).toBe(200);
    expect(await executed.json()).toEqual({ tier: 'gold' });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
