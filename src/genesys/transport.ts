/**
 * @module
 * The retry loop under every request (API calls and token requests): 429 waits for `Retry-After`,
 * 5xx and network errors are retried only when repeating the request is safe, and every wait
 * goes through the injected Clock.
 */
import { SwitchboardError } from '../core/index.ts';
import type { Clock, Logger } from '../core/index.ts';
import { GenesysErrors } from './errors.ts';
import type { TokenBucket } from './rate-limit.ts';
import { backoffDelayMs, isIdempotentMethod, isRetryableServerStatus, retryAfterMs } from './retry.ts';
import type { BackoffPolicy } from './retry.ts';

/** How the transport sends one attempt: `fetch(url, init)` shaped, so the global fetch is called directly. */
type Send = (url: string, init: RequestInit) => Promise<Response>;

/** A request body that can be sent more than once (no streams). */
export type ReusableBody = Exclude<BodyInit, ReadableStream>;

/** The transport's fixed settings. */
export interface TransportSettings {
  readonly send: Send;
  readonly clock: Clock;
  /** Total attempts per request, the first included (≥ 1). */
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
  /** A 429 asking for a longer wait is returned at once instead of waited for. */
  readonly maxRetryAfterMs: number;
  /**
   * Per-attempt limit on waiting for response headers, in real time (it bounds socket I/O, not
   * simulated time); undefined leaves it to the fetch implementation (undici: 300 s).
   */
  readonly timeoutMs: number | undefined;
  readonly random: () => number;
  readonly logger: Logger;
}

/** One request, buffered so that it can be sent more than once. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: ReusableBody | undefined;
  readonly signal?: AbortSignal | undefined;
  /** The caller vouches that repeating it is safe (`retryUnsafe`), whatever its method. */
  readonly repeatable?: boolean;
  /** Headers computed before each attempt (a fresh bearer token). */
  readonly authorize?: (() => Promise<Record<string, string>>) | undefined;
  /** Paces attempts (client-side rate limit). */
  readonly bucket?: TokenBucket | undefined;
}

/** The final response and how it was reached. */
export interface Exchange {
  readonly response: Response;
  readonly attempts: number;
  /** For a final 429: how long Genesys asked to wait (or the backoff that would have followed). */
  readonly retryAfterMs: number | undefined;
}

async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

/** Send one attempt, aborting it if no response headers arrive within `timeoutMs`. */
async function sendAttempt(
  settings: TransportSettings,
  url: string,
  init: RequestInit,
  caller: AbortSignal | undefined,
): Promise<Response> {
  const { timeoutMs } = settings;
  if (timeoutMs === undefined) return settings.send(url, caller === undefined ? init : { ...init, signal: caller });
  // One controller and one timer per attempt: AbortSignal.timeout/any cost several times more.
  const ctl = new AbortController();
  const onAbort = (): void => ctl.abort(caller?.reason);
  caller?.addEventListener('abort', onAbort, { once: true });
  if (caller?.aborted) onAbort();
  const timer = setTimeout(
    () => ctl.abort(new DOMException(`no response within ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  try {
    return await settings.send(url, { ...init, signal: ctl.signal });
  } finally {
    // Only the wait for headers is bounded; the caller's signal stays wired to the body.
    clearTimeout(timer);
  }
}

/**
 * Send a request, retrying per the policy. Returns the last response, whatever its status; throws
 * `SB_GENESYS_UNAVAILABLE` only when no response arrived at all.
 * @example
 * const { response, attempts } = await exchange(settings, { method: 'GET', url, headers: new Headers(), body: undefined });
 */
export async function exchange(settings: TransportSettings, req: OutgoingRequest): Promise<Exchange> {
  const { clock, maxAttempts, logger } = settings;
  const repeatable = req.repeatable === true || isIdempotentMethod(req.method);
  for (let attempt = 1; ; attempt++) {
    await req.bucket?.take(req.signal);
    let headers = req.headers;
    if (req.authorize) {
      headers = new Headers(req.headers);
      for (const [k, v] of Object.entries(await req.authorize())) headers.set(k, v);
    }
    let res: Response;
    try {
      res = await sendAttempt(settings, req.url, { method: req.method, headers, body: req.body ?? null }, req.signal);
    } catch (err) {
      if (req.signal?.aborted) throw req.signal.reason;
      if (!repeatable || attempt >= maxAttempts) {
        throw new SwitchboardError(
          GenesysErrors.SB_GENESYS_UNAVAILABLE,
          `Genesys Cloud must be reachable; ${req.method} ${req.url} failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${(err as Error).message}`,
          {
            cause: err,
            details: { method: req.method, url: req.url, attempts: attempt, ...(repeatable ? {} : { retried: false }) },
          },
        );
      }
      const wait = backoffDelayMs(attempt, settings.backoff, settings.random);
      logger.warn(
        { method: req.method, url: req.url, attempt, waitMs: wait, err: (err as Error).message },
        'network error; retrying',
      );
      await clock.sleep(wait, req.signal);
      continue;
    }
    if (res.status === 429) {
      const header = res.headers.get('Retry-After');
      const text =
        header === null
          ? await res
              .clone()
              .text()
              .catch(() => undefined)
          : undefined;
      const asked = retryAfterMs(header, text, clock.now());
      const wait = asked ?? backoffDelayMs(attempt, settings.backoff, settings.random);
      if (attempt >= maxAttempts || wait > settings.maxRetryAfterMs)
        return { response: res, attempts: attempt, retryAfterMs: wait };
      logger.warn({ method: req.method, url: req.url, attempt, waitMs: wait }, 'rate limited (429); waiting');
      await discard(res);
      await clock.sleep(wait, req.signal);
      continue;
    }
    if (isRetryableServerStatus(res.status) && repeatable && attempt < maxAttempts) {
      const asked = retryAfterMs(res.headers.get('Retry-After'), undefined, clock.now());
      const wait =
        asked === undefined
          ? backoffDelayMs(attempt, settings.backoff, settings.random)
          : Math.min(asked, settings.maxRetryAfterMs);
      logger.warn(
        { method: req.method, url: req.url, attempt, status: res.status, waitMs: wait },
        'server error; retrying',
      );
      await discard(res);
      await clock.sleep(wait, req.signal);
      continue;
    }
    return { response: res, attempts: attempt, retryAfterMs: undefined };
  }
}
