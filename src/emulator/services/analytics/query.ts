/**
 * @module
 * `POST /api/v2/analytics/conversations/details/query` (platform spec §4.4): the conversations
 * that started within an interval, filtered by conversation and segment predicates, paged. A
 * subset of Genesys's `ConversationQuery`: dimension predicates with `matches` / `exists` /
 * `notExists`, `and` / `or` filters with nested clauses, `order` by `conversationStart`.
 *
 * Read from the same analytics view as the details routes, so a conversation is queryable the
 * moment it exists. A real org indexes details with a short delay [INFERRED]; callers that
 * reconcile (the outbound context) poll a few times for that reason.
 */
import { z } from 'zod';
import { badRequest } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { simOf } from '../conversations/shared.ts';
import { parseBody } from '../conversations/validate.ts';
import { analyticsConversation } from './details.ts';

type Json = Record<string, unknown>;

const Predicate = z
  .object({
    type: z.literal('dimension').optional(),
    dimension: z.string().min(1),
    operator: z.enum(['matches', 'exists', 'notExists']).optional(),
    value: z.string().optional(),
  })
  .loose();

const Clause = z.object({ type: z.enum(['and', 'or']), predicates: z.array(Predicate).min(1) }).loose();

const Filter = z
  .object({
    type: z.enum(['and', 'or']),
    predicates: z.array(Predicate).optional(),
    clauses: z.array(Clause).optional(),
  })
  .loose();

const ConversationQuery = z
  .object({
    interval: z.string().min(1),
    order: z.enum(['asc', 'desc']).optional(),
    orderBy: z.literal('conversationStart').optional(),
    paging: z
      .object({ pageSize: z.number().int().min(1).max(100).optional(), pageNumber: z.number().int().min(1).optional() })
      .loose()
      .optional(),
    conversationFilters: z.array(Filter).optional(),
    segmentFilters: z.array(Filter).optional(),
  })
  .loose();

type PredicateT = z.infer<typeof Predicate>;
type FilterT = z.infer<typeof Filter>;

/** Conversation-level dimensions and where their value is. */
const CONVERSATION_DIMENSIONS: Record<string, (c: Json) => unknown> = {
  conversationId: (c) => c.conversationId,
  originatingDirection: (c) => c.originatingDirection,
  externalTag: (c) => c.externalTag,
  conversationEnd: (c) => c.conversationEnd,
};

/** One segment in context: its participant and session. */
interface SegmentRow {
  readonly participant: Json;
  readonly session: Json;
  readonly segment: Json;
}

/** Segment-level dimensions (read from the segment, its session or its participant). */
const SEGMENT_DIMENSIONS: Record<string, (r: SegmentRow) => unknown> = {
  userId: (r) => r.participant.userId,
  purpose: (r) => r.participant.purpose,
  participantId: (r) => r.participant.participantId,
  sessionId: (r) => r.session.sessionId,
  mediaType: (r) => r.session.mediaType,
  direction: (r) => r.session.direction,
  ani: (r) => r.session.ani,
  dnis: (r) => r.session.dnis,
  queueId: (r) => r.segment.queueId,
  groupId: (r) => r.segment.groupId,
  segmentType: (r) => r.segment.segmentType,
  disconnectType: (r) => r.segment.disconnectType,
  wrapUpCode: (r) => r.segment.wrapUpCode,
};

function checkDimensions(filters: readonly FilterT[] | undefined, known: Record<string, unknown>, field: string): void {
  (filters ?? []).forEach((f, i) => {
    const all = [...(f.predicates ?? []), ...(f.clauses ?? []).flatMap((c) => c.predicates)];
    for (const p of all) {
      if (!(p.dimension in known)) {
        throw badRequest(
          `${field}[${i}] uses dimension "${p.dimension}", which the emulator does not filter on; use one of ${Object.keys(known).join(', ')}`,
          [{ errorCode: 'invalid.value', fieldName: `${field}[${i}]` }],
          'invalid.value',
        );
      }
      if ((p.operator ?? 'matches') === 'matches' && p.value === undefined) {
        throw badRequest(
          `${field}[${i}]: a "matches" predicate on ${p.dimension} needs a value`,
          [{ errorCode: 'missing.value', fieldName: `${field}[${i}]` }],
          'missing.value',
        );
      }
    }
  });
}

