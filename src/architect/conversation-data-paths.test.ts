// The paths of the workflow toolbox's Get / Set Conversation Data, and the .i3WorkFlow shapes of
// Data Table Lookup and of the conversions Architect inserts into an expression's parsed tree.
import { describe, expect, it } from 'vitest';
import { importArchyYaml } from './import/archy-yaml.ts';
import { importI3WorkFlow } from './import/i3workflow.ts';
import { runFlow } from './interpreter.ts';
import type { GenesysRequest, GenesysResponse } from './platform-actions.ts';
import { PlatformTools, encodeI3 } from './platform-directory.test-util.ts';

const CONVERSATION = {
  id: 'conv-1',
  participants: [{ id: 'p-cust', purpose: 'customer', attributes: { paymentId: 'pay-7' } }],
};

function api(patchStatus = 202) {
  return (request: GenesysRequest): GenesysResponse => {
    if (request.method === 'GET' && request.path === '/api/v2/conversations/conv-1')
      return { status: 200, body: CONVERSATION };
    if (request.method === 'PATCH') return { status: patchStatus, body: {} };
    return { status: 404, body: { code: 'not.found' } };
  };
}

const YAML = `workflow:
  name: Conversation data paths
  startUpRef: "/workflow/states/state[S]"
  variables:
    - stringVariable:
        name: Flow.conversationId
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Flow.paymentId
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
    - stringVariable:
        name: Flow.path
        initialValue:
          lit: ""
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
              participantId:
                noValue: true
              attributes:
                - attribute:
                    name:
                      lit: paymentId
                    variable: Flow.paymentId
              outputs:
                found:
                  actions:
                    - updateData:
                        name: Found
                        statements:
                          - string:
                              variable: Flow.path
                              value:
                                lit: found
                notFound:
                  actions:
                    - updateData:
                        name: Not found
                        statements:
                          - string:
                              variable: Flow.path
                              value:
                                lit: notFound
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
              outputs:
                success:
                  actions:
                    - updateData:
                        name: Written
                        statements:
                          - string:
                              variable: Flow.path
                              value:
                                exp: Append(Flow.path, "+written")
                failure:
                  actions:
                    - updateData:
                        name: Not written
                        statements:
                          - string:
                              variable: Flow.path
                              value:
                                exp: Append(Flow.path, "+failed")
`;

describe('Get / Set Conversation Data paths (Archy YAML)', () => {
  const flow = importArchyYaml(YAML);

  it('takes Found and Success when the conversation exists and the update is accepted', async () => {
    const r = await runFlow(flow, { conversationId: 'conv-1' }, new PlatformTools(api()));
    expect(r).toMatchObject({
      status: 'completed',
      outputs: { 'Flow.paymentId': 'pay-7', 'Flow.path': 'found+written' },
    });
    expect(r.path.map((s) => [s.actionName, s.outcome])).toEqual(
      expect.arrayContaining([
        ['Read', 'found'],
        ['Write', 'success'],
      ]),
    );
  });

  it('takes Not Found and Failure for a conversation that does not exist, without ending the flow', async () => {
    const r = await runFlow(flow, { conversationId: 'gone' }, new PlatformTools(api()));
    expect(r).toMatchObject({
      status: 'completed',
      outputs: { 'Flow.paymentId': null, 'Flow.path': 'notFound+failed' },
    });
  });

  it('takes Failure when the update answers an error', async () => {
    const r = await runFlow(flow, { conversationId: 'conv-1' }, new PlatformTools(api(400)));
    expect(r.outputs['Flow.path']).toBe('found+failed');
  });
});

