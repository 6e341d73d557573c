/**
 * @module
 * The per-token request limit (platform.md §5.3: 300 requests per minute per token) as a token
 * bucket on the injected clock, and the exact 429 Genesys answers (platform.md §5.1).
 */
import type { Clock } from '../core/index.ts';
import { ApiError } from './errors.ts';

/** The Genesys default: `token.rate.per.minute` = 300. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 300;

/** An empty bucket is full again after one minute, whatever the limit. */
const REFILL_WINDOW_MS = 60_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key (the bearer token): `perMinute` requests, refilled continuously. A bucket
 * idle for the refill window is full, the same as no bucket, so it is dropped: tokens that expired
 * or were abandoned do not accumulate.
 * @example
 * const limiter = new RateLimiter(clock, 300);
 * const wait = limiter.take(token); // 0 = allowed, else seconds until the next request fits
 */
export class RateLimiter {
  readonly #clock: Clock;
  readonly #buckets = new Map<string, Bucket>();
  #perMinute: number;

  /** `perMinute <= 0` or `Infinity` disables the limit. */
  constructor(clock: Clock, perMinute = DEFAULT_RATE_LIMIT_PER_MINUTE) {
    this.#clock = clock;
    this.#perMinute = perMinute;
  }

  /** The configured requests per minute. */
  get perMinute(): number {
    return this.#perMinute;
  }

  /** How many buckets are held (keys seen within the last refill window, at the last request). */
  get size(): number {
    return this.#buckets.size;
  }

  /** Change the limit (buckets start full again). */
  setPerMinute(perMinute: number): void {
    this.#perMinute = perMinute;
    this.#buckets.clear();
  }

  /**
   * Spend one request for `key`. Returns 0 when allowed, otherwise the whole seconds (≥ 1) until
   * one request fits again.
   */
  take(key: string): number {
    const limit = this.#perMinute;
    if (!(limit > 0) || limit === Infinity) return 0;
    const now = this.#clock.now();
    const perMs = limit / 60_000;
    const b = this.#buckets.get(key) ?? { tokens: limit, at: now };
    b.tokens = Math.min(limit, b.tokens + (now - b.at) * perMs);
    b.at = now;
    // Re-inserted, so the map stays ordered by last use and idle buckets are found at its front.
    this.#buckets.delete(key);
    this.#buckets.set(key, b);
    this.#evictIdle(now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
  }

  /** Drop the buckets idle for the refill window: each is dropped once, so O(1) amortized per request. */
  #evictIdle(now: number): void {
    for (const [key, b] of this.#buckets) {
      if (now - b.at < REFILL_WINDOW_MS) return;
      this.#buckets.delete(key);
    }
  }
}

/**
 * The 429 every Genesys resource answers since the normalized format (platform.md §5.1): body and
 * `Retry-After` header (seconds).
 * @example
 * throw tooManyRequests(42); // "Rate limit exceeded the maximum. Retry the request in [42] seconds"
 */
export function tooManyRequests(retryAfterSeconds: number): ApiError {
  const s = Math.max(1, Math.ceil(retryAfterSeconds));
  return new ApiError(
    429,
    'too.many.requests.retry.after',
    `Rate limit exceeded the maximum. Retry the request in [${s}] seconds`,
    {},
    { 'Retry-After': String(s) },
  );
}
