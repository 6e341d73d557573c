// Get/Set Conversation Data and Get/Set Participant Data (Archy YAML), and the platform actions of
// .i3WorkFlow exports.
import { describe, expect, it } from 'vitest';
import { importArchyYaml } from './import/archy-yaml.ts';
import { importI3WorkFlow } from './import/i3workflow.ts';
import { runFlow } from './interpreter.ts';
import { platformPermissions } from './platform-actions.ts';
import type { GenesysRequest, GenesysResponse } from './platform-actions.ts';
import { PlatformTools, directory, encodeI3 } from './platform-directory.test-util.ts';

const CONVERSATION = {
  id: 'conv-1',
  participants: [
    { id: 'p-agent', purpose: 'agent', attributes: {} },
    { id: 'p-cust', purpose: 'customer', attributes: { tier: 'gold', visits: '3' } },
  ],
};

function participantApi(written: Array<{ path: string; body: unknown }>) {
  return (request: GenesysRequest): GenesysResponse => {
    if (request.method === 'GET' && request.path === '/api/v2/conversations/conv-1')
      return { status: 200, body: CONVERSATION };
    if (request.method === 'PATCH') {
      written.push({ path: request.path, body: request.body });
      return { status: 202, body: null };
    }
    return { status: 404, body: {} };
  };
}

describe('Get/Set Conversation Data (the workflow toolbox names, Archy YAML)', () => {
  it('is Get/Set Participant Data under the workflow names, with the customer as the default participant', async () => {
    const flow = importArchyYaml(`workflow:
  name: Conversation data
  startUpRef: "/workflow/states/state[S]"
  variables:
    - stringVariable:
        name: Flow.conversationId
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Flow.tier
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
  states:
    - state:
        name: Main
        refId: S
        actions:
          - getConversationData:
              name: Read
              conversationId:
                exp: Flow.conversationId
              attributes:
                - attribute:
                    name:
                      lit: tier
                    variable: Flow.tier
          - setConversationData:
              name: Write
              conversationId:
                exp: Flow.conversationId
              participantId:
                noValue: true
              attributes:
                - attribute:
                    name:
                      lit: notified
                    value:
                      lit: "true"
`);
    const written: Array<{ path: string; body: unknown }> = [];
    const r = await runFlow(flow, { conversationId: 'conv-1' }, new PlatformTools(participantApi(written)));
    expect(r).toMatchObject({ status: 'completed', outputs: { 'Flow.tier': 'gold' } });
    expect(written).toEqual([
      {
        path: '/api/v2/conversations/conv-1/participants/p-cust/attributes',
        body: { attributes: { notified: 'true' } },
      },
    ]);
  });
});

describe('Get/Set Participant Data (Archy YAML)', () => {
  const flow = importArchyYaml(`workflow:
  name: Attrs
  startUpRef: "/workflow/states/state[S]"
  variables:
    - stringVariable:
        name: Flow.conversationId
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Flow.tier
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
    - integerVariable:
        name: Flow.visits
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
    - stringVariable:
        name: Flow.missing
        initialValue:
          lit: preset
        isInput: false
        isOutput: true
  states:
    - state:
        name: Main
        refId: S
        actions:
          - getParticipantData:
              name: Read
              conversationId:
                exp: Flow.conversationId
              attributes:
                - attribute:
                    name:
                      lit: tier
                    variable: Flow.tier
                - attribute:
                    name:
                      lit: visits
                    variable: Flow.visits
                - attribute:
                    name:
                      lit: nope
                    variable: Flow.missing
          - setParticipantData:
              name: Write
              conversationId:
                exp: Flow.conversationId
              participantId:
                lit: p-cust
              attributes:
                - attribute:
                    name:
                      lit: visits
                    value:
                      exp: ToString(Flow.visits + 1)
                - attribute:
                    name:
                      lit: cleared
                    value:
                      noValue: true
`);

  it('reads the customer participant attributes into typed variables and writes them back', async () => {
    const written: Array<{ path: string; body: unknown }> = [];
    const tools = new PlatformTools(participantApi(written));
    const r = await runFlow(flow, { conversationId: 'conv-1' }, tools);
    expect(r).toMatchObject({
      status: 'completed',
      outputs: { 'Flow.tier': 'gold', 'Flow.visits': 3, 'Flow.missing': null },
    });
    expect(written).toEqual([
      {
        path: '/api/v2/conversations/conv-1/participants/p-cust/attributes',
        body: { attributes: { visits: '4', cleared: '' } },
      },
    ]);
    // The named participant needs no conversation read.
    expect(tools.requests.map((q) => `${q.stepId} ${q.request.method}`)).toEqual([
      'Main/0@conversation GET',
      'Main/1 PATCH',
    ]);
  });

  it('needs the conversation view permission', () => {
    expect(platformPermissions(flow)).toEqual(['conversation:communication:view']);
  });

  it('an unknown conversation ends the flow; a NOT_SET conversation id is NOT_SET', async () => {
    const r = await runFlow(flow, { conversationId: 'other' }, new PlatformTools(participantApi([])));
    expect(r.error).toMatchObject({ code: 'SB_ARCHITECT_ACTION_FAILED', action: 'Read' });
    expect(r.error?.message).toContain('Get Participant Data: GET /api/v2/conversations/other answered 404');
    const unset = await runFlow(flow, {}, new PlatformTools(participantApi([])));
    expect(unset.error).toMatchObject({ code: 'SB_ARCHITECT_NOT_SET' });
  });
});

