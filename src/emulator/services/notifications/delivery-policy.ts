/**
 * @module
 * How the emulator's EventBridge API destinations retry (api-destinations.ts holds the why and the
 * sources): EventBridge's defaults, the endpoint's deadline, the backoff with jitter, which answers
 * are retried, and what a destination reports.
 */
import type { StoredDestination } from '../../state/outbox.ts';

/** A destination's delivery state, as far as its view shows it. */
interface DeliveryState {
  failures: number;
  blockedUntil: number;
  lastError: string | undefined;
  lastDeliveredAt: number | undefined;
}

/** EventBridge's default retention of an undelivered event: 24 hours. */
export const DEFAULT_MAX_EVENT_AGE_SECONDS = 86_400;
/** EventBridge's default and largest number of retries: 185. */
export const DEFAULT_MAX_RETRY_ATTEMPTS = 185;
/** How long an API destination endpoint has to answer (AWS: 5 seconds). */
export const DELIVERY_TIMEOUT_MS = 5_000;
/** [INFERRED] Requests in flight to one healthy destination. */
export const DELIVERY_CONCURRENCY = 8;
/** [INFERRED] First backoff 1 s, doubling, capped at 8 minutes: 185 attempts then span about a day. */
export const BACKOFF = { baseMs: 1_000, maxMs: 480_000 } as const;

/** What a destination reports. */
export interface DestinationView {
  readonly name: string;
  readonly orgId: string;
  readonly url: string;
  readonly topics: readonly string[];
  /** Header names only: values may be credentials. */
  readonly headers: readonly string[];
  readonly suffix: string;
  readonly maxEventAgeSeconds: number;
  readonly maxRetryAttempts: number;
  /** Events waiting for delivery (due or backing off). */
  readonly queued: number;
  readonly published: number;
  readonly delivered: number;
  readonly failedAttempts: number;
  readonly deadLettered: number;
  /** `ok`: the last attempt succeeded (or none failed); `retrying`: backing off after a failure. */
  readonly state: 'ok' | 'retrying';
  readonly consecutiveFailures: number;
  readonly lastError?: string;
  /** When the next attempt may go (ISO), while retrying. */
  readonly retryAt?: string;
  readonly lastDeliveredAt?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * The backoff before attempt `failures + 1` of a destination after `failures` failures in a row:
 * exponential, capped, with "equal jitter" (half fixed, half random, so it is never zero).
 * @example
 * backoffMs(1, () => 0.5) // 750
 */
export function backoffMs(
  failures: number,
  random: () => number,
  policy: { baseMs: number; maxMs: number } = BACKOFF,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Whether a destination's answer is worth another attempt (else the event is dead-lettered). */
export function retriedStatus(status: number): boolean {
  return status === 401 || status === 407 || status === 408 || status === 409 || status === 429 || status >= 500;
}

/** What a destination reports: its settings (header names only), counters and delivery state. */
export function destinationView(
  d: StoredDestination,
  w: Pick<DeliveryState, 'failures' | 'lastError' | 'blockedUntil' | 'lastDeliveredAt'> | undefined,
  queued: number,
): DestinationView {
  const s = d.settings;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const retrying = w !== undefined && w.failures > 0;
  return {
    name: s.name,
    orgId: d.orgId,
    url: s.url,
    topics: s.topics,
    headers: Object.keys(s.headers),
    suffix: s.suffix,
    maxEventAgeSeconds: s.maxEventAgeSeconds,
    maxRetryAttempts: s.maxRetryAttempts,
    queued,
    ...d.counters,
    state: retrying ? 'retrying' : 'ok',
    consecutiveFailures: w?.failures ?? 0,
    ...(w?.lastError === undefined ? {} : { lastError: w.lastError }),
    ...(retrying && w.blockedUntil > 0 ? { retryAt: iso(w.blockedUntil) } : {}),
    ...(w?.lastDeliveredAt === undefined ? {} : { lastDeliveredAt: iso(w.lastDeliveredAt) }),
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}
