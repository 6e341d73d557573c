/**
 * @module
 * Routing directory, read side: queues and groups with their members, and queue membership
 * (`POST /api/v2/routing/queues/{id}/members`, `?delete=true` to remove; `routing:queueMember:manage`).
 * (Conversation routing, `PATCH /api/v2/routing/conversations/{id}`, belongs to the conversations provider.)
 *
 * Permissions: `routing:queue:view` for queues; platform.md is silent on groups, for which we
 * require `directory:group:view`.
 */
import type { Context } from 'hono';
import { badRequest, notFound } from '../../errors.ts';
import type { EmulatorApp, EmulatorEnv, OrgState, Provider } from '../../provider-contract.ts';
import { pageParams, paged, readJsonBody, readJsonObject } from '../../http.ts';
import { requirePermission } from '../../permissions.ts';
import { combine, searchPage, validate } from '../search-criteria.ts';
import { usersStore } from '../users/store.ts';
import type { GroupRecord, QueueRecord } from './store.ts';
import { joinedMemberIds, routingStore } from './store.ts';
import { registerUserQueues } from './user-queues.ts';
import { registerUserProficiencies } from './user-proficiencies.ts';
import { registerRoutingDirectory } from './directory.ts';
import { registerDirectoryAdmin } from './admin.ts';
import { toUser } from '../users/provider.ts';
import { z } from 'zod';

/** `POST …/members`: at most 100 users a request [INFERRED: the limit the API reference states]. */
const MembersBody = z
  .array(z.object({ id: z.string().min(1) }).loose())
  .min(1)
  .max(100);

/** The `Queue` model. */
function toQueue(org: OrgState, q: QueueRecord): Record<string, unknown> {
  const division = org.get(usersStore).division;
  return {
    id: q.id,
    name: q.name,
    description: q.description,
    division: { id: division.id, name: division.name, selfUri: `/api/v2/authorization/divisions/${division.id}` },
    dateCreated: q.dateCreated,
    memberCount: q.memberIds.length,
    userMemberCount: q.memberIds.length,
    joinedMemberCount: joinedMemberIds(q).length,
    acwSettings: { wrapupPrompt: 'MANDATORY_TIMEOUT', timeoutMs: 30_000 },
    skillEvaluationMethod: 'ALL',
    autoAnswerOnly: false,
    enableTranscription: false,
    selfUri: `/api/v2/routing/queues/${q.id}`,
  };
}

/** The `Group` model. */
function toGroup(g: GroupRecord): Record<string, unknown> {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    dateModified: g.dateModified,
    memberCount: g.memberIds.length,
    state: 'active',
    version: 1,
    type: g.type,
    rulesVisible: true,
    visibility: g.visibility,
    selfUri: `/api/v2/groups/${g.id}`,
  };
}

function members(org: OrgState, ids: readonly string[]): { id: string; name: string; version: number }[] {
  const users = org.get(usersStore).users;
  return ids.flatMap((id) => {
    const u = users[id];
    return u ? [{ id: u.id, name: u.name, version: u.version }] : [];
  });
}

function queue(c: Context<EmulatorEnv>): QueueRecord {
  const id = c.req.param('queueId')!;
  const q = c.get('org').get(routingStore).queues[id];
  if (!q) throw notFound('queue', id);
  return q;
}

function group(c: Context<EmulatorEnv>): GroupRecord {
  const id = c.req.param('groupId')!;
  const g = c.get('org').get(routingStore).groups[id];
  if (!g) throw notFound('group', id);
  return g;
}

