// Workitem flows in both formats: the `Workitem.` built-ins, the workitem actions (each one Task
// Management request, Failure with its error outputs), reusable tasks and Exit Workitem Flow.
import { describe, expect, it } from 'vitest';
import { importArchyYaml } from './import/archy-yaml.ts';
import { importFlowFile } from './import/by-file-name.ts';
import { runFlow } from './interpreter.ts';
import { platformPermissions } from './platform-actions.ts';
import type { GenesysRequest, GenesysResponse } from './platform-actions.ts';
import { ScriptedTools } from './scripted-tools.test-util.ts';
import { validateFlow } from './validate.ts';

const YAML = `
workitem:
  name: Refund Review
  startUpRef: "/workitem/states/state[main]"
  worktype:
    name: Refunds
  settingsErrorHandling:
    errorHandling:
      endFlow:
        none: true
  variables:
    - stringVariable:
        name: Flow.why
        initialValue:
          noValue: true
        isOutput: true
  states:
    - state:
        name: Main
        refId: main
        actions:
          - decision:
              name: Created?
              condition:
                exp: Workitem.EventType == "workitemCreated"
              outputs:
                yes:
                  actions:
                    - updateData:
                        name: Note
                        statements:
                          - string:
                              variable: Flow.why
                              value:
                                exp: Append("new ", Workitem.Workitem.name, " by ", Workitem.EventData.rule.name)
                    - exitWorkitemFlow:
                        name: Done
          - switch:
              name: By status
              evaluate:
                firstMatch:
                  string:
                    value:
                      exp: Workitem.Workitem.status.name
                    cases:
                      - case:
                          value:
                            lit: Review
                          actions:
                            - callTask:
                                name: Route it
                                targetTaskRef: "/workitem/tasks/task[route]"
                      - case:
                          value:
                            lit: Cancelled
                          actions:
                            - terminateWorkitem:
                                name: Terminate
                                status:
                                  exp: Workitem.Workitem.status
          - updateData:
              name: After
              statements:
                - string:
                    variable: Flow.why
                    value:
                      exp: Append("status ", Workitem.Workitem.status.name, " priority ", ToString(Workitem.Workitem.priority))
  tasks:
    - task:
        name: Route
        refId: route
        variables:
          - stringVariable:
              name: Task.errorType
              initialValue:
                noValue: true
        actions:
          - disconnectWorkitem:
              name: Disconnect
              failureOutputs:
                errorType:
                  noValue: true
          - transferToAcd:
              name: To refunds
              targetQueue:
                lit:
                  name: Refund Desk
              priority:
                lit: 5
              failureOutputs:
                errorType:
                  var: Task.errorType
              outputs:
                failure:
                  actions:
                    - updateData:
                        name: Why
                        statements:
                          - string:
                              variable: Flow.why
                              value:
                                exp: Task.errorType
                    - exitWorkitemFlow:
                        name: Stop
`;

const workitem = (status: string) => ({
  id: 'wi-1',
  name: 'Refund 42',
  priority: 3,
  status: { id: `st-${status}`, name: status, category: 'InProgress' },
  customFields: { amount_decimal: 12.5 },
});

/** Tools whose Genesys answers come from `answer`; every request is kept. */
function tools(answer: (r: GenesysRequest) => GenesysResponse) {
  const t = new ScriptedTools();
  const requests: Array<{ stepId: string } & GenesysRequest> = [];
  return Object.assign(t, {
    requests,
    genesys: async (stepId: string, r: GenesysRequest) => {
      requests.push({ stepId, ...r });
      return answer(r);
    },
  });
}

const queues = (r: GenesysRequest): GenesysResponse =>
  r.path.startsWith('/api/v2/routing/queues')
    ? { status: 200, body: { entities: [{ id: 'q-refund', name: 'Refund Desk' }], pageCount: 1 } }
    : { status: 200, body: {} };

