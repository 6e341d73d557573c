/**
 * @module
 * `placeCall`: place a call from a user to a phone number, robustly. Order of work: the number
 * is normalized (no request is sent for an impossible number), the idempotency key is looked up,
 * the caller is pre-checked, the call is created on the route the token allows (platform.md
 * §4.1) — reconciling before any second attempt, so a lost answer never places two calls — and
 * its progress is followed.
 */
import { SwitchboardError, isPlainObject } from '../core/index.ts';
import type { Clock, Logger } from '../core/index.ts';
import { mapFailure, send } from './http-api.ts';
import type { ApiAnswer, GenesysTarget } from './http-api.ts';
import { outcomeFromDetails } from './call-state.ts';
import type { CallConversationLike, UnansweredOutcome } from './call-state.ts';
import { OutboundErrors } from './errors.ts';
import { createOnce } from './idempotency.ts';
import type { IdempotencyEntry, IdempotencyStore } from './idempotency.ts';
import { normalizeNumber } from './numbers.ts';
import { checkPresence, checkStation, resolveMe, resolveUser } from './prechecks.ts';
import { collectProgress, followCall } from './progress.ts';
import { findPlacedCall } from './reconcile.ts';
import type { ReconcileOptions } from './reconcile.ts';
import type { CallEventSource, CallProgress } from './progress.ts';

/** What placing calls needs. */
export interface OutboundDeps extends GenesysTarget {
  readonly clock: Clock;
  /**
   * Whose token `fetch` carries. `client` (default): client credentials, so the call is created
   * on behalf of the user (`POST /api/v2/conversations/calls/user/{userId}`). `user`: a user
   * token, so the call is the token user's own (`POST /api/v2/conversations/calls`).
   */
  readonly grant?: 'client' | 'user' | undefined;
  /** Events of the org (notifications / detail events); without it, progress is polled. */
  readonly events?: CallEventSource | undefined;
  /** Remembers idempotency keys; without it, keys are still sent but not remembered here. */
  readonly idempotency?: IdempotencyStore | undefined;
  /** Region of national numbers (ISO 3166 alpha-2), unless a request names one. */
  readonly defaultRegion?: string | undefined;
  /** System presences that refuse calls (default Offline, Meal, Break). */
  readonly refusedPresences?: readonly string[] | undefined;
  /** Progress following: poll interval, safety poll with events, and the wait limit (ms). */
  readonly follow?:
    | { readonly pollIntervalMs?: number; readonly eventPollIntervalMs?: number; readonly timeoutMs?: number }
    | undefined;
  /** Looking for a call whose create answer was lost, and creating again when none was placed. */
  readonly reconcile?: ReconcileOptions | undefined;
  readonly logger?: Logger | undefined;
}

/** A call to place. */
export interface PlaceCallRequest {
  /** The caller: a user id, an email or `station:<id>`. Optional with a user token (the token's user). */
  readonly from?: string | undefined;
  /** The number to call, as typed: `(317) 555-1234`, `+44 20 7946 0958`, `tel:+13175551234`. */
  readonly to: string;
  /** Place the call on behalf of this queue (`callFromQueueId`). */
  readonly queueId?: string | undefined;
  /** Follow the call to its end before returning. */
  readonly wait?: boolean | undefined;
  /** The same key never places two calls. */
  readonly idempotencyKey?: string | undefined;
  /** Region of a national number, overriding the default. */
  readonly defaultRegion?: string | undefined;
  /**
   * With `wait`: stop following the call when aborted (placeCall then rejects with the abort
   * reason). The call is not cancelled: once placed, it goes on.
   */
  readonly signal?: AbortSignal | undefined;
}

/** A placed call. */
export interface PlacedCall {
  readonly conversationId: string;
  /** The number dialed, E.164. */
  readonly e164: string;
  readonly userId: string;
  readonly queueId: string | undefined;
  /** True when the idempotency key had already placed this call (nothing new was created). */
  readonly replayed: boolean;
  /** True when the create's answer was lost and the call was found by reconciliation. */
  readonly reconciled: boolean;
  /** The call's progress, followed when iterated (each iteration follows afresh). */
  readonly progress: AsyncIterable<CallProgress>;
  /** With `wait`: every step, in order. */
  readonly steps?: readonly CallProgress[];
  /** With `wait`: the last step (`disconnected`). */
  readonly final?: CallProgress;
}

function badRequest(field: string, message: string, received: unknown): SwitchboardError {
  return new SwitchboardError(OutboundErrors.SB_OUTBOUND_BAD_REQUEST, message, { details: { field, received } });
}

