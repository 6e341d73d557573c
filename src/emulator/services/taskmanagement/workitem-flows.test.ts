import { afterEach, describe, expect, it } from 'vitest';
import type { FlowLauncher, LaunchableFlow } from '../flows/launcher.ts';
import { DEMO } from '../seed.ts';
import { T0, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';

const TM = '/api/v2/taskmanagement';
let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

interface Launch {
  orgId: string;
  flowId: string;
  inputData: Json;
  context: Json;
}

/** A launcher that records its launches and lists `flows` (a failing one throws on each launch). */
function fakeLauncher(flows: LaunchableFlow[], fail = false): { launcher: FlowLauncher; launches: Launch[] } {
  const launches: Launch[] = [];
  const launcher: FlowLauncher = {
    launch: async (orgId, flowId, inputData, context) => {
      launches.push({ orgId, flowId, inputData, context });
      if (fail) throw new Error('the workflow engine is down');
      return { executionId: `execution-${launches.length}` };
    },
    status: () => undefined,
    flows: () => flows,
  };
  return { launcher, launches };
}

const CLAIM_FLOW: LaunchableFlow = {
  id: 'flow-claim',
  name: 'Claim flow',
  type: 'WORKITEM',
  worktype: { name: 'claim' },
};

/** A worktype "Claim" with statuses Open and Closed, and its ids. */
async function setup(a: ApiFixture): Promise<{ type: Json; open: string; closed: string }> {
  const bin = (await a.call('POST', `${TM}/workbins`, { name: 'Claims bin' })).json;
  const type = (await a.call('POST', `${TM}/worktypes`, { name: 'Claim', defaultWorkbinId: bin.id })).json;
  const [open, closed] = type.statuses.map((s: Json) => s.id as string);
  return { type, open: open!, closed: closed! };
}

const rule = async (a: ApiFixture, typeId: string, kind: string, body: Json): Promise<Json> =>
  (await a.call('POST', `${TM}/worktypes/${typeId}/flows/${kind}/rules`, body)).json;

const workitemEvents = (a: ApiFixture): Json[] =>
  a.events.filter((e) => e.topicName.startsWith('v2.taskmanagement.workitems.')).map((e) => e.eventBody);

describe('Task Management: workitem notifications', () => {
  it('publishes add, edit with the changed attributes, and delete on the workitem topic', async () => {
    api = startApi();
    const { type, closed } = await setup(api);
    const w = (
      await api.call('POST', `${TM}/workitems`, {
        name: 'Claim A-100',
        typeId: type.id,
        customFields: { order_text: 'A-100', amount_decimal: 12.5 },
      })
    ).json;
    const added = api.events.at(-1)!;
    expect(added.topicName).toBe(`v2.taskmanagement.workitems.${w.id}`);
    expect(added.eventBody).toMatchObject({
      id: w.id,
      name: 'Claim A-100',
      typeId: type.id,
      typeName: 'Claim',
      workbinName: 'Claims bin',
      statusCategory: 'Open',
      priority: 0,
      operation: 'add',
      customFields: {
        order_text: { dataType: 'string', value: 'A-100' },
        amount_decimal: { dataType: 'number', value: '12.5' },
      },
    });
    expect(added.eventBody.changes).toBeUndefined();
    await api.call('PATCH', `${TM}/workitems/${w.id}`, {
      priority: 5,
      assigneeId: DEMO.users.alice,
      customFields: { order_text: null },
    });
    const edit = workitemEvents(api).at(-1);
    expect(edit.operation).toBe('edit');
    expect(edit.changes).toEqual([
      { field: 'priority', op: 'replace', oldValue: '0', newValue: '5' },
      { field: 'customFields.order_text', op: 'remove', oldValue: 'A-100' },
      { field: 'assigneeId', op: 'add', newValue: DEMO.users.alice },
    ]);
    await api.call('POST', `${TM}/workitems/${w.id}/terminate`);
    const terminated = workitemEvents(api).at(-1);
    expect(terminated).toMatchObject({ operation: 'edit', statusId: closed, assignmentState: 'Terminated' });
    expect(terminated.changes.map((d: Json) => d.field)).toEqual(
      expect.arrayContaining(['statusId', 'dateClosed', 'assignmentState']),
    );
    await api.call('DELETE', `${TM}/workitems/${w.id}`);
    expect(workitemEvents(api).at(-1)).toMatchObject({ id: w.id, operation: 'delete' });
    expect(workitemEvents(api).map((e) => e.operation)).toEqual(['add', 'edit', 'edit', 'delete']);
  });
});

describe('Task Management: workitem flows launched by the worktype rules', () => {
  it('shows the worktype its workitem flow, named when expanded', async () => {
    api = startApi();
    const { type } = await setup(api);
    expect((await api.call('GET', `${TM}/worktypes/${type.id}`)).json.flow).toBeUndefined();
    api.emu.attachFlowLauncher(fakeLauncher([{ id: 'wf', name: 'A workflow' }, CLAIM_FLOW]).launcher);
    expect((await api.call('GET', `${TM}/worktypes/${type.id}`)).json.flow).toEqual({
      id: 'flow-claim',
      selfUri: '/api/v2/flows/flow-claim',
    });
    const named = await api.call('GET', `${TM}/worktypes/${type.id}?expands=flow`);
    expect(named.json.flow.name).toBe('Claim flow');
  });

  it('launches the flow at creation for an on-create rule, with the workitem and the rule', async () => {
    api = startApi();
    const { type, open } = await setup(api);
    const { launcher, launches } = fakeLauncher([CLAIM_FLOW]);
    api.emu.attachFlowLauncher(launcher);
    const r = await rule(api, type.id, 'oncreate', { name: 'Triage' });
    const w = (await api.call('POST', `${TM}/workitems`, { name: 'Claim A-100', typeId: type.id })).json;
    expect(launches).toHaveLength(1);
    const expected = (await api.call('GET', `${TM}/workitems/${w.id}?expands=status,type,queue,assignee`)).json;
    expect(launches[0]).toEqual({
      orgId: api.emu.orgId,
      flowId: 'flow-claim',
      inputData: {
        'Workitem.Workitem': expected,
        'Workitem.EventType': 'workitemCreated',
        'Workitem.EventData': { rule: { name: 'Triage', id: r.id, type: 'OnCreate' } },
      },
      context: { name: `Claim flow (OnCreate rule "Triage", workitem ${w.id})`, clientId: 'taskmanagement' },
    });
    expect(launches[0]!.inputData['Workitem.Workitem'].status).toEqual(
      expect.objectContaining({ id: open, name: 'Open' }),
    );
    const execution = await api.call('GET', '/api/v2/flows/executions/execution-1');
    expect(execution.json).toMatchObject({ id: 'execution-1', name: launches[0]!.context.name, status: 'UNKNOWN' });
  });

  it('launches for a matching status change with workitemStatusChanged, and not for another change', async () => {
    api = startApi();
    const { type, open, closed } = await setup(api);
    const { launcher, launches } = fakeLauncher([CLAIM_FLOW]);
    api.emu.attachFlowLauncher(launcher);
    const r = await rule(api, type.id, 'onattributechange', {
      name: 'Closed',
      condition: { attribute: 'statusId', oldValue: open, newValue: closed },
    });
    await rule(api, type.id, 'onattributechange', {
      name: 'Urgent',
      condition: { attribute: 'priority', operator: 'GT', value: 100 },
    });
    const w = (await api.call('POST', `${TM}/workitems`, { name: 'Claim A-100', typeId: type.id })).json;
    expect(launches).toEqual([]);
    await api.call('PATCH', `${TM}/workitems/${w.id}`, { priority: 50, externalTag: 'x' });
    expect(launches).toEqual([]);
    await api.call('PATCH', `${TM}/workitems/${w.id}`, { statusId: closed });
    expect(launches).toHaveLength(1);
    expect(launches[0]!.inputData['Workitem.EventType']).toBe('workitemStatusChanged');
    expect(launches[0]!.inputData['Workitem.EventData']).toEqual({
      rule: { name: 'Closed', id: r.id, type: 'OnAttributeChange' },
    });
    expect(launches[0]!.inputData['Workitem.Workitem'].status.id).toBe(closed);
    // Back to Open does not match (oldValue is Open); a priority over 100 matches the other rule.
    await api.call('PATCH', `${TM}/workitems/${w.id}`, { statusId: open });
    expect(launches).toHaveLength(1);
    await api.call('PATCH', `${TM}/workitems/${w.id}`, { priority: 101 });
    expect(launches.map((l) => l.inputData['Workitem.EventType'])).toEqual([
      'workitemStatusChanged',
      'workitemAttributeChanged',
    ]);
  });

  it('launches nothing without a flow for the worktype, or with flow rules disabled', async () => {
    api = startApi();
    const { type } = await setup(api);
    const other = fakeLauncher([
      { ...CLAIM_FLOW, worktype: { name: 'Refund' } },
      { ...CLAIM_FLOW, type: 'WORKFLOW' },
    ]);
    api.emu.attachFlowLauncher(other.launcher);
    await rule(api, type.id, 'oncreate', { name: 'Triage' });
    await api.call('POST', `${TM}/workitems`, { name: 'Claim A-100', typeId: type.id });
    expect(other.launches).toEqual([]);
    const claim = fakeLauncher([CLAIM_FLOW]);
    api.emu.attachFlowLauncher(claim.launcher);
    await api.call('PATCH', `${TM}/worktypes/${type.id}`, { ruleSettings: { flowRulesEnabled: false } });
    await api.call('POST', `${TM}/workitems`, { name: 'Claim A-101', typeId: type.id });
    expect(claim.launches).toEqual([]);
  });

  it('keeps the workitem when the launch fails', async () => {
    api = startApi();
    const { type } = await setup(api);
    const { launcher, launches } = fakeLauncher([CLAIM_FLOW], true);
    api.emu.attachFlowLauncher(launcher);
    await rule(api, type.id, 'oncreate', { name: 'Triage' });
    const created = await api.call('POST', `${TM}/workitems`, { name: 'Claim A-100', typeId: type.id });
    expect(created.status).toBe(200);
    await api.clock.advance(0);
    expect(launches).toHaveLength(1);
    expect((await api.call('GET', `${TM}/workitems/${created.json.id}`)).json.name).toBe('Claim A-100');
    expect((await api.call('GET', '/api/v2/flows/executions/execution-1')).status).toBe(404);
  });

  it('launches a date based rule at its minutes from the date, once, on the emulator clock', async () => {
    api = startApi();
    const { type } = await setup(api);
    const { launcher, launches } = fakeLauncher([CLAIM_FLOW]);
    api.emu.attachFlowLauncher(launcher);
    const r = await rule(api, type.id, 'datebased', {
      name: 'Before due',
      condition: { attribute: 'dateDue', relativeMinutesToInvocation: -60 },
    });
    const due = new Date(T0 + 3 * 3_600_000).toISOString();
    const w = (await api.call('POST', `${TM}/workitems`, { name: 'Claim A-100', typeId: type.id, dateDue: due })).json;
    await api.clock.advance(2 * 3_600_000 - 1);
    expect(launches).toEqual([]);
    await api.clock.advance(1);
    expect(launches).toHaveLength(1);
    expect(launches[0]!.inputData['Workitem.EventType']).toBe('workitemDateBased');
    expect(launches[0]!.inputData['Workitem.EventData'].rule).toEqual({ name: 'Before due', id: r.id, type: 'Date' });
    await api.call('PATCH', `${TM}/workitems/${w.id}`, { description: 'seen' });
    await api.clock.advance(2 * 3_600_000);
    expect(launches).toHaveLength(1);
    // A new due date arms the rule again; deleting the workitem disarms it (the token lives 24 hours).
    await api.call('PATCH', `${TM}/workitems/${w.id}`, { dateDue: new Date(T0 + 6 * 3_600_000).toISOString() });
    await api.clock.advance(3_600_000);
    expect(launches).toHaveLength(2);
    await api.call('PATCH', `${TM}/workitems/${w.id}`, { dateDue: new Date(T0 + 10 * 3_600_000).toISOString() });
    await api.call('DELETE', `${TM}/workitems/${w.id}`);
    await api.clock.advance(6 * 3_600_000);
    expect(launches).toHaveLength(2);
  });
});
