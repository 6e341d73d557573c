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

/**
 * An HTTP-date (RFC 9110 §5.6.7: IMF-fixdate, RFC 850 or asctime, all GMT) in epoch ms. Only
 * those shapes go to `Date.parse`, which reads almost anything (`-5`, `abc 3`) as some date.
 */
function httpDate(text: string): number | undefined {
  const asctime = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]?\d \d{2}:\d{2}:\d{2} \d{4}$/.test(text);
  if (!asctime && !/^[A-Za-z]{3,9}, \d{2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const at = Date.parse(asctime ? `${text} GMT` : text);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * How long a 429 asks the client to wait, in ms: the `Retry-After` header (seconds, or an HTTP
 * date relative to `now`), else the "[N] seconds" of the normalized 429 message, else undefined.
 * @example
 * retryAfterMs('42', undefined, 0); // 42000
 * retryAfterMs(null, 'Rate limit exceeded the maximum. Retry the request in [3] seconds', 0); // 3000
 */
export function retryAfterMs(header: string | null, bodyText: string | undefined, now: number): number | undefined {
  if (header !== null && header.trim() !== '') {
    const h = header.trim();
    if (/^\d+(\.\d+)?$/.test(h)) return Math.round(Number(h) * 1000);
    const at = httpDate(h);
    if (at !== undefined) return Math.max(0, at - now);
  }
  const m = bodyText === undefined ? null : /\[(\d+)\]\s*seconds?/i.exec(bodyText);
  return m?.[1] === undefined ? undefined : Number(m[1]) * 1000;
}
