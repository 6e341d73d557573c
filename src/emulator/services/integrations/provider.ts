/**
 * @module
 * Integrations and data actions (platform spec §3.2): integrations with OAuth-client credentials,
 * `/api/v2/integrations/actions` (create, list with paging, get with `expand=contract` /
 * `includeConfig`, delete) and `POST …/{actionId}/execute` and `/test`, which run the action with
 * the data-action engine, authenticated as the integration's OAuth client — so that client's roles
 * decide what the action may do.
 */
import type { Context } from 'hono';
import { compileAction, executeAction, loadAction, toTestExecutionResult, validateAction } from '../../../actions/index.ts';
import type { ActionResult, CompiledAction } from '../../../actions/index.ts';
import { isPlainObject, isSwitchboardError } from '../../../core/index.ts';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, Provider } from '../../kernel.ts';
import { requirePermission } from '../../permissions.ts';
import { IntegrationTokens } from './self-fetch.ts';
import { integrationsStore } from './store.ts';
import type { ActionRecord, IntegrationRecord } from './store.ts';

const ACTIONS = '/api/v2/integrations/actions';
const VIEW_ACTION = ['integrations:action:view', 'bridge:actions:view'];
const EXECUTE_ACTION = ['integrations:action:execute', 'bridge:actions:execute'];
const DATA_ACTION_TYPES = new Set(['purecloud-data-actions', 'custom-rest-actions']);

/** The `Action` model; config only with `includeConfig`, contract only with `expand=contract`. */
export function toAction(a: ActionRecord, opts: { config?: boolean; contract?: boolean } = {}): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    integrationId: a.integrationId,
    category: a.category,
    ...(opts.contract ? { contract: a.contract } : {}),
    version: a.version,
    secure: a.secure,
    ...(opts.config ? { config: a.config } : {}),
    selfUri: `${ACTIONS}/${a.id}`,
  };
}

function toIntegration(i: IntegrationRecord): Record<string, unknown> {
  return {
    id: i.id,
    name: i.name,
    integrationType: { id: i.integrationType, selfUri: `/api/v2/integrations/types/${i.integrationType}` },
    intendedState: i.intendedState,
    reportedState: { code: i.intendedState === 'ENABLED' ? 'ACTIVE' : 'INACTIVE' },
    attributes: {},
    selfUri: `/api/v2/integrations/${i.id}`,
  };
}

const flag = (c: Context<EmulatorEnv>, name: string): boolean => c.req.query(name) === 'true';

