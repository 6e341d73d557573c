import { afterEach, describe, expect, it } from 'vitest';
import { SwitchboardError, VirtualClock, seededIds } from '../../../core/index.ts';
import { createEmulator } from '../../create-emulator.ts';
import type { Emulator } from '../../create-emulator.ts';
import { T0, clientToken } from '../conversations/api.test-support.ts';
import type { Json } from '../conversations/api.test-support.ts';
import type { FlowLauncher, FlowRuntimeExecution, LaunchableFlow } from './launcher.ts';
import { MAX_EXECUTION_RECORDS, flowsStore } from './store.ts';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const FLOW = 'f10e0000-0000-4000-8000-000000000001';

/** A fake runtime: records launches, reports what the test sets. */
function fakeLauncher(flows?: readonly LaunchableFlow[]) {
  const launches: Array<{ orgId: string; flowId: string; inputData: Json; context: Json }> = [];
  const states = new Map<string, FlowRuntimeExecution>();
  const launcher: FlowLauncher = {
    async launch(orgId, flowId, inputData, context) {
      if (flowId === 'explodes')
        throw new SwitchboardError('SB_INPUT_INVALID', `the workflow ${flowId} cannot start: its inputs are invalid`);
      const executionId = `exec-${launches.length + 1}`;
      launches.push({ orgId, flowId, inputData, context: { ...context } });
      states.set(executionId, { id: executionId, status: 'RUNNING' });
      return { executionId };
    },
    status: (_orgId, id) => states.get(id),
    ...(flows === undefined ? {} : { flows: () => flows }),
  };
  return { launcher, launches, states };
}

function start(launcher?: FlowLauncher) {
  const clock = new VirtualClock(T0);
  emu = createEmulator({
    clock,
    ids: seededIds(5),
    rateLimitPerMinute: 0,
    ...(launcher ? { flowLauncher: launcher } : {}),
  });
  const e = emu;
  const call = async (method: string, path: string, body?: unknown, token = e.adminToken()) => {
    const res = await e.fetch(path, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
  };
  return { emu: e, clock, call };
}

describe('POST /api/v2/flows/executions', () => {
  it('hands the launch to the attached launcher and answers a FlowExecutionLaunchResponse', async () => {
    const fake = fakeLauncher([{ id: FLOW, name: 'Set GC User to Busy' }]);
    const { emu: e, call } = start(fake.launcher);
    const res = await call('POST', '/api/v2/flows/executions', {
      flowId: FLOW,
      inputData: { userId: 'u1', attempts: 3 },
      name: 'busy for u1',
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: 'exec-1',
      name: 'busy for u1',
      flowVersion: { id: '1.0', name: '1.0', selfUri: `/api/v2/flows/${FLOW}/versions/1.0` },
      selfUri: '/api/v2/flows/executions/exec-1',
    });
    expect(fake.launches).toEqual([
      {
        orgId: e.orgId,
        flowId: FLOW,
        inputData: { userId: 'u1', attempts: 3 },
        context: { name: 'busy for u1', clientId: e.admin.clientId },
      },
    ]);
  });

  it('names an unnamed execution after the flow and the launch time, and passes a requested version on', async () => {
    const fake = fakeLauncher([{ id: FLOW, name: 'Callback Prioritization', version: '4.0' }]);
    const { call } = start(fake.launcher);
    const plain = await call('POST', '/api/v2/flows/executions', { flowId: FLOW });
    expect(plain.json).toMatchObject({
      name: `Callback Prioritization ${new Date(T0).toISOString()}`,
      flowVersion: { id: '4.0' },
    });
    expect(fake.launches[0]!.inputData).toEqual({});
    const pinned = await call('POST', '/api/v2/flows/executions', { flowId: FLOW, flowVersion: '3.0' });
    expect(pinned.json.flowVersion.id).toBe('3.0');
    expect(fake.launches[1]!.context.flowVersion).toBe('3.0');
  });

  it('answers 501 explaining that no workflow runtime is attached, and launches nothing', async () => {
    const { call } = start();
    const res = await call('POST', '/api/v2/flows/executions', { flowId: FLOW });
    expect(res.status).toBe(501);
    expect(res.json).toMatchObject({ code: 'not.implemented', status: 501 });
    expect(res.json.message).toContain(
      `No workflow runtime is attached to this emulator, so it cannot launch flow ${FLOW}`,
    );
    expect((await call('GET', '/api/v2/flows/executions/exec-1')).status).toBe(501);
  });

  it('a launcher attached later takes over; detaching brings the 501 back', async () => {
    const { emu: e, call } = start();
    const fake = fakeLauncher();
    e.attachFlowLauncher(fake.launcher);
    expect((await call('POST', '/api/v2/flows/executions', { flowId: FLOW })).status).toBe(200);
    e.attachFlowLauncher(undefined);
    expect((await call('POST', '/api/v2/flows/executions', { flowId: FLOW })).status).toBe(501);
  });

  it('404s a flow the launcher does not list, 400s a non-workflow and a bad body, naming the field', async () => {
    const fake = fakeLauncher([
      { id: FLOW, name: 'Wf' },
      { id: 'inbound-1', name: 'Main IVR', type: 'inboundcall' },
    ]);
    const { call } = start(fake.launcher);
    const unknown = await call('POST', '/api/v2/flows/executions', { flowId: 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ code: 'not.found', entityId: 'nope', entityName: 'flow' });
    const ivr = await call('POST', '/api/v2/flows/executions', { flowId: 'inbound-1' });
    expect(ivr.status).toBe(400);
    expect(ivr.json.message).toBe(
      'Only workflows can be launched with POST /api/v2/flows/executions; flow inbound-1 has type INBOUNDCALL',
    );
    const noFlow = await call('POST', '/api/v2/flows/executions', { inputData: {} });
    expect(noFlow.status).toBe(400);
    expect(noFlow.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'flowId' }]);
    const badInput = await call('POST', '/api/v2/flows/executions', { flowId: FLOW, inputData: [1, 2] });
    expect(badInput.json.details[0].fieldName).toBe('inputData');
    expect(fake.launches).toEqual([]);
  });

  it('without a flow list, any id goes to the launcher; its SwitchboardError becomes the answer', async () => {
    const fake = fakeLauncher();
    const { call } = start(fake.launcher);
    expect((await call('POST', '/api/v2/flows/executions', { flowId: 'anything' })).status).toBe(200);
    const refused = await call('POST', '/api/v2/flows/executions', { flowId: 'explodes' });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({
      code: 'SB_INPUT_INVALID',
      message: 'the workflow explodes cannot start: its inputs are invalid',
    });
  });

  it('needs architect:flow:launch', async () => {
    const { emu: e, call } = start(fakeLauncher().launcher);
    const token = await clientToken(e, ['architect:flowExecution:view']);
    const res = await call('POST', '/api/v2/flows/executions', { flowId: FLOW }, token);
    expect(res.status).toBe(403);
    expect(res.json.message).toContain('architect:flow:launch');
  });
});

