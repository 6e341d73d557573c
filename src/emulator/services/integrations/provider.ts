/**
 * @module
 * Integrations and data actions (platform spec §3.2): integrations with OAuth-client credentials,
 * `/api/v2/integrations/actions` (create, list with paging, get with `expand=contract` /
 * `includeConfig`, PATCH, delete, `schemas/{fileName}`, `templates/{fileName}`), drafts (see
 * drafts.ts) and `POST …/{actionId}/execute` and `/test`, which run the action with
 * the data-action engine, authenticated as the integration's OAuth client — so that client's roles
 * decide what the action may do.
 */
import type { Context } from 'hono';
import { compileAction, executeAction, loadAction, toTestExecutionResult } from '../../../actions/index.ts';
import type { ActionResult, CompiledAction } from '../../../actions/index.ts';
import { isPlainObject } from '../../../core/index.ts';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, Provider } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { ACTIONS, actionFromInput, applyUpdate, checkVersion, toAction } from './action-input.ts';
import { registerActionDrafts, schemaOf, templateOf } from './drafts.ts';
import { registerCredentials } from './credentials.ts';
import { registerDraftListing, registerIntegrationLifecycle } from './lifecycle.ts';
import { IntegrationTokens } from './self-fetch.ts';
import { integrationsStore } from './store.ts';
import type { ActionRecord, IntegrationRecord, IntegrationsState } from './store.ts';
import {
  customAuthActionId,
  integrationRunOf,
  newCustomAuthAction,
  WEB_SERVICES_INTEGRATION,
  webServiceAuths,
} from './web-services.ts';