describe('platform actions (.i3WorkFlow)', () => {
  const emp = { config: { emp: {} }, text: '' };
  const lit = (text: string) => ({
    config: { lit: { pos: 1, text, type: 'str' } },
    text,
    type: 'str',
    uiMetaData: { mode: 1 },
  });
  const exp = (text: string) => ({ config: {}, text, type: 'str', uiMetaData: { mode: 0 } });
  const ref = (name: string, id: string) => ({
    config: { ref: { pos: 1, text: name, type: 'str', val: id } },
    text: name,
    type: 'str',
    uiMetaData: { mode: 2 },
  });
  const variable = (id: string, name: string, type: string, isInput = false) => ({
    id,
    name,
    __type: type,
    isCollection: false,
    isInput,
    isOutput: true,
    initialValue: emp,
  });

  function doc(actions: unknown[]): string {
    return encodeI3({
      name: 'Platform i3',
      type: 'workflow',
      initialSequence: 'st',
      errorHandling: { handlingType: 'EndWorkflow' },
      variables: [
        variable('v-key', 'Flow.key', 'StringVariable', true),
        variable('v-user', 'Flow.user', 'UserVariable'),
        variable('v-tier', 'Flow.tier', 'StringVariable'),
      ],
      flowSequenceItemList: [
        { __type: 'State', id: 'st', name: 'Main', startAction: 'a1', variables: [], actionList: actions },
      ],
    });
  }

  it('Find User by Id has Found and Not Found paths', async () => {
    const flow = importI3WorkFlow(
      doc([
        {
          id: 'a1',
          name: 'Find',
          __type: 'FindUserByIdAction',
          userId: exp('Flow.key'),
          findResult: ref('Flow.user', 'v-user'),
          paths: [
            { outputId: '__FOUND__', nextActionId: 'a2' },
            { outputId: '__NOT_FOUND__', nextActionId: 'a3' },
          ],
        },
        { id: 'a2', name: 'Yes', __type: 'EndWorkflowAction', exitReason: exp('Flow.user.name') },
        { id: 'a3', name: 'No', __type: 'EndWorkflowAction', exitReason: lit('none') },
      ]),
    );
    expect((await runFlow(flow, { key: 'u2' }, new PlatformTools(directory))).exitReason).toBe('Bob');
    expect((await runFlow(flow, { key: 'zz' }, new PlatformTools(directory))).exitReason).toBe('none');
  });

  it('Find User by Id reads its id from findId, as Architect exports it', async () => {
    const flow = importI3WorkFlow(
      doc([
        {
          id: 'a1',
          name: 'Find',
          __type: 'FindUserByIdAction',
          findId: exp('Flow.key'),
          findResult: ref('Flow.user', 'v-user'),
          paths: [
            { outputId: '__FOUND__', nextActionId: 'a2' },
            { outputId: '__NOT_FOUND__', nextActionId: 'a3' },
          ],
        },
        { id: 'a2', name: 'Yes', __type: 'EndWorkflowAction', exitReason: exp('Flow.user.name') },
        { id: 'a3', name: 'No', __type: 'EndWorkflowAction', exitReason: lit('none') },
      ]),
    );
    expect((await runFlow(flow, { key: 'u2' }, new PlatformTools(directory))).exitReason).toBe('Bob');
  });

  it('Get and Set Participant Data read and write attributes', async () => {
    const flow = importI3WorkFlow(
      doc([
        {
          id: 'a1',
          name: 'Read',
          __type: 'GetParticipantDataAction',
          conversationId: exp('Flow.key'),
          attributes: [{ name: lit('tier'), variable: ref('Flow.tier', 'v-tier') }],
          nextAction: 'a2',
        },
        {
          id: 'a2',
          name: 'Write',
          __type: 'SetParticipantDataAction',
          conversationId: exp('Flow.key'),
          attributes: [{ name: lit('seen'), value: exp('Append(Flow.tier, "!")') }],
        },
      ]),
    );
    const written: Array<{ path: string; body: unknown }> = [];
    const r = await runFlow(flow, { key: 'conv-1' }, new PlatformTools(participantApi(written)));
    expect(r.outputs['Flow.tier']).toBe('gold');
    expect(written).toEqual([
      { path: '/api/v2/conversations/conv-1/participants/p-cust/attributes', body: { attributes: { seen: 'gold!' } } },
    ]);
  });

  it('an unsupported action still names itself and the supported list', () => {
    expect(() => importI3WorkFlow(doc([{ id: 'a1', name: 'Prompt', __type: 'FindUserPromptAction' }]))).toThrow(
      /action type "FindUserPromptAction" is not supported \(Call Data Action, .*Get External Contact\/Organization, Evaluate Schedule \(Group\), Data Table Lookup, Switch, Call Task, End Task, Next Loop and Change State are\)/,
    );
  });
});
