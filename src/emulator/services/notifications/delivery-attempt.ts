/**
 * @module
 * One delivery attempt of a queued EventBridge event to its API destination (api-destinations.ts
 * holds the why and the sources): the POST within the endpoint's deadline, what the answer means,
 * and what it does to the queue and to the destination's pacing: delivered, retried later with
 * backoff, or dead-lettered.
 */
import type { Logger } from '../../../core/index.ts';
import { retryAfterMs } from '../../../core/index.ts';
import type { DestinationSettings, QueuedEvent, SqliteOutbox } from '../../state/outbox.ts';
import { backoffMs, retriedStatus } from './delivery-policy.ts';
import type { TopicMatcher } from './topics.ts';

/** A destination's delivery state while the emulator runs. */
export interface Worker {
  orgId: string;
  settings: DestinationSettings;
  matchers: TopicMatcher[];
  inFlight: Map<number, AbortController>;
  failures: number;
  blockedUntil: number;
  lastError: string | undefined;
  lastDeliveredAt: number | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  pumping: boolean;
}

/** What an attempt uses of the destinations' options. */
interface AttemptContext {
  readonly outbox: SqliteOutbox;
  readonly logger: Logger | undefined;
  readonly fetch: typeof globalThis.fetch;
  readonly now: () => number;
  readonly random: () => number;
  readonly timeoutMs: number;
  readonly backoff: { readonly baseMs: number; readonly maxMs: number };
}

/** How an attempt ended: delivered, or failed with its error and whether it is worth another. */
type Outcome = { ok: true } | { ok: false; retry: boolean; error: string; retryAfterMs?: number };

/**
 * POST one queued envelope to a destination, aborted by `ac` or after the endpoint's deadline, and
 * tell what the answer means.
 * @example
 * const outcome = await postEnvelope(w.settings, row.envelope, new AbortController(), o);
 */
export async function postEnvelope(
  settings: DestinationSettings,
  envelope: string,
  ac: AbortController,
  o: AttemptContext,
): Promise<Outcome> {
  const timeout = setTimeout(() => ac.abort(new Error(`no answer within ${o.timeoutMs} ms`)), o.timeoutMs);
  timeout.unref();
  let outcome: Outcome;
  try {
    const res = await o.fetch(settings.url, {
      method: 'POST',
      headers: { ...settings.headers, 'Content-Type': 'application/json' },
      body: envelope,
      signal: ac.signal,
    });
    const text = await res.text().catch(() => '');
    if (res.ok) outcome = { ok: true };
    else {
      const wait = retryAfterMs(res.headers.get('Retry-After'), undefined, o.now());
      outcome = {
        ok: false,
        retry: retriedStatus(res.status),
        error: `HTTP ${res.status}${text ? `: ${text.slice(0, 300)}` : ''}`,
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
      };
    }
  } catch (e) {
    const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
    const reason =
      ac.signal.aborted && ac.signal.reason instanceof Error
        ? ac.signal.reason.message
        : (cause?.code ?? cause?.message ?? (e as Error).message);
    outcome = { ok: false, retry: true, error: `no answer: ${reason}` };
  } finally {
    clearTimeout(timeout);
  }
  return outcome;
}

/**
 * Record an attempt's outcome in the queue and the destination's pacing: delivered, dead-lettered
 * (not retried, or past the retry limits), or retried after the backoff (or a longer `Retry-After`).
 * @example
 * settleAttempt(w, row, await postEnvelope(w.settings, row.envelope, ac, o), o);
 */
export function settleAttempt(w: Worker, row: QueuedEvent, outcome: Outcome, o: AttemptContext): void {
  const attempts = row.attempts + 1;
  const now = o.now();
  try {
    if (outcome.ok) {
      o.outbox.delivered(w.orgId, w.settings.name, row.seq);
      w.failures = 0;
      w.blockedUntil = 0;
      w.lastDeliveredAt = now;
    } else if (!outcome.retry) {
      deadLetter(w, row, attempts, outcome.error, o);
    } else if (attempts > w.settings.maxRetryAttempts || now - row.firstAt > w.settings.maxEventAgeSeconds * 1000) {
      deadLetter(w, row, attempts, `gave up after ${attempts} attempts; last error: ${outcome.error}`, o);
    } else {
      w.failures++;
      w.lastError = outcome.error;
      const wait = Math.max(backoffMs(w.failures, o.random, o.backoff), outcome.retryAfterMs ?? 0);
      w.blockedUntil = Math.max(w.blockedUntil, now + wait);
      o.outbox.retryLater(w.orgId, w.settings.name, row.seq, attempts, w.blockedUntil, outcome.error);
      if (w.failures === 1)
        o.logger?.warn(
          { destination: w.settings.name, url: w.settings.url, err: outcome.error, retryInMs: wait },
          'EventBridge destination failed; retrying with backoff',
        );
    }
  } catch (e) {
    o.logger?.error(
      { err: (e as Error).message, destination: w.settings.name },
      'the EventBridge outbox could not be updated',
    );
  }
}

/**
 * Give up on an event: it is kept in the destination's dead letters with the error.
 * @example
 * deadLetter(w, row, row.attempts, 'not delivered within the retention window of 86400 s', o);
 */
export function deadLetter(
  w: Worker,
  row: QueuedEvent,
  attempts: number,
  error: string,
  o: Pick<AttemptContext, 'outbox' | 'logger' | 'now'>,
): void {
  w.lastError = error;
  o.outbox.deadLetter(w.orgId, w.settings.name, row, attempts, o.now(), error);
  o.logger?.warn({ destination: w.settings.name, eventId: row.eventId, err: error }, 'EventBridge event dead-lettered');
}
