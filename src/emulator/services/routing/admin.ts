/**
 * @module
 * Creating directory objects: queues, wrap-up codes, skills, groups and users — what a CX as Code
 * project's data sources expect an org to hold, and what an admin makes before deploying.
 *
 * | Method | Path | Permission | SDK |
 * |---|---|---|---|
 * | POST | `/api/v2/routing/queues` | `routing:queue:add` | RoutingApi.postRoutingQueues |
 * | POST | `/api/v2/routing/wrapupcodes` | `routing:wrapupCode:add` | RoutingApi.postRoutingWrapupcodes |
 * | POST | `/api/v2/routing/skills` | `routing:skill:manage` | RoutingApi.postRoutingSkills |
 * | POST | `/api/v2/groups` | `directory:group:add` | GroupsApi.postGroups |
 * | POST | `/api/v2/users` | `directory:user:add` | UsersApi.postUsers |
 *
 * A name already taken (an email, for users) answers 409 `general.conflict` `[INFERRED]`: Genesys
 * refuses duplicates but does not document the code.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { conflict } from '../../errors.ts';
import type { ApiError } from '../../errors.ts';
import { readJsonBody } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, OrgState } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { usersStore } from '../users/store.ts';
import type { UserRecord } from '../users/store.ts';
import { routingDirectoryStore } from './directory-store.ts';
import { routingStore } from './store.ts';
import type { GroupRecord, QueueRecord } from './store.ts';

const MAX_NAME = 256;

const Named = z
  .object({ name: z.string().trim().min(1).max(MAX_NAME), description: z.string().max(2048).optional() })
  .passthrough();
const GroupBody = Named.extend({
  type: z.enum(['official', 'social']).default('official'),
  visibility: z.enum(['public', 'owners', 'members']).default('public'),
});
const UserBody = z
  .object({
    name: z.string().trim().min(1).max(MAX_NAME),
    email: z.string().trim().email().max(MAX_NAME),
    title: z.string().max(MAX_NAME).optional(),
    department: z.string().max(MAX_NAME).optional(),
  })
  .passthrough();

const nameTaken = (what: string, name: string): ApiError => conflict(`A ${what} named "${name}" already exists`);

const taken = (names: Iterable<{ name: string }>, name: string): boolean => {
  const lower = name.toLowerCase();
  for (const n of names) if (n.name.toLowerCase() === lower) return true;
  return false;
};

/** The wire views of what is created (the read routes' own). */
export interface DirectoryViews {
  readonly toQueue: (org: OrgState, q: QueueRecord) => Record<string, unknown>;
  readonly toGroup: (g: GroupRecord) => Record<string, unknown>;
  readonly toUser: (org: OrgState, u: UserRecord) => Record<string, unknown>;
}

/** Register the create routes of queues, wrap-up codes, skills, groups and users. */
export function registerDirectoryAdmin(app: EmulatorApp, views: DirectoryViews): void {
  const now = (c: Context<EmulatorEnv>): string => new Date(c.get('services').clock.now()).toISOString();
  const uuid = (c: Context<EmulatorEnv>): string => c.get('services').ids.uuid();

  app.post('/api/v2/routing/queues', requirePermission('routing:queue:add'), async (c) => {
    const body = await readJsonBody(c, Named, 'queue');
    const org = c.get('org');
    const store = org.get(routingStore);
    if (taken(Object.values(store.queues), body.name)) throw nameTaken('queue', body.name);
    const id = uuid(c);
    store.queues[id] = {
      id,
      name: body.name,
      description: body.description ?? '',
      memberIds: [],
      divisionId: org.get(usersStore).division.id,
      dateCreated: now(c),
    };
    org.touch(routingStore);
    return c.json(views.toQueue(org, store.queues[id]), 200);
  });

  app.post('/api/v2/routing/wrapupcodes', requirePermission('routing:wrapupCode:add'), async (c) => {
    const body = await readJsonBody(c, Named, 'wrap-up code');
    const org = c.get('org');
    const dir = org.get(routingDirectoryStore);
    if (taken(Object.values(dir.wrapupCodes), body.name)) throw nameTaken('wrap-up code', body.name);
    const id = uuid(c);
    const record = {
      id,
      name: body.name,
      ...(body.description ? { description: body.description } : {}),
      dateCreated: now(c),
    };
    dir.wrapupCodes[id] = record;
    org.touch(routingDirectoryStore);
    const division = org.get(usersStore).division;
    return c.json(
      {
        ...record,
        division: { id: division.id, name: division.name, selfUri: `/api/v2/authorization/divisions/${division.id}` },
        selfUri: `/api/v2/routing/wrapupcodes/${id}`,
      },
      200,
    );
  });

  app.post('/api/v2/routing/skills', requirePermission('routing:skill:manage'), async (c) => {
    const body = await readJsonBody(c, Named, 'skill');
    const org = c.get('org');
    const dir = org.get(routingDirectoryStore);
    if (taken(Object.values(dir.skills), body.name)) throw nameTaken('skill', body.name);
    const id = uuid(c);
    dir.skills[id] = { id, name: body.name, dateModified: now(c), state: 'active', version: 1 };
    org.touch(routingDirectoryStore);
    return c.json(
      {
        id,
        name: body.name,
        dateModified: dir.skills[id].dateModified,
        state: 'active',
        version: '1',
        selfUri: `/api/v2/routing/skills/${id}`,
      },
      200,
    );
  });

  app.post('/api/v2/groups', requirePermission('directory:group:add'), async (c) => {
    const body = await readJsonBody(c, GroupBody, 'group');
    const org = c.get('org');
    const store = org.get(routingStore);
    if (taken(Object.values(store.groups), body.name)) throw nameTaken('group', body.name);
    const id = uuid(c);
    store.groups[id] = {
      id,
      name: body.name,
      description: body.description ?? '',
      memberIds: [],
      type: body.type,
      visibility: body.visibility,
      dateModified: now(c),
    };
    org.touch(routingStore);
    return c.json(views.toGroup(store.groups[id]), 200);
  });

  app.post('/api/v2/users', requirePermission('directory:user:add'), async (c) => {
    const body = await readJsonBody(c, UserBody, 'user');
    const org = c.get('org');
    const users = org.get(usersStore);
    const email = body.email.toLowerCase();
    if (Object.values(users.users).some((u) => u.email.toLowerCase() === email)) throw nameTaken('user', body.email);
    const id = uuid(c);
    users.users[id] = {
      id,
      name: body.name,
      email: body.email,
      username: body.email,
      state: 'active',
      ...(body.title ? { title: body.title } : {}),
      ...(body.department ? { department: body.department } : {}),
      divisionId: users.division.id,
      version: 1,
    };
    org.touch(usersStore);
    return c.json(views.toUser(org, users.users[id]), 200);
  });
}
