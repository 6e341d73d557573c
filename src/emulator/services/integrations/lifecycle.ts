/**
 * @module
 * The rest of an integration's life cycle, which a deployment needs to converge and to clean up
 * (platform spec §3.2; the SDK's IntegrationsApi):
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | DELETE | `/api/v2/integrations/{integrationId}` | `integrations:integration:delete` |
 * | GET | `/api/v2/integrations/credentials` | `integrations:credential:view`, `integrations:integration:view` |
 * | GET | `/api/v2/integrations/credentials/{credentialId}` | same |
 * | PUT | `/api/v2/integrations/credentials/{credentialId}` | `integrations:credential:edit`, `integrations:integration:edit` |
 * | DELETE | `/api/v2/integrations/credentials/{credentialId}` | `integrations:credential:delete`, `integrations:integration:delete` |
 * | GET | `/api/v2/integrations/actions/drafts` | `integrations:action:view`, `bridge:actions:view` |
 *
 * [INFERRED] A credential read back shows its `clientId` but never its `clientSecret`; deleting
 * an integration deletes its actions and drafts; a credential an integration still uses cannot be
 * deleted (409).
 */
import type { Context } from 'hono';
import { isPlainObject } from '../../../core/index.ts';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, OrgState } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { ACTIONS, toAction } from './action-input.ts';
import { integrationsStore } from './store.ts';
import type { ActionRecord, CredentialRecord, IntegrationRecord } from './store.ts';

const CREDENTIALS = '/api/v2/integrations/credentials';

function credentialInfo(cr: CredentialRecord): Record<string, unknown> {
  return { id: cr.id, name: cr.name, type: { name: cr.type }, selfUri: `${CREDENTIALS}/${cr.id}` };
}

/** The `Integration` model of a deleted integration (its state as it was). */
function integrationView(i: IntegrationRecord): Record<string, unknown> {
  return {
    id: i.id,
    name: i.name,
    integrationType: { id: i.integrationType, selfUri: `/api/v2/integrations/types/${i.integrationType}` },
    intendedState: i.intendedState,
    reportedState: { code: 'INACTIVE' },
    attributes: {},
    selfUri: `/api/v2/integrations/${i.id}`,
  };
}

/**
 * Register the list of drafts. Call before the `/actions/{actionId}` routes.
 * @example
 * registerDraftListing(app);
 */
export function registerDraftListing(app: EmulatorApp): void {
  app.get(`${ACTIONS}/drafts`, requirePermission('integrations:action:view', 'bridge:actions:view'), (c) => {
    const s = c.get('org').get(integrationsStore);
    const all = Object.values(s.drafts ?? {})
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((d) => toAction(d, { draft: true, config: c.req.query('includeConfig') === 'true' }));
    return c.json(paged(all, pageParams(c), `${ACTIONS}/drafts`));
  });
}

/**
 * Register integration deletion and the credential routes. Call before
 * `/api/v2/integrations/{integrationId}`, so `credentials` is not taken for an integration id.
 * @example
 * registerIntegrationLifecycle(app);
 */
