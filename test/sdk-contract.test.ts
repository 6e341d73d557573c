// The emulator's answers have the shapes of the official SDK's models. Every operation a provider
// models (computed from the registered routes, as docs/emulator-coverage.md is) is sent through
// `purecloud-platform-client-v2`, unchanged, to the emulator on a real port; each JSON answer is
// compared field by field with the response model of the SDK's index.d.ts: a field the model lacks,
// a field of the wrong type, a null, or a required field missing fails. An operation the plan below
// does not reach fails too, so a newly modeled route needs its entry here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import platformClient from 'purecloud-platform-client-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverage, platformCatalogue } from '../src/emulator/catalogue/index.ts';
import type { CatalogueRow } from '../src/emulator/catalogue/index.ts';
import { createEmulator, DEMO } from '../src/emulator/index.ts';
import type { Emulator, ListeningEmulator } from '../src/emulator/index.ts';
import { createRuntime } from '../src/runtime/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import { defineWorkflow } from '../src/workflows/index.ts';
import { checkAgainstModel, readSdkModels } from './support/sdk-models.ts';

type Ids = Record<string, string>;
type Call = {
  readonly op: string;
  readonly body?: (ids: Ids) => unknown;
  readonly params?: (ids: Ids) => Partial<Ids>;
  readonly opts?: (ids: Ids) => Record<string, unknown>;
  /** Send with a user's token (an operation that needs a user context). */
  readonly asUser?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation answers its own model
  readonly capture?: (res: any, ids: Ids) => void | Promise<void>;
};

