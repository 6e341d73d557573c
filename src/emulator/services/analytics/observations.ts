/**
 * @module
 * Queue and user observations (`POST /api/v2/analytics/queues/observations/query`,
 * `/analytics/users/observations/query`): what is true right now, computed from the simulator's
 * live conversations and the directory's presences and routing statuses.
 *
 * Metrics: queues — `oWaiting`, `oInteracting`, `oAlerting`, `oLongestWaiting`,
 * `oLongestInteracting` (grouped by queue and media type), `oMemberUsers`, `oActiveUsers`,
 * `oOnQueueUsers`, `oOffQueueUsers`, `oUserRoutingStatuses`, `oUserPresences` (grouped by queue,
 * qualified by status or presence); users — `oUserPresences`, `oUserRoutingStatuses`,
 * `oActiveQueues`. `detailMetrics` `oWaiting` / `oInteracting` list each conversation.
 * Without a `mediaType` predicate, conversation metrics are grouped for `voice` and `callback`
 * [INFERRED: the media the simulator carries]. Permission: `analytics:queueObservation:view` /
 * `analytics:userObservation:view`.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { badRequest } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, OrgState } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import type { SimConversation, SimParticipant } from '../../simulator/index.ts';
import { simOf } from '../conversations/shared.ts';
import { currentPresence, currentRoutingStatus } from '../presence/activity.ts';
import { routingStore } from '../routing/store.ts';
import { dimensionFilter } from './filters.ts';

const QUEUE_CONVERSATION_METRICS = [
  'oWaiting',
  'oInteracting',
  'oAlerting',
  'oLongestWaiting',
  'oLongestInteracting',
] as const;
const QUEUE_USER_METRICS = [
  'oMemberUsers',
  'oActiveUsers',
  'oOnQueueUsers',
  'oOffQueueUsers',
  'oUserRoutingStatuses',
  'oUserPresences',
] as const;
const USER_METRICS = ['oUserPresences', 'oUserRoutingStatuses', 'oActiveQueues'] as const;
const MEDIA = ['voice', 'callback', 'chat', 'email', 'message'] as const;

const Filter = dimensionFilter(z.string());

function query<M extends string>(metrics: readonly M[]) {
  return z
    .object({
      filter: Filter,
      metrics: z.array(z.enum(metrics as unknown as [M, ...M[]])).min(1),
      detailMetrics: z.array(z.enum(['oWaiting', 'oInteracting'])).optional(),
    })
    .loose();
}

/** The values a filter asks for, per dimension (its `matches` predicates, clauses included). */
function wanted(filter: z.infer<typeof Filter>, dimension: string): string[] {
  const preds = [...(filter.predicates ?? []), ...(filter.clauses ?? []).flatMap((c) => c.predicates)];
  return preds
    .filter((p) => p.dimension === dimension && (p.operator ?? 'matches') === 'matches' && p.value !== undefined)
    .map((p) => p.value!);
}

async function parse<T extends z.ZodType>(c: Context<EmulatorEnv>, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await readJsonObject(c));
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw badRequest(
      `The observation query is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`,
      [{ errorCode: 'invalid.value', fieldName: first.path.join('.') }],
    );
  }
  return parsed.data;
}

const mediaOf = (conv: SimConversation): string => (conv.media === 'call' ? 'voice' : 'callback');

/** The queue participant of a live conversation in `queueId`, and its agent, if any. */
function inQueue(conv: SimConversation, queueId: string): { acd: SimParticipant; agent?: SimParticipant } | undefined {
  if (conv.endTime !== undefined) return undefined;
  const acd = conv.participants.find((p) => p.purpose === 'acd' && p.queueId === queueId && p.endTime === undefined);
  const agent = conv.participants.find(
    (p) => p.purpose === 'agent' && p.queueId === queueId && p.endTime === undefined,
  );
  if (!acd && !agent) return undefined;
  return { acd: acd ?? agent!, ...(agent ? { agent } : {}) };
}

function observation(conv: SimConversation, p: SimParticipant, now: number): Record<string, unknown> {
  const customer = conv.participants.find((x) => x.purpose === 'customer' || x.purpose === 'external');
  return {
    observationDate: new Date(p.startTime ?? now).toISOString(),
    conversationId: conv.id,
    sessionId: p.sessionId,
    ...(p.priority === undefined ? {} : { routingPriority: p.priority }),
    ...(customer?.name ? { participantName: customer.name } : {}),
    ...(p.userId ? { userId: p.userId } : {}),
    direction: customer?.direction ?? p.direction,
    ...(customer?.ani ? { ani: customer.ani } : {}),
    ...(customer?.dnis ? { dnis: customer.dnis } : {}),
  };
}

