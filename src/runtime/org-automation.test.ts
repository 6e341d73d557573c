import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import { DEMO, createEmulator } from '../emulator/index.ts';
import type { Emulator } from '../emulator/index.ts';
import { attachOrgAutomation } from './org-automation.ts';
import type { OrgAutomation } from './org-automation.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely
type Json = any;

let emu: Emulator | undefined;
let automation: OrgAutomation | undefined;
afterEach(async () => {
  await automation?.close();
  await emu?.close();
  emu = undefined;
  automation = undefined;
});

const FLOW = (name: string, action = 'Tag Conversation') => `workflow:
  name: ${name}
  division: Home
  startUpRef: "/workflow/states/state[Tag_1]"
  defaultLanguage: en-us
  variables:
    - stringVariable:
        name: Flow.conversationId
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
  settingsErrorHandling:
    errorHandling:
      endWorkflow:
        none: true
  states:
    - state:
        name: Tag
        refId: Tag_1
        actions:
          - callData:
              name: Tag it
              timeout:
                lit:
                  minutes: 1
              category:
                Tagging:
                  dataAction:
                    ${action}:
                      inputs:
                        conversationId:
                          exp: Flow.conversationId
          - endWorkflow:
              name: Done
              exitReason:
                lit: Tagged
`;

const TAG_ACTION = (integrationId: string) => ({
  name: 'Tag Conversation',
  category: 'Tagging',
  integrationId,
  secure: false,
  config: {
    request: {
      requestUrlTemplate: '/api/v2/conversations/${input.conversationId}/tags',
      requestType: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      requestTemplate: '{"externalTag": "Deployed"}',
    },
    response: { translationMap: {}, translationMapDefaults: {}, successTemplate: '${rawResult}' },
  },
  contract: {
    input: {
      inputSchema: { type: 'object', properties: { conversationId: { type: 'string' } }, required: ['conversationId'] },
    },
    output: { successSchema: { type: 'object', properties: {} } },
  },
});