/** The order of the calls that need a body or create what later calls use; every GET not listed runs after the creations. */
const CREATE: readonly Call[] = [
  {
    op: 'getFlows',
    capture: (r, ids) => (ids.flowId = r.entities?.find((f: { name?: string }) => f.name === 'contract-flow')?.id),
  },
  { op: 'postNotificationsChannels', capture: (r, ids) => (ids.channelId = r.id) },
  { op: 'postNotificationsChannelSubscriptions', body: () => [{ id: 'v2.users.' + DEMO.users.alice + '.presence' }] },
  { op: 'putNotificationsChannelSubscriptions', body: () => [{ id: 'v2.users.' + DEMO.users.bob + '.presence' }] },
  {
    op: 'postIntegrations',
    body: () => ({ name: 'Contract test', integrationType: { id: 'purecloud-data-actions' } }),
    capture: (r, ids) => (ids.integrationId = r.id),
  },
  {
    op: 'postIntegrationsCredentials',
    body: (ids) => ({
      name: 'contract client',
      type: { name: 'pureCloudOAuthClient' },
      credentialFields: { clientId: ids.clientId, clientSecret: ids.clientSecret },
    }),
    capture: (r, ids) => (ids.credentialId = r.id),
  },
  {
    op: 'putIntegrationConfigCurrent',
    body: (ids) => ({
      name: 'Contract test',
      version: 1,
      properties: {},
      advanced: {},
      notes: '',
      credentials: { pureCloudOAuthClient: { id: ids.credentialId } },
    }),
  },
  { op: 'patchIntegration', body: () => ({ intendedState: 'ENABLED', version: 1 }) },
  {
    op: 'postIntegrationsActions',
    body: (ids) => actionBody(ids, 'Get User Name'),
    capture: (r, ids) => (ids.actionId = r.id),
  },
  {
    op: 'postIntegrationsActionsDrafts',
    body: (ids) => actionBody(ids, 'Draft Only'),
    capture: (r, ids) => (ids.draftActionId = r.id),
  },
  ...['getIntegrationsActionDraft', 'getIntegrationsActionDraftSchema', 'getIntegrationsActionDraftTemplate'].map(
    (op) => ({ op, params: (ids: Ids) => ({ actionId: ids.draftActionId! }) }),
  ),
  { op: 'postIntegrationsActionDraft', capture: (r, ids) => (ids.draftVersion = String(r.version)) },
  {
    op: 'patchIntegrationsActionDraft',
    body: (ids) => ({ name: 'Get User Name', version: Number(ids.draftVersion) }),
    capture: (r, ids) => (ids.draftVersion = String(r.version)),
  },
  { op: 'postIntegrationsActionDraftTest', body: () => ({ userId: DEMO.users.alice }) },
  {
    op: 'postIntegrationsActionDraftPublish',
    body: (ids) => ({ version: Number(ids.draftVersion) }),
    capture: (r, ids) => (ids.actionVersion = String(r.version)),
  },
  { op: 'postIntegrationsActionTest', body: () => ({ userId: DEMO.users.alice }) },
  { op: 'postIntegrationsActionExecute', body: () => ({ userId: DEMO.users.alice }) },
  { op: 'patchIntegrationsAction', body: (ids) => ({ name: 'Get User Name', version: Number(ids.actionVersion) }) },
  {
    op: 'postConversationsCallsUserUserId',
    params: () => ({ userId: DEMO.users.bob }),
    body: () => ({ phoneNumber: '+13175550100' }),
    capture: (r, ids) => (ids.conversationId = r.id),
  },
  { op: 'postConversationsCalls', asUser: DEMO.users.carol, body: () => ({ phoneNumber: '+13175550100' }) },
  { op: 'getConversationsCalls', asUser: DEMO.users.carol },
  { op: 'getUsersMe', asUser: DEMO.users.carol },
  { op: 'getAnalyticsConversationsDetails', opts: (ids) => ({ id: [ids.conversationId] }) },
  {
    op: 'postConversationsCallbacks',
    body: () => ({ queueId: DEMO.queues.sales, callbackNumbers: ['+13175550100'], callbackUserName: 'Contract' }),
    capture: (r, ids) => (ids.callbackId = r.conversation?.id),
  },
  {
    op: 'postArchitectSchedules',
    body: () => ({
      name: 'Contract hours',
      start: '2026-01-05T08:00:00.000',
      end: '2026-01-05T17:00:00.000',
      rrule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR',
    }),
    capture: (r, ids) => (ids.scheduleId = r.id),
  },
  {
    op: 'postArchitectSchedulegroups',
    body: (ids) => ({
      name: 'Contract group hours',
      timeZone: 'America/Indianapolis',
      openSchedules: [{ id: ids.scheduleId }],
    }),
    capture: (r, ids) => (ids.scheduleGroupId = r.id),
  },
  {
    op: 'postArchitectEmergencygroups',
    body: () => ({ name: 'Contract storm', enabled: false }),
    capture: (r, ids) => (ids.emergencyGroupId = r.id),
  },
  { op: 'postRoutingQueues', body: () => ({ name: 'Contract queue', description: 'contract' }) },
  { op: 'postRoutingWrapupcodes', body: () => ({ name: 'Contract wrap-up' }) },
  { op: 'postRoutingSkills', body: () => ({ name: 'Contract skill' }) },
  { op: 'postGroups', body: () => ({ name: 'Contract group', type: 'official', visibility: 'public' }) },
  { op: 'postUsers', body: () => ({ name: 'Contract User', email: 'contract.user@example.com' }) },
  {
    op: 'postExternalcontactsOrganizations',
    body: () => ({ name: 'Contract Org' }),
    capture: (r, ids) => (ids.externalOrganizationId = r.id),
  },
  {
    op: 'postExternalcontactsContacts',
    body: () => ({ firstName: 'Con', lastName: 'Tract', workPhone: { display: '+13175550199' } }),
    capture: (r, ids) => (ids.contactId = r.id),
  },
  {
    op: 'postExternalcontactsContacts',
    body: () => ({ firstName: 'Ephemeral', type: 'Ephemeral', cellPhone: { display: '+13175550198' } }),
    capture: (r, ids) => (ids.ephemeralContactId = r.id),
  },
  { op: 'postExternalcontactsIdentifierlookup', body: () => ({ type: 'Phone', value: '+1 317 555 0199' }) },
  { op: 'postExternalcontactsIdentifierlookupContacts', body: () => ({ type: 'Phone', value: '+13175550199' }) },
  {
    op: 'postProcessautomationTriggers',
    body: (ids) => ({
      topicName: 'v2.detail.events.conversation.{id}.user.start',
      name: 'Contract trigger',
      target: { id: ids.flowId, type: 'Workflow' },
      matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'VOICE' }],
      enabled: true,
    }),
    capture: (r, ids) => (ids.triggerId = r.id),
  },
  {
    op: 'postFlowsExecutions',
    body: (ids) => ({ flowId: ids.flowId, inputData: {} }),
    capture: (r, ids) => (ids.flowExecutionId = r.id),
  },
  {
    op: 'postFlowsInstancesQuery',
    body: (ids) => ({ query: [{ criteria: { key: 'flowId', operator: 'eq', value: ids.flowId } }] }),
  },
  {
    op: 'postAuthorizationRoles',
    body: () => ({
      name: 'Contract role',
      description: 'contract',
      permissionPolicies: [{ domain: 'directory', entityName: 'user', actionSet: ['view'] }],
    }),
    capture: (r, ids) => (ids.roleId = r.id),
  },
  {
    op: 'postOauthClients',
    body: (ids) => ({ name: 'Contract API client', authorizedGrantType: 'CLIENT-CREDENTIALS', roleIds: [ids.roleId] }),
    capture: (r, ids) => (ids.apiClientId = r.id),
  },
  { op: 'getOauthClient', params: (ids) => ({ clientId: ids.apiClientId }) },
  // The presigned URL of an import job takes the flow file; the job then names the published flow.
  {
    op: 'postFlowsJobs',
    capture: async (r, ids) => {
      ids.importJobId = r.id;
      const put = await fetch(r.presignedUrl, {
        method: 'PUT',
        headers: r.headers,
        body: 'workflow:\n  name: Contract published flow\n  division: Home\n  startUpRef: "/workflow/states/state[S_1]"\n  states:\n    - state:\n        name: S\n        refId: S_1\n        actions:\n          - endWorkflow:\n              name: End\n              exitReason:\n                noValue: true\n',
      });
      expect(put.status).toBe(200);
    },
  },
  {
    op: 'getFlowsJob',
    params: (ids) => ({ jobId: ids.importJobId }),
    opts: () => ({ expand: ['messages'] }),
    capture: (r, ids) => (ids.publishedFlowId = r.flow?.id),
  },
  {
    op: 'postFlowsExportJobs',
    body: (ids) => ({ flows: [{ flow: { id: ids.publishedFlowId } }] }),
    capture: (r, ids) => (ids.exportJobId = r.id),
  },
  { op: 'getFlowsExportJob', params: (ids) => ({ jobId: ids.exportJobId }), opts: () => ({ expand: ['messages'] }) },
  {
    op: 'postFlowsDatatables',
    body: () => ({
      name: 'Contract table',
      schema: {
        properties: { key: { type: 'string' }, tier: { type: 'string' }, seats: { type: 'integer', default: 1 } },
      },
    }),
    capture: (r, ids) => (ids.datatableId = r.id),
  },
  {
    op: 'postFlowsDatatableRows',
    body: () => ({ key: 'gold', tier: 'premium', seats: 3 }),
    capture: (r, ids) => (ids.rowId = r.key),
  },
  {
    op: 'postConversationsMessagesAgentless',
    body: () => ({
      fromAddress: '+13175550000',
      toAddress: '+13175550100',
      toAddressMessengerType: 'sms',
      textBody: 'Your callback is scheduled',
    }),
  },
  {
    op: 'postConversationsEmailsAgentless',
    body: () => ({
      senderType: 'Outbound',
      fromAddress: { email: 'support@example.com', name: 'Support' },
      toAddresses: [{ email: 'customer@example.com' }],
      subject: 'Your case',
      textBody: 'We are on it',
    }),
  },
  {
    op: 'postAnalyticsQueuesObservationsQuery',
    body: () => ({
      filter: {
        type: 'or',
        predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: DEMO.queues.support }],
      },
      metrics: ['oWaiting', 'oInteracting', 'oLongestWaiting', 'oOnQueueUsers', 'oUserPresences'],
      detailMetrics: ['oWaiting'],
    }),
  },
  {
    op: 'postAnalyticsUsersObservationsQuery',
    body: () => ({
      filter: {
        type: 'or',
        predicates: [{ type: 'dimension', dimension: 'userId', operator: 'matches', value: DEMO.users.alice }],
      },
      metrics: ['oUserPresences', 'oUserRoutingStatuses', 'oActiveQueues'],
    }),
  },
  {
    op: 'postAnalyticsConversationsAggregatesQuery',
    body: () => ({
      interval: `${new Date(Date.now() - 86_400_000).toISOString()}/${new Date(Date.now() + 86_400_000).toISOString()}`,
      granularity: 'PT1H',
      groupBy: ['queueId', 'mediaType'],
      metrics: ['nOffered', 'tWait', 'nConnected', 'tTalk'],
    }),
  },
  { op: 'postGroupsSearch', body: () => ({ query: [{ type: 'CONTAINS', fields: ['name'], value: 'pick' }] }) },
  {
    op: 'postUsersSearch',
    body: () => ({
      query: [{ type: 'CONTAINS', fields: ['name', 'email'], value: 'a' }],
      expand: ['routingStatus', 'presence'],
    }),
  },
  { op: 'getUsersPresencesPurecloudBulk', opts: () => ({ id: [DEMO.users.alice, DEMO.users.bob] }) },
  {
    op: 'postAnalyticsConversationsDetailsQuery',
    body: () => ({ interval: '2026-01-01T00:00:00.000Z/2027-01-01T00:00:00.000Z' }),
  },
];