function countBy(keys: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

function qualified(metric: string, keys: readonly string[]): Record<string, unknown>[] {
  return [...countBy(keys)].map(([qualifier, count]) => ({ metric, qualifier, stats: { count } }));
}

function queueResults(c: Context<EmulatorEnv>, q: z.infer<ReturnType<typeof query>>): Record<string, unknown>[] {
  const org = c.get('org');
  const now = c.get('services').clock.now();
  const queueIds = wanted(q.filter, 'queueId');
  if (queueIds.length === 0)
    throw badRequest('filter must name at least one queueId', [
      { errorCode: 'missing.value', fieldName: 'filter.predicates' },
    ]);
  const media = wanted(q.filter, 'mediaType').map((m) => m.toLowerCase());
  for (const m of media)
    if (!(MEDIA as readonly string[]).includes(m))
      throw badRequest(`mediaType ${JSON.stringify(m)} is not one of ${MEDIA.join(', ')}`, [
        { errorCode: 'invalid.value', fieldName: 'filter.predicates' },
      ]);
  const convMetrics = q.metrics.filter((m) => (QUEUE_CONVERSATION_METRICS as readonly string[]).includes(m));
  const userMetrics = q.metrics.filter((m) => (QUEUE_USER_METRICS as readonly string[]).includes(m));
  const conversations = simOf(c).list();
  const results: Record<string, unknown>[] = [];
  for (const queueId of queueIds) {
    if (convMetrics.length > 0) {
      for (const mediaType of media.length > 0 ? media : ['voice', 'callback']) {
        const live = conversations
          .filter((conv) => mediaOf(conv) === mediaType)
          .flatMap((conv) => {
            const at = inQueue(conv, queueId);
            return at ? [{ conv, ...at }] : [];
          });
        const waiting = live.filter((x) => !x.agent || x.agent.state === 'alerting');
        const interacting = live.filter((x) => x.agent && x.agent.state === 'connected');
        const alerting = live.filter((x) => x.agent && x.agent.state === 'alerting');
        const data = convMetrics.map((metric) => {
          const set =
            metric === 'oWaiting' || metric === 'oLongestWaiting'
              ? waiting
              : metric === 'oAlerting'
                ? alerting
                : interacting;
          if (metric === 'oLongestWaiting' || metric === 'oLongestInteracting') {
            const oldest = Math.min(
              ...set.map((x) =>
                metric === 'oLongestWaiting' ? x.acd.startTime : (x.agent!.connectedTime ?? x.agent!.startTime),
              ),
            );
            return {
              metric,
              stats: set.length === 0 ? { count: 0 } : { count: set.length, calculatedMetricValue: now - oldest },
            };
          }
          const detailed = q.detailMetrics?.includes(metric as 'oWaiting' | 'oInteracting');
          return {
            metric,
            stats: { count: set.length },
            ...(detailed
              ? {
                  observations: set.map((x) => observation(x.conv, metric === 'oWaiting' ? x.acd : x.agent!, now)),
                  truncated: false,
                }
              : {}),
          };
        });
        results.push({ group: { queueId, mediaType }, data });
      }
    }
    if (userMetrics.length > 0) {
      const members = org.get(routingStore).queues[queueId]?.memberIds ?? [];
      const statuses = members.map((u) => currentRoutingStatus(org, u).status);
      const data = userMetrics.flatMap((metric): Record<string, unknown>[] => {
        switch (metric) {
          case 'oMemberUsers':
          case 'oActiveUsers':
            return [{ metric, stats: { count: members.length } }];
          case 'oOffQueueUsers':
            return [{ metric, stats: { count: statuses.filter((s) => s === 'OFF_QUEUE').length } }];
          case 'oOnQueueUsers':
            return qualified(
              metric,
              statuses.filter((s) => s !== 'OFF_QUEUE'),
            );
          case 'oUserRoutingStatuses':
            return qualified(metric, statuses);
          default:
            return qualified(
              metric,
              members.map((u) => currentPresence(org, u).definitionId),
            );
        }
      });
      results.push({ group: { queueId }, data });
    }
  }
  return results;
}

function userResults(org: OrgState, q: z.infer<ReturnType<typeof query>>): Record<string, unknown>[] {
  const userIds = wanted(q.filter, 'userId');
  if (userIds.length === 0)
    throw badRequest('filter must name at least one userId', [
      { errorCode: 'missing.value', fieldName: 'filter.predicates' },
    ]);
  const queues = Object.values(org.get(routingStore).queues);
  return userIds.map((userId) => ({
    group: { userId },
    data: q.metrics.map((metric) => {
      if (metric === 'oUserPresences')
        return { metric, qualifier: currentPresence(org, userId).definitionId, stats: { count: 1 } };
      if (metric === 'oUserRoutingStatuses')
        return { metric, qualifier: currentRoutingStatus(org, userId).status, stats: { count: 1 } };
      return { metric, stats: { count: queues.filter((x) => x.memberIds.includes(userId)).length } };
    }),
  }));
}

/** Register the observation queries. */
export function registerObservations(app: EmulatorApp): void {
  const queueQuery = query([...QUEUE_CONVERSATION_METRICS, ...QUEUE_USER_METRICS]);
  const userQuery = query([...USER_METRICS]);
  app.post(
    '/api/v2/analytics/queues/observations/query',
    requirePermission('analytics:queueObservation:view'),
    async (c) => {
      const q = await parse(c, queueQuery);
      return c.json({ results: queueResults(c, q) });
    },
  );
  app.post(
    '/api/v2/analytics/users/observations/query',
    requirePermission('analytics:userObservation:view'),
    async (c) => {
      const q = await parse(c, userQuery);
      return c.json({ results: userResults(c.get('org'), q) });
    },
  );
}