function start() {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const e = createEmulator({ clock, rateLimitPerMinute: 0 });
  emu = e;
  const auto = attachOrgAutomation(e);
  automation = auto;
  const admin = e.adminToken();
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> => {
    const res = await e.fetch(path, {
      method,
      headers: {
        Authorization: `Bearer ${admin}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
  };
  const publish = async (content: string): Promise<Json> => {
    const job = (await call('POST', '/api/v2/flows/jobs')).json;
    expect((await e.fetch(job.presignedUrl, { method: 'PUT', body: content })).status).toBe(200);
    return (await call('GET', `/api/v2/flows/jobs/${job.id}?expand=messages`)).json;
  };
  return { e, auto, clock, call, publish };
}

async function deployTagging(t: ReturnType<typeof start>): Promise<{ flowId: string }> {
  const client = t.e.createClient({ name: 'tagging', permissions: ['conversation:externalTag:edit'] });
  const integration = (
    await t.call('POST', '/api/v2/integrations', { name: 'Tagging', integrationType: { id: 'purecloud-data-actions' } })
  ).json;
  const credential = (
    await t.call('POST', '/api/v2/integrations/credentials', {
      name: 'tagging',
      type: { name: 'pureCloudOAuthClient' },
      credentialFields: { clientId: client.clientId, clientSecret: client.clientSecret },
    })
  ).json;
  await t.call('PUT', `/api/v2/integrations/${integration.id}/config/current`, {
    name: 'Tagging',
    credentials: { pureCloudOAuthClient: { id: credential.id } },
  });
  const draft = (await t.call('POST', '/api/v2/integrations/actions/drafts', TAG_ACTION(integration.id))).json;
  expect(
    (await t.call('POST', `/api/v2/integrations/actions/${draft.id}/draft/publish`, { version: draft.version })).status,
  ).toBe(200);
  const job = await t.publish(FLOW('Tag Calls Without Queue'));
  expect(job.status).toBe('Success');
  const trigger = await t.call('POST', '/api/v2/processautomation/triggers', {
    name: 'No queue',
    topicName: 'v2.detail.events.conversation.{id}.user.start',
    enabled: true,
    target: { id: job.flow.id, type: 'Workflow' },
    matchCriteria: [{ jsonPath: 'queueId', operator: 'Exists', value: false }],
  });
  expect(trigger.status).toBe(200);
  return { flowId: job.flow.id };
}

describe('an emulator runs what is deployed to it', () => {
  it("a deployed trigger starts the published flow on the org's own event; its data action tags the call; the execution is in the history", async () => {
    const t = start();
    const { flowId } = await deployTagging(t);
    const placed = await t.call('POST', '/_switchboard/simulator/calls', {
      fromUserId: DEMO.users.alice,
      to: { phoneNumber: '+13175550100' },
    });
    expect(placed.status).toBe(201);
    const conversationId = placed.json.id ?? placed.json.conversationId;
    await t.auto.idle();
    const conversation = await t.call('GET', `/api/v2/conversations/${conversationId}`);
    expect(conversation.json.externalTag).toBe('Deployed');
    const history = await t.call('POST', '/api/v2/flows/instances/query', {
      query: [{ criteria: { key: 'flowId', operator: 'eq', value: flowId } }],
    });
    expect(history.json.entities).toHaveLength(1);
    expect(history.json.entities[0]).toMatchObject({
      flowId,
      flowName: 'Tag Calls Without Queue',
      flowVersion: '1.0',
      conversationId,
      flowType: 'WORKFLOW',
    });
    const execution = await t.call('GET', `/api/v2/flows/executions/${history.json.entities[0].id}`);
    expect(execution.json).toMatchObject({
      status: 'COMPLETED',
      completionReason: 'Tagged',
      flowVersion: { id: '1.0' },
    });
  });

  it('launches a published workflow through POST /api/v2/flows/executions; a data action the org lacks takes the failure path', async () => {
    const t = start();
    await deployTagging(t);
    const job = await t.publish(FLOW('Launched'));
    const launched = await t.call('POST', '/api/v2/flows/executions', {
      flowId: job.flow.id,
      inputData: { conversationId: 'no-such-conversation' },
    });
    expect(launched.status).toBe(200);
    await t.auto.idle();
    const execution = await t.call('GET', `/api/v2/flows/executions/${launched.json.id}`);
    expect(execution.json.status).toBe('COMPLETED');
    const run = await t.auto.run(launched.json.id);
    expect(run?.failedSteps).toBe(1);
  });

  it('refuses to publish a workflow whose data action the org does not have, naming it', async () => {
    const t = start();
    const job = await t.publish(FLOW('Broken', 'Missing Action'));
    expect(job.status).toBe('Failure');
    expect(job.messages[0].text).toContain('Missing Action');
    expect(job.messages[0].text).toContain('unavailable-data-action');
  });

  it('a republished flow runs its new version for new starts; a disabled trigger starts nothing', async () => {
    const t = start();
    const { flowId } = await deployTagging(t);
    const second = await t.publish(FLOW('Tag Calls Without Queue').replace('lit: Tagged', 'lit: Tagged again'));
    expect(second.flow.id).toBe(flowId);
    await t.call('POST', '/_switchboard/simulator/calls', {
      fromUserId: DEMO.users.alice,
      to: { phoneNumber: '+13175550100' },
    });
    await t.auto.idle();
    const [first] = (
      await t.call('POST', '/api/v2/flows/instances/query', {
        query: [{ criteria: { key: 'flowId', operator: 'eq', value: flowId } }],
      })
    ).json.entities;
    expect(first.flowVersion).toBe('2.0');
    expect((await t.call('GET', `/api/v2/flows/executions/${first.id}`)).json.completionReason).toBe('Tagged again');
    const [trigger] = (await t.call('GET', '/api/v2/processautomation/triggers')).json.entities;
    await t.call('PUT', `/api/v2/processautomation/triggers/${trigger.id}`, { ...trigger, enabled: false });
    await t.call('POST', '/_switchboard/simulator/calls', {
      fromUserId: DEMO.users.bob,
      to: { phoneNumber: '+13175550100' },
    });
    await t.auto.idle();
    expect(
      (
        await t.call('POST', '/api/v2/flows/instances/query', {
          query: [{ criteria: { key: 'flowId', operator: 'eq', value: flowId } }],
        })
      ).json.total,
    ).toBe(1);
  });
});