/** The calls that change or delete what exists, after every GET. */
const CHANGE: readonly Call[] = [
  { op: 'patchConversationParticipant', body: () => ({ wrapupSkipped: true }) },
  { op: 'patchConversationParticipantAttributes', body: () => ({ attributes: { contract: 'yes' } }) },
  { op: 'putConversationTags', body: () => ({ externalTag: 'contract' }) },
  {
    op: 'patchRoutingConversation',
    params: (ids) => ({ conversationId: ids.callbackId }),
    body: () => ({ priority: 3 }),
  },
  {
    op: 'patchConversationsCallbackParticipant',
    params: (ids) => ({ conversationId: ids.callbackId, participantId: ids.callbackParticipantId }),
    body: () => ({ wrapupSkipped: true }),
  },
  {
    op: 'patchConversationsCallback',
    params: (ids) => ({ conversationId: ids.callbackId }),
    body: () => ({ state: 'disconnected' }),
  },
  { op: 'patchConversationsCallParticipant', body: () => ({ wrapupSkipped: true }) },
  {
    op: 'patchUserPresencesPurecloud',
    body: () => ({ presenceDefinition: { id: DEMO.presences.lunch }, primary: true }),
  },
  { op: 'putUserRoutingstatus', body: () => ({ status: 'OFF_QUEUE' }) },
  { op: 'postRoutingQueueMembers', body: () => [{ id: DEMO.users.carol }] },
  { op: 'postRoutingQueueMembers', body: () => [{ id: DEMO.users.carol }], opts: () => ({ delete: true }) },
  {
    op: 'putProcessautomationTrigger',
    body: (ids) => ({
      topicName: 'v2.detail.events.conversation.{id}.user.start',
      name: 'Contract trigger',
      target: { id: ids.flowId, type: 'Workflow' },
      matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'CALLBACK' }],
      enabled: false,
      version: 1,
    }),
  },
  {
    op: 'postProcessautomationTriggerTest',
    body: () => JSON.stringify({ mediaType: 'CALLBACK', conversationId: 'c' }),
  },
  {
    op: 'postProcessautomationTriggersTopicTest',
    body: () => JSON.stringify({ mediaType: 'VOICE', conversationId: 'c' }),
  },
  { op: 'patchConversationsCall', body: () => ({ state: 'disconnected' }) },
  { op: 'postConversationDisconnect', params: (ids) => ({ conversationId: ids.callbackId }) },
  { op: 'deleteIntegrationsActionDraft', params: (ids) => ({ actionId: ids.draftActionId }) },
  { op: 'deleteIntegrationsAction' },
  {
    op: 'putIntegrationsCredential',
    body: (ids) => ({
      name: 'contract client',
      type: { name: 'pureCloudOAuthClient' },
      credentialFields: { clientId: ids.clientId, clientSecret: ids.clientSecret },
    }),
  },
  { op: 'deleteIntegration' },
  { op: 'deleteIntegrationsCredential' },
  {
    op: 'putAuthorizationRole',
    body: () => ({
      name: 'Contract role',
      permissionPolicies: [{ domain: 'directory', entityName: 'user', actionSet: ['view', 'edit'] }],
    }),
  },
  {
    op: 'putOauthClient',
    params: (ids) => ({ clientId: ids.apiClientId }),
    body: (ids) => ({ name: 'Contract API client', authorizedGrantType: 'CLIENT-CREDENTIALS', roleIds: [ids.roleId] }),
  },
  { op: 'postOauthClientSecret', params: (ids) => ({ clientId: ids.apiClientId }) },
  { op: 'deleteOauthClient', params: (ids) => ({ clientId: ids.apiClientId }) },
  { op: 'deleteAuthorizationRole' },
  { op: 'putFlowsDatatableRow', body: () => ({ key: 'gold', tier: 'basic' }) },
  { op: 'deleteFlowsDatatableRow' },
  { op: 'deleteFlowsDatatable' },
  { op: 'deleteFlow', params: (ids) => ({ flowId: ids.publishedFlowId }) },
  { op: 'deleteNotificationsChannelSubscriptions' },
  { op: 'deleteProcessautomationTrigger' },
  {
    op: 'putArchitectSchedule',
    body: () => ({
      name: 'Contract hours',
      start: '2026-01-05T09:00:00.000',
      end: '2026-01-05T17:00:00.000',
      rrule: 'FREQ=DAILY',
    }),
  },
  {
    op: 'putArchitectSchedulegroup',
    body: (ids) => ({
      name: 'Contract group hours',
      timeZone: 'Europe/London',
      closedSchedules: [{ id: ids.scheduleId }],
    }),
  },
  { op: 'putArchitectEmergencygroup', body: () => ({ name: 'Contract storm', enabled: true }) },
  { op: 'deleteArchitectEmergencygroup' },
  { op: 'deleteArchitectSchedulegroup' },
  { op: 'deleteArchitectSchedule' },
  // Last: the merge removes the contact the calls above use.
  {
    op: 'postExternalcontactsMergeContacts',
    body: (ids) => ({ sourceContactId: ids.ephemeralContactId, targetContactId: ids.contactId }),
  },
];

