// Transfer to User in a workitem flow, in both formats, against the emulator's Task Management
// service through a client holding only the permissions the flow's actions need.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../emulator/index.ts';
import { clientFetch, startApi } from '../emulator/services/conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../emulator/services/conversations/api.test-support.ts';
import { importArchyYaml } from './import/archy-yaml.ts';
import { importFlowFile } from './import/by-file-name.ts';
import { runFlow } from './interpreter.ts';
import type { Flow } from './model.ts';
import { callGenesysApi, platformPermissions } from './platform-actions.ts';
import type { GenesysRequest } from './platform-actions.ts';
import { encodeI3 } from './platform-directory.test-util.ts';
import { ScriptedTools } from './scripted-tools.test-util.ts';

const TM = '/api/v2/taskmanagement';

const out = (name: string) => `    - stringVariable:
        name: ${name}
        initialValue:
          noValue: true
        isOutput: true
`;

/** A workitem flow whose one action transfers the workitem to `targetUser` (YAML). */
const yaml = (targetUser: string, kind = 'workitem') => `
${kind}:
  name: Escalate Claim
  startUpRef: "/${kind}/states/state[main]"
  worktype:
    name: Claim
  variables:
    - stringVariable:
        name: Flow.target
        initialValue:
          noValue: true
        isInput: true
    - userVariable:
        name: Flow.agent
        initialValue:
          noValue: true
        isInput: true
${out('Flow.result')}${out('Flow.errorType')}${out('Flow.errorMessage')}  states:
    - state:
        name: Main
        refId: main
        actions:
          - transferToUser:
              name: To the owner
${targetUser}
              failureOutputs:
                errorType:
                  var: Flow.errorType
                errorMessage:
                  var: Flow.errorMessage
              outputs:
                success:
                  actions:
                    - updateData:
                        name: Assigned
                        statements:
                          - string:
                              variable: Flow.result
                              value:
                                lit: assigned
                failure:
                  actions:
                    - updateData:
                        name: Not assigned
                        statements:
                          - string:
                              variable: Flow.result
                              value:
                                lit: failed
`;

const target = (exp: string) => `              targetUser:
                exp: ${exp}`;
const BY_EXPRESSION = target('Flow.target');

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

/** An emulator with a Claim worktype and one unassigned workitem, and the tools of a least-privilege run. */
async function setup(flow: Flow) {
  const a = startApi();
  api = a;
  const bin = (await a.call('POST', `${TM}/workbins`, { name: 'Claims bin' })).json;
  const type = (await a.call('POST', `${TM}/worktypes`, { name: 'Claim', defaultWorkbinId: bin.id })).json;
  const workitem = (await a.call('POST', `${TM}/workitems`, { name: 'Claim A-100', typeId: type.id })).json;
  const fetch = await clientFetch(a, platformPermissions(flow));
  const requests: Array<{ stepId: string } & GenesysRequest> = [];
  const tools = Object.assign(new ScriptedTools(), {
    genesys: (stepId: string, r: GenesysRequest) => {
      requests.push({ stepId, ...r });
      return callGenesysApi(fetch, r);
    },
  });
  const assignee = async (): Promise<Json> =>
    (await a.call('GET', `${TM}/workitems/${workitem.id}?expands=assignee`)).json.assignee;
  const user = (id: string): Promise<Json> => a.call('GET', `/api/v2/users/${id}`).then((r) => r.json);
  return { workitem, tools, requests, assignee, user };
}

