// The seven published seed workflows run against scripted data actions, along the paths
// blueprints.md §1–§4 describes.

import { describe, expect, it } from 'vitest';
import { runFlow } from './interpreter.ts';
import type { Action, Flow } from './model.ts';
import { ScriptedTools, failed, ok, timedOut } from './scripted-tools.test-util.ts';
import { validateFlow } from './validate.ts';
import { BUSY, AVAILABLE, flows } from './seeds.test-util.ts';

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