/** The integrations provider. */
export const integrationsProvider: Provider = {
  name: 'integrations',
  register(app: EmulatorApp): void {
    let tokenSource: IntegrationTokens | undefined;
    const compiled = new Map<string, CompiledAction>();
    const state = (c: Context<EmulatorEnv>) => c.get('org').get(integrationsStore);
    const touch = (c: Context<EmulatorEnv>): void => c.get('org').touch(integrationsStore);
    const action = (c: Context<EmulatorEnv>): ActionRecord => {
      const a = state(c).actions[c.req.param('actionId') ?? ''];
      if (!a) throw notFound('Action', c.req.param('actionId') ?? '');
      return a;
    };

    // Actions first: their static segment must win over /integrations/{integrationId}.
    app.get(ACTIONS, requirePermission(...VIEW_ACTION), (c) => {
      const q = c.req.query();
      const ids = q.ids ? new Set(q.ids.split(',')) : undefined;
      const all = Object.values(state(c).actions)
        .filter((a) => (q.category ? a.category === q.category : true))
        .filter((a) => (q.name ? a.name.toLowerCase().includes(q.name.toLowerCase().replace(/\*/g, '')) : true))
        .filter((a) => (ids ? ids.has(a.id) : true))
        .filter((a) => (q.secure ? String(a.secure) === q.secure : true))
        .sort((a, b) => (q.sortOrder === 'desc' ? b.name.localeCompare(a.name) : a.name.localeCompare(b.name)))
        .map((a) => toAction(a, { config: flag(c, 'includeConfig') }));
      return c.json(paged(all, pageParams(c), ACTIONS));
    });

    app.post(ACTIONS, requirePermission('integrations:action:add'), async (c) => {
      const body = await readJsonObject(c);
      const s = state(c);
      for (const field of ['category', 'integrationId'] as const) {
        if (typeof body[field] !== 'string' || body[field] === '') throw badRequest(`${field} is required`, [{ errorCode: 'missing.value', fieldName: field }]);
      }
      const integration = s.integrations[body.integrationId as string];
      if (!integration) throw badRequest(`integrationId ${String(body.integrationId)} is not an integration of this org`, [{ errorCode: 'invalid.value', fieldName: 'integrationId' }]);
      if (!DATA_ACTION_TYPES.has(integration.integrationType)) throw badRequest(`integration ${integration.id} of type ${integration.integrationType} has no data actions`, [{ errorCode: 'invalid.value', fieldName: 'integrationId' }]);
      let def;
      try {
        def = loadAction(body, 'PostActionInput');
      } catch (e) {
        if (!isSwitchboardError(e)) throw e;
        const issues = (e.details.issues as { pointer: string; message: string }[] | undefined) ?? [];
        throw badRequest(e.message, issues.map((i) => ({ errorCode: 'invalid.value', fieldName: i.pointer })));
      }
      const issues = validateAction(def);
      if (issues.length > 0) throw badRequest(issues.map((i) => i.message).join('; '), issues.map((i) => ({ errorCode: 'invalid.value', fieldName: i.pointer })));
      const id = c.get('services').ids.uuid();
      const record: ActionRecord = {
        id,
        name: def.name,
        category: body.category as string,
        integrationId: integration.id,
        secure: def.secure,
        version: 1,
        config: body.config as Record<string, unknown>,
        contract: { input: { inputSchema: def.contract.input }, output: { successSchema: def.contract.output } },
      };
      s.actions[id] = record;
      touch(c);
      return c.json(toAction(record, { config: true, contract: true }), 200);
    });

    app.get(`${ACTIONS}/:actionId`, requirePermission(...VIEW_ACTION), (c) =>
      c.json(toAction(action(c), { config: flag(c, 'includeConfig'), contract: (c.req.query('expand') ?? '').split(',').includes('contract') })),
    );

    app.delete(`${ACTIONS}/:actionId`, requirePermission('integrations:action:delete'), (c) => {
      const a = action(c);
      delete state(c).actions[a.id];
      touch(c);
      return c.body(null, 204);
    });

    const run = async (c: Context<EmulatorEnv>): Promise<ActionResult> => {
      const a = action(c);
      const input = await readJsonObject(c);
      const s = state(c);
      const integration = s.integrations[a.integrationId];
      const credential = integration?.credentialId ? s.credentials[integration.credentialId] : undefined;
      const clientId = credential?.fields.clientId;
      const clientSecret = credential?.fields.clientSecret;
      if (!integration || integration.intendedState !== 'ENABLED' || !clientId || !clientSecret) {
        throw badRequest(`Action ${a.id} cannot run: its integration ${a.integrationId} must be enabled and have pureCloudOAuthClient credentials`, [
          { errorCode: 'ACTION.CREDENTIALS', fieldName: 'integrationId' },
        ]);
      }
      const services = c.get('services');
      tokenSource ??= new IntegrationTokens(app, services.clock);
      const key = `${c.get('org').orgId}:${a.id}:${a.version}`;
      let program = compiled.get(key);
      if (!program) {
        program = compileAction(loadAction({ ...a, integrationType: integration.integrationType, actionType: 'custom' }, a.name));
        compiled.set(key, program);
      }
      return executeAction(program, input, { fetch: tokenSource.fetchAs(clientId, clientSecret), clock: services.clock, correlationId: c.get('correlationId'), ids: services.ids });
    };

    app.post(`${ACTIONS}/:actionId/execute`, requirePermission(...EXECUTE_ACTION), async (c) => {
      const result = await run(c);
      if (result.status === 'success') return c.json(flag(c, 'flatten') ? result.flattened : result.outputs);
      const body = result.trace.failure!.errorBody;
      throw new ApiError(body.status ?? 400, body.code ?? 'bad.request', body.message ?? 'action failed', {
        details: body.details ?? [],
        ...(body.messageWithParams ? { messageWithParams: body.messageWithParams, messageParams: body.messageParams ?? {} } : {}),
      });
    });

    app.post(`${ACTIONS}/:actionId/test`, requirePermission(...EXECUTE_ACTION), async (c) => c.json(toTestExecutionResult(await run(c))));

    app.post('/api/v2/integrations/credentials', requirePermission('integrations:credential:add', 'integrations:integration:add'), async (c) => {
      const body = await readJsonObject(c);
      const type = isPlainObject(body.type) ? String(body.type.name ?? '') : String(body.type ?? '');
      const fields = isPlainObject(body.credentialFields) ? body.credentialFields : {};
      if (type !== 'pureCloudOAuthClient' || typeof fields.clientId !== 'string' || typeof fields.clientSecret !== 'string') {
        throw badRequest('A credential needs type {"name":"pureCloudOAuthClient"} and credentialFields clientId and clientSecret', [{ errorCode: 'invalid.value', fieldName: 'credentialFields' }]);
      }
      const id = c.get('services').ids.uuid();
      state(c).credentials[id] = { id, name: String(body.name ?? type), type, fields: { clientId: fields.clientId, clientSecret: fields.clientSecret } };
      touch(c);
      return c.json({ id, name: String(body.name ?? type), type: { name: type }, selfUri: `/api/v2/integrations/credentials/${id}` });
    });

    app.get('/api/v2/integrations', requirePermission('integrations:integration:view'), (c) =>
      c.json(paged(Object.values(state(c).integrations).map(toIntegration), pageParams(c), '/api/v2/integrations')),
    );

    app.post('/api/v2/integrations', requirePermission('integrations:integration:add'), async (c) => {
      const body = await readJsonObject(c);
      const type = isPlainObject(body.integrationType) ? body.integrationType.id : undefined;
      if (typeof type !== 'string' || type === '') throw badRequest('integrationType.id is required', [{ errorCode: 'missing.value', fieldName: 'integrationType.id' }]);
      const id = c.get('services').ids.uuid();
      const record: IntegrationRecord = {
        id,
        name: typeof body.name === 'string' ? body.name : type,
        integrationType: type,
        intendedState: body.intendedState === 'DISABLED' ? 'DISABLED' : 'ENABLED',
        dateCreated: new Date(c.get('services').clock.now()).toISOString(),
      };
      state(c).integrations[id] = record;
      touch(c);
      return c.json(toIntegration(record));
    });

    const integration = (c: Context<EmulatorEnv>): IntegrationRecord => {
      const i = state(c).integrations[c.req.param('integrationId') ?? ''];
      if (!i) throw notFound('Integration', c.req.param('integrationId') ?? '');
      return i;
    };

    app.get('/api/v2/integrations/:integrationId', requirePermission('integrations:integration:view'), (c) => c.json(toIntegration(integration(c))));

    app.patch('/api/v2/integrations/:integrationId', requirePermission('integrations:integration:edit'), async (c) => {
      const i = integration(c);
      const body = await readJsonObject(c);
      if (body.intendedState === 'ENABLED' || body.intendedState === 'DISABLED') i.intendedState = body.intendedState;
      touch(c);
      return c.json(toIntegration(i));
    });

    app.get('/api/v2/integrations/:integrationId/config/current', requirePermission('integrations:integration:view'), (c) => c.json(configOf(integration(c))));

    app.put('/api/v2/integrations/:integrationId/config/current', requirePermission('integrations:integration:edit'), async (c) => {
      const i = integration(c);
      const body = await readJsonObject(c);
      const creds = isPlainObject(body.credentials) ? body.credentials.pureCloudOAuthClient : undefined;
      const credId = isPlainObject(creds) ? creds.id : creds;
      if (credId !== undefined) {
        if (typeof credId !== 'string' || !state(c).credentials[credId]) throw badRequest(`credentials.pureCloudOAuthClient ${String(credId)} is not a credential of this org`, [{ errorCode: 'invalid.value', fieldName: 'credentials' }]);
        i.credentialId = credId;
      }
      if (typeof body.name === 'string') i.name = body.name;
      touch(c);
      return c.json(configOf(i));
    });
  },
};

function configOf(i: IntegrationRecord): Record<string, unknown> {
  return {
    name: i.name,
    version: 1,
    properties: {},
    advanced: {},
    credentials: i.credentialId ? { pureCloudOAuthClient: { id: i.credentialId } } : {},
    selfUri: `/api/v2/integrations/${i.id}/config/current`,
  };
}
