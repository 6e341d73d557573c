// The seven published seed workflows: import from .i3WorkFlow and YAML, compare the two models, and
// run each one against scripted data actions, asserting the paths blueprints.md §1–§4 describes.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blueprintPath } from '../../test/support/shared.ts';
import { importArchyYaml } from './import/archy-yaml.ts';
import { importI3WorkFlow } from './import/i3workflow.ts';
import { runFlow } from './interpreter.ts';
import type { Action, Flow, ValueSource } from './model.ts';
import { rebindDataActions } from './rebind.ts';
import { ScriptedTools, failed, ok, timedOut } from './scripted-tools.test-util.ts';
import { validateFlow } from './validate.ts';

const TERM = 'terminate-voice-calls-with-no-queue';
const PRES = 'update-gc-presence-on-communicate-call-activity-blueprint';
const CB = 'callback-prioritization/main';
const BUSY = '31fe3bac-dea6-44b7-bed7-47f91660a1a0';
const AVAILABLE = '6a3af858-942f-489d-9700-5f9bcdcdae9b';

/** The data-action names exported beside a flow (its folder's *.custom.json). */
function actionsBeside(file: string): string[] {
  const dir = dirname(file);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.custom.json'))
    .map((f) => (JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as { name: string }).name);
}
function i3(...parts: string[]): Flow {
  const file = blueprintPath(...parts);
  return importI3WorkFlow(readFileSync(file, 'utf8'), { file: parts.at(-1)!, dataActions: actionsBeside(file) });
}
function yaml(params: Record<string, string>, ...parts: string[]): Flow {
  return importArchyYaml(readFileSync(blueprintPath(...parts), 'utf8'), { file: parts.at(-1)!, params });
}

/** The logic of a flow: everything except ids, display names, categories and timeouts. */
function logic(actions: readonly Action[]): unknown[] {
  const v = (s: ValueSource) =>
    s.kind === 'notSet' ? null : s.kind === 'literal' ? { lit: s.value } : { exp: s.text };
  return actions.map((a) => {
    switch (a.type) {
      case 'callData':
        return {
          call: a.dataAction,
          inputs: Object.fromEntries(Object.entries(a.inputs).map(([k, s]) => [k, v(s)])),
          out: a.successOutputs,
          err: a.failureOutputs,
          success: logic(a.success),
          failure: logic(a.failure),
          timeout: logic(a.timeout),
        };
      case 'decision':
        return { decision: v(a.condition), yes: logic(a.yes), no: logic(a.no) };
      case 'updateData':
        return { update: a.statements.map((s) => [s.variable, v(s.value)]) };
      case 'loop':
        return { loop: v(a.loopCount), index: a.indexVariable, body: logic(a.body) };
      case 'wait':
        return { wait: a.durationMs, trim: a.trimDurationNearMaxRunningTime };
      case 'endWorkflow':
        return { end: v(a.exitReason) };
      default:
        return { [a.type]: true };
    }
  });
}
const vars = (f: Flow) =>
  Object.fromEntries(
    [...f.variables, ...f.states.flatMap((s) => s.variables)].map((x) => [
      x.name,
      { ...x.type, isInput: x.isInput, initial: x.initial },
    ]),
  );

const TERM_PARAMS = {
  workflow_name: 'Terminate Outbound Call Missing Queue',
  data_action_category: 'Terminate Outbound Conversations with no Queue',
  disconnect_voice_call: 'Disconnect Voice Call',
  put_conversation_tag: 'Put Conversation Tag',
  check_conversation_for_ptsn_leg: 'Check Conversation For PSTN Leg',
};
const CB_PARAMS = {
  flow_name: 'Callback Prioritization',
  division: 'Home',
  default_language: 'en-us',
  data_action_category: 'Callback Prioritization',
  get_callback_priority: 'Get Callback Priority',
  get_interaction_state: 'Get Interaction State',
  update_callback_priority: 'Update Callback Priority',
};