function holds(p: PredicateT, actual: unknown): boolean {
  const op = p.operator ?? 'matches';
  if (op === 'exists') return actual !== undefined && actual !== null;
  if (op === 'notExists') return actual === undefined || actual === null;
  return actual !== undefined && String(actual) === p.value;
}

function filterHolds(f: FilterT, read: (dimension: string) => unknown): boolean {
  const parts = [
    ...(f.predicates ?? []).map((p) => holds(p, read(p.dimension))),
    ...(f.clauses ?? []).map((c) => {
      const r = c.predicates.map((p) => holds(p, read(p.dimension)));
      return c.type === 'and' ? r.every(Boolean) : r.some(Boolean);
    }),
  ];
  return f.type === 'and' ? parts.every(Boolean) : parts.some(Boolean);
}

function segmentRows(conv: Json): SegmentRow[] {
  const rows: SegmentRow[] = [];
  for (const participant of (conv.participants as Json[] | undefined) ?? []) {
    for (const session of (participant.sessions as Json[] | undefined) ?? []) {
      for (const segment of (session.segments as Json[] | undefined) ?? [])
        rows.push({ participant, session, segment });
    }
  }
  return rows;
}

/** `start/end` ISO-8601 instants → epoch ms; 400 naming `interval` otherwise. */
function parseInterval(interval: string): { start: number; end: number } {
  const [a, b, extra] = interval.split('/');
  const start = a === undefined ? NaN : Date.parse(a);
  const end = b === undefined ? NaN : Date.parse(b);
  if (extra !== undefined || Number.isNaN(start) || Number.isNaN(end) || end <= start) {
    throw badRequest(
      `interval must be "<start>/<end>" with ISO-8601 instants, start before end; got "${interval}"`,
      [{ errorCode: 'invalid.value', fieldName: 'interval' }],
      'invalid.value',
    );
  }
  return { start, end };
}

/**
 * Register the details query route (called by the analytics provider).
 * @example
 * registerDetailsQuery(app, ['analytics:conversationDetail:view']);
 */
export function registerDetailsQuery(app: EmulatorApp, permissions: readonly string[]): void {
  app.post('/api/v2/analytics/conversations/details/query', requirePermission(...permissions), async (c) => {
    const q = parseBody(ConversationQuery, await readJsonObject(c));
    const { start, end } = parseInterval(q.interval);
    checkDimensions(q.conversationFilters, CONVERSATION_DIMENSIONS, 'conversationFilters');
    checkDimensions(q.segmentFilters, SEGMENT_DIMENSIONS, 'segmentFilters');
    const matching = simOf(c)
      .list()
      .filter((conv) => conv.startTime >= start && conv.startTime < end)
      .map(analyticsConversation)
      .filter((conv) =>
        (q.conversationFilters ?? []).every((f) => filterHolds(f, (d) => CONVERSATION_DIMENSIONS[d]!(conv))),
      )
      .filter((conv) => {
        const filters = q.segmentFilters ?? [];
        if (filters.length === 0) return true;
        return segmentRows(conv).some((row) =>
          filters.every((f) => filterHolds(f, (d) => SEGMENT_DIMENSIONS[d]!(row))),
        );
      });
    const byStart = (x: Json): number => Date.parse(String(x.conversationStart));
    matching.sort((x, y) => (q.order === 'desc' ? byStart(y) - byStart(x) : byStart(x) - byStart(y)));
    const size = q.paging?.pageSize ?? 25;
    const page = q.paging?.pageNumber ?? 1;
    const conversations = matching.slice((page - 1) * size, page * size);
    // [INFERRED] An empty result carries only totalHits, as Genesys omits empty arrays.
    return c.json(
      conversations.length === 0 ? { totalHits: matching.length } : { conversations, totalHits: matching.length },
    );
  });
}
