/**
 * @module
 * The plan of the SDK contract test: the calls that need a body or create what later calls use, in
 * order, then the calls that change or delete it.
 */
import { expect } from 'vitest';
import { DEMO } from '../../src/emulator/index.ts';
import type { Call } from './sdk-call-types.ts';

/** The order of the calls that need a body or create what later calls use; every GET not listed runs after the creations. */
export const CREATE: readonly Call[] = [
  {
    op: 'getFlows',
    capture: (r, ids) => (ids.flowId = r.entities?.find((f: { name?: string }) => f.name === 'contract-flow')?.id),
  },
  { op: 'postNotificationsChannels', capture: (r, ids) => (ids.channelId = r.id) },
  { op: 'postNotificationsChannelSubscriptions', body: () => [{ id: 'v2.users.' + DEMO.users.alice + '.presence' }] },
  { op: 'putNotificationsChannelSubscriptions', body: () => [{ id: 'v2.users.' + DEMO.users.bob + '.presence' }] },
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
export const CHANGE: readonly Call[] = [
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
