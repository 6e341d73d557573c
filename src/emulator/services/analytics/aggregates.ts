/**
 * @module
 * `POST /api/v2/analytics/conversations/aggregates/query`: conversation metrics over an interval,
 * grouped and bucketed, computed from the simulator's conversations.
 *
 * Each metric is observed at one instant and counted in the bucket holding it (Genesys counts a
 * metric when its measurement completes [INFERRED from the Analytics metric definitions]):
 * - `nOffered`: an interaction enters a queue (the queue participant's segment starts);
 * - `tWait`: the time it spent in the queue, when it leaves; `tAbandon`: the same, when the
 *   customer left before an agent connected;
 * - `tAlert`: an agent's ringing, when it ends; `tAnswered`: queue entry to the agent's connect;
 * - `nConnected`: a user or agent connects; `nOutbound`: a user or agent places a call;
 * - `tTalk`, `tHeld`, `tAcw`: each ended talk, hold or after-call-work segment;
 * - `tHandle`: talk + hold + after-call work of one agent session, when the session ends.
 * Dimensions for `groupBy` and the filter: `queueId`, `mediaType`, `userId`, `direction`,
 * `conversationId`, `wrapUpCode`, `purpose`. `granularity` takes ISO-8601 durations of minutes,
 * hours, days or weeks (e.g. `PT30M`, `P1D`). Timed metrics answer `max`, `min`, `count`, `sum` (ms);
 * counts answer `count`.
 */
import { z } from 'zod';
import { badRequest } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import type { SimConversation, SimParticipant, SimSegment } from '../../simulator/index.ts';
import { simOf } from '../conversations/shared.ts';
import { dimensionFilter } from './filters.ts';

const METRICS = [
  'nOffered',
  'nConnected',
  'nOutbound',
  'tAnswered',
  'tAbandon',
  'tWait',
  'tAlert',
  'tTalk',
  'tHeld',
  'tAcw',
  'tHandle',
] as const;
type Metric = (typeof METRICS)[number];
const DIMENSIONS = ['queueId', 'mediaType', 'userId', 'direction', 'conversationId', 'wrapUpCode', 'purpose'] as const;
const MAX_BUCKETS = 1_000;

const Filter = dimensionFilter(z.enum(DIMENSIONS));
type PredicateT = NonNullable<z.infer<typeof Filter>['predicates']>[number];
const Query = z
  .object({
    interval: z.string().min(1),
    granularity: z.string().optional(),
    groupBy: z.array(z.enum(DIMENSIONS)).max(10).optional(),
    filter: Filter.optional(),
    metrics: z.array(z.enum(METRICS)).min(1),
  })
  .loose();

type Dims = Partial<Record<(typeof DIMENSIONS)[number], string>>;

/** One measurement: a metric at an instant, with its dimensions (and a duration for timed metrics). */
interface Observation {
  readonly metric: Metric;
  readonly at: number;
  readonly ms?: number;
  readonly dims: Dims;
}

const mediaOf = (p: SimParticipant): string => (p.media === 'callback' ? 'callback' : 'voice');
const ended = (s: SimSegment): s is SimSegment & { end: number } => s.end !== undefined;

/** Every measurement one conversation yields (pure). */
function observe(conv: SimConversation): Observation[] {
  const out: Observation[] = [];
  const agentsConnected = new Map<string, number>();
  for (const p of conv.participants) {
    if (p.purpose !== 'agent' || !p.queueId) continue;
    const first = p.segments.find((s) => s.type === 'interact');
    if (first) agentsConnected.set(p.queueId, Math.min(agentsConnected.get(p.queueId) ?? Infinity, first.start));
  }
  for (const p of conv.participants) {
    const base: Dims = {
      mediaType: mediaOf(p),
      conversationId: conv.id,
      purpose: p.purpose,
      direction: p.direction,
      ...(p.userId ? { userId: p.userId } : {}),
      ...(p.queueId ? { queueId: p.queueId } : {}),
    };
    if (p.purpose === 'acd') {
      for (const s of p.segments) {
        const dims = { ...base, ...(s.queueId ? { queueId: s.queueId } : {}) };
        out.push({ metric: 'nOffered', at: s.start, dims });
        if (!ended(s)) continue;
        out.push({ metric: 'tWait', at: s.end, ms: s.end - s.start, dims });
        const connectedAt = dims.queueId ? agentsConnected.get(dims.queueId) : undefined;
        if (connectedAt === undefined || connectedAt > s.end)
          out.push({ metric: 'tAbandon', at: s.end, ms: s.end - s.start, dims });
        else out.push({ metric: 'tAnswered', at: connectedAt, ms: connectedAt - s.start, dims });
      }
      continue;
    }
    if (p.purpose !== 'agent' && p.purpose !== 'user') continue;
    if (p.direction === 'outbound') out.push({ metric: 'nOutbound', at: p.startTime, dims: base });
    let handle = 0;
    let connected = false;
    for (const s of p.segments) {
      const dims = {
        ...base,
        ...(s.queueId ? { queueId: s.queueId } : {}),
        ...(s.wrapUpCode ? { wrapUpCode: s.wrapUpCode } : {}),
      };
      if (s.type === 'interact' && !connected) {
        connected = true;
        out.push({ metric: 'nConnected', at: s.start, dims });
      }
      if (!ended(s)) continue;
      const ms = s.end - s.start;
      if (s.type === 'alert') out.push({ metric: 'tAlert', at: s.end, ms, dims });
      if (s.type === 'interact') out.push({ metric: 'tTalk', at: s.end, ms, dims });
      if (s.type === 'hold') out.push({ metric: 'tHeld', at: s.end, ms, dims });
      if (s.type === 'wrapup') out.push({ metric: 'tAcw', at: s.end, ms, dims });
      if (s.type === 'interact' || s.type === 'hold' || s.type === 'wrapup') handle += ms;
    }
    const last = p.segments.at(-1);
    if (connected && p.endTime !== undefined && last && ended(last) && (!p.wrapupRequired || last.type === 'wrapup')) {
      out.push({
        metric: 'tHandle',
        at: last.end,
        ms: handle,
        dims: { ...base, ...(p.wrapup ? { wrapUpCode: p.wrapup.code } : {}) },
      });
    }
  }
  return out;
}