const flows = {
  terminate: () => i3(TERM, 'main/exports/Terminate Outbound Call Missing Queue.i3WorkFlow'),
  pstn: () => i3(TERM, 'main/exports/Terminate Outbound Call Missing Queue with PSTN Call Leg Check.i3WorkFlow'),
  externalTag: () => i3(TERM, 'update-external-tag/UpdateExternalTagOnConversation.i3WorkFlow'),
  available: () => i3(PRES, 'main/Set GC User to Available.i3WorkFlow'),
  busyNov23: () => i3(PRES, 'nov-23-update__support-group-calls/Set GC User to Busy.i3WorkFlow'),
  busyInitial: () => i3(PRES, 'initial-blueprint-creation/Set GC User to Busy.i3WorkFlow'),
  callback: () => i3(CB, 'exports/Callback-Prioritization.i3WorkFlow'),
};

describe('seed workflows import', () => {
  it.each(Object.entries(flows))('%s imports from its .i3WorkFlow with every data action available', (_name, load) => {
    const flow = load();
    expect(flow.states).toHaveLength(1);
    expect(flow.states[0]!.actions.length).toBeGreaterThan(0);
  });

  it('every .i3WorkFlow export in the blueprints imports (the old branches too)', () => {
    const all = [
      [TERM, 'initial-creation-jan-2024/Terminate Outbound Call Missing Queue.i3WorkFlow'],
      [TERM, 'initial-creation-jan-2024/Terminate Outbound Call Missing Queue with PSTN Call Leg Check.i3WorkFlow'],
      [PRES, 'initial-blueprint-creation/Set GC User to Available.i3WorkFlow'],
      [PRES, 'nov-23-update__support-group-calls/Set GC User to Available.i3WorkFlow'],
    ];
    for (const parts of all) expect(i3(...parts).name).toMatch(/Terminate|Available/);
  });

  it('the main "Set GC User to Busy" names two data actions its own exports do not define (blueprints.md §3.1)', () => {
    const file = blueprintPath(PRES, 'main/Set GC User to Busy.i3WorkFlow');
    const text = readFileSync(file, 'utf8');
    expect(() => importI3WorkFlow(text, { dataActions: actionsBeside(file) })).toThrow(
      /flow "Set GC User to Busy" breaks 3 import rules:\n {2}- flow "Set GC User to Busy", action "Call Data Action" \([0-9a-f-]+\): \[unavailable-data-action\]/,
    );
    const flow = importI3WorkFlow(text, { validate: false });
    const issues = validateFlow(flow, { dataActions: actionsBeside(file) });
    expect(new Set(issues.map((i) => i.rule))).toEqual(new Set(['unavailable-data-action']));
    expect(new Set(issues.map((i) => i.message))).toEqual(
      new Set([
        'data action "GetInboundConversationDetailsForPickUp (Includes Group Check) (ConversationDirect)" is not available',
        'data action "GetOutboundConversationDetailsForPickUp (ConversationDirect)" is not available',
      ]),
    );
    const rebound = rebindDataActions(flow, {
      'GetInboundConversationDetailsForPickUp (Includes Group Check) (ConversationDirect)':
        'GetInboundConversationDetailsForPickUp (Includes Group Check)',
      'GetOutboundConversationDetailsForPickUp (ConversationDirect)': 'GetOutboundConversationDetailsForPickUp',
    });
    expect(validateFlow(rebound, { dataActions: actionsBeside(file) })).toEqual([]);
  });

  it.each([
    [
      'terminate',
      () => flows.terminate(),
      () =>
        yaml(TERM_PARAMS, TERM, 'main/terraform-without-pbx/modules/flow/terminate-outbound-call-missing-queue.yaml'),
    ],
    [
      'terminate (root YAML)',
      () => flows.terminate(),
      () => yaml({}, TERM, 'initial-creation-jan-2024/Terminate Outbound Call Missing Queue.yaml'),
    ],
    [
      'pstn',
      () => flows.pstn(),
      () =>
        yaml(
          TERM_PARAMS,
          TERM,
          'main/terraform-with-pbx/modules/flow/terminate-outbound-call-missing-queue-with-pstn-call-leg-check.yaml',
        ),
    ],
    [
      'pstn (root YAML)',
      () => flows.pstn(),
      () =>
        yaml({}, TERM, 'initial-creation-jan-2024/Terminate Outbound Call Missing Queue with PSTN Call Leg Check.yaml'),
    ],
    ['available', () => flows.available(), () => yaml({}, PRES, 'main/Set GC User to Available.yaml')],
    [
      'busy',
      () =>
        importI3WorkFlow(readFileSync(blueprintPath(PRES, 'main/Set GC User to Busy.i3WorkFlow'), 'utf8'), {
          validate: false,
        }),
      () => yaml({}, PRES, 'main/Set GC User to Busy.yaml'),
    ],
    ['callback', () => flows.callback(), () => yaml(CB_PARAMS, CB, 'terraform/Callback-Prioritization-Workflow.yaml')],
  ])('%s: the .i3WorkFlow and the YAML give the same logic', (_name, fromI3, fromYaml) => {
    const a = fromI3();
    const b = fromYaml();
    expect(b.source).toBe('yaml');
    expect(logic(b.states[0]!.actions)).toEqual(logic(a.states[0]!.actions));
    // Every variable of the export is declared with the same type in the YAML (the YAML may declare
    // more unused inputs: addressTo, ani, dnis, provider).
    const vb = vars(b);
    for (const [name, decl] of Object.entries(vars(a))) expect(vb[name], name).toEqual(decl);
  });

  it('the Terraform YAML needs its substitutions, and names the missing ones', () => {
    const text = readFileSync(blueprintPath(CB, 'terraform/Callback-Prioritization-Workflow.yaml'), 'utf8');
    expect(() => importArchyYaml(text, { params: { flow_name: 'x' } })).toThrow(
      'workflow YAML: every {{placeholder}} needs a substitution value; missing "division", "default_language", "data_action_category", "get_interaction_state", "get_callback_priority", "update_callback_priority"',
    );
    expect(yaml(CB_PARAMS, CB, 'terraform/Callback-Prioritization-Workflow.yaml').name).toBe('Callback Prioritization');
  });

  it('timeouts come across from both formats (1 minute)', () => {
    const pstn = flows.pstn();
    const call = pstn.states[0]!.actions[1]!;
    expect(call.type === 'callData' && call.timeoutMs).toBe(60_000);
  });
});

