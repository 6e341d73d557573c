/**
 * @module
 * Presence API (platform.md §4.3, §4.5): presence definitions on the legacy and the new surface,
 * system presences, and a user's PURECLOUD presence.
 */
import type { Context } from 'hono';
import { isPlainObject } from '../../../core/index.ts';
import { badRequest, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, OrgState, Provider } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { usersStore } from '../users/store.ts';
import { currentPresence, presenceDefinitionOf, setUserPresence } from './activity.ts';
import { SYSTEM_PRESENCES, systemPresence } from './naming.ts';
import type { PresenceDefinitionRecord } from './store.ts';
import { presenceStore } from './store.ts';

/** Legacy `OrganizationPresence`: title-case systemPresence ("On Queue"), TF-PRES payload shape. */
function toLegacyPresence(d: PresenceDefinitionRecord): Record<string, unknown> {
  return {
    id: d.id,
    languageLabels: d.languageLabels,
    systemPresence: systemPresence(d.systemPresence).legacy,
    deactivated: d.deactivated,
    primary: d.primary,
    createdDate: d.createdDate,
    selfUri: `/api/v2/presencedefinitions/${d.id}`,
  };
}

/** New-API `OrganizationPresenceDefinition`: `OnQueue` spelling, `type: System|User`. */
function toPresenceDefinition(d: PresenceDefinitionRecord): Record<string, unknown> {
  const english = d.languageLabels.en ?? d.languageLabels.en_US;
  return {
    id: d.id,
    type: d.primary ? 'System' : 'User',
    // A published blueprint reads the new API's label as `languageLabels.en` (blueprints.md §2.1),
    // while the legacy payload shows `en_US` (platform.md §4.5): the new surface carries both.
    languageLabels: english === undefined ? d.languageLabels : { ...d.languageLabels, en: english },
    systemPresence: systemPresence(d.systemPresence).api,
    divisionId: d.divisionId,
    deactivated: d.deactivated,
    selfUri: `/api/v2/presence/definitions/${d.id}`,
  };
}

/** `UserPresence` of the PURECLOUD source, as `GET /api/v2/users/{id}/presences/purecloud` returns it. */
export function toUserPresence(org: OrgState, userId: string): Record<string, unknown> {
  const p = currentPresence(org, userId);
  const def = presenceDefinitionOf(org, userId);
  return {
    source: 'PURECLOUD',
    primary: true,
    presenceDefinition: {
      id: def.id,
      systemPresence: systemPresence(def.systemPresence).legacy,
      selfUri: `/api/v2/presencedefinitions/${def.id}`,
    },
    message: p.message,
    modifiedDate: p.modifiedDate,
    selfUri: `/api/v2/users/${userId}/presences/purecloud`,
  };
}

function definitions(org: OrgState): PresenceDefinitionRecord[] {
  return Object.values(org.get(presenceStore).definitions);
}

function definition(org: OrgState, id: string): PresenceDefinitionRecord {
  const d = org.get(presenceStore).definitions[id];
  if (!d) throw notFound('presence definition', id);
  return d;
}

function requireUser(c: Context<EmulatorEnv>): string {
  const id = c.req.param('userId')!;
  if (!c.get('org').get(usersStore).users[id]) throw notFound('user', id);
  return id;
}

function booleanQuery(c: Context<EmulatorEnv>, name: string, allowed: readonly string[], dflt: string): string {
  const v = (c.req.query(name) ?? dflt).toLowerCase();
  if (!allowed.includes(v))
    throw badRequest(
      `${name} must be one of ${allowed.join(', ')}; got "${v}"`,
      [{ errorCode: 'invalid.value', fieldName: name }],
      'invalid.value',
    );
  return v;
}

async function patchPresence(c: Context<EmulatorEnv>): Promise<Response> {
  const userId = requireUser(c);
  const body = await readJsonObject(c);
  const org = c.get('org');
  if (body.message !== undefined && typeof body.message !== 'string') {
    throw badRequest(
      'message must be a string',
      [{ errorCode: 'invalid.value', fieldName: 'message' }],
      'invalid.value',
    );
  }
  let definitionId = currentPresence(org, userId).definitionId;
  if (body.presenceDefinition !== undefined) {
    const pd = body.presenceDefinition;
    if (!isPlainObject(pd) || typeof pd.id !== 'string' || pd.id === '') {
      throw badRequest(
        'presenceDefinition.id is required and must be a presence definition id',
        [{ errorCode: 'invalid.value', fieldName: 'presenceDefinition.id' }],
        'invalid.value',
      );
    }
    const def = org.get(presenceStore).definitions[pd.id];
    if (!def || def.deactivated) {
      throw badRequest(
        `presenceDefinition.id "${pd.id}" is not an active presence definition of this organization`,
        [{ errorCode: 'invalid.value', fieldName: 'presenceDefinition.id', entityId: pd.id }],
        'invalid.value',
      );
    }
    definitionId = def.id;
  } else if (body.message === undefined) {
    throw badRequest(
      'A presence update needs presenceDefinition.id or message; the body has neither',
      [{ errorCode: 'invalid.value', fieldName: 'presenceDefinition.id' }],
      'invalid.value',
    );
  }
  setUserPresence({ org, services: c.get('services') }, userId, definitionId, body.message);
  return c.json(toUserPresence(org, userId));
}

/** The presence provider. */
export const presenceProvider: Provider = {
  name: 'presence',
  register(app: EmulatorApp): void {
    // platform.md §4.3: the legacy listing needs no permission; the legacy single GET and the new API need presence:presenceDefinition:view.
    app.get('/api/v2/presencedefinitions', (c) => {
      const deleted = booleanQuery(c, 'deleted', ['false', 'true', 'all'], 'false');
      const defs = definitions(c.get('org')).filter((d) => deleted === 'all' || d.deactivated === (deleted === 'true'));
      return c.json(
        paged(
          defs.map(toLegacyPresence),
          pageParams(c, { defaultSize: 25, maxSize: 100 }),
          '/api/v2/presencedefinitions',
        ),
      );
    });
    app.get('/api/v2/presencedefinitions/:presenceId', requirePermission('presence:presenceDefinition:view'), (c) =>
      c.json(toLegacyPresence(definition(c.get('org'), c.req.param('presenceId')))),
    );
    app.get('/api/v2/presence/definitions', requirePermission('presence:presenceDefinition:view'), (c) => {
      const deactivated = booleanQuery(c, 'deactivated', ['false', 'true'], 'false') === 'true';
      const entities = definitions(c.get('org'))
        .filter((d) => d.deactivated === deactivated)
        .map(toPresenceDefinition);
      return c.json({ total: entities.length, entities, selfUri: '/api/v2/presence/definitions' });
    });
    app.get('/api/v2/presence/definitions/:definitionId', requirePermission('presence:presenceDefinition:view'), (c) =>
      c.json(toPresenceDefinition(definition(c.get('org'), c.req.param('definitionId')))),
    );
    // The ids of system presences are not documented (platform.md §4.5): UPPER_CASE keys are our choice.
    app.get('/api/v2/systempresences', (c) =>
      c.json(SYSTEM_PRESENCES.map((p) => ({ id: p.key, name: p.legacy, selfUri: `/api/v2/systempresences/${p.key}` }))),
    );
    app.get('/api/v2/users/:userId/presences/purecloud', (c) => c.json(toUserPresence(c.get('org'), requireUser(c))));
    app.patch('/api/v2/users/:userId/presences/purecloud', patchPresence);
  },
};