/** The routing (queues and groups) provider. */
export const routingProvider: Provider = {
  name: 'routing',
  register(app: EmulatorApp): void {
    app.get('/api/v2/routing/queues', requirePermission('routing:queue:view'), (c) => {
      const org = c.get('org');
      const name = c.req.query('name')?.toLowerCase().replace(/\*/g, '');
      const qs = Object.values(org.get(routingStore).queues)
        .filter((q) => !name || q.name.toLowerCase().includes(name))
        .sort((a, b) => a.name.localeCompare(b.name));
      return c.json(
        paged(
          qs.map((q) => toQueue(org, q)),
          pageParams(c),
          '/api/v2/routing/queues',
        ),
      );
    });
    app.get('/api/v2/routing/queues/:queueId', requirePermission('routing:queue:view'), (c) =>
      c.json(toQueue(c.get('org'), queue(c))),
    );
    app.get(
      '/api/v2/routing/queues/:queueId/members',
      requirePermission('routing:queue:view', 'routing:queueMember:manage'),
      (c) => {
        const org = c.get('org');
        const q = queue(c);
        const joined = new Set(joinedMemberIds(q));
        const entities = members(org, q.memberIds).map((m) => ({
          id: m.id,
          name: m.name,
          user: { id: m.id, name: m.name, version: m.version, selfUri: `/api/v2/users/${m.id}` },
          ringNumber: 1,
          joined: joined.has(m.id),
          memberBy: 'user',
          selfUri: `/api/v2/users/${m.id}`,
        }));
        // QueueMemberEntityListing has no total, pageCount or lastUri (unlike most listings).
        const {
          total: _total,
          pageCount: _pageCount,
          lastUri: _lastUri,
          ...listing
        } = paged(entities, pageParams(c), `/api/v2/routing/queues/${q.id}/members`);
        return c.json(listing);
      },
    );
    app.post('/api/v2/routing/queues/:queueId/members', requirePermission('routing:queueMember:manage'), async (c) => {
      const q = queue(c);
      const body = await readJsonBody(c, MembersBody, 'queue members');
      const org = c.get('org');
      const users = org.get(usersStore).users;
      const unknown = body.findIndex((m) => !users[m.id]);
      if (unknown >= 0)
        throw badRequest(
          `The queue members are invalid: [${unknown}] names user ${body[unknown]!.id}, which does not exist`,
          [{ errorCode: 'invalid.value', fieldName: `[${unknown}].id` }],
        );
      const ids = new Set(q.memberIds);
      for (const m of body) {
        if (c.req.query('delete') === 'true') ids.delete(m.id);
        else ids.add(m.id);
      }
      q.memberIds = [...ids];
      // An added member is joined [INFERRED]; a removed one leaves no unjoined mark behind.
      const touched = new Set(body.map((m) => m.id));
      q.unjoinedIds = (q.unjoinedIds ?? []).filter((id) => !touched.has(id));
      org.touch(routingStore);
      return c.body(null, 204);
    });
    app.get('/api/v2/groups', requirePermission('directory:group:view'), (c) => {
      const gs = Object.values(c.get('org').get(routingStore).groups).sort((a, b) => a.name.localeCompare(b.name));
      return c.json(paged(gs.map(toGroup), pageParams(c), '/api/v2/groups'));
    });
    app.get('/api/v2/groups/:groupId', requirePermission('directory:group:view'), (c) => c.json(toGroup(group(c))));
    app.get('/api/v2/groups/:groupId/members', requirePermission('directory:group:view'), (c) => {
      const g = group(c);
      const entities = members(c.get('org'), g.memberIds).map((m) => ({ ...m, selfUri: `/api/v2/users/${m.id}` }));
      return c.json(paged(entities, pageParams(c), `/api/v2/groups/${g.id}/members`));
    });
    app.post('/api/v2/groups/search', requirePermission('directory:group:view'), async (c) => {
      const body = await readJsonObject(c);
      const query = body.query === undefined ? [] : validate(body.query, 'query', 0, { n: 0 });
      const { pageSize, pageNumber } = searchPage(body);
      const values =
        (g: GroupRecord) =>
        (field: string): string[] => {
          switch (field) {
            case 'id':
              return [g.id];
            case 'name':
              return [g.name];
            case 'description':
              return [g.description];
            case 'type':
              return [g.type];
            case 'visibility':
              return [g.visibility];
            case 'members.id':
            case 'memberIds':
              return g.memberIds;
            default:
              return [];
          }
        };
      const found = Object.values(c.get('org').get(routingStore).groups)
        .filter((g) => combine(values(g), query))
        .sort((a, b) => a.name.localeCompare(b.name));
      return c.json({
        total: found.length,
        pageCount: Math.ceil(found.length / pageSize),
        pageSize,
        pageNumber,
        types: ['groups'],
        results: found.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map(toGroup),
      });
    });
    registerRoutingDirectory(app);
    registerUserQueues(app);
    registerUserProficiencies(app);
    registerDirectoryAdmin(app, { toQueue, toGroup, toUser: (org, u) => toUser(org, u) });
  },
};
