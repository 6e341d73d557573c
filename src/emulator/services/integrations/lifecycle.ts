/**
 * @module
 * The rest of an integration's life cycle, which a deployment needs to converge and to clean up
 * (platform spec §3.2; the SDK's IntegrationsApi):
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | DELETE | `/api/v2/integrations/{integrationId}` | `integrations:integration:delete` |
 * | GET | `/api/v2/integrations/actions/drafts` | `integrations:action:view`, `bridge:actions:view` |
 *
 * [INFERRED] Deleting an integration deletes its actions and drafts.
 */
import type { Context } from 'hono';
import { notFound } from '../../errors.ts';
import { pageParams, paged } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, OrgState } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { ACTIONS, toAction } from './action-input.ts';
import { integrationsStore } from './store.ts';
import type { ActionRecord, IntegrationRecord } from './store.ts';
import { customAuthActionId, integrationRunOf } from './web-services.ts';
import type { IntegrationRun } from './web-services.ts';

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
 * Register integration deletion.
 * @example
 * registerIntegrationLifecycle(app);
 */
export function registerIntegrationLifecycle(app: EmulatorApp): void {
  const state = (c: Context<EmulatorEnv>) => c.get('org').get(integrationsStore);
  const touch = (c: Context<EmulatorEnv>): void => c.get('org').touch(integrationsStore);
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

/** A published data action with what running it needs: its integration and how that integration's actions run. */
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
  /** The OAuth client, or the web services credentials, its integration runs it with — or why it cannot run. */
  readonly run: IntegrationRun;
}

/**
 * Every published data action of an org, for the Architect engine that runs deployed flows. A
 * web services integration's custom auth action is not one of them.
 * @example
 * const actions = orgDataActions(emulator.services.org(emulator.orgId));
 */
export function orgDataActions(org: OrgState): OrgDataAction[] {
  const s = org.get(integrationsStore);
  return Object.values(s.actions).flatMap((a) => {
    const i = s.integrations[a.integrationId];
    if (!i || a.id === customAuthActionId(i.id)) return [];
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
        run: integrationRunOf(s, i),
      },
    ];
  });
}
