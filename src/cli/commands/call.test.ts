import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, createEmulator } from '../../emulator/index.ts';
import type { Emulator, ListeningEmulator } from '../../emulator/index.ts';
import { runCall } from './call.ts';

describe('switchboard call (in-process demo emulator)', () => {
  it('places a call for a user by email and prints the conversation', async () => {
    const out = await runCall({ from: 'bob@example.com', to: '(317) 555-0100' }, {});
    expect(out.stderr).toBe('');
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(/^call placed: conversation [0-9a-f-]{36}\n/);
    expect(out.stdout).toContain('  to      +13175550100\n');
    expect(out.stdout).toContain(`  user    ${DEMO.users.bob}\n`);
  });

  it('exits 2 on an impossible number and says what was received', async () => {
    const out = await runCall({ from: 'bob@example.com', to: '12', json: true }, {});
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain('error SB_OUTBOUND_BAD_NUMBER: the number to call must be a possible phone number; got "12"');
    expect(JSON.parse(out.stdout)).toMatchObject({ error: { code: 'SB_OUTBOUND_BAD_NUMBER' } });
  });

  it('exits 2 for an unknown user, 1 for an offline one, 2 for a malformed option', async () => {
    expect((await runCall({ from: 'nobody@example.com', to: '+13175550100' }, {})).exitCode).toBe(2);
    const offline = await runCall({ from: 'dave@example.com', to: '+13175550100' }, {});
    expect(offline.exitCode).toBe(1);
    expect(offline.stderr).toContain('SB_OUTBOUND_USER_STATE');
    const badRegion = await runCall({ from: 'bob@example.com', to: '+13175550100', defaultRegion: 'Narnia' }, {});
    expect(badRegion.exitCode).toBe(2);
    expect(badRegion.stderr).toContain('--default-region must be an ISO 3166 alpha-2 code');
  });

  it('needs credentials for --target', async () => {
    const out = await runCall({ from: 'bob@example.com', to: '+13175550100', target: 'http://127.0.0.1:9' }, {});
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain('--target / --region need credentials');
  });
});

describe('switchboard call --target <emulator on a real port> --wait', () => {
  let emu: Emulator;
  let server: ListeningEmulator;
  let client: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    emu = createEmulator({ seed: 'demo', statePath: ':memory:' });
    server = await emu.listen(0, '127.0.0.1');
    client = emu.createClient({ name: 'cli', permissions: ['directory:user:view', 'conversation:call:add', 'analytics:conversationDetail:view'] });
    const res = await fetch(`${server.url}/_switchboard/simulator/timing`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ dialingMs: 20, answerAfterMs: 40, talkMs: 80 }),
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await emu.close();
  });

  it('follows the call to its end and prints its steps as JSON (exit 0 when answered)', async () => {
    const out = await runCall({ from: DEMO.users.bob, to: '317 555 0104', wait: true, json: true, target: server.url, ...client }, {});
    expect(out.stderr).toBe('');
    expect(out.exitCode).toBe(0);
    const json = JSON.parse(out.stdout) as { state: string; steps: Array<{ state: string }>; e164: string };
    expect(json.e164).toBe('+13175550104');
    expect(json.steps.map((s) => s.state)).toEqual(['dialing', 'connected', 'disconnected']);
  });

  it('exits 1 when the far end is busy, reading credentials from the environment', async () => {
    const env = { GENESYSCLOUD_OAUTHCLIENT_ID: client.clientId, GENESYSCLOUD_OAUTHCLIENT_SECRET: client.clientSecret };
    const out = await runCall({ from: 'bob@example.com', to: '+1 317 555 0101', wait: true, target: server.url }, env);
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toMatch(/\n {2}dialing .*\n {2}busy .*\n {2}disconnected .*\n$/);
  });

  it('takes the whole target from GENESYSCLOUD_* (API URL) when no flag names one', async () => {
    const env = { GENESYSCLOUD_OAUTHCLIENT_ID: client.clientId, GENESYSCLOUD_OAUTHCLIENT_SECRET: client.clientSecret, GENESYSCLOUD_API_URL: server.url };
    const out = await runCall({ from: 'carol@example.com', to: '+13175550100' }, env);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(`  on      ${server.url}\n`);
  });
});
