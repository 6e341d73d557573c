/**
 * @module
 * The retry policy as pure functions: which requests may be repeated, how long Genesys asks us to
 * wait (platform.md §5.1), and the jittered exponential backoff used when it does not say.
 */

/** Methods that may be sent twice without a second effect (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Statuses worth retrying for an idempotent request; 501 is final (the emulator's "no handler"). */
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

/** Whether a method can be retried after an ambiguous failure (5xx, network error). */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/** Whether a 5xx status is transient. */
export function isRetryableServerStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status);
}

/** The exponential backoff schedule. */
export interface BackoffPolicy {
  /** The first retry waits between baseMs/2 and baseMs. */
  readonly baseMs: number;
  /** No wait exceeds this. */
  readonly maxMs: number;
}

/** 500 ms, 1 s, 2 s, 4 s… capped at 30 s, each with up to 50 % jitter below. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

/**
 * The wait before retry number `attempt` (1 = after the first failure): "equal jitter", i.e. a
 * uniform value in [d/2, d] with d = min(maxMs, baseMs·2^(attempt-1)), so concurrent clients
 * spread out but never retry immediately.
 * @example
 * backoffDelayMs(3, DEFAULT_BACKOFF, () => 1); // 2000
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const d = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(d / 2 + (d / 2) * Math.min(1, Math.max(0, random())));
}

// Shared with the data-action executor, which reads the Retry-After of a remote answer.
export { retryAfterMs } from '../core/index.ts';