describe('GET /api/v2/flows/executions/{id}', () => {
  it("reports the launcher's state over the launch record: RUNNING, then COMPLETED with outputs", async () => {
    const fake = fakeLauncher([{ id: FLOW, name: 'Wf', version: '2.0' }]);
    const { call, clock } = start(fake.launcher);
    const { json: launched } = await call('POST', '/api/v2/flows/executions', { flowId: FLOW, name: 'run' });
    const running = await call('GET', `/api/v2/flows/executions/${launched.id}`);
    expect(running.json).toEqual({
      id: launched.id,
      name: 'run',
      flowVersion: { id: '2.0', name: '2.0' },
      dateLaunched: new Date(T0).toISOString(),
      status: 'RUNNING',
      selfUri: `/api/v2/flows/executions/${launched.id}`,
    });
    await clock.advance(5_000);
    fake.states.set(launched.id, {
      id: launched.id,
      status: 'COMPLETED',
      dateCompleted: new Date(T0 + 5_000).toISOString(),
      completionReason: 'Flow completed',
      outputData: { presence: 'Busy' },
    });
    const done = await call('GET', `/api/v2/flows/executions/${launched.id}`);
    expect(done.json).toMatchObject({
      status: 'COMPLETED',
      dateCompleted: new Date(T0 + 5_000).toISOString(),
      outputData: { presence: 'Busy' },
      name: 'run',
      dateLaunched: new Date(T0).toISOString(),
    });
  });

  it('carries flowErrorInfo of a failed execution; UNKNOWN when the launcher forgot it; 404 when nobody knows it', async () => {
    const fake = fakeLauncher();
    const { call } = start(fake.launcher);
    const { json: launched } = await call('POST', '/api/v2/flows/executions', { flowId: FLOW });
    fake.states.set(launched.id, {
      id: launched.id,
      status: 'ERROR',
      flowErrorInfo: { message: 'data action failed', code: 'flow.error', status: 500 },
    });
    expect((await call('GET', `/api/v2/flows/executions/${launched.id}`)).json).toMatchObject({
      status: 'ERROR',
      flowErrorInfo: { message: 'data action failed' },
    });
    fake.states.clear();
    expect((await call('GET', `/api/v2/flows/executions/${launched.id}`)).json.status).toBe('UNKNOWN');
    const missing = await call('GET', '/api/v2/flows/executions/exec-404');
    expect(missing.status).toBe(404);
    expect(missing.json.entityName).toBe('flow execution');
  });

  it('needs architect:flowExecution:view', async () => {
    const { emu: e, call } = start(fakeLauncher().launcher);
    const token = await clientToken(e, ['architect:flow:launch']);
    const { json: launched } = await call('POST', '/api/v2/flows/executions', { flowId: FLOW }, token);
    expect((await call('GET', `/api/v2/flows/executions/${launched.id}`, undefined, token)).status).toBe(403);
  });
});

