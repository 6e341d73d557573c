/**
 * @module
 * A client-side token bucket, so one client stays under Genesys's per-token limit
 * (`client.credentials.token.rate.per.minute` = 300, platform.md §5.3) instead of collecting 429s.
 */
import type { Clock } from '../core/index.ts';

/**
 * A token bucket refilled continuously at `perMinute` per minute, holding at most `perMinute`
 * tokens. Waiters reserve their token first, so they are served in arrival order.
 * @example
 * const bucket = new TokenBucket(300, clock);
 * await bucket.take(); // resolves at once while tokens last, then paces at 5/s
 */
export class TokenBucket {
  readonly perMinute: number;
  readonly #clock: Clock;
  #tokens: number;
  #last: number;

  constructor(perMinute: number, clock: Clock) {
    if (!(perMinute > 0)) throw new RangeError(`token bucket rate must be positive; got ${perMinute}`);
    this.perMinute = perMinute;
    this.#clock = clock;
    this.#tokens = perMinute;
    this.#last = clock.now();
  }

  /** Tokens available now (negative while callers are queued). */
  get available(): number {
    this.#refill();
    return this.#tokens;
  }

  /** Take one token, waiting (on the clock) until it is available. */
  async take(signal?: AbortSignal): Promise<void> {
    this.#refill();
    this.#tokens -= 1;
    if (this.#tokens >= 0) return;
    const rate = this.perMinute / 60_000;
    try {
      await this.#clock.sleep(Math.ceil(-this.#tokens / rate), signal);
    } catch (e) {
      this.#tokens += 1;
      throw e;
    }
  }

  #refill(): void {
    const now = this.#clock.now();
    this.#tokens = Math.min(this.perMinute, this.#tokens + (now - this.#last) * (this.perMinute / 60_000));
    this.#last = now;
  }
}
