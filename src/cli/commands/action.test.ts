import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { blueprintPath } from '../../../test/support/shared.ts';
import { createEmulator } from '../../emulator/index.ts';
import { DEMO } from '../../emulator/index.ts';

const BIN = resolve(import.meta.dirname, '../../../bin/switchboard.mjs');
const presence = () =>
  blueprintPath(
    'update-gc-presence-on-communicate-call-activity-blueprint/main/Get-Genesys-Cloud-User-Presence.custom.json',
  );

async function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [BIN, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const emulator = createEmulator({ rateLimitPerMinute: 0 });
afterAll(() => emulator.close());

describe('switchboard action test', () => {
  it('runs against the in-process demo emulator and exits 0 on success, printing the trace', async () => {
    const r = await cli(['action', 'test', presence(), '--input', JSON.stringify({ USER_ID: DEMO.users.alice })]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`GET /api/v2/users/${DEMO.users.alice}/presences/purecloud`);
    expect(r.stdout).toContain('systemPresence = "');
    expect(r.stdout).toContain('SUCCESS');
  });

  it('exits 1 on a failure and shows the failure outputs in --json', async () => {
    const r = await cli(['action', 'test', presence(), '--input', '{"USER_ID":"nobody"}', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      status: string;
      flattened: Record<string, unknown>;
      trace: { response: { status: number } };
    };
    expect(out.status).toBe('failure');
    expect(out.trace.response.status).toBe(404);
    expect(out.flattened.status).toBe(404);
  });

  it('a secure action: exit 0 with every value hidden, in text and in --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-action-'));
    const file = join(dir, 'secure.custom.json');
    writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(presence(), 'utf8')) as object), secure: true }));
    const input = JSON.stringify({ USER_ID: DEMO.users.alice });
    const text = await cli(['action', 'test', file, '--input', input]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('SUCCESS');
    expect(text.stdout).toContain('[secure]');
    expect(text.stdout).not.toContain(DEMO.users.alice);
    const json = await cli(['action', 'test', file, '--input', input, '--json']);
    expect(json.stdout).not.toContain(DEMO.users.alice);
    expect((JSON.parse(json.stdout) as { outputs: unknown }).outputs).toEqual({ systemPresence: '[secure]' });
  });

  it('exits 2 for an invalid action file, naming the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-action-'));
    const file = join(dir, 'broken.custom.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Broken',
        integrationType: 'purecloud-data-actions',
        config: { request: { requestUrlTemplate: '/api/v2/users/${input.id', requestType: 'GET' } },
        contract: { input: { inputSchema: {} }, output: { successSchema: {} } },
      }),
    );
    const r = await cli(['action', 'test', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SB_ACTION_TEMPLATE');
    expect(r.stderr).toContain('requestUrlTemplate at line 1');
    expect((await cli(['action', 'test', presence(), '--input', '[1]'])).code).toBe(2);
  });

  it('--place-call places a demo call first and runs the action on its conversation; --input @file reads the input', async () => {
    const examples = resolve(import.meta.dirname, '../../../examples');
    const action = join(examples, 'bundle/set-external-tag.custom.json');
    const r = await cli([
      'action',
      'test',
      action,
      '--input',
      `@${join(examples, 'action-input.json')}`,
      '--place-call',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      placedCall: { conversationId: string; to: string };
      status: string;
      trace: { request: { method: string; url: string; body: string } };
    };
    expect(out.status).toBe('success');
    expect(out.placedCall.to).toBe('+13175550100');
    expect(out.trace.request.url).toMatch(new RegExp(`/api/v2/conversations/${out.placedCall.conversationId}/tags$`));
    expect(JSON.parse(out.trace.request.body)).toEqual({ externalTag: 'No queue' });
    // Without a call, the same id-less input fails the action's contract: --place-call is what made it work.
    const without = await cli(['action', 'test', action, '--input', `@${join(examples, 'action-input.json')}`]);
    expect(without.code).toBe(1);
  });

  it('--place-call refuses --target and an input that already names the conversation (exit 2)', async () => {
    const action = resolve(import.meta.dirname, '../../../examples/bundle/set-external-tag.custom.json');
    const target = await cli([
      'action',
      'test',
      action,
      '--place-call',
      '--target',
      'http://127.0.0.1:9',
      '--client-id',
      'a',
      '--client-secret',
      'b',
    ]);
    expect(target.code).toBe(2);
    expect(target.stderr).toContain('--place-call places its call on the in-process emulator, not on --target');
    const both = await cli([
      'action',
      'test',
      action,
      '--place-call',
      '--input',
      '{"conversationId":"c1","externalTag":"x"}',
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('leave conversationId out of --input');
    const missing = await cli(['action', 'test', action, '--input', '@no-such-input.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--input @<file> must name a readable file; no-such-input.json');
  });

  it('--target runs over real HTTP as the OAuth client from GENESYSCLOUD_* variables', async () => {
    const server = await emulator.listen(0);
    try {
      const client = emulator.createClient({ name: 'cli', roles: ['admin'] });
      const r = await cli(
        [
          'action',
          'test',
          presence(),
          '--target',
          server.url,
          '--input',
          JSON.stringify({ USER_ID: DEMO.users.bob }),
          '--json',
        ],
        {
          GENESYSCLOUD_OAUTHCLIENT_ID: client.clientId,
          GENESYSCLOUD_OAUTHCLIENT_SECRET: client.clientSecret,
        },
      );
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { trace: { request: { url: string } }; outputs: { systemPresence: string } };
      expect(out.trace.request.url).toBe(`${server.url}/api/v2/users/${DEMO.users.bob}/presences/purecloud`);
      expect(typeof out.outputs.systemPresence).toBe('string');
      const bad = await cli(['action', 'test', presence(), '--target', server.url], {
        GENESYSCLOUD_OAUTHCLIENT_ID: '',
        GENESYSCLOUD_OAUTHCLIENT_SECRET: '',
      });
      expect(bad.code).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('posts to a Genesys Cloud chat webhook offline: accepted, and the trace says how it was answered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-chat-hook-'));
    const file = join(dir, 'notify.custom.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Notify Room',
        integrationType: 'custom-rest-actions',
        actionType: 'custom',
        config: {
          request: {
            requestUrlTemplate:
              'https://apps.mypurecloud.com:443/webhooks/api/v1/webhook/d7a2ea24-0000-4513-b8da-a0b22bf2204a',
            requestType: 'POST',
            headers: {},
            requestTemplate: '{"message": "${input.message}"}',
          },
          response: { translationMap: {}, translationMapDefaults: {}, successTemplate: '${rawResult}' },
        },
        contract: {
          input: { inputSchema: { type: 'object', properties: { message: { type: 'string' } } } },
          output: { successSchema: { type: 'object', properties: {}, additionalProperties: true } },
        },
        secure: false,
      }),
    );
    const ok = await cli(['action', 'test', file, '--input', '{"message":"**Negative** sentiment"}']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('answered offline, as the Genesys Cloud chat webhook would');
    expect(ok.stdout).toContain('SUCCESS');
    // Without a message Genesys refuses the post: the action fails, naming the rule.
    const bad = await cli(['action', 'test', file, '--input', '{"message":""}']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('needs \\"message\\"');
  });
});
