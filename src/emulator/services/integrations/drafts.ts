/**
 * @module
 * Action drafts (platform spec §3.2; Terraform creates an action as a draft, edits it, then
 * publishes it): `POST /actions/drafts`, `POST|GET|PATCH|DELETE /actions/{id}/draft`,
 * `POST …/draft/publish`, `POST …/draft/test` and the draft's `schemas` / `templates` files.
 * [INFERRED] A new draft is version 1 and each PATCH adds one; publishing needs the draft's current
 * version (409 when stale), makes the published version the next one and removes the draft.
 */
import type { Context } from 'hono';
import { toTestExecutionResult } from '../../../actions/index.ts';
import type { ActionResult } from '../../../actions/index.ts';
import { badRequest, notFound } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import {
  ACTIONS,
  actionFromInput,
  applyUpdate,
  checkVersion,
  schemaFile,
  templateFile,
  toAction,
} from './action-input.ts';
import type { ActionRecord, IntegrationsState } from './store.ts';

const VIEW = ['integrations:action:view', 'bridge:actions:view'];

/** What the draft routes borrow from the integrations provider. */
export interface DraftDeps {
  readonly state: (c: Context<EmulatorEnv>) => IntegrationsState;
  readonly touch: (c: Context<EmulatorEnv>) => void;
  /** The published action of the route's `actionId`, or a 404. */
  readonly published: (c: Context<EmulatorEnv>) => ActionRecord;
  /** Run an action record with its integration's credentials, reading the inputs from the body. */
  readonly run: (c: Context<EmulatorEnv>, a: ActionRecord, kind: 'action' | 'draft') => Promise<ActionResult>;
}

/** A schema file of an action, or a 404 naming the file. */
export function schemaOf(a: ActionRecord, fileName: string): Record<string, unknown> {
  const schema = schemaFile(a, fileName);
  if (!schema) throw notFound('Schema file', `${fileName} of action ${a.id}`);
  return schema;
}

/** A template file of an action, or a 404 naming the file. */
export function templateOf(a: ActionRecord, fileName: string): string {
  const template = templateFile(a, fileName);
  if (template === undefined) throw notFound('Template file', `${fileName} of action ${a.id}`);
  return template;
}

/**
 * Register the draft routes. Call before the `/actions/{actionId}` routes, so that
 * `/actions/drafts` is not taken for an action id.
 * @example
 * registerActionDrafts(app, { state, touch, published: action, run });
 */
export function registerActionDrafts(app: EmulatorApp, deps: DraftDeps): void {
  const { state, touch } = deps;
  const drafts = (c: Context<EmulatorEnv>): Record<string, ActionRecord> => (state(c).drafts ??= {});
  const draft = (c: Context<EmulatorEnv>): ActionRecord => {
    const id = c.req.param('actionId') ?? '';
    const d = drafts(c)[id];
    if (!d) throw notFound('Draft of action', id);
    return d;
  };
  const view = (c: Context<EmulatorEnv>, d: ActionRecord) =>
    toAction(d, { draft: true, config: c.req.query('includeConfig') !== 'false', contract: true });

  app.post(`${ACTIONS}/drafts`, requirePermission('integrations:action:add'), async (c) => {
    const record = actionFromInput(await readJsonObject(c), state(c), c.get('services').ids.uuid());
    drafts(c)[record.id] = record;
    touch(c);
    return c.json(view(c, record), 200);
  });

  // A draft of a published action starts as a copy of it.
  app.post(`${ACTIONS}/:actionId/draft`, requirePermission('integrations:action:add'), (c) => {
    const a = deps.published(c);
    if (drafts(c)[a.id])
      throw badRequest(`Action ${a.id} already has a draft; edit or delete it`, [
        { errorCode: 'draft.exists', fieldName: 'actionId' },
      ]);
    const record: ActionRecord = { ...structuredClone(a), version: 1 };
    drafts(c)[a.id] = record;
    touch(c);
    return c.json(view(c, record), 200);
  });

  app.get(`${ACTIONS}/:actionId/draft`, requirePermission(...VIEW), (c) => c.json(view(c, draft(c))));

  app.patch(`${ACTIONS}/:actionId/draft`, requirePermission('integrations:action:edit'), async (c) => {
    const current = draft(c);
    const body = await readJsonObject(c);
    checkVersion(body, current, 'draft of action');
    const next = applyUpdate(current, body, { draft: true });
    drafts(c)[current.id] = next;
    touch(c);
    return c.json(view(c, next));
  });

  app.delete(`${ACTIONS}/:actionId/draft`, requirePermission('integrations:action:delete'), (c) => {
    const d = draft(c);
    delete drafts(c)[d.id];
    touch(c);
    return c.body(null, 204);
  });

  app.post(
    `${ACTIONS}/:actionId/draft/publish`,
    requirePermission('integrations:action:edit', 'integrations:action:add'),
    async (c) => {
      const d = draft(c);
      checkVersion(await readJsonObject(c), d, 'draft of action');
      const s = state(c);
      const previous = s.actions[d.id];
      const published: ActionRecord = { ...d, version: (previous?.version ?? 0) + 1 };
      s.actions[d.id] = published;
      delete drafts(c)[d.id];
      touch(c);
      return c.json(toAction(published, { config: true, contract: true }));
    },
  );

  app.post(`${ACTIONS}/:actionId/draft/test`, requirePermission('integrations:action:execute'), async (c) =>
    c.json(toTestExecutionResult(await deps.run(c, draft(c), 'draft'))),
  );

  app.get(`${ACTIONS}/:actionId/draft/schemas/:fileName`, requirePermission(...VIEW), (c) =>
    c.json(schemaOf(draft(c), c.req.param('fileName'))),
  );
  app.get(`${ACTIONS}/:actionId/draft/templates/:fileName`, requirePermission(...VIEW), (c) =>
    c.text(templateOf(draft(c), c.req.param('fileName'))),
  );
}