export function registerIntegrationLifecycle(app: EmulatorApp): void {
  const state = (c: Context<EmulatorEnv>) => c.get('org').get(integrationsStore);
  const touch = (c: Context<EmulatorEnv>): void => c.get('org').touch(integrationsStore);
  const credential = (c: Context<EmulatorEnv>): CredentialRecord => {
    const id = c.req.param('credentialId') ?? '';
    const cr = state(c).credentials[id];
    if (!cr) throw notFound('Credential', id);
    return cr;
  };
  const VIEW = ['integrations:credential:view', 'integrations:integration:view'];

  app.get(CREDENTIALS, requirePermission(...VIEW), (c) =>
    c.json(
      paged(
        Object.values(state(c).credentials)
          .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
          .map(credentialInfo),
        pageParams(c),
        CREDENTIALS,
      ),
    ),
  );

  app.get(`${CREDENTIALS}/:credentialId`, requirePermission(...VIEW), (c) => {
    const cr = credential(c);
    const shown = Object.fromEntries(Object.entries(cr.fields).filter(([k]) => !/secret|password/i.test(k)));
    return c.json({
      id: cr.id,
      name: cr.name,
      type: { name: cr.type },
      credentialFields: shown,
      selfUri: `${CREDENTIALS}/${cr.id}`,
    });
  });

  app.put(
    `${CREDENTIALS}/:credentialId`,
    requirePermission('integrations:credential:edit', 'integrations:integration:edit'),
    async (c) => {
      const cr = credential(c);
      const body = await readJsonObject(c);
      const type = isPlainObject(body.type) ? String(body.type.name ?? '') : String(body.type ?? cr.type);
      const fields = isPlainObject(body.credentialFields) ? body.credentialFields : {};
      if (
        type !== 'pureCloudOAuthClient' ||
        typeof fields.clientId !== 'string' ||
        typeof fields.clientSecret !== 'string'
      ) {
        throw badRequest(
          'A credential needs type {"name":"pureCloudOAuthClient"} and credentialFields clientId and clientSecret',
          [{ errorCode: 'invalid.value', fieldName: 'credentialFields' }],
        );
      }
      const next: CredentialRecord = {
        id: cr.id,
        name: typeof body.name === 'string' && body.name !== '' ? body.name : cr.name,
        type,
        fields: { clientId: fields.clientId, clientSecret: fields.clientSecret },
      };
      state(c).credentials[cr.id] = next;
      touch(c);
      return c.json(credentialInfo(next));
    },
  );

  app.delete(
    `${CREDENTIALS}/:credentialId`,
    requirePermission('integrations:credential:delete', 'integrations:integration:delete'),
    (c) => {
      const cr = credential(c);
      const user = Object.values(state(c).integrations).find((i) => i.credentialId === cr.id);
      if (user)
        throw new ApiError(
          409,
          'conflict',
          `Credential ${cr.id} is used by integration ${user.id} (${user.name}); change its configuration first`,
          { entityId: cr.id, entityName: cr.name },
        );
      delete state(c).credentials[cr.id];
      touch(c);
      return c.body(null, 204);
    },
  );

  app.delete('/api/v2/integrations/:integrationId', requirePermission('integrations:integration:delete'), (c) => {
    const s = state(c);
    const id = c.req.param('integrationId');
    const i = s.integrations[id];
    if (!i) throw notFound('Integration', id);
    for (const a of Object.values(s.actions)) if (a.integrationId === id) delete s.actions[a.id];
    for (const d of Object.values(s.drafts ?? {})) if (d.integrationId === id) delete s.drafts![d.id];
    delete s.integrations[id];
    touch(c);
    return c.json(integrationView(i));
  });
}

/** A published data action with what running it needs: its integration and that integration's OAuth client. */
export interface OrgDataAction {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly version: number;
  readonly secure: boolean;
  readonly config: Readonly<Record<string, unknown>>;
  readonly contract: ActionRecord['contract'];
  readonly integration: {
    readonly id: string;
    readonly name: string;
    readonly type: string;
    readonly enabled: boolean;
  };
  /** The `pureCloudOAuthClient` credential of the integration, when it has one. */
  readonly client?: { readonly clientId: string; readonly clientSecret: string };
}

/**
 * Every published data action of an org, for the Architect engine that runs deployed flows.
 * @example
 * const actions = orgDataActions(emulator.services.org(emulator.orgId));
 */
export function orgDataActions(org: OrgState): OrgDataAction[] {
  const s = org.get(integrationsStore);
  return Object.values(s.actions).flatMap((a) => {
    const i = s.integrations[a.integrationId];
    if (!i) return [];
    const cr = i.credentialId ? s.credentials[i.credentialId] : undefined;
    const client =
      cr?.fields.clientId && cr.fields.clientSecret
        ? { clientId: cr.fields.clientId, clientSecret: cr.fields.clientSecret }
        : undefined;
    return [
      {
        id: a.id,
        name: a.name,
        category: a.category,
        version: a.version,
        secure: a.secure,
        config: a.config,
        contract: a.contract,
        integration: { id: i.id, name: i.name, type: i.integrationType, enabled: i.intendedState === 'ENABLED' },
        ...(client ? { client } : {}),
      },
    ];
  });
}