describe('GET /api/v2/flows', () => {
  it("lists registered flows and the launcher's, filtered by type, name (with *) and id", async () => {
    const fake = fakeLauncher([
      { id: FLOW, name: 'Set GC User to Busy' },
      { id: 'ivr', name: 'Main IVR', type: 'INBOUNDCALL' },
    ]);
    const { emu: e, call } = start(fake.launcher);
    const put = await e.fetch('/_switchboard/flows/wf-2', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Callback Prioritization', description: 'raises priority' }),
    });
    expect(put.status).toBe(200);
    const names = async (q: string): Promise<string[]> =>
      (await call('GET', `/api/v2/flows${q}`)).json.entities.map((f: Json) => f.name);
    expect(await names('?type=workflow')).toEqual(['Callback Prioritization', 'Set GC User to Busy']);
    expect(await names('')).toEqual(['Callback Prioritization', 'Main IVR', 'Set GC User to Busy']);
    expect(await names('?type=workflow&name=set*')).toEqual(['Set GC User to Busy']);
    expect(await names(`?id=${FLOW},ivr`)).toEqual(['Main IVR', 'Set GC User to Busy']);
    const one = await call('GET', '/api/v2/flows/wf-2');
    expect(one.json).toMatchObject({
      id: 'wf-2',
      type: 'WORKFLOW',
      description: 'raises priority',
      publishedVersion: { id: '1.0' },
      selfUri: '/api/v2/flows/wf-2',
    });
    expect((await call('GET', '/api/v2/flows/nope')).status).toBe(404);
    expect((await e.fetch('/_switchboard/flows/wf-2', { method: 'DELETE' })).status).toBe(204);
    expect(await names('?type=workflow')).toEqual(['Set GC User to Busy']);
  });

  it('registered flows alone also gate launches', async () => {
    const fake = fakeLauncher();
    const { emu: e, call } = start(fake.launcher);
    await e.fetch('/_switchboard/flows/wf-2', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Wf' }),
    });
    expect((await call('POST', '/api/v2/flows/executions', { flowId: 'other' })).status).toBe(404);
    expect((await call('POST', '/api/v2/flows/executions', { flowId: 'wf-2' })).status).toBe(200);
    const bad = await e.fetch('/_switchboard/flows/wf-3', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'workflow' }),
    });
    expect(bad.status).toBe(400);
  });
});

describe('launch records', () => {
  it('an org keeps at most MAX_EXECUTION_RECORDS launch records, forgetting the oldest', async () => {
    const fake = fakeLauncher();
    const { emu: e, call } = start(fake.launcher);
    const token = e.adminToken();
    for (let i = 0; i < MAX_EXECUTION_RECORDS + 2; i++) {
      expect((await call('POST', '/api/v2/flows/executions', { flowId: FLOW }, token)).status).toBe(200);
    }
    const executions = e.services.org(e.orgId).get(flowsStore).executions;
    expect(Object.keys(executions)).toHaveLength(MAX_EXECUTION_RECORDS);
    expect(executions['exec-1']).toBeUndefined();
    expect(executions['exec-2']).toBeUndefined();
    expect(executions['exec-3']).toMatchObject({ flowId: FLOW });
    expect(executions[`exec-${MAX_EXECUTION_RECORDS + 2}`]).toMatchObject({ flowId: FLOW });
  }, 30_000);
});