describe('Transfer to User (workitem flows, Archy YAML)', () => {
  const flow = importArchyYaml(yaml(BY_EXPRESSION), { file: 'escalate.yaml' });

  it('imports as a workitem action with its target user, and needs assign and user view', () => {
    const action = flow.states[0]!.actions[0]!;
    expect(action).toMatchObject({
      type: 'workitem',
      operation: 'transferToUser',
      user: { kind: 'expression', text: 'Flow.target' },
      errorType: 'Flow.errorType',
      errorMessage: 'Flow.errorMessage',
    });
    expect(platformPermissions(flow)).toEqual(['directory:user:view', 'workitems:workitem:assign']);
  });

  it('assigns the workitem to the user an email finds', async () => {
    const { workitem, tools, requests, assignee, user } = await setup(flow);
    const alice = await user(DEMO.users.alice);
    const r = await runFlow(flow, { 'Workitem.Workitem': workitem, 'Flow.target': alice.email.toUpperCase() }, tools);
    expect(r.status).toBe('completed');
    expect(r.outputs['Flow.result']).toBe('assigned');
    expect((await assignee()).id).toBe(DEMO.users.alice);
    expect(requests.map((q) => `${q.method} ${q.path.split('?')[0]}`)).toEqual([
      'GET /api/v2/users',
      `PATCH ${TM}/workitems/${workitem.id}/assignment`,
    ]);
    expect(requests[1]!.body).toEqual({ id: DEMO.users.alice });
    expect(new Set(requests.map((q) => q.stepId)).size).toBe(2);
  });

  it('assigns by a User value’s id or an id without a lookup', async () => {
    const { workitem, tools, requests, assignee } = await setup(flow);
    const byAgent = importArchyYaml(yaml(target('Flow.agent')), { file: 'agent.yaml' });
    await runFlow(byAgent, { 'Workitem.Workitem': workitem, 'Flow.agent': { id: DEMO.users.bob } }, tools);
    expect((await assignee()).id).toBe(DEMO.users.bob);
    await runFlow(flow, { 'Workitem.Workitem': workitem, 'Flow.target': DEMO.users.carol }, tools);
    expect((await assignee()).id).toBe(DEMO.users.carol);
    expect(requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      `PATCH ${TM}/workitems/${workitem.id}/assignment`,
      `PATCH ${TM}/workitems/${workitem.id}/assignment`,
    ]);
  });

  it('takes Failure with the service’s code and message for a user that does not exist', async () => {
    const { workitem, tools, assignee } = await setup(flow);
    const ghost = '00000000-0000-4000-8000-00000000dead';
    const r = await runFlow(flow, { 'Workitem.Workitem': workitem, 'Flow.target': ghost }, tools);
    expect(r.status).toBe('completed');
    expect(r.outputs).toMatchObject({ 'Flow.result': 'failed', 'Flow.errorType': 'bad.request' });
    expect(r.outputs['Flow.errorMessage']).toBe(`id: user ${ghost} does not exist`);
    expect(r.path.find((p) => p.actionName === 'To the owner')?.outcome).toBe('failure');
    expect(await assignee()).toBeUndefined();
  });

  it('takes Failure with workitem.closed for a terminated workitem, keeping it unassigned', async () => {
    const { workitem, tools, assignee } = await setup(flow);
    expect((await api!.call('POST', `${TM}/workitems/${workitem.id}/terminate`, {})).status).toBe(200);
    const r = await runFlow(flow, { 'Workitem.Workitem': workitem, 'Flow.target': DEMO.users.bob }, tools);
    expect(r.status).toBe('completed');
    expect(r.outputs).toMatchObject({ 'Flow.result': 'failed', 'Flow.errorType': 'workitem.closed' });
    expect(await assignee()).toBeUndefined();
  });

  it('takes Failure without changing the workitem when no user has the email, or none is given', async () => {
    const { workitem, tools, requests } = await setup(flow);
    const r = await runFlow(flow, { 'Workitem.Workitem': workitem, 'Flow.target': 'nobody@example.com' }, tools);
    expect(r.outputs).toMatchObject({
      'Flow.result': 'failed',
      'Flow.errorType': 'user.not.found',
      'Flow.errorMessage': 'Transfer to User: no user with email "nobody@example.com"',
    });
    const unset = await runFlow(flow, { 'Workitem.Workitem': workitem }, tools);
    expect(unset.outputs['Flow.errorType']).toBe('user.not.set');
    expect(requests.some((q) => q.method === 'PATCH')).toBe(false);
  });

  it('is refused without its target user, and outside a workitem flow', () => {
    expect(() => importArchyYaml(yaml('              description: none'), { file: 'bad.yaml' })).toThrow(
      /Transfer to User needs its "targetUser"/,
    );
    expect(() => importArchyYaml(yaml(BY_EXPRESSION, 'workflow'), { file: 'wf.yaml' })).toThrow(
      /action type "transferToUser" is not supported/,
    );
  });
});

// Architect's export: a call flow's Transfer to User is `TransferUserAction` with its user under
// `user`; a workitem flow's is taken to be the same [INFERRED]. A user literal holds the user's name.
const exportOf = (name: string, type = 'workitem') => ({
  name: 'Escalate Claim',
  type,
  initialSequence: 'state-1',
  errorHandling: { handlingType: type === 'workitem' ? 'EndFlow' : 'EndWorkflow' },
  workitemFlowSettings: { worktype: { id: 'wt-1', name: 'Claim' } },
  variables: [],
  flowSequenceItemList: [
    {
      __type: 'State',
      id: 'state-1',
      name: 'Initial State',
      startAction: 'a1',
      variables: [],
      actionList: [
        {
          __type: 'TransferUserAction',
          id: 'a1',
          name: 'Transfer to User',
          user: { config: { lit: { pos: 1, text: name, type: 'usr', val: 'other-org-id' } }, text: name, type: 'usr' },
          paths: [{ outputId: '__FAILURE__' }],
        },
      ],
    },
  ],
});

describe('Transfer to User (workitem flows, .i3WorkitemFlow export)', () => {
  it('imports TransferUserAction and assigns the user its literal names', async () => {
    const probe = importFlowFile('Escalate.i3WorkitemFlow', encodeI3(exportOf('x')));
    const { workitem, tools, assignee, user } = await setup(probe);
    const bob = await user(DEMO.users.bob);
    const flow = importFlowFile('Escalate.i3WorkitemFlow', encodeI3(exportOf(bob.name)));
    expect(flow.states[0]!.actions[0]).toMatchObject({ type: 'workitem', operation: 'transferToUser' });
    const r = await runFlow(flow, { 'Workitem.Workitem': workitem }, tools);
    expect(r.path.map((p) => `${p.type}:${p.outcome ?? ''}`)).toEqual(['workitem:success']);
    expect((await assignee()).id).toBe(DEMO.users.bob);
  });

  it('is refused in a workflow export', () => {
    expect(() => importFlowFile('Escalate.i3WorkFlow', encodeI3(exportOf('Bob', 'workflow')))).toThrow(
      /TransferUserAction/,
    );
  });
});
