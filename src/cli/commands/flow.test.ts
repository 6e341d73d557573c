// `switchboard flow run` as a user runs it: a child process running a published flow with the
// data actions of its folder, against the embedded demo emulator or an emulator this test serves
// on a real port (whose state the test prepares with the simulator and reads back).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blueprintPath } from '../../../test/support/shared.ts';
import { VirtualClock } from '../../core/index.ts';
import { DEMO, SYSTEM_PRESENCE_IDS, createEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';

const BIN = resolve(import.meta.dirname, '../../../bin/switchboard.mjs');
const TERM = blueprintPath('terminate-voice-calls-with-no-queue', 'main', 'exports');
const PRES = blueprintPath('update-gc-presence-on-communicate-call-activity-blueprint', 'main');
const CBP = blueprintPath('callback-prioritization', 'main');
const CONVERSATION_DIRECT = JSON.stringify({
  'GetInboundConversationDetailsForPickUp (Includes Group Check) (ConversationDirect)':
    'GetInboundConversationDetailsForPickUp (Includes Group Check)',
  'GetOutboundConversationDetailsForPickUp (ConversationDirect)': 'GetOutboundConversationDetailsForPickUp',
});

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the CLI without blocking this process (it may serve the emulator the CLI calls). */
function cli(args: string[]): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, SWITCHBOARD_LOG_LEVEL: 'warn' };
  // An org's credentials in the environment would turn --target into a real-org target.
  delete env.GENESYSCLOUD_OAUTHCLIENT_ID;
  delete env.GENESYSCLOUD_OAUTHCLIENT_SECRET;
  const child = spawn(process.execPath, [BIN, ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((r) => child.on('close', (code) => r({ code, stdout, stderr })));
}

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function served(): Promise<{ emu: Emulator; url: string; clock: VirtualClock }> {
  const clock = new VirtualClock();
  emulator = createEmulator({ clock, rateLimitPerMinute: 0 });
  const { url } = await emulator.listen(0, '127.0.0.1');
  return { emu: emulator, url, clock };
}

async function api(emu: Emulator, path: string): Promise<Record<string, unknown>> {
  const res = await emu.fetch(path, { headers: { Authorization: `Bearer ${emu.adminToken()}` } });
  return (await res.json()) as Record<string, unknown>;
}

interface JsonReport {
  flow: string;
  status: string;
  path: { type: string; outcome?: string; detail?: { dataAction?: string } }[];
  actions: {
    action: string;
    status: string;
    request: { method: string; url: string; body?: string };
    response?: number;
  }[];
}

describe('switchboard flow run', () => {
  it('--json against an emulator URL: the published Terminate flow disconnects and tags the call; path and data-action results printed', async () => {
    const { emu, url } = await served();
    const call = emu.simulator.placeCall({ fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } });
    const out = await cli([
      'flow',
      'run',
      resolve(TERM, 'Terminate Outbound Call Missing Queue.i3WorkFlow'),
      '--actions',
      TERM,
      '--input',
      JSON.stringify({ conversationId: call.id }),
      '--target',
      url,
      '--json',
    ]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);

    const report = JSON.parse(out.stdout) as JsonReport;
    expect(report.flow).toBe('Terminate Outbound Call Missing Queue');
    expect(report.status).toBe('completed');
    expect(report.path.map((s) => [s.type, s.detail?.dataAction, s.outcome])).toEqual([
      ['callData', 'Disconnect Voice Call', 'success'],
      ['callData', 'Put Conversation Tag', 'success'],
      ['endWorkflow', undefined, 'end'],
    ]);
    expect(report.actions.map((a) => [a.action, a.status, a.request.method, a.request.url])).toEqual([
      ['Disconnect Voice Call', 'success', 'POST', `/api/v2/conversations/${call.id}/disconnect`],
      ['Put Conversation Tag', 'success', 'PUT', `/api/v2/conversations/${call.id}/tags`],
    ]);
    expect(JSON.parse(report.actions[1]!.request.body!)).toEqual({ externalTag: 'No Queue' });

    const conv = await api(emu, `/api/v2/conversations/calls/${call.id}`);
    expect((conv.participants as { state: string }[]).every((p) => p.state === 'disconnected')).toBe(true);
    expect((await api(emu, `/api/v2/conversations/${call.id}`)).externalTag).toBe('No Queue');
  });

  it('prints each Call Data Action under the name of the data action it calls (embedded demo emulator, Archy YAML)', async () => {
    const out = await cli([
      'flow',
      'run',
      resolve(PRES, 'Set GC User to Available.yaml'),
      '--actions',
      PRES,
      '--input',
      JSON.stringify({ userId: DEMO.users.bob }),
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout.split('\n').map((l) => l.trim().replace(/\s+/g, ' '))).toEqual([
      'flow "Set GC User to Available": completed',
      'callData Get Genesys Cloud User Presence → success',
      'decision Decision → no',
      'callData GC User Presence Update → success',
      'endWorkflow End Workflow → end',
      '',
    ]);
  });

  it("reads .json data-action exports by their shape and binds a call to an action named with Genesys's export suffix", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flow-actions-'));
    try {
      for (const f of readdirSync(PRES).filter((n) => n.endsWith('.custom.json'))) {
        const doc = JSON.parse(readFileSync(join(PRES, f), 'utf8')) as { name: string };
        // A plain .json export whose name carries the suffix an export adds.
        if (doc.name === 'GC User Presence Update')
          writeFileSync(
            join(dir, 'GC-User-Presence-Update.json'),
            JSON.stringify({ ...doc, name: `${doc.name} - Exported 2024-11-19 @ 14:10` }),
          );
        else writeFileSync(join(dir, f), JSON.stringify(doc));
      }
      // Other JSON in the folder (a trigger body) is not a data action and is left alone.
      writeFileSync(
        join(dir, 'trigger.json'),
        JSON.stringify({
          topicName: 'v2.users.{id}.presence',
          name: 'x',
          target: { id: 'y', type: 'Workflow' },
          enabled: true,
        }),
      );
      const out = await cli([
        'flow',
        'run',
        resolve(PRES, 'Set GC User to Available.yaml'),
        '--actions',
        dir,
        '--input',
        JSON.stringify({ userId: DEMO.users.bob }),
      ]);
      expect(out.stderr).toContain(
        'note: "GC User Presence Update" is bound to the data action "GC User Presence Update - Exported 2024-11-19 @ 14:10"',
      );
      expect(out.code).toBe(0);
      expect(out.stdout.replace(/[ ]+/g, ' ')).toContain(
        'callData GC User Presence Update - Exported 2024-11-19 @ 14:10 → success',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a flow calling data actions its folder lacks (exit 2), and runs it once they are re-bound', async () => {
    const busy = resolve(PRES, 'Set GC User to Busy.i3WorkFlow');
    const refused = await cli(['flow', 'run', busy, '--actions', PRES]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('error SB_ARCHITECT_DATA_ACTION_UNRESOLVED: ');
    expect(refused.stderr).toContain('"GetOutboundConversationDetailsForPickUp (ConversationDirect)"');
    expect(refused.stderr).toContain(`which ${PRES} does not hold`);
    expect(refused.stderr).toContain('--rebind');
    expect(refused.stdout).toBe('');

    const { emu, url, clock } = await served();
    const call = emu.simulator.placeCall({ fromUserId: DEMO.users.bob, to: { userId: DEMO.users.carol } });
    await clock.advance(1_500);
    emu.simulator.answer(call.id);
    const inputs = { userId: DEMO.users.bob, conversationId: call.id, direction: 'OUTBOUND' };
    const out = await cli([
      'flow',
      'run',
      busy,
      '--actions',
      PRES,
      '--rebind',
      CONVERSATION_DIRECT,
      '--input',
      JSON.stringify(inputs),
      '--target',
      url,
      '--json',
    ]);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as JsonReport;
    expect(report.actions.map((a) => [a.action, a.status])).toEqual([
      ['Get Genesys Cloud User Presence', 'success'],
      ['GetOutboundConversationDetailsForPickUp', 'success'],
      ['GC User Presence Update', 'success'],
    ]);
    const presence = await api(emu, `/api/v2/users/${DEMO.users.bob}/presences/purecloud`);
    expect((presence.presenceDefinition as { id: string }).id).toBe(SYSTEM_PRESENCE_IDS.BUSY);
  });

  it('without --actions, a flow that calls data actions is refused (exit 2), naming them and --actions', async () => {
    const flow = resolve(TERM, 'Terminate Outbound Call Missing Queue.i3WorkFlow');
    const out = await cli([
      'flow',
      'run',
      flow,
      '--input',
      JSON.stringify({ conversationId: '7c0d3f2e-5b1a-4e8f-9a61-2f4b8c9d0e11' }),
    ]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(
      'error SB_ARCHITECT_DATA_ACTION_UNRESOLVED: the data actions a flow calls must be loaded; "Terminate Outbound Call Missing Queue" calls "Disconnect Voice Call", "Put Conversation Tag", and no --actions folder was given',
    );
    expect(out.stderr).toMatch(/hint: Pass --actions <folder>/);
    const json = await cli(['flow', 'run', flow, '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: {
        code: 'SB_ARCHITECT_DATA_ACTION_UNRESOLVED',
        details: {
          flow: 'Terminate Outbound Call Missing Queue',
          dataActions: ['Disconnect Voice Call', 'Put Conversation Tag'],
        },
      },
    });
  });

  it('prints why each failed data-action step failed, in text and JSON', async () => {
    const flow = resolve(TERM, 'Terminate Outbound Call Missing Queue.i3WorkFlow');
    const input = JSON.stringify({ conversationId: '7c0d3f2e-5b1a-4e8f-9a61-2f4b8c9d0e11' });
    const text = await cli(['flow', 'run', flow, '--actions', TERM, '--input', input]);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
    expect(lines[1]).toMatch(
      /^callData Disconnect Voice Call → failure: 404 not\.found: .*7c0d3f2e-5b1a-4e8f-9a61-2f4b8c9d0e11/,
    );
    expect(lines[2]).toMatch(/^callData Put Conversation Tag → failure: 404 /);
    const json = JSON.parse(
      (await cli(['flow', 'run', flow, '--actions', TERM, '--input', input, '--json'])).stdout,
    ) as JsonReport & { path: { outcome?: string; reason?: string }[] };
    expect(json.path[0]).toMatchObject({ outcome: 'failure', reason: expect.stringMatching(/^404 not\.found: /) });
    expect(json.path[2]).not.toHaveProperty('reason');
  });

  it("fills an Archy YAML's {{placeholders}} from --substitutions, as Terraform does, and names a missing one", async () => {
    const yaml = resolve(CBP, 'terraform', 'Callback-Prioritization-Workflow.yaml');
    const subs = {
      flow_name: 'Callback Prioritization',
      division: 'Home',
      default_language: 'en-us',
      data_action_category: 'Callback Prioritization',
      get_callback_priority: 'Get Callback Priority',
      get_interaction_state: 'Get Interaction State',
      update_callback_priority: 'Update Callback Priority',
    };
    const out = await cli([
      'flow',
      'run',
      yaml,
      '--actions',
      resolve(CBP, 'exports'),
      '--substitutions',
      JSON.stringify(subs),
      '--json',
    ]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as JsonReport & { exitReason?: string };
    expect(report.flow).toBe('Callback Prioritization');
    // The published flow gates on Flow.phone, which no trigger sends (blueprints.md §4.2).
    expect(JSON.stringify(report)).toContain('NoPhoneNumber');
    expect(report.actions).toEqual([]);

    const { get_interaction_state: _omitted, ...partial } = subs;
    const missing = await cli([
      'flow',
      'run',
      yaml,
      '--actions',
      resolve(CBP, 'exports'),
      '--substitutions',
      JSON.stringify(partial),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('get_interaction_state');
  });

  it('reads the substitutions of an Archy options file (--options), --substitutions winning; a bad file is exit 2 naming it', async () => {
    const yaml = resolve(CBP, 'terraform', 'Callback-Prioritization-Workflow.yaml');
    const dir = mkdtempSync(join(tmpdir(), 'sb-archy-options-'));
    try {
      const options = join(dir, 'options.yaml');
      writeFileSync(
        options,
        [
          'clientId: not-read',
          'location: mypurecloud.com',
          'substitutions:',
          '  flow_name: From Options',
          '  division: Home',
          '  default_language: en-us',
          '  data_action_category: Callback Prioritization',
          '  get_callback_priority: Get Callback Priority',
          '  get_interaction_state: Get Interaction State',
          '  update_callback_priority: Update Callback Priority',
          '',
        ].join('\n'),
      );
      const out = await cli([
        'flow',
        'run',
        yaml,
        '--actions',
        resolve(CBP, 'exports'),
        '--options',
        options,
        '--substitutions',
        JSON.stringify({ flow_name: 'From The Command Line' }),
        '--json',
      ]);
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      expect((JSON.parse(out.stdout) as JsonReport).flow).toBe('From The Command Line');
      const onlyOptions = await cli([
        'flow',
        'run',
        yaml,
        '--actions',
        resolve(CBP, 'exports'),
        '--options',
        options,
        '--json',
      ]);
      expect((JSON.parse(onlyOptions.stdout) as JsonReport).flow).toBe('From Options');

      const bad = join(dir, 'bad.yaml');
      writeFileSync(bad, 'substitutions:\n  - flow_name\n');
      const refused = await cli(['flow', 'run', yaml, '--actions', resolve(CBP, 'exports'), '--options', bad]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('"substitutions" in an Archy options file is a mapping');
      expect(refused.stderr).toContain('bad.yaml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad --input and --rebind with exit 2, naming the option', async () => {
    const flow = resolve(PRES, 'Set GC User to Available.yaml');
    const input = await cli(['flow', 'run', flow, '--actions', PRES, '--input', 'userId=bob']);
    expect(input.code).toBe(2);
    expect(input.stderr).toContain('--input must be a JSON object of flow inputs; got userId=bob');
    const rebind = await cli(['flow', 'run', flow, '--actions', PRES, '--rebind', '{"a":1}']);
    expect(rebind.code).toBe(2);
    expect(rebind.stderr).toContain('--rebind must be a JSON object mapping');
    const missing = await cli(['flow', 'run', resolve(PRES, 'no such flow.i3WorkFlow')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('the flow file must be readable');
  });
});