function actionBody(ids: Ids, name: string): unknown {
  return {
    name,
    category: 'Contract test',
    integrationId: ids.integrationId,
    contract: {
      input: { inputSchema: { type: 'object', properties: { userId: { type: 'string' } }, required: ['userId'] } },
      output: { successSchema: { type: 'object', properties: { name: { type: 'string' } } } },
    },
    config: {
      request: {
        requestUrlTemplate: '/api/v2/users/${input.userId}',
        requestType: 'GET',
        headers: {},
        requestTemplate: '${input.rawRequest}',
      },
      response: {
        translationMap: { name: '$.name' },
        translationMapDefaults: {},
        successTemplate: '{"name": ${name}}',
      },
    },
  };
}

const SDK_DTS = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve('purecloud-platform-client-v2/package.json')), 'index.d.ts'),
  'utf8',
);

/** Whether the SDK method takes its body in `opts.body` (e.g. `postIntegrations(opts)`): it has no positional argument besides the path parameters. */
function bodyInOpts(row: CatalogueRow): boolean {
  const sig = new RegExp(`\\n\\s+${row.operationId}\\(([^)]*)\\): Promise`).exec(SDK_DTS);
  const positional = (sig?.[1] ?? '').split(',').filter((p) => p.trim() !== '' && !/^\s*opts\?:/.test(p));
  return positional.length === [...row.path.matchAll(/\{\w+\}/g)].length;
}

