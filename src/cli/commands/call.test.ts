import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, createEmulator, testNumbers } from '../../emulator/index.ts';
import type { Emulator, ListeningEmulator } from '../../emulator/index.ts';
import { runCall } from './call.ts';

const BIN = resolve(import.meta.dirname, '../../../bin/switchboard.mjs');

describe('switchboard call (in-process demo emulator)', () => {
  it('places a call for a user by email and prints the conversation', async () => {
    const out = await runCall({ from: 'bob@example.com', to: '(317) 555-0100' }, {});
    expect(out.stderr).toBe('');
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(/^call placed: conversation [0-9a-f-]{36}\n/);
    expect(out.stdout).toContain('  to      +13175550100\n');
    expect(out.stdout).toContain(`  user    ${DEMO.users.bob}\n`);
  });

  it('prints the conversation id as an --input other commands take', async () => {
    const out = await runCall({ from: 'bob@example.com', to: '+13175550100' }, {});
    const id = /^call placed: conversation (\S+)$/m.exec(out.stdout)![1];
    const input = /^ {2}input {3}--input '(.*)'$/m.exec(out.stdout)![1]!;
    expect(JSON.parse(input)).toEqual({ conversationId: id });
    expect(out.stdout).toContain('the in-process emulator and this call end with this command');
  });

  it('exits 2 on an impossible number and says what was received', async () => {
    const out = await runCall({ from: 'bob@example.com', to: '12', json: true }, {});
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain(
      'error SB_OUTBOUND_BAD_NUMBER: the number to call must be a possible phone number; got "12"',
    );
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

  const timing = async (t: Record<string, number>): Promise<void> => {
    const res = await fetch(`${server.url}/_switchboard/simulator/timing`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(t),
    });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    emu = createEmulator({ seed: 'demo', statePath: ':memory:' });
    server = await emu.listen(0, '127.0.0.1');
    client = emu.createClient({
      name: 'cli',
      permissions: ['directory:user:view', 'conversation:call:add', 'analytics:conversationDetail:view'],
    });
    await timing({ dialingMs: 20, answerAfterMs: 40, talkMs: 80 });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('follows the call to its end, one JSON line for the placed call and one per state change (exit 0 when answered)', async () => {
    const out = await runCall(
      { from: DEMO.users.bob, to: '317 555 0104', wait: true, json: true, target: server.url, ...client },
      {},
    );
    expect(out.stderr).toBe('');
    expect(out.exitCode).toBe(0);
    const lines = out.stdout
      .trimEnd()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { event: string; state?: string; e164?: string; conversationId: string; at?: string },
      );
    expect(lines[0]).toMatchObject({ event: 'placed', e164: '+13175550104' });
    expect(lines.slice(1).map((l) => [l.event, l.state])).toEqual([
      ['state', 'dialing'],
      ['state', 'connected'],
      ['state', 'disconnected'],
    ]);
    for (const l of lines.slice(1)) {
      expect(l.conversationId).toBe(lines[0]!.conversationId);
      expect(Number.isNaN(Date.parse(l.at!))).toBe(false);
    }
  });

  it('writes each state change as it is seen, not at the end', async () => {
    const env = { GENESYSCLOUD_OAUTHCLIENT_ID: client.clientId, GENESYSCLOUD_OAUTHCLIENT_SECRET: client.clientSecret };
    // Talking outlasts the CLI's 1 s poll, so the connected line is written a poll before the end.
    await timing({ talkMs: 1_500 });
    const seen: Array<{ at: number; text: string }> = [];
    const out = await runCall(
      { from: 'bob@example.com', to: '+1 317 555 0104', wait: true, target: server.url },
      env,
      (text) => seen.push({ at: Date.now(), text }),
    );
    expect(out.exitCode).toBe(0);
    expect(seen.map((s) => s.text).join('')).toBe(out.stdout);
    const when = (state: string): number =>
      seen.find((s) => new RegExp(`^ {2}\\d\\d:\\d\\d:\\d\\d\\.\\d{3} {2}${state}`).test(s.text))!.at;
    await timing({ talkMs: 80 });
    expect(when('disconnected') - when('connected')).toBeGreaterThanOrEqual(900);
    expect(out.stdout).toMatch(
      /\n {2}\d\d:\d\d:\d\d\.\d{3} {2}dialing\n {2}\S+ {2}connected\n {2}\S+ {2}disconnected {2}\(endpoint\)\ncall over: answered\n$/,
    );
  });

  it('exits 1 when the far end is busy, reading credentials from the environment', async () => {
    const env = { GENESYSCLOUD_OAUTHCLIENT_ID: client.clientId, GENESYSCLOUD_OAUTHCLIENT_SECRET: client.clientSecret };
    const out = await runCall({ from: 'bob@example.com', to: '+1 317 555 0101', wait: true, target: server.url }, env);
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toMatch(
      /\n {2}\S+ {2}dialing\n {2}\S+ {2}busy\n {2}\S+ {2}disconnected.*\ncall over: not answered \(busy\)\n$/,
    );
  });

  it('a --wait that times out says which state, which conversation and how long (exit 1)', async () => {
    const out = await runCall(
      { from: DEMO.users.bob, to: '+1 317 555 0100', wait: true, timeout: '1', target: server.url, ...client },
      {},
    );
    expect(out.exitCode).toBe(1);
    const id = /^call placed: conversation (\S+)$/m.exec(out.stdout)![1]!;
    expect(out.stderr).toContain(
      `error SB_OUTBOUND_PROGRESS_TIMEOUT: a followed call must end (reach disconnected) within the wait limit; waited 1 s for conversation ${id} to be disconnected and it is still connected; --timeout <seconds> waits longer (now 1 s)`,
    );
  });

  it('takes the whole target from GENESYSCLOUD_* (API URL) when no flag names one', async () => {
    const env = {
      GENESYSCLOUD_OAUTHCLIENT_ID: client.clientId,
      GENESYSCLOUD_OAUTHCLIENT_SECRET: client.clientSecret,
      GENESYSCLOUD_API_URL: server.url,
    };
    const out = await runCall({ from: 'carol@example.com', to: '+13175550100' }, env);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(`  on      ${server.url}\n`);
  });
});

describe('switchboard call --help', () => {
  it('lists every test number of the emulator with its outcome, and the default wait of 60 s', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'call', '--help']);
    for (const t of testNumbers()) {
      const spaced = t.number.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 $1 $2 $3');
      expect(stdout).toMatch(new RegExp(`^ {2}${spaced.replace(/\+/g, '\\+')} +${t.outcome} +\\S`, 'm'));
    }
    expect(stdout).toContain('how long --wait follows the call (default 60)');
  });
});
