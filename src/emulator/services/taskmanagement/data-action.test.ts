// A data action of our own, as an automation writes one to open a task: POST
// /api/v2/taskmanagement/workitems with a Velocity request template, run by the data-action engine
// against the emulator with a client that holds only `workitems:workitem:add`.
import { afterEach, describe, expect, it } from 'vitest';
import { compileAction, executeAction, loadAction } from '../../../actions/index.ts';
import type { Fetch } from '../../../core/index.ts';
import { clientFetch, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture } from '../conversations/api.test-support.ts';

const TM = '/api/v2/taskmanagement';

const CREATE_WORKITEM = {
  name: 'Create Follow-up Workitem',
  integrationType: 'purecloud-data-actions',
  actionType: 'custom',
  config: {
    request: {
      requestUrlTemplate: '/api/v2/taskmanagement/workitems',
      requestType: 'POST',
      headers: { 'Content-Type': 'application/json' },
      requestTemplate:
        '{"name": "Follow up $esc.jsonString(${input.orderNumber})", "typeId": "${input.worktypeId}", ' +
        '"priority": ${input.priority}, "description": "$esc.jsonString(${input.note})", ' +
        '"customFields": {"order_text": "$esc.jsonString(${input.orderNumber})", "callback_bool": ${input.callback}}}',
    },
    response: {
      translationMap: { workitemId: '$.id', statusCategory: '$.statusCategory', order: '$.customFields.order_text' },
      translationMapDefaults: {},
      successTemplate: '{"workitemId": ${workitemId}, "statusCategory": ${statusCategory}, "order": ${order}}',
    },
  },
  contract: {
    input: {
      inputSchema: {
        type: 'object',
        properties: {
          worktypeId: { type: 'string' },
          orderNumber: { type: 'string' },
          note: { type: 'string' },
          priority: { type: 'integer' },
          callback: { type: 'boolean' },
        },
        required: ['worktypeId', 'orderNumber', 'note', 'priority', 'callback'],
        additionalProperties: true,
      },
    },
    output: {
      successSchema: {
        type: 'object',
        properties: {
          workitemId: { type: 'string' },
          statusCategory: { type: 'string' },
          order: { type: 'string' },
        },
        additionalProperties: true,
      },
    },
  },
  secure: false,
};

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

async function run(fetch: Fetch, input: Record<string, unknown>) {
  return executeAction(compileAction(loadAction(structuredClone(CREATE_WORKITEM), 'create-workitem')), input, {
    fetch,
    clock: api!.clock,
  });
}

describe('a data action creating a workitem', () => {
  it('creates the workitem in the emulator and its output contract gets the id', async () => {
    api = startApi();
    const bin = (await api.call('POST', `${TM}/workbins`, { name: 'Follow-ups' })).json;
    const type = (await api.call('POST', `${TM}/worktypes`, { name: 'Follow-up', defaultWorkbinId: bin.id })).json;
    const fetch = await clientFetch(api, ['workitems:workitem:add']);
    const input = {
      worktypeId: type.id,
      orderNumber: 'A-"100"',
      note: 'Call back\nafter 5pm',
      priority: 4,
      callback: true,
    };
    const result = await run(fetch, input);
    expect(result.status).toBe('success');
    expect(result.outputs).toEqual({ workitemId: expect.any(String), statusCategory: 'Open', order: 'A-"100"' });
    const stored = await api.call('GET', `${TM}/workitems/${result.outputs.workitemId as string}`);
    expect(stored.json).toMatchObject({
      name: 'Follow up A-"100"',
      description: 'Call back\nafter 5pm',
      priority: 4,
      type: { id: type.id },
      workbin: { id: bin.id },
      customFields: { order_text: 'A-"100"', callback_bool: true },
    });
  });

  it('fails with the 400 that names typeId when the worktype does not exist', async () => {
    api = startApi();
    const fetch = await clientFetch(api, ['workitems:workitem:add']);
    const result = await run(fetch, { worktypeId: 'gone', orderNumber: 'A-1', note: '', priority: 0, callback: false });
    expect(result.status).toBe('failure');
    expect(result.trace.response?.status).toBe(400);
    expect(JSON.parse(result.trace.response!.body)).toMatchObject({
      code: 'bad.request',
      details: [{ errorCode: 'invalid.value', fieldName: 'typeId' }],
    });
    expect(result.outputs).toMatchObject({ status: 400 });
  });
});
