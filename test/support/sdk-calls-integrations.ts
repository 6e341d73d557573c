/**
 * @module
 * The SDK contract test's calls of the Integrations API: a data-actions integration and its OAuth
 * credential, a data action and a draft (test, publish, execute), then their removal.
 */
import { DEMO } from '../../src/emulator/index.ts';
import type { Call, Ids } from './sdk-call-types.ts';

/** The integration calls that need a body or create what later calls use, after the core ones. */
export const INTEGRATION_CREATE: readonly Call[] = [
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
  {
    op: 'postIntegrationsActionDraft',
    capture: (r, ids) => {
      ids.draftVersion = String(r.version);
    },
  },
  {
    op: 'patchIntegrationsActionDraft',
    body: (ids) => ({ name: 'Get User Name', version: Number(ids.draftVersion) }),
    capture: (r, ids) => {
      ids.draftVersion = String(r.version);
    },
  },
  { op: 'postIntegrationsActionDraftTest', body: () => ({ userId: DEMO.users.alice }) },
  {
    op: 'postIntegrationsActionDraftPublish',
    body: (ids) => ({ version: Number(ids.draftVersion) }),
    capture: (r, ids) => {
      ids.actionVersion = String(r.version);
    },
  },
  { op: 'postIntegrationsActionTest', body: () => ({ userId: DEMO.users.alice }) },
  { op: 'postIntegrationsActionExecute', body: () => ({ userId: DEMO.users.alice }) },
  { op: 'patchIntegrationsAction', body: (ids) => ({ name: 'Get User Name', version: Number(ids.actionVersion) }) },
];

/** The integration calls that change or delete, after the core ones. */
export const INTEGRATION_CHANGE: readonly Call[] = [
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