describe('workitem flows', () => {
  const flow = importArchyYaml(YAML, { file: 'refund.yaml' });

  it('import as type workitem with their worktype and tasks', () => {
    expect(flow).toMatchObject({ type: 'workitem', worktype: 'Refunds', startState: 'main' });
    expect(flow.tasks?.map((t) => t.id)).toEqual(['route']);
    expect(validateFlow(flow)).toEqual([]);
  });

  it('read the built-ins: the event type, the event data and the workitem with its status', async () => {
    const t = tools(queues);
    const created = await runFlow(
      flow,
      {
        'Workitem.Workitem': workitem('Open'),
        'Workitem.EventType': 'workitemCreated',
        'Workitem.EventData': { rule: { name: 'On create' } },
      },
      t,
    );
    expect(created.status).toBe('completed');
    // Exit Workitem Flow ends the run: the switch after the decision never runs.
    expect(created.outputs['Flow.why']).toBe('new Refund 42 by On create');
    expect(created.path.map((p) => p.type)).toEqual(['decision', 'updateData', 'exitWorkitemFlow']);
    const changed = await runFlow(
      flow,
      { 'Workitem.Workitem': workitem('Open'), 'Workitem.EventType': 'workitemStatusChanged' },
      t,
    );
    expect(changed.outputs['Flow.why']).toBe('status Open priority 3');
    expect(t.requests).toEqual([]);
  });

  it('disconnect, then transfer to the queue a name finds, with the priority', async () => {
    const t = tools(queues);
    const r = await runFlow(flow, { 'Workitem.Workitem': workitem('Review'), 'Workitem.EventType': 'x' }, t);
    expect(r.status).toBe('completed');
    expect(t.requests.map((q) => `${q.method} ${q.path.split('?')[0]}`)).toEqual([
      'POST /api/v2/taskmanagement/workitems/wi-1/disconnect',
      'GET /api/v2/routing/queues',
      'PATCH /api/v2/taskmanagement/workitems/wi-1',
    ]);
    expect(t.requests[2]!.body).toEqual({ queueId: 'q-refund', priority: 5 });
    // Step ids are distinct, so a durable engine journals each request once.
    expect(new Set(t.requests.map((q) => q.stepId)).size).toBe(3);
  });

  it('take Failure with the answer’s code as the error type', async () => {
    const t = tools((r) =>
      r.method === 'PATCH'
        ? { status: 400, body: { code: 'bad.request', message: 'queueId is not valid' } }
        : queues(r),
    );
    const r = await runFlow(flow, { 'Workitem.Workitem': workitem('Review'), 'Workitem.EventType': 'x' }, t);
    expect(r.status).toBe('completed');
    expect(r.outputs['Flow.why']).toBe('bad.request');
    expect(r.path.find((p) => p.actionName === 'To refunds')?.outcome).toBe('failure');
  });

  it('a queue no name finds is a Failure, and no request changes the workitem', async () => {
    const t = tools((r) =>
      r.path.startsWith('/api/v2/routing/queues') ? { status: 200, body: { entities: [] } } : { status: 200, body: {} },
    );
    const r = await runFlow(flow, { 'Workitem.Workitem': workitem('Review'), 'Workitem.EventType': 'x' }, t);
    expect(r.outputs['Flow.why']).toBe('queue.not.found');
    expect(t.requests.some((q) => q.method === 'PATCH')).toBe(false);
  });

  it('terminate with the status given; no workitem takes Failure without a request', async () => {
    const t = tools(queues);
    await runFlow(flow, { 'Workitem.Workitem': workitem('Cancelled'), 'Workitem.EventType': 'x' }, t);
    expect(t.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/v2/taskmanagement/workitems/wi-1/terminate',
        body: { statusId: 'st-Cancelled' },
      }),
    ]);
    const none = tools(queues);
    const r = await runFlow(flow, { 'Workitem.EventType': 'x' }, none);
    expect(r.status).toBe('completed');
    expect(none.requests).toEqual([]);
  });

  it('need the permissions of their requests', () => {
    expect(platformPermissions(flow)).toEqual([
      'routing:queue:view',
      'workitems:workitem:disconnect',
      'workitems:workitem:edit',
      'workitems:workitem:terminate',
    ]);
  });

  it('are checked: an unknown workitem property, and workitem actions in a workflow', () => {
    const bad = YAML.replace('Workitem.Workitem.status.name', 'Workitem.Workitem.colour');
    expect(() => importArchyYaml(bad, { file: 'bad.yaml' })).toThrow(/Workitem\.Workitem\.colour/);
    const asWorkflow = YAML.replace('workitem:\n', 'workflow:\n').replace('/workitem/states', '/workflow/states');
    expect(() => importArchyYaml(asWorkflow, { file: 'wf.yaml' })).toThrow(
      /action type "exitWorkitemFlow" is not supported/,
    );
  });
});

