/**
 * @module
 * Architect emergency groups: an emergency switch an admin turns on (`enabled`) to send calls to
 * emergency flows; Evaluate Schedule Group takes its Emergency path while the group it names is on.
 *
 * | Method | Path | Permission |
 * |---|---|---|
 * | GET | `/api/v2/architect/emergencygroups`, `/emergencygroups/{emergencyGroupId}` | `architect:emergencyGroup:view` |
 * | POST | `/api/v2/architect/emergencygroups` | `architect:emergencyGroup:add` |
 * | PUT | `/api/v2/architect/emergencygroups/{emergencyGroupId}` | `architect:emergencyGroup:edit` |
 * | DELETE | `/api/v2/architect/emergencygroups/{emergencyGroupId}` | `architect:emergencyGroup:delete` |
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { conflict, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonBody } from '../../http.ts';
import type { EmulatorEnv, OrgState } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { byName, division } from './views.ts';
import type { Stamp } from './views.ts';
import type { EmergencyGroupRecord } from './store.ts';
import { schedulesStore } from './store.ts';

const Body = z
  .object({
    name: z.string().trim().min(1).max(256),
    description: z.string().max(2048).optional(),
    enabled: z.boolean().optional(),
    emergencyCallFlows: z
      .array(
        z
          .object({
            emergencyFlow: z
              .object({ id: z.string().min(1) })
              .loose()
              .optional(),
            ivrs: z
              .array(z.object({ id: z.string().min(1) }).loose())
              .max(100)
              .optional(),
          })
          .loose(),
      )
      .max(100)
      .optional(),
  })
  .loose();

/** The org's emergency groups (a store saved before they existed has none). */
function groups(org: OrgState): Record<string, EmergencyGroupRecord> {
  const store = org.get(schedulesStore);
  store.emergencyGroups ??= {};
  return store.emergencyGroups;
}

function view(org: OrgState, g: EmergencyGroupRecord): Record<string, unknown> {
  return {
    id: g.id,
    name: g.name,
    ...(g.description ? { description: g.description } : {}),
    version: g.version,
    dateCreated: g.dateCreated,
    dateModified: g.dateModified,
    state: 'active',
    enabled: g.enabled,
    emergencyCallFlows: g.emergencyCallFlows,
    division: division(org),
    selfUri: `/api/v2/architect/emergencygroups/${g.id}`,
  };
}

function record(body: z.infer<typeof Body>, stamp: Stamp): EmergencyGroupRecord {
  return {
    ...stamp,
    name: body.name,
    ...(body.description ? { description: body.description } : {}),
    enabled: body.enabled ?? false,
    emergencyCallFlows: body.emergencyCallFlows ?? [],
  };
}

/** Register the emergency-group routes on the schedules provider's app. */
export function registerEmergencyGroups(app: Hono<EmulatorEnv>, now: (c: Context<EmulatorEnv>) => string): void {
  const one = (c: Context<EmulatorEnv>): EmergencyGroupRecord => {
    const id = c.req.param('emergencyGroupId')!;
    const g = groups(c.get('org'))[id];
    if (!g) throw notFound('emergencyGroup', id);
    return g;
  };
  const taken = (org: OrgState, name: string, except?: string): void => {
    if (Object.values(groups(org)).some((g) => g.id !== except && g.name.toLowerCase() === name.toLowerCase()))
      throw conflict(`An emergency group named "${name}" already exists`);
  };
  app.get('/api/v2/architect/emergencygroups', requirePermission('architect:emergencyGroup:view'), (c) => {
    const org = c.get('org');
    const all = byName(Object.values(groups(org)), c.req.query('name')).map((g) => view(org, g));
    return c.json(paged(all, pageParams(c), '/api/v2/architect/emergencygroups'));
  });
  app.get(
    '/api/v2/architect/emergencygroups/:emergencyGroupId',
    requirePermission('architect:emergencyGroup:view'),
    (c) => c.json(view(c.get('org'), one(c))),
  );
  app.post('/api/v2/architect/emergencygroups', requirePermission('architect:emergencyGroup:add'), async (c) => {
    const body = await readJsonBody(c, Body, 'emergency group');
    const org = c.get('org');
    taken(org, body.name);
    const id = c.get('services').ids.uuid();
    const at = now(c);
    groups(org)[id] = record(body, { id, version: 1, dateCreated: at, dateModified: at });
    org.touch(schedulesStore);
    return c.json(view(org, groups(org)[id]!), 200);
  });
  app.put(
    '/api/v2/architect/emergencygroups/:emergencyGroupId',
    requirePermission('architect:emergencyGroup:edit'),
    async (c) => {
      const current = one(c);
      const body = await readJsonBody(c, Body, 'emergency group');
      const org = c.get('org');
      taken(org, body.name, current.id);
      groups(org)[current.id] = record(body, {
        id: current.id,
        version: current.version + 1,
        dateCreated: current.dateCreated,
        dateModified: now(c),
      });
      org.touch(schedulesStore);
      return c.json(view(org, groups(org)[current.id]!), 200);
    },
  );
  app.delete(
    '/api/v2/architect/emergencygroups/:emergencyGroupId',
    requirePermission('architect:emergencyGroup:delete'),
    (c) => {
      const g = one(c);
      const org = c.get('org');
      delete groups(org)[g.id];
      org.touch(schedulesStore);
      return c.body(null, 200);
    },
  );
}