/** 5xx answers after which the request may or may not have been processed (501 is final). */
const AMBIGUOUS = new Set([500, 502, 503, 504]);

/** A created call: its id, and whether it was found by reconciliation after a lost answer. */
interface Created {
  readonly conversationId: string;
  readonly reconciled: boolean;
}

/**
 * Create the call on the route the grant allows. After an ambiguous failure (5xx, network error)
 * the call may exist: reconcile first (`reconcile.ts`) and adopt it; create again only when the
 * lookup shows that nothing was placed, and fail as uncertain when it cannot tell.
 */
async function createCall(
  deps: OutboundDeps,
  userId: string,
  e164: string,
  queueId: string | undefined,
  key: string | undefined,
): Promise<Created> {
  const path =
    deps.grant === 'user'
      ? '/api/v2/conversations/calls'
      : `/api/v2/conversations/calls/user/${encodeURIComponent(userId)}`;
  const operation = `POST ${path}`;
  const body = { phoneNumber: e164, ...(queueId === undefined ? {} : { callFromQueueId: queueId }) };
  const since = deps.clock.now();
  const attempts = Math.max(1, deps.reconcile?.createAttempts ?? 3);
  for (let attempt = 1; ; attempt++) {
    let answer: ApiAnswer | undefined;
    let lost: unknown;
    try {
      // The key travels too: an API that honours Idempotency-Key dedupes a create sent again.
      answer = await send(deps, 'POST', path, body, key === undefined ? {} : { 'Idempotency-Key': key });
    } catch (e) {
      lost = e;
    }
    if (answer !== undefined && !AMBIGUOUS.has(answer.status))
      return { conversationId: createdId(answer, operation), reconciled: false };
    const what =
      answer === undefined ? `failed (${(lost as Error)?.message ?? String(lost)})` : `answered ${answer.status}`;
    const found = await findPlacedCall(deps, { userId, e164, since }, deps.reconcile);
    if (found.kind === 'found') return { conversationId: found.conversationId, reconciled: true };
    if (found.kind === 'unknown') {
      throw new SwitchboardError(
        OutboundErrors.SB_OUTBOUND_CREATE_UNCERTAIN,
        `a call whose create ${what} must be looked up before it is placed again; the lookup could not tell whether user ${userId} is calling ${e164} (${found.reasons.join('; ')})`,
        {
          details: { operation, userId, e164, attempts: attempt, reasons: [...found.reasons] },
          ...(lost === undefined ? {} : { cause: lost }),
        },
      );
    }
    if (attempt >= attempts) {
      if (answer !== undefined) throw mapFailure(answer, operation);
      throw new SwitchboardError(
        OutboundErrors.SB_OUTBOUND_API,
        `Genesys Cloud must answer ${operation}; it ${what} ${attempts} time${attempts === 1 ? '' : 's'} and placed nothing`,
        {
          details: { operation, attempts },
          cause: lost,
        },
      );
    }
    deps.logger?.warn(
      { operation, attempt, what },
      'create failed without a clear answer and placed nothing; creating again',
    );
    await deps.clock.sleep((deps.reconcile?.retryDelayMs ?? 1_000) * 2 ** (attempt - 1));
  }
}

/** The id of a 2xx CreateCallResponse; other answers are mapped to outbound errors. */
function createdId(a: ApiAnswer, operation: string): string {
  if (a.status >= 200 && a.status < 300 && isPlainObject(a.body) && typeof a.body['id'] === 'string')
    return a.body['id'];
  if (a.status >= 200 && a.status < 300) {
    throw new SwitchboardError(
      OutboundErrors.SB_OUTBOUND_API,
      `${operation} must answer a CreateCallResponse with an id; got ${JSON.stringify(a.body)?.slice(0, 200)}`,
      {
        details: { operation, status: a.status },
      },
    );
  }
  throw mapFailure(a, operation);
}

/**
 * Read a call conversation (the progress follower's view).
 * @example
 * const conv = await readCall(deps, conversationId);
 */
async function readCall(target: GenesysTarget, conversationId: string): Promise<CallConversationLike> {
  const path = `/api/v2/conversations/calls/${encodeURIComponent(conversationId)}`;
  const a = await send(target, 'GET', path);
  if (a.status === 200 && isPlainObject(a.body)) return a.body;
  throw mapFailure(a, `GET ${path}`);
}

/**
 * Why an unanswered call ended, from its analytics details' SIP / Q.850 causes. Best effort: a
 * client without `analytics:conversationDetail:view` keeps the Conversations API's reading.
 */