// Architect's export of a workitem flow: type "workitem", its worktype in workitemFlowSettings,
// tasks as `Task` items, a first-match Switch, and the workitem actions' own __types.
const encode = (doc: unknown): string =>
  Buffer.from(encodeURIComponent(JSON.stringify(doc)), 'latin1').toString('base64');
const lit = (text: string, type: string) => ({ config: { lit: { pos: 1, text, type } }, text, type });
const exp = (text: string, type = 'str') => ({ config: {}, text, type });
const emp = (type: string) => ({ config: { emp: { pos: 1, text: '', type } }, text: '', type });

const EXPORT = {
  name: 'Claims Flow',
  type: 'workitem',
  initialSequence: 'state-1',
  errorHandling: { handlingType: 'EndFlow' },
  workitemFlowSettings: { worktype: { id: 'wt-1', name: 'Claims' } },
  variables: [],
  flowSequenceItemList: [
    {
      __type: 'Task',
      id: 'task-close',
      name: 'Close',
      startAction: 't1',
      variables: [],
      actionList: [
        {
          __type: 'DisconnectWorkitemAction',
          id: 't1',
          name: 'Disconnect',
          nextAction: 't2',
          errorBindings: [{ name: 'errorType', value: emp('str') }],
          paths: [{ outputId: '__SUCCESS__' }, { outputId: '__FAILURE__' }],
        },
        {
          __type: 'TransferPureMatchAction',
          id: 't2',
          name: 'Transfer to ACD',
          nextAction: 't3',
          queues: [{ config: { lit: { pos: 1, text: 'Claims Desk', type: 'que', val: 'other-org-id' } } }],
          priority: lit('0', 'int'),
          skills: [],
          paths: [{ outputId: '__FAILURE__' }],
        },
        { __type: 'EndTaskAction', id: 't3', name: 'End Task' },
      ],
    },
    {
      __type: 'State',
      id: 'state-1',
      name: 'Initial State',
      startAction: 'a1',
      variables: [],
      actionList: [
        {
          __type: 'SwitchAction',
          id: 'a1',
          name: 'By status',
          switchStyle: 1,
          nextAction: 'a3',
          expression: exp('Workitem.Workitem.status.name'),
          cases: [{ name: 'Case 1', referenceId: 'c1', value: lit('Closing', 'str') }],
          paths: [
            { outputId: 'c1', nextActionId: 'a2' },
            { outputId: '__DEFAULT__', label: 'Default' },
          ],
        },
        {
          __type: 'CallTaskAction',
          id: 'a2',
          name: 'Call Close',
          taskReference: 'task-close',
          paths: [{ outputId: '__DEFAULT__' }],
        },
        { __type: 'ExitWorkitemFlowAction', id: 'a3', name: 'Exit Workitem Flow' },
      ],
    },
  ],
};

describe('a workitem flow export (.i3WorkitemFlow)', () => {
  const flow = importFlowFile('Claims.i3WorkitemFlow', encode(EXPORT));

  it('imports with its worktype, its tasks and its switch', () => {
    expect(flow).toMatchObject({ type: 'workitem', worktype: 'Claims', source: 'i3WorkFlow' });
    expect(flow.tasks?.map((t) => t.name)).toEqual(['Close']);
    expect(flow.states.map((s) => s.name)).toEqual(['Initial State']);
  });

  it('runs the task of the matching case, then exits', async () => {
    const t = tools((r) =>
      r.path.startsWith('/api/v2/routing/queues')
        ? { status: 200, body: { entities: [{ id: 'q-claims', name: 'Claims Desk' }] } }
        : { status: 200, body: {} },
    );
    const closing = { id: 'wi-9', name: 'Claim', status: { id: 's', name: 'Closing' } };
    const r = await runFlow(flow, { 'Workitem.Workitem': closing, 'Workitem.EventType': 'workitemStatusChanged' }, t);
    expect(r.status).toBe('completed');
    expect(r.path.map((p) => `${p.type}:${p.outcome ?? ''}`)).toEqual([
      'switch:case1',
      'callTask:',
      'workitem:success',
      'workitem:success',
      'endTask:endTask',
      'exitWorkitemFlow:end',
    ]);
    expect(t.requests.at(-1)).toMatchObject({ method: 'PATCH', body: { queueId: 'q-claims', priority: 0 } });
    const other = tools(() => ({ status: 200, body: {} }));
    await runFlow(flow, { 'Workitem.Workitem': { ...closing, status: { id: 's2', name: 'Open' } } }, other);
    expect(other.requests).toEqual([]);
  });
});