const VIEW_ACTION = ['integrations:action:view', 'bridge:actions:view'];
const EXECUTE_ACTION = ['integrations:action:execute', 'bridge:actions:execute'];

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
    // Per record object: every update, publish, new draft or restore stores a new record, so a
    // program never outlives the config it was compiled from (a draft re-created at version 1
    // must not run an earlier draft's program), and dropped records free their programs.
    const compiled = new WeakMap<ActionRecord, CompiledAction>();
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
      const s = state(c);
      const record = actionFromInput(await readJsonObject(c), s, c.get('services').ids.uuid());
      s.actions[record.id] = record;
      touch(c);
      return c.json(toAction(record, { config: true, contract: true }), 200);
    });

    const run = async (c: Context<EmulatorEnv>, a: ActionRecord, _kind: 'action' | 'draft'): Promise<ActionResult> => {
      const input = await readJsonObject(c);
      const s = state(c);
      const integration = s.integrations[a.integrationId];
      const how = integrationRunOf(s, integration);
      if (how.kind === 'refused') {
        throw badRequest(`Action ${a.id} cannot run: ${how.message}`, [
          { errorCode: 'ACTION.CREDENTIALS', fieldName: 'integrationId' },
        ]);
      }
      const services = c.get('services');
      tokenSource ??= new IntegrationTokens(app, services.clock);
      let program = compiled.get(a);
      if (!program) {
        program = compileAction(
          loadAction({ ...a, integrationType: integration!.integrationType, actionType: 'custom' }, a.name),
        );
        compiled.set(a, program);
      }
      const common = {
        clock: services.clock,
        correlationId: c.get('correlationId'),
        ids: services.ids,
        thirdParty: services.thirdParty,
      };
      if (how.kind === 'web-services') {
        // A web services action sends its own Authorization: a Genesys URL gets no token added.
        return executeAction(program, input, {
          ...common,
          fetch: tokenSource.fetchPlain(),
          auth: services.service(webServiceAuths).authOf(how),
        });
      }
      return executeAction(program, input, { ...common, fetch: tokenSource.fetchAs(how.clientId, how.clientSecret) });
    };

    // Drafts before /{actionId}: `/actions/drafts` is a static segment.
    registerDraftListing(app);
    registerActionDrafts(app, { state, touch, published: action, run });

    app.get(`${ACTIONS}/:actionId`, requirePermission(...VIEW_ACTION), (c) =>
      c.json(
        toAction(action(c), {
          config: flag(c, 'includeConfig'),
          contract: (c.req.query('expand') ?? '').split(',').includes('contract'),
        }),
      ),
    );

    app.delete(`${ACTIONS}/:actionId`, requirePermission('integrations:action:delete'), (c) => {
      const a = action(c);
      delete state(c).actions[a.id];
      delete state(c).drafts?.[a.id];
      touch(c);
      return c.body(null, 204);
    });

    app.patch(`${ACTIONS}/:actionId`, requirePermission('integrations:action:edit'), async (c) => {
      const current = action(c);
      const body = await readJsonObject(c);
      checkVersion(body, current, 'action');
      const next = applyUpdate(current, body, { draft: false });
      state(c).actions[current.id] = next;
      touch(c);
      return c.json(toAction(next, { config: true, contract: true }));
    });

    app.get(`${ACTIONS}/:actionId/schemas/:fileName`, requirePermission(...VIEW_ACTION), (c) =>
      c.json(schemaOf(action(c), c.req.param('fileName'))),
    );
    app.get(`${ACTIONS}/:actionId/templates/:fileName`, requirePermission(...VIEW_ACTION), (c) =>
      c.text(templateOf(action(c), c.req.param('fileName'))),
    );

    app.post(`${ACTIONS}/:actionId/execute`, requirePermission(...EXECUTE_ACTION), async (c) => {
      const result = await run(c, action(c), 'action');
      if (result.status === 'success') return c.json(flag(c, 'flatten') ? result.flattened : result.outputs);
      const body = result.trace.failure!.errorBody;
      throw new ApiError(body.status ?? 400, body.code ?? 'bad.request', body.message ?? 'action failed', {
        details: body.details ?? [],
        ...(body.messageWithParams
          ? { messageWithParams: body.messageWithParams, messageParams: body.messageParams ?? {} }
          : {}),
      });
    });

    app.post(`${ACTIONS}/:actionId/test`, requirePermission(...EXECUTE_ACTION), async (c) =>
      c.json(toTestExecutionResult(await run(c, action(c), 'action'))),
    );

    registerCredentials(app);
    registerIntegrationLifecycle(app);

    app.get('/api/v2/integrations', requirePermission('integrations:integration:view'), (c) =>
      c.json(paged(Object.values(state(c).integrations).map(toIntegration), pageParams(c), '/api/v2/integrations')),
    );

    app.post('/api/v2/integrations', requirePermission('integrations:integration:add'), async (c) => {
      const body = await readJsonObject(c);
      const type = isPlainObject(body.integrationType) ? body.integrationType.id : undefined;
      if (typeof type !== 'string' || type === '')
        throw badRequest('integrationType.id is required', [
          { errorCode: 'missing.value', fieldName: 'integrationType.id' },
        ]);
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

    app.get('/api/v2/integrations/:integrationId', requirePermission('integrations:integration:view'), (c) =>
      c.json(toIntegration(integration(c))),
    );

    app.patch('/api/v2/integrations/:integrationId', requirePermission('integrations:integration:edit'), async (c) => {
      const i = integration(c);
      const body = await readJsonObject(c);
      if (body.intendedState === 'ENABLED' || body.intendedState === 'DISABLED') i.intendedState = body.intendedState;
      touch(c);
      return c.json(toIntegration(i));
    });

    app.get(
      '/api/v2/integrations/:integrationId/config/current',
      requirePermission('integrations:integration:view'),
      (c) => c.json(configOf(integration(c), state(c))),
    );

    app.put(
      '/api/v2/integrations/:integrationId/config/current',
      requirePermission('integrations:integration:edit'),
      async (c) => {
        const i = integration(c);
        const body = await readJsonObject(c);
        if (isPlainObject(body.credentials)) {
          const s = state(c);
          const entries = Object.entries(body.credentials);
          if (entries.length > 1)
            throw badRequest('credentials takes one credential: { "<type>": { "id": "<credentialId>" } }', [
              { errorCode: 'invalid.value', fieldName: 'credentials' },
            ]);
          for (const [key, value] of entries) {
            const credId = isPlainObject(value) ? value.id : value;
            const cr = typeof credId === 'string' ? s.credentials[credId] : undefined;
            if (!cr)
              throw badRequest(`credentials.${key} ${String(credId)} is not a credential of this org`, [
                { errorCode: 'invalid.value', fieldName: `credentials.${key}` },
              ]);
            if (cr.type !== key)
              throw badRequest(`credentials.${key} must be a ${key} credential; ${cr.id} is ${cr.type}`, [
                { errorCode: 'invalid.value', fieldName: `credentials.${key}` },
              ]);
            i.credentialId = cr.id;
            const authId = customAuthActionId(i.id);
            if (i.integrationType === WEB_SERVICES_INTEGRATION && cr.type === 'userDefinedOAuth' && !s.actions[authId])
              s.actions[authId] = newCustomAuthAction(i);
          }
        }
        if (typeof body.name === 'string') i.name = body.name;
        if (typeof body.notes === 'string') i.notes = body.notes;
        touch(c);
        return c.json(configOf(i, state(c)));
      },
    );
  },
};

function configOf(i: IntegrationRecord, s: IntegrationsState): Record<string, unknown> {
  const type = i.credentialId ? (s.credentials[i.credentialId]?.type ?? 'pureCloudOAuthClient') : undefined;
  return {
    name: i.name,
    version: 1,
    properties: {},
    advanced: {},
    notes: i.notes ?? '',
    credentials: i.credentialId && type ? { [type]: { id: i.credentialId } } : {},
    selfUri: `/api/v2/integrations/${i.id}/config/current`,
  };
}