/** Path parameters a GET takes from what exists. */
function pathValue(name: string, ids: Ids): string | undefined {
  const fixed: Ids = {
    userId: DEMO.users.alice,
    queueId: DEMO.queues.support,
    groupId: DEMO.groups.pickup,
    stationId: DEMO.stations.alice,
    presenceId: DEMO.presences.lunch,
    definitionId: DEMO.presences.lunch,
    skillId: DEMO.skills.billing,
    languageId: DEMO.languages.spanish,
    codeId: DEMO.wrapupCodes.followUp,
    topicName: 'v2.detail.events.conversation.{id}.user.start',
  };
  return ids[name] ?? fixed[name];
}

const FILE_NAMES: Record<string, string> = {
  getIntegrationsActionSchema: 'inputschema.json',
  getIntegrationsActionDraftSchema: 'successschema.json',
  getIntegrationsActionTemplate: 'requesttemplate.vm',
  getIntegrationsActionDraftTemplate: 'successtemplate.vm',
};

let emulator: Emulator;
let server: ListeningEmulator;
let runtime: Runtime;
const models = readSdkModels();
let modeled: readonly CatalogueRow[];
const results = new Map<string, { status: 'ok' | 'error'; violations: string[]; detail?: string }>();

beforeAll(async () => {
  emulator = createEmulator({
    statePath: ':memory:',
    adminClient: { id: 'contract-client', secret: 'contract-secret' },
    rateLimitPerMinute: 0,
  });
  runtime = await createRuntime({
    target: { kind: 'emulator', emulator },
    bundles: [],
    workflows: [defineWorkflow({ name: 'contract-flow' }, async () => ({ done: true }))],
  });
  await runtime.start();
  server = await emulator.listen(0, '127.0.0.1');
  const client = platformClient.ApiClient.instance;
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
  await client.loginClientCredentialsGrant('contract-client', 'contract-secret');
  modeled = coverage(platformCatalogue(), emulator.routes).modeled;

  const byOp = new Map(modeled.map((r) => [r.operationId, r]));
  const integrationClient = emulator.createClient({
    name: 'contract data actions',
    permissions: ['directory:user:view'],
  });
  const ids: Ids = { clientId: integrationClient.clientId, clientSecret: integrationClient.clientSecret };
  const send = async (row: CatalogueRow, call?: Call): Promise<void> => {
    const own = call?.params?.(ids) ?? {};
    const args: unknown[] = [];
    for (const [, name] of row.path.matchAll(/\{(\w+)\}/g)) {
      const value =
        own[name!] ?? (name === 'fileName' ? FILE_NAMES[row.operationId] : undefined) ?? pathValue(name!, ids);
      if (value === undefined) {
        results.set(row.operationId, {
          status: 'error',
          violations: [],
          detail: `no value for path parameter ${name}`,
        });
        return;
      }
      args.push(value);
    }
    const opts: Record<string, unknown> = { ...call?.opts?.(ids) };
    if (row.requestModel) {
      if (bodyInOpts(row)) opts.body = call?.body?.(ids) ?? {};
      else args.push(call?.body?.(ids) ?? {});
    }
    args.push(opts);
    const Api = (
      platformClient as unknown as Record<string, new () => Record<string, (...a: unknown[]) => Promise<unknown>>>
    )[row.sdkClasses[0]!]!;
    const api = new Api();
    const client = platformClient.ApiClient.instance;
    const adminToken = (client as unknown as { authData: { accessToken: string } }).authData.accessToken;
    if (call?.asUser) client.setAccessToken(emulator.issueUserToken(call.asUser));
    try {
      const res = await api[row.operationId]!(...args).finally(() => client.setAccessToken(adminToken));
      await call?.capture?.(res, ids);
      results.set(row.operationId, { status: 'ok', violations: conformance(row, res) });
      if (row.operationId === 'postConversationsCallsUserUserId') await afterCall(ids);
    } catch (e) {
      const err = e as { status?: number; body?: unknown; message?: string };
      results.set(row.operationId, {
        status: 'error',
        violations: [],
        detail: `${err.status ?? ''} ${JSON.stringify(err.body ?? err.message)}`.slice(0, 400),
      });
    }
  };
  // A call waiting in a queue, so that observations carry details.
  const waiting = await emulator.fetch('/_switchboard/simulator/inbound-calls', {
    method: 'POST',
    headers: { Authorization: `Bearer ${emulator.adminToken()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ ani: '+13175550101', queueId: DEMO.queues.support, customerName: 'Waiting Customer' }),
  });
  expect(waiting.status).toBe(201);
  for (const call of CREATE) if (byOp.has(call.op)) await send(byOp.get(call.op)!, call);
  if (ids.callbackId) {
    const cb = await new platformClient.ConversationsApi().getConversationsCallback(ids.callbackId);
    ids.callbackParticipantId =
      cb.participants?.find((p) => p.purpose === 'customer')?.id ?? cb.participants?.[0]?.id ?? '';
  }
  const listed = new Set([...CREATE, ...CHANGE].map((c) => c.op));
  for (const row of modeled)
    if (!listed.has(row.operationId) && (row.method === 'GET' || row.method === 'HEAD')) await send(row);
  for (const call of CHANGE) if (byOp.has(call.op)) await send(byOp.get(call.op)!, call);
}, 120_000);

/** The call's participants, for the participant routes. */
async function afterCall(ids: Ids): Promise<void> {
  await new Promise((r) => setTimeout(r, 50));
  const conv = await new platformClient.ConversationsApi().getConversation(ids.conversationId!);
  ids.participantId = conv.participants?.[0]?.id ?? '';
  const insights = await emulator.fetch(`/_switchboard/conversations/${ids.conversationId!}/insights`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${emulator.adminToken()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      summary: { text: 'Customer asked for a refund.', reason: 'Refund', resolution: 'Refund issued', confidence: 0.9 },
      sentimentScore: 0.4,
      sentimentTrend: 0.2,
      sentimentTrendClass: 'SlightlyImproving',
      empathyScores: [{ userId: DEMO.users.bob, score: 80 }],
    }),
  });
  expect(insights.status).toBe(200);
}

function conformance(row: CatalogueRow, res: unknown): string[] {
  const model = row.responseModel;
  if (!model || model === 'object') return [];
  // Genesys answers these (e.g. a disconnect, a tags update) 202 with an empty body, though the SDK types a string.
  if (model === 'string')
    return res === undefined || res === '' || typeof res === 'string'
      ? []
      : [`$: ${typeof res}, the model says string`];
  if (model.endsWith('[]'))
    return Array.isArray(res)
      ? res.flatMap((v, i) => checkAgainstModel(models, model.slice(0, -2), v, `$[${i}]`))
      : ['$: not an array'];
  return checkAgainstModel(models, model, res);
}

afterAll(async () => {
  await runtime?.stop();
  await emulator?.close();
});

describe('the emulator against the SDK models', () => {
  it('reaches every modeled operation through the SDK, and each answers a success', () => {
    expect(modeled.length).toBeGreaterThan(80);
    const missing = modeled
      .filter((r) => !results.has(r.operationId))
      .map((r) => `${r.method} ${r.path} ${r.operationId}`);
    expect(missing).toEqual([]);
    const failed = [...results].filter(([, r]) => r.status === 'error').map(([op, r]) => `${op}: ${r.detail}`);
    expect(failed).toEqual([]);
  });

  it('answers with the fields and types of the response models', () => {
    const bad = [...results].flatMap(([op, r]) => r.violations.map((v) => `${op} ${v}`));
    expect(bad).toEqual([]);
  });

  it('the checker itself finds an unknown field, a wrong type, a null and a missing required field', () => {
    expect(checkAgainstModel(models, 'User', { id: 'u', version: 1 })).toEqual([]);
    expect(
      checkAgainstModel(models, 'User', {
        id: 'u',
        version: '1',
        nickname: 'x',
        manager: null,
        addresses: [{ address: 5 }],
      }),
    ).toEqual([
      '$.version: a string ("1"), the model says number',
      '$.nickname: not a field of User',
      "$.manager: null (the SDK's models have no null; omit the field)",
      '$.addresses[0].address: a number (5), the model says string',
    ]);
    expect(checkAgainstModel(models, 'User', { id: 'u' })).toEqual(['$.version: required by User, missing']);
  });
});
