/**
 * @module
 * A user's queues: the queues the user is a member of, and joining or unjoining them. Membership
 * is the queue's own (`GET /api/v2/routing/queues/{queueId}/members` shows the same members and
 * `joined` flags); an unjoined member stays a member but is not offered the queue's interactions.
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | GET | `/api/v2/users/{userId}/queues` | `routing:queue:view`, `routing:queueMember:manage` |
 * | PATCH | `/api/v2/users/{userId}/queues` | `routing:queue:join`, `routing:queueMember:manage` |
 * | PATCH | `/api/v2/users/{userId}/queues/{queueId}` | `routing:queue:join`, `routing:queueMember:manage` |
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonBody } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, OrgState } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { usersStore } from '../users/store.ts';
import { userOf } from './directory.ts';
import type { QueueRecord } from './store.ts';
import { joinedMemberIds, routingStore } from './store.ts';

const JOIN = ['routing:queue:join', 'routing:queueMember:manage'];

/** One `UserQueue` of a PATCH body: only `id` and `joined` are read. */
const UserQueueBody = z.object({ id: z.string().min(1), joined: z.boolean() }).loose();

/** `PATCH /users/{id}/queues`: at most 100 queues a request [INFERRED: Genesys states no limit]. */
const UserQueuesBody = z.array(UserQueueBody).min(1).max(100);

/** The `UserQueue` model: the queue, with whether this user is joined to it. */
function toUserQueue(org: OrgState, q: QueueRecord, userId: string): Record<string, unknown> {
  const division = org.get(usersStore).division;
  const joined = joinedMemberIds(q);
  return {
    id: q.id,
    name: q.name,
    description: q.description,
    division: { id: division.id, name: division.name, selfUri: `/api/v2/authorization/divisions/${division.id}` },
    dateCreated: q.dateCreated,
    memberCount: q.memberIds.length,
    userMemberCount: q.memberIds.length,
    joinedMemberCount: joined.length,
    joined: joined.includes(userId),
    selfUri: `/api/v2/routing/queues/${q.id}`,
  };
}

/** Join or unjoin the user; true when the flag changed. */
function setJoined(q: QueueRecord, userId: string, joined: boolean): boolean {
  const unjoined = new Set(q.unjoinedIds ?? []);
  if (unjoined.has(userId) === !joined) return false;
  if (joined) unjoined.delete(userId);
  else unjoined.add(userId);
  q.unjoinedIds = [...unjoined];
  return true;
}

/** The `?joined=` filter: absent lists every queue the user is a member of [INFERRED]. */
function joinedFilter(c: Context<EmulatorEnv>): boolean | undefined {
  const raw = c.req.query('joined');
  if (raw === undefined) return undefined;
  if (raw !== 'true' && raw !== 'false')
    throw badRequest(
      `The joined query parameter must be true or false; got ${JSON.stringify(raw)}`,
      [{ errorCode: 'invalid.value', fieldName: 'joined' }],
      'invalid.value',
    );
  return raw === 'true';
}

/** Register a user's queue routes. */
export function registerUserQueues(app: EmulatorApp): void {
  app.get(
    '/api/v2/users/:userId/queues',
    requirePermission('routing:queue:view', 'routing:queueMember:manage'),
    (c) => {
      const org = c.get('org');
      const userId = userOf(c);
      const joined = joinedFilter(c);
      const divisions = c.req.queries('divisionId');
      const division = org.get(usersStore).division;
      if (divisions && !divisions.includes(division.id))
        return c.json(paged([], pageParams(c), `/api/v2/users/${userId}/queues`));
      const queues = Object.values(org.get(routingStore).queues)
        .filter((q) => q.memberIds.includes(userId))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((q) => toUserQueue(org, q, userId))
        .filter((q) => joined === undefined || q.joined === joined);
      return c.json(paged(queues, pageParams(c), `/api/v2/users/${userId}/queues`));
    },
  );

  // Joining needs membership: a queue the user is not a member of cannot be joined
  // (Genesys's UI offers only a user's own queues) [INFERRED: the error is not documented].
  app.patch('/api/v2/users/:userId/queues', requirePermission(...JOIN), async (c) => {
    const org = c.get('org');
    const userId = userOf(c);
    const body = await readJsonBody(c, UserQueuesBody, 'user queues');
    const queues = org.get(routingStore).queues;
    const bad = body.findIndex((e) => !queues[e.id]?.memberIds.includes(userId));
    if (bad >= 0) {
      const id = body[bad]!.id;
      throw badRequest(
        queues[id]
          ? `The user queues are invalid: [${bad}].id names queue ${id}, which user ${userId} is not a member of; add the member with POST /api/v2/routing/queues/${id}/members first`
          : `The user queues are invalid: [${bad}].id names queue ${id}, which does not exist`,
        [{ errorCode: 'invalid.value', fieldName: `[${bad}].id` }],
      );
    }
    let changed = false;
    for (const e of body) changed = setJoined(queues[e.id]!, userId, e.joined) || changed;
    if (changed) org.touch(routingStore);
    // The answer lists the queues the request named [INFERRED].
    const named = [...new Set(body.map((e) => e.id))].map((id) => toUserQueue(org, queues[id]!, userId));
    return c.json(paged(named, pageParams(c), `/api/v2/users/${userId}/queues`));
  });

  app.patch('/api/v2/users/:userId/queues/:queueId', requirePermission(...JOIN), async (c) => {
    const org = c.get('org');
    const userId = userOf(c);
    const queueId = c.req.param('queueId');
    const q = org.get(routingStore).queues[queueId];
    if (!q) throw notFound('queue', queueId);
    if (!q.memberIds.includes(userId))
      throw new ApiError(
        404,
        'not.found',
        `User ${userId} is not a member of queue ${queueId}; add the member with POST /api/v2/routing/queues/${queueId}/members first`,
        { entityId: queueId, entityName: 'queue' },
      );
    const body = await readJsonBody(c, UserQueueBody.partial({ id: true }), 'user queue');
    if (setJoined(q, userId, body.joined)) org.touch(routingStore);
    return c.json(toUserQueue(org, q, userId));
  });
}