async function explainUnanswered(
  target: GenesysTarget,
  conversationId: string,
): Promise<UnansweredOutcome | undefined> {
  const a = await send(target, 'GET', `/api/v2/analytics/conversations/${encodeURIComponent(conversationId)}/details`);
  return a.status === 200 ? outcomeFromDetails(a.body) : undefined;
}

/**
 * Follow a call's progress with the deps' event source (or polling) and clock, until the call is
 * over or `signal` is aborted.
 * @example
 * for await (const step of followPlacedCall(deps, conversationId)) console.log(step.state);
 */
function followPlacedCall(
  deps: OutboundDeps,
  conversationId: string,
  signal?: AbortSignal,
): AsyncIterable<CallProgress> {
  return {
    [Symbol.asyncIterator]: () =>
      followCall({
        conversationId,
        read: (id) => readCall(deps, id),
        clock: deps.clock,
        events: deps.events,
        pollIntervalMs: deps.follow?.pollIntervalMs,
        eventPollIntervalMs: deps.follow?.eventPollIntervalMs,
        timeoutMs: deps.follow?.timeoutMs,
        explain: (id) => explainUnanswered(deps, id),
        signal,
      }),
  };
}

/**
 * Place a call from a user to a number, and follow it.
 * @throws SwitchboardError `SB_OUTBOUND_BAD_NUMBER` (400, before any request),
 *   `SB_OUTBOUND_BAD_REQUEST` (400), `SB_OUTBOUND_USER_NOT_FOUND` (404),
 *   `SB_OUTBOUND_USER_STATE` / `SB_OUTBOUND_NO_STATION` / `SB_OUTBOUND_PERMISSION` (403),
 *   `SB_OUTBOUND_IDEMPOTENCY_CONFLICT` (409), `SB_OUTBOUND_RATE_LIMITED` (429),
 *   `SB_OUTBOUND_CREATE_UNCERTAIN` (502: the create's answer was lost and the lookup could not tell);
 *   with `wait`, the abort reason once `request.signal` is aborted (the call stays placed)
 * @example
 * const call = await placeCall(deps, { from: 'bob@example.com', to: '(317) 555-0100', wait: true });
 * call.final?.state // 'disconnected'; call.steps → dialing, connected, disconnected
 */
export async function placeCall(deps: OutboundDeps, request: PlaceCallRequest): Promise<PlacedCall> {
  if (typeof request.to !== 'string')
    throw badRequest('to', `to must be a phone number string; got ${JSON.stringify(request.to)}`, request.to);
  const from = request.from?.trim();
  if (deps.grant !== 'user' && (from === undefined || from === '')) {
    throw badRequest(
      'from',
      'from must name the user the call is placed for (user id, email or station:<id>); got nothing',
      request.from ?? null,
    );
  }
  const queueId = request.queueId?.trim() || undefined;
  const key = request.idempotencyKey?.trim() || undefined;
  if (request.idempotencyKey !== undefined && key === undefined)
    throw badRequest('idempotencyKey', 'idempotencyKey must not be blank', request.idempotencyKey);
  const defaultRegion = request.defaultRegion ?? deps.defaultRegion;
  const number = normalizeNumber(request.to, defaultRegion === undefined ? {} : { defaultRegion });

  const fingerprint = JSON.stringify([
    deps.grant ?? 'client',
    from?.toLowerCase() ?? null,
    number.e164,
    queueId ?? null,
  ]);
  let reconciled = false;
  const place = async (): Promise<IdempotencyEntry> => {
    const user = deps.grant === 'user' ? await resolveMe(deps, from) : await resolveUser(deps, from!);
    await checkPresence(deps, user.id, deps.refusedPresences);
    await checkStation(deps, user.id);
    const made = await createCall(deps, user.id, number.e164, queueId, key);
    reconciled = made.reconciled;
    return { conversationId: made.conversationId, fingerprint, createdAt: deps.clock.now(), userId: user.id };
  };
  let created: { entry: IdempotencyEntry; replayed: boolean };
  if (key !== undefined && deps.idempotency) created = await createOnce(deps.idempotency, key, fingerprint, place);
  else created = { entry: await place(), replayed: false };

  const { conversationId, userId } = created.entry;
  const progress = followPlacedCall(deps, conversationId);
  const base = { conversationId, e164: number.e164, userId, queueId, replayed: created.replayed, reconciled, progress };
  if (!request.wait) return base;
  const steps = await collectProgress(followPlacedCall(deps, conversationId, request.signal));
  return { ...base, steps, ...(steps.length > 0 ? { final: steps[steps.length - 1]! } : {}) };
}
