/**
 * @module
 * Reconciliation after an ambiguous create: a `POST …/calls` that failed with a 5xx or a network
 * error may still have placed the call (the answer was lost, not the request). Before creating
 * again, look for a conversation placed for that user to that number since the first attempt
 * started, and adopt it. A real org may ignore `Idempotency-Key`, so this is what makes a retried
 * create never place two calls.
 *
 * Where to look, on the emulator and on a real org alike:
 * - `POST /api/v2/analytics/conversations/details/query` (both grants; needs
 *   `analytics:conversationDetail:view`): conversations that started in the window, with a segment
 *   of the user, matched on the far end's `dnis`. It sees calls that already ended (busy, failed).
 *   A real org indexes details with a short delay [INFERRED], hence several lookups.
 * - `GET /api/v2/conversations/calls` (user tokens only: the token user's active calls).
 *
 * When no source can answer (no permission, not available) the outcome is `unknown`, and the
 * caller must not create again blindly.
 */
import { isPlainObject } from '../core/index.ts';
import type { Clock } from '../core/index.ts';
import { send } from './http-api.ts';
import type { GenesysTarget } from './http-api.ts';

/** Tuning of reconciliation and of create retries. */
export interface ReconcileOptions {
  /** Lookups before concluding that nothing was created (default 3). */
  readonly lookups?: number | undefined;
  /** Wait between lookups, ms of the deps' clock (default 1000). */
  readonly lookupIntervalMs?: number | undefined;
  /** Tolerated difference between this clock and Genesys's (default 5000 ms). */
  readonly clockSkewMs?: number | undefined;
  /** Create attempts in total after ambiguous failures that placed nothing (default 3). */
  readonly createAttempts?: number | undefined;
  /** Wait before creating again, ms (default 1000, doubling). */
  readonly retryDelayMs?: number | undefined;
}

/** What a lookup concluded. */
export type Reconciliation =
  | { readonly kind: 'found'; readonly conversationId: string; readonly source: 'analytics' | 'conversations' }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown'; readonly reasons: readonly string[] };

/** The call a lost create would have placed. */
export interface PlacedCallQuery {
  readonly userId: string;
  /** The dialled number, E.164. */
  readonly e164: string;
  /** Clock time (epoch ms) when the first create attempt started. */
  readonly since: number;
}

/** What reconciliation needs: where to send, the clock, and which token kind. */
export interface ReconcileTarget extends GenesysTarget {
  readonly clock: Clock;
  readonly grant?: 'client' | 'user' | undefined;
}

type Json = Record<string, unknown>;

const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);

/** `tel:+13175550100`, `+13175550100`, `sip:…` → comparable form (E.164 stays as is). */
function number(address: unknown): string | undefined {
  return typeof address === 'string' ? address.replace(/^tel:/i, '').trim() : undefined;
}

function startedSince(value: unknown, since: number, skew: number): boolean {
  const t = typeof value === 'string' ? Date.parse(value) : typeof value === 'number' ? value : NaN;
  return !Number.isNaN(t) && t >= since - skew;
}

/** A conversation of the analytics details query that is the lost call, if it is one. */
function analyticsMatch(conv: Json, q: PlacedCallQuery, skew: number): boolean {
  if (!startedSince(conv['conversationStart'], q.since, skew)) return false;
  const participants = list(conv['participants']);
  const byUser = participants.some((p) => p['userId'] === q.userId);
  const toNumber = participants.some((p) => list(p['sessions']).some((s) => number(s['dnis']) === q.e164));
  return byUser && toNumber;
}

/** A `CallConversation` of the user's active calls that is the lost call, if it is one. */
function callMatch(conv: Json, q: PlacedCallQuery, skew: number): boolean {
  const participants = list(conv['participants']);
  const caller = participants.find(
    (p) => (isPlainObject(p['user']) && p['user']['id'] === q.userId) || p['userId'] === q.userId,
  );
  if (!caller || !startedSince(caller['startTime'], q.since, skew)) return false;
  return participants.some((p) => p !== caller && (number(p['address']) === q.e164 || number(p['dnis']) === q.e164));
}

/** Statuses that will not change by asking again: no permission, no such route. */
const UNAVAILABLE = new Set([401, 403, 404, 405, 501]);

/** A lookup that could not answer; `final` when asking again cannot help. */
class LookupFailed extends Error {
  readonly final: boolean;

  constructor(message: string, status: number) {
    super(message);
    this.final = UNAVAILABLE.has(status);
  }
}

/** The lost call's id, `undefined` when the source answered and it is not there. */
type Lookup = (t: ReconcileTarget, q: PlacedCallQuery, skew: number) => Promise<string | undefined>;

const viaAnalytics: Lookup = async (t, q, skew) => {
  const from = new Date(q.since - skew - 60_000).toISOString();
  const to = new Date(t.clock.now() + 60_000).toISOString();
  const path = '/api/v2/analytics/conversations/details/query';
  const a = await send(t, 'POST', path, {
    interval: `${from}/${to}`,
    order: 'asc',
    orderBy: 'conversationStart',
    paging: { pageSize: 100, pageNumber: 1 },
    segmentFilters: [
      { type: 'and', predicates: [{ type: 'dimension', dimension: 'userId', operator: 'matches', value: q.userId }] },
    ],
  });
  if (a.status !== 200 || !isPlainObject(a.body)) throw new LookupFailed(`POST ${path} answered ${a.status}`, a.status);
  const hit = list(a.body['conversations']).find((c) => analyticsMatch(c, q, skew));
  return typeof hit?.['conversationId'] === 'string' ? hit['conversationId'] : undefined;
};

const viaActiveCalls: Lookup = async (t, q, skew) => {
  const path = '/api/v2/conversations/calls';
  const a = await send(t, 'GET', path);
  if (a.status !== 200 || !isPlainObject(a.body)) throw new LookupFailed(`GET ${path} answered ${a.status}`, a.status);
  const hit = list(a.body['entities']).find((c) => callMatch(c, q, skew));
  return typeof hit?.['id'] === 'string' ? hit['id'] : undefined;
};

/**
 * Look for the call a lost create may have placed.
 * @example
 * const r = await findPlacedCall(deps, { userId, e164: '+13175550100', since: startedAt });
 * if (r.kind === 'found') return r.conversationId; // adopt it instead of creating a second call
 */
export async function findPlacedCall(
  t: ReconcileTarget,
  q: PlacedCallQuery,
  options: ReconcileOptions = {},
): Promise<Reconciliation> {
  const lookups = Math.max(1, options.lookups ?? 3);
  const skew = options.clockSkewMs ?? 5_000;
  const sources: Array<readonly ['analytics' | 'conversations', Lookup]> = [['analytics', viaAnalytics]];
  if (t.grant === 'user') sources.push(['conversations', viaActiveCalls]);
  const reasons: string[] = [];
  for (let round = 1; ; round++) {
    let answered = false;
    let hopeless = true;
    for (const [source, look] of sources) {
      try {
        const id = await look(t, q, skew);
        if (id !== undefined) return { kind: 'found', conversationId: id, source };
        answered = true;
        hopeless = false;
      } catch (e) {
        reasons.push(`${source}: ${(e as Error).message}`);
        if (!(e instanceof LookupFailed && e.final)) hopeless = false;
      }
    }
    if (hopeless) return { kind: 'unknown', reasons };
    // Only the last round decides "absent": a real org may index a new conversation late.
    if (round >= lookups) return answered ? { kind: 'absent' } : { kind: 'unknown', reasons };
    await t.clock.sleep(options.lookupIntervalMs ?? 1_000);
  }
}
