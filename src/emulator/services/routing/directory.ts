/**
 * @module
 * Routing directory routes beyond queues and groups: skills, languages, wrap-up codes (org-wide
 * and per queue), a user's skills, languages and queues, a queue's users, estimated wait time and
 * utilization.
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | GET | `/api/v2/routing/skills`, `/routing/skills/{skillId}` | `routing:skill:manage` `[INFERRED]` (Genesys lists none for reading skills) |
 * | GET | `/api/v2/routing/languages`, `/routing/languages/{languageId}` | `routing:skill:manage` `[INFERRED]` |
 * | GET | `/api/v2/routing/wrapupcodes`, `/routing/wrapupcodes/{codeId}` | `routing:wrapupCode:view` |
 * | GET | `/api/v2/routing/queues/{queueId}/wrapupcodes` | `routing:queue:view` |
 * | GET | `/api/v2/routing/queues/{queueId}/users` | `routing:queue:view`, `routing:queueMember:manage` |
 * | GET | `/api/v2/routing/queues/{queueId}/estimatedwaittime` | `routing:queue:view` |
 * | GET | `/api/v2/routing/utilization` | `routing:utilization:view` `[INFERRED]` |
 * | GET | `/api/v2/users/{userId}/routingskills`, `/routinglanguages` | `routing:queue:view`, `routing:skill:assign` `[INFERRED]` |
 *
 * A user's queues are in user-queues.ts; changes to a user's skills and languages in user-proficiencies.ts.
 */
import type { Context } from 'hono';
import { notFound } from '../../errors.ts';
import { pageParams, paged } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, OrgState } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { simOf } from '../conversations/shared.ts';
import { usersStore } from '../users/store.ts';
import type { NamedRoutingEntity, Proficiency } from './directory-store.ts';
import { routingDirectoryStore } from './directory-store.ts';
import { joinedMemberIds, routingStore } from './store.ts';

const SKILL_VIEW = ['routing:skill:manage', 'routing:skill:assign', 'routing:queue:view'];

function named(kind: 'skills' | 'languages', e: NamedRoutingEntity, org: OrgState): Record<string, unknown> {
  const division = org.get(usersStore).division;
  return {
    id: e.id,
    name: e.name,
    ...(kind === 'skills'
      ? {
          division: { id: division.id, name: division.name, selfUri: `/api/v2/authorization/divisions/${division.id}` },
        }
      : {}),
    dateModified: e.dateModified,
    state: e.state,
    version: String(e.version),
    selfUri: `/api/v2/routing/${kind}/${e.id}`,
  };
}

function byName<T extends { name: string }>(items: Iterable<T>, query: string | undefined): T[] {
  const q = query?.toLowerCase().replace(/\*/g, '');
  return [...items].filter((x) => !q || x.name.toLowerCase().includes(q)).sort((a, b) => a.name.localeCompare(b.name));
}

/** The `userId` path parameter of a user who exists (404 otherwise). */
export function userOf(c: Context<EmulatorEnv>): string {
  const id = c.req.param('userId')!;
  if (!c.get('org').get(usersStore).users[id]) throw notFound('user', id);
  return id;
}

function queueOf(c: Context<EmulatorEnv>): string {
  const id = c.req.param('queueId')!;
  if (!c.get('org').get(routingStore).queues[id]) throw notFound('queue', id);
  return id;
}

/** A user's skills or languages as `UserRoutingSkill` / `UserRoutingLanguage` models. */
export function proficiencies(
  kind: 'skills' | 'languages',
  list: readonly Proficiency[],
  org: OrgState,
  userId: string,
): Record<string, unknown>[] {
  const dir = org.get(routingDirectoryStore);
  const table = kind === 'skills' ? dir.skills : dir.languages;
  const uriField = kind === 'skills' ? 'skillUri' : 'languageUri';
  const path = kind === 'skills' ? 'routingskills' : 'routinglanguages';
  return list.flatMap((p) => {
    const e = table[p.id];
    return e
      ? [
          {
            id: e.id,
            name: e.name,
            proficiency: p.proficiency,
            state: e.state,
            [uriField]: `/api/v2/routing/${kind}/${e.id}`,
            selfUri: `/api/v2/users/${userId}/${path}/${e.id}`,
          },
        ]
      : [];
  });
}

/**
 * Seconds a new interaction would wait in the queue, from what the simulator shows now: the
 * waiting interactions ahead of it times a nominal handle time, shared among the queue's members
 * [INFERRED: Genesys's prediction model is not documented; the response names the formula].
 */
function estimatedWaitSeconds(c: Context<EmulatorEnv>, queueId: string): number {
  const waiting = simOf(c)
    .list()
    .filter(
      (conv) =>
        conv.endTime === undefined &&
        conv.participants.some((p) => p.purpose === 'acd' && p.queueId === queueId && p.endTime === undefined),
    ).length;
  const q = c.get('org').get(routingStore).queues[queueId];
  const members = Math.max(1, q ? joinedMemberIds(q).length : 1);
  return Math.round((waiting * 300) / members);
}