/** ISO-8601 `PTnM`, `PTnH`, `PnD`, `PnW` → milliseconds; undefined for anything else. */
export function granularityMs(text: string): number | undefined {
  const m = /^P(?:(\d+)W|(\d+)D|T(?:(\d+)H)?(?:(\d+)M)?)$/.exec(text);
  if (!m || m[0] === 'PT') return undefined;
  const [, w, d, h, min] = m;
  const ms =
    Number(w ?? 0) * 604_800_000 + Number(d ?? 0) * 86_400_000 + Number(h ?? 0) * 3_600_000 + Number(min ?? 0) * 60_000;
  return ms > 0 ? ms : undefined;
}

function holds(p: PredicateT, dims: Dims): boolean {
  const v = dims[p.dimension];
  const op = p.operator ?? 'matches';
  return op === 'exists' ? v !== undefined : op === 'notExists' ? v === undefined : v === p.value;
}

function passes(f: z.infer<typeof Filter> | undefined, dims: Dims): boolean {
  if (!f) return true;
  const parts = [
    ...(f.predicates ?? []).map((p) => holds(p, dims)),
    ...(f.clauses ?? []).map((c) =>
      c.type === 'and' ? c.predicates.every((p) => holds(p, dims)) : c.predicates.some((p) => holds(p, dims)),
    ),
  ];
  return parts.length === 0 || (f.type === 'and' ? parts.every(Boolean) : parts.some(Boolean));
}

/** The query's results over `observations` (pure). */
function aggregate(
  q: z.infer<typeof Query>,
  observations: readonly Observation[],
  start: number,
  end: number,
  bucketMs: number,
): Record<string, unknown>[] {
  const groupBy = q.groupBy ?? [];
  const groups = new Map<string, { group: Dims; buckets: Map<number, Map<Metric, number[]>> }>();
  for (const o of observations) {
    if (!q.metrics.includes(o.metric) || o.at < start || o.at >= end || !passes(q.filter, o.dims)) continue;
    if (groupBy.some((d) => o.dims[d] === undefined)) continue;
    const group: Dims = Object.fromEntries(groupBy.map((d) => [d, o.dims[d]!]));
    const key = JSON.stringify(group);
    const g = groups.get(key) ?? { group, buckets: new Map() };
    groups.set(key, g);
    const bucket = Math.floor((o.at - start) / bucketMs);
    const metrics = g.buckets.get(bucket) ?? new Map<Metric, number[]>();
    g.buckets.set(bucket, metrics);
    metrics.set(o.metric, [...(metrics.get(o.metric) ?? []), o.ms ?? 1]);
  }
  const iso = (ms: number): string => new Date(ms).toISOString();
  return [...groups.values()].map((g) => ({
    group: g.group,
    data: [...g.buckets.entries()]
      .sort(([a], [b]) => a - b)
      .map(([b, metrics]) => ({
        interval: `${iso(start + b * bucketMs)}/${iso(Math.min(end, start + (b + 1) * bucketMs))}`,
        metrics: q.metrics
          .filter((m) => metrics.has(m))
          .map((metric) => {
            const values = metrics.get(metric)!;
            return {
              metric,
              stats: metric.startsWith('n')
                ? { count: values.length }
                : {
                    max: Math.max(...values),
                    min: Math.min(...values),
                    count: values.length,
                    sum: values.reduce((a, v) => a + v, 0),
                  },
            };
          }),
      })),
  }));
}

/** Register the aggregates query (called by the analytics provider). */
export function registerAggregates(app: EmulatorApp): void {
  app.post(
    '/api/v2/analytics/conversations/aggregates/query',
    requirePermission('analytics:conversationAggregate:view'),
    async (c) => {
      const parsed = Query.safeParse(await readJsonObject(c));
      if (!parsed.success) {
        const first = parsed.error.issues[0]!;
        throw badRequest(
          `The aggregation query is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`,
          [{ errorCode: 'invalid.value', fieldName: first.path.join('.') }],
        );
      }
      const q = parsed.data;
      const [a, b, extra] = q.interval.split('/');
      const start = Date.parse(a ?? '');
      const end = Date.parse(b ?? '');
      if (extra !== undefined || Number.isNaN(start) || Number.isNaN(end) || end <= start)
        throw badRequest(
          `interval must be "<start>/<end>" with ISO-8601 instants, start before end; got "${q.interval}"`,
          [{ errorCode: 'invalid.value', fieldName: 'interval' }],
        );
      const bucketMs = q.granularity === undefined ? end - start : granularityMs(q.granularity);
      if (bucketMs === undefined)
        throw badRequest(
          `granularity must be an ISO-8601 duration of minutes, hours, days or weeks (e.g. PT30M, P1D); got "${q.granularity}"`,
          [{ errorCode: 'invalid.value', fieldName: 'granularity' }],
        );
      if ((end - start) / bucketMs > MAX_BUCKETS)
        throw badRequest(`interval / granularity makes more than ${MAX_BUCKETS} buckets`, [
          { errorCode: 'invalid.value', fieldName: 'granularity' },
        ]);
      const observations = simOf(c).list().flatMap(observe);
      return c.json({ results: aggregate(q, observations, start, end, bucketMs) });
    },
  );
}