describe('seed workflows run', () => {
  it('Terminate Outbound Call Missing Queue: disconnect, then tag "No Queue", whatever the disconnect did', async () => {
    for (const disconnect of [ok(), failed(), timedOut]) {
      const tools = new ScriptedTools({ 'Disconnect Voice Call': [disconnect], 'Put Conversation Tag': [ok()] });
      const r = await runFlow(flows.terminate(), { conversationId: 'c-1', id: 'c-1', queueId: 'ignored' }, tools);
      expect(r.status).toBe('completed');
      expect(r.exitReason).toBeUndefined();
      expect(tools.calls.map((c) => [c.action, c.input])).toEqual([
        ['Disconnect Voice Call', { conversationId: 'c-1' }],
        ['Put Conversation Tag', { conversationId: 'c-1', externalTagName: 'No Queue' }],
      ]);
    }
  });

  it('PSTN check: wait 1 s, check the legs, then disconnect and tag "No Queue" only for an outbound external leg', async () => {
    const run = async (check: ReturnType<typeof ok>) => {
      const tools = new ScriptedTools({
        'Check Conversation For PSTN Leg': [check],
        'Disconnect Voice Call': [ok()],
        'Put Conversation Tag': [ok()],
      });
      const r = await runFlow(flows.pstn(), { conversationId: 'c-2' }, tools);
      expect(r.status).toBe('completed');
      return tools;
    };
    const pstn = await run(ok({ externalSegment: ['outbound'] }));
    expect(pstn.log).toEqual([
      'sleep 1000',
      'call Check Conversation For PSTN Leg',
      'call Disconnect Voice Call',
      'call Put Conversation Tag',
    ]);
    expect(pstn.calls[0]!.input).toEqual({ CONVERSATION_ID: 'c-2' });
    expect(pstn.calls[2]!.input).toEqual({ conversationId: 'c-2', externalTagName: 'No Queue' });
    // A user-to-user PBX call has no outbound external session: it is left alone.
    expect((await run(ok({ externalSegment: [] }))).log).toEqual([
      'sleep 1000',
      'call Check Conversation For PSTN Leg',
    ]);
    // Two outbound sessions: ToString gives "outbound,outbound", so no disconnect (docs/architect-semantics.md).
    expect((await run(ok({ externalSegment: ['outbound', 'outbound'] }))).log).toHaveLength(2);
    expect((await run(failed())).log).toHaveLength(2);
  });

  it('UpdateExternalTagOnConversation tags "<systemPresence>: <label>", or the presence alone when the label fails', async () => {
    const presence = ok({ systemPresence: 'Away', presenceDefinitionId: 'p-1' });
    for (const [label, expected] of [
      [ok({ presenceDefinitionEnglishLabel: 'Lunch', systemPresence: 'Away' }), 'Away: Lunch'],
      [failed(), 'Away'],
      [timedOut, undefined],
    ] as const) {
      const tools = new ScriptedTools({
        GetGenesysCloudUserPresenceDefinition: [presence],
        GetGenesysCloudPresenceDefinitionLabel: [label],
        PutConversationTag: [ok()],
      });
      const r = await runFlow(flows.externalTag(), { userId: 'u-1', conversationId: 'c-3' }, tools);
      expect(r.status).toBe('completed');
      expect(tools.callsTo('GetGenesysCloudPresenceDefinitionLabel')[0]!.input).toEqual({
        presenceDefinitionId: 'p-1',
      });
      expect(tools.callsTo('PutConversationTag').map((c) => c.input)).toEqual(
        expected === undefined ? [] : [{ conversationId: 'c-3', userPresence: expected }],
      );
    }
  });

  it('Set GC User to Available: sets Available unless the user is On Queue or the presence read fails', async () => {
    const cases = [
      [ok({ systemPresence: 'Busy' }), 1],
      [ok({ systemPresence: 'On Queue' }), 0],
      [failed(), 0],
      [timedOut, 0],
    ] as const;
    for (const [presence, updates] of cases) {
      const tools = new ScriptedTools({
        'Get Genesys Cloud User Presence': [presence],
        'GC User Presence Update': [ok()],
      });
      await runFlow(flows.available(), { userId: 'u-2', id: 'x' }, tools);
      expect(tools.callsTo('GC User Presence Update').map((c) => c.input)).toEqual(
        updates ? [{ USER_ID: 'u-2', PRESENCE_DEFINITION_ID: AVAILABLE }] : [],
      );
    }
  });

  describe('Set GC User to Busy (group-call branch, nov-23 export)', () => {
    const inbound = { userId: 'u-3', conversationId: 'c-4', direction: 'INBOUND', id: 'c-4' };
    it('a group call polls the pick-up check every 5 s and sets Busy once this user answered, then exits the loop', async () => {
      const tools = new ScriptedTools({
        'Get Genesys Cloud User Presence': [ok({ systemPresence: 'Available' })],
        'GetInboundConversationDetailsForPickUp (Includes Group Check)': [ok({ segmentType: [], purpose: ['group'] })],
        GetInboundConversationCallsCheckForUserPickUp: [
          ok({ userId: [] }),
          ok({ userId: ['someone-else'] }),
          ok({ userId: ['u-3'] }),
        ],
        'GC User Presence Update': [ok()],
      });
      const r = await runFlow(flows.busyNov23(), inbound, tools);
      expect(r.status).toBe('completed');
      expect(tools.log).toEqual([
        'call Get Genesys Cloud User Presence',
        'call GetInboundConversationDetailsForPickUp (Includes Group Check)',
        'sleep 5000',
        'call GetInboundConversationCallsCheckForUserPickUp',
        'sleep 5000',
        'call GetInboundConversationCallsCheckForUserPickUp',
        'sleep 5000',
        'call GetInboundConversationCallsCheckForUserPickUp',
        'call GC User Presence Update',
      ]);
      expect(tools.callsTo('GC User Presence Update')[0]!.input).toEqual({
        USER_ID: 'u-3',
        PRESENCE_DEFINITION_ID: BUSY,
      });
      expect(r.path.filter((s) => s.type === 'exitLoop')).toHaveLength(1);
    });

    it('an outbound call that is never answered gives up after 5 polls without touching presence', async () => {
      const tools = new ScriptedTools({
        'Get Genesys Cloud User Presence': [ok({ systemPresence: 'Available' })],
        GetOutboundConversationDetailsForPickUp: [ok({ segmentType: [] })],
        'GC User Presence Update': [ok()],
      });
      const r = await runFlow(flows.busyNov23(), { ...inbound, direction: 'OUTBOUND' }, tools);
      expect(r.status).toBe('completed');
      expect(tools.sleeps.map((s) => s.ms)).toEqual([5000, 5000, 5000, 5000, 5000]);
      expect(tools.callsTo('GetOutboundConversationDetailsForPickUp')).toHaveLength(5);
      expect(tools.callsTo('GC User Presence Update')).toHaveLength(0);
      const ids = [...tools.calls.map((c) => c.stepId), ...tools.sleeps.map((s) => s.stepId)];
      expect(new Set(ids).size).toBe(ids.length);
      expect(tools.sleeps.map((s) => s.stepId.split('#')[1])).toEqual(['0', '1', '2', '3', '4']);
    });

    it('the initial export compares with lowercase "interact" (analytics API values)', async () => {
      const tools = new ScriptedTools({
        'Get Genesys Cloud User Presence': [ok({ systemPresence: 'Available' })],
        GetInboundConversationDetailsForPickUp: [ok({ segmentType: [] }), ok({ segmentType: ['interact'] })],
        'GC User Presence Update': [ok()],
      });
      await runFlow(flows.busyInitial(), inbound, tools);
      expect(tools.sleeps).toHaveLength(2);
      expect(tools.callsTo('GC User Presence Update')).toHaveLength(1);
    });
  });

  describe('Callback Prioritization', () => {
    it('as published, it ends with NoPhoneNumber or NoConversationID: nothing assigns State.callbackConversationId (blueprints.md §4.2)', async () => {
      const tools = new ScriptedTools();
      const noPhone = await runFlow(flows.callback(), { conversationId: 'c-5', mediaType: 'CALLBACK' }, tools);
      expect(noPhone).toMatchObject({ status: 'completed', exitReason: 'NoPhoneNumber' });
      const withPhone = await runFlow(flows.callback(), { conversationId: 'c-5', phone: '+15551234567' }, tools);
      expect(withPhone).toMatchObject({ status: 'completed', exitReason: 'NoConversationID' });
      expect(tools.calls).toHaveLength(0);
      expect(withPhone.path.map((s) => s.outcome ?? s.type)).toEqual(['updateData', 'yes', 'no', 'end']);
    });

    /** The shipped flow with the configuration point wired: a conversationId input copied to the state variable. */
    function wired(): Flow {
      const flow = flows.callback();
      const state = flow.states[0]!;
      const assign: Action = {
        id: 'wire',
        name: 'Wire conversation id',
        type: 'updateData',
        statements: [
          { variable: 'State.callbackConversationId', value: { kind: 'expression', text: 'Flow.conversationId' } },
        ],
      };
      return {
        ...flow,
        variables: [
          ...flow.variables,
          {
            name: 'Flow.conversationId',
            type: { base: 'String', collection: false },
            isInput: true,
            isOutput: false,
            initial: null,
          },
        ],
        states: [{ ...state, actions: [assign, ...state.actions] }],
      };
    }

    it('wired, it raises the priority by 1 every 5 minutes, 5 times, then ends with "Loop Complete"', async () => {
      const flow = wired();
      expect(
        validateFlow(flow, {
          dataActions: ['Get Interaction State', 'Get Callback Priority', 'Update Callback Priority'],
        }),
      ).toEqual([]);
      const tools = new ScriptedTools({
        'Get Interaction State': [ok({ state: 'waiting' })],
        'Get Callback Priority': (_input, n) => ok({ priority: 10 + 3 * n }),
        'Update Callback Priority': (input) => ok({ priority: input.priority }),
      });
      const r = await runFlow(flow, { conversationId: 'cb-1', phone: '+15551234567' }, tools);
      expect(r).toMatchObject({ status: 'completed', exitReason: 'Loop Complete' });
      expect(tools.sleeps.map((s) => s.ms)).toEqual(Array(5).fill(300_000));
      expect(tools.callsTo('Update Callback Priority').map((c) => c.input)).toEqual(
        [11, 14, 17, 20, 23].map((priority) => ({ conversationId: 'cb-1', priority })),
      );
      expect(tools.callsTo('Get Interaction State').every((c) => c.timeoutMs === 60_000)).toBe(true);
    });

    it('wired, it stops with "CallbackCanceled" once the callback is no longer waiting or connected', async () => {
      const tools = new ScriptedTools({
        'Get Interaction State': [ok({ state: 'waiting' }), ok({ state: 'connected' }), ok({ state: 'disconnected' })],
        'Get Callback Priority': [ok({ priority: 1 })],
        'Update Callback Priority': [ok({ priority: 2 })],
      });
      const r = await runFlow(wired(), { conversationId: 'cb-2', phone: '+1' }, tools);
      expect(r).toMatchObject({ status: 'completed', exitReason: 'CallbackCanceled' });
      expect(tools.sleeps).toHaveLength(3);
      expect(tools.callsTo('Update Callback Priority')).toHaveLength(2);
    });

    it('wired, a failed priority read skips that increment and goes on to the next wait', async () => {
      const tools = new ScriptedTools({
        'Get Interaction State': [ok({ state: 'waiting' })],
        'Get Callback Priority': [failed(), ok({ priority: 4 })],
        'Update Callback Priority': [ok({ priority: 5 })],
      });
      const r = await runFlow(wired(), { conversationId: 'cb-3', phone: '+1' }, tools);
      expect(r.exitReason).toBe('Loop Complete');
      expect(tools.callsTo('Update Callback Priority').map((c) => c.input.priority)).toEqual([5, 5, 5, 5]);
    });

    it('wired, its waits trim near the maximum running time instead of failing (trimDurationNearMaxRunningTime)', async () => {
      const tools = new ScriptedTools({
        'Get Interaction State': [ok({ state: 'waiting' })],
        'Get Callback Priority': [ok({ priority: 1 })],
        'Update Callback Priority': [ok({ priority: 2 })],
      });
      const r = await runFlow(wired(), { conversationId: 'cb-4', phone: '+1' }, tools, { maxRunningMs: 12 * 60_000 });
      expect(r.exitReason).toBe('Loop Complete');
      expect(tools.sleeps.map((s) => s.ms)).toEqual([300_000, 300_000, 119_000, 0, 0]);
      expect(r.path.find((s) => s.type === 'wait' && s.detail?.trimmedFrom === 300_000)?.detail?.ms).toBe(119_000);
    });
  });
});