/** Register the routing directory routes. */
export function registerRoutingDirectory(app: EmulatorApp): void {
  for (const kind of ['skills', 'languages'] as const) {
    const param = kind === 'skills' ? 'skillId' : 'languageId';
    app.get(`/api/v2/routing/${kind}`, requirePermission(...SKILL_VIEW), (c) => {
      const org = c.get('org');
      const all = byName(Object.values(org.get(routingDirectoryStore)[kind]), c.req.query('name')).map((e) =>
        named(kind, e, org),
      );
      return c.json(paged(all, pageParams(c), `/api/v2/routing/${kind}`));
    });
    app.get(`/api/v2/routing/${kind}/:${param}`, requirePermission(...SKILL_VIEW), (c) => {
      const org = c.get('org');
      const id = c.req.param(param);
      const e = org.get(routingDirectoryStore)[kind][id];
      if (!e) throw notFound(kind === 'skills' ? 'skill' : 'language', id);
      return c.json(named(kind, e, org));
    });
  }

  const wrapup = (org: OrgState, id: string): Record<string, unknown> | undefined => {
    const w = org.get(routingDirectoryStore).wrapupCodes[id];
    if (!w) return undefined;
    const division = org.get(usersStore).division;
    return {
      id: w.id,
      name: w.name,
      ...(w.description ? { description: w.description } : {}),
      division: { id: division.id, name: division.name, selfUri: `/api/v2/authorization/divisions/${division.id}` },
      dateCreated: w.dateCreated,
      selfUri: `/api/v2/routing/wrapupcodes/${w.id}`,
    };
  };
  app.get('/api/v2/routing/wrapupcodes', requirePermission('routing:wrapupCode:view'), (c) => {
    const org = c.get('org');
    const all = byName(Object.values(org.get(routingDirectoryStore).wrapupCodes), c.req.query('name')).map((w) =>
      wrapup(org, w.id)!,
    );
    return c.json(paged(all, pageParams(c), '/api/v2/routing/wrapupcodes'));
  });
  app.get('/api/v2/routing/wrapupcodes/:codeId', requirePermission('routing:wrapupCode:view'), (c) => {
    const found = wrapup(c.get('org'), c.req.param('codeId'));
    if (!found) throw notFound('wrapup code', c.req.param('codeId'));
    return c.json(found);
  });
  app.get('/api/v2/routing/queues/:queueId/wrapupcodes', requirePermission('routing:queue:view'), (c) => {
    const org = c.get('org');
    const id = queueOf(c);
    const codes = (org.get(routingDirectoryStore).queueWrapupCodes[id] ?? []).flatMap((w) => wrapup(org, w) ?? []);
    return c.json(paged(codes, pageParams(c), `/api/v2/routing/queues/${id}/wrapupcodes`));
  });

  app.get(
    '/api/v2/routing/queues/:queueId/users',
    requirePermission('routing:queue:view', 'routing:queueMember:manage'),
    (c) => {
      const org = c.get('org');
      const id = queueOf(c);
      const users = org.get(usersStore);
      const q = org.get(routingStore).queues[id]!;
      const joined = new Set(joinedMemberIds(q));
      const entities = q.memberIds.flatMap((uid) => {
        const u = users.users[uid];
        if (!u) return [];
        const status = users.routingStatus[uid];
        return [
          {
            id: u.id,
            name: u.name,
            user: { id: u.id, name: u.name, version: u.version, selfUri: `/api/v2/users/${u.id}` },
            ringNumber: 1,
            joined: joined.has(uid),
            memberBy: 'user',
            ...(status ? { routingStatus: { userId: u.id, status: status.status, startTime: status.startTime } } : {}),
            selfUri: `/api/v2/users/${u.id}`,
          },
        ];
      });
      const {
        total: _t,
        pageCount: _p,
        lastUri: _l,
        ...listing
      } = paged(entities, pageParams(c), `/api/v2/routing/queues/${id}/users`);
      return c.json(listing);
    },
  );

  app.get('/api/v2/routing/queues/:queueId/estimatedwaittime', requirePermission('routing:queue:view'), (c) => {
    const id = queueOf(c);
    return c.json({ results: [{ formula: 'Best', estimatedWaitTimeSeconds: estimatedWaitSeconds(c, id) }] });
  });

  app.get(
    '/api/v2/routing/utilization',
    requirePermission('routing:utilization:view', 'routing:utilization:manage'),
    (c) =>
      c.json({
        // Genesys's defaults for a new org.
        utilization: {
          call: { maximumCapacity: 1, interruptableMediaTypes: [], includeNonAcd: false },
          callback: { maximumCapacity: 1, interruptableMediaTypes: [], includeNonAcd: false },
          chat: { maximumCapacity: 4, interruptableMediaTypes: [], includeNonAcd: false },
          email: { maximumCapacity: 1, interruptableMediaTypes: [], includeNonAcd: false },
          message: { maximumCapacity: 4, interruptableMediaTypes: [], includeNonAcd: false },
        },
      }),
  );

  for (const kind of ['skills', 'languages'] as const) {
    const path = kind === 'skills' ? 'routingskills' : 'routinglanguages';
    app.get(`/api/v2/users/:userId/${path}`, requirePermission(...SKILL_VIEW), (c) => {
      const org = c.get('org');
      const userId = userOf(c);
      const dir = org.get(routingDirectoryStore);
      const list = proficiencies(
        kind,
        (kind === 'skills' ? dir.userSkills : dir.userLanguages)[userId] ?? [],
        org,
        userId,
      );
      return c.json(paged(list, pageParams(c), `/api/v2/users/${userId}/${path}`));
    });
  }
}