describe('.i3WorkFlow shapes', () => {
  const emp = { config: { emp: { pos: 1, text: '', type: 'str' } }, text: '', type: 'str', uiMetaData: { mode: 3 } };
  const ref = (name: string, id: string, type = 'str') => ({
    config: { ref: { pos: 1, text: name, type, val: id } },
    text: name,
    type,
    uiMetaData: { mode: 2 },
  });
  const variable = (id: string, name: string, type: string, extra: Record<string, unknown> = {}) => ({
    id,
    name,
    __type: type,
    isCollection: false,
    isInput: false,
    isOutput: true,
    initialValue: emp,
    ...extra,
  });
  const doc = (variables: unknown[], actions: unknown[]) =>
    encodeI3({
      name: 'Shapes',
      type: 'workflow',
      initialSequence: 'st',
      errorHandling: { handlingType: 'EndWorkflow' },
      variables,
      flowSequenceItemList: [
        { __type: 'State', id: 'st', name: 'Main', startAction: 'a1', variables: [], actionList: actions },
      ],
    });

  it('reads DataTableLookupAction: its table, key, column outputs, error bindings and three paths', async () => {
    const flow = importI3WorkFlow(
      doc(
        [
          variable('v-key', 'Flow.key', 'StringVariable', { isInput: true }),
          variable('v-out', 'Flow.presenceId', 'StringVariable'),
          variable('v-err', 'Flow.errorType', 'StringVariable'),
        ],
        [
          {
            id: 'a1',
            name: 'Look up',
            __type: 'DataTableLookupAction',
            datatableName: 'PresenceMap',
            lookupKeyValue: ref('Flow.key', 'v-key'),
            outputs: [{ name: 'GenesysPresenceId', value: ref('Flow.presenceId', 'v-out') }],
            errorBindings: [
              { name: 'errorType', value: ref('Flow.errorType', 'v-err') },
              { name: 'errorMessage', value: emp },
            ],
            paths: [
              { outputId: '__FOUND__', nextActionId: 'a2' },
              { outputId: '__NOT_FOUND__', nextActionId: 'a3' },
              { outputId: '__FAILURE__', nextActionId: 'a4' },
            ],
          },
          { id: 'a2', name: 'Found', __type: 'EndWorkflowAction', exitReason: ref('Flow.presenceId', 'v-out') },
          {
            id: 'a3',
            name: 'Missing',
            __type: 'EndWorkflowAction',
            exitReason: { config: { lit: { text: 'missing' } }, text: 'missing' },
          },
          { id: 'a4', name: 'Failed', __type: 'EndWorkflowAction', exitReason: ref('Flow.errorType', 'v-err') },
        ],
      ),
    );
    const tables = (request: GenesysRequest): GenesysResponse => {
      if (request.path.startsWith('/api/v2/flows/datatables?'))
        return { status: 200, body: { entities: [{ id: 'dt-1', name: 'PresenceMap' }] } };
      if (request.path.startsWith('/api/v2/flows/datatables/dt-1/rows/Busy'))
        return { status: 200, body: { key: 'Busy', GenesysPresenceId: 'pres-busy' } };
      return { status: 404, body: {} };
    };
    expect((await runFlow(flow, { key: 'Busy' }, new PlatformTools(tables))).exitReason).toBe('pres-busy');
    expect((await runFlow(flow, { key: 'Away' }, new PlatformTools(tables))).exitReason).toBe('missing');
    expect((await runFlow(flow, { key: '' }, new PlatformTools(tables))).exitReason).toBe('InvalidLookupValue');
  });

  it('evaluates the conversion Architect inserts in the parsed tree, not only the text', async () => {
    const ids = variable('v-ids', 'Flow.ids', 'StringCollectionVariable', { isCollection: true, isInput: true });
    const flow = importI3WorkFlow(
      doc(
        [ids],
        [
          {
            id: 'a1',
            name: 'End',
            __type: 'EndWorkflowAction',
            exitReason: {
              config: {
                ToString: {
                  pos: 1,
                  text: 'ToString(Flow.ids)',
                  operands: [{ ref: { pos: 1, text: 'Flow.ids', type: 'str_coll', val: 'v-ids' } }],
                  type: 'str',
                },
              },
              text: 'Flow.ids',
              type: 'str',
              uiMetaData: { mode: 0 },
            },
          },
        ],
      ),
    );
    const r = await runFlow(flow, { ids: ['u-1'] }, new PlatformTools(api()));
    expect(r.status).toBe('completed');
    expect(typeof r.exitReason).toBe('string');
    expect(r.exitReason).toContain('u-1');
  });
});
