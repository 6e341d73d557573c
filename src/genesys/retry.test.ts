import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelayMs, isIdempotentMethod, isRetryableServerStatus, retryAfterMs } from './retry.ts';

describe('retryAfterMs', () => {
  it('reads Retry-After in seconds (platform.md §5.1)', () => {
    expect(retryAfterMs('42', undefined, 0)).toBe(42_000);
    expect(retryAfterMs(' 0 ', undefined, 0)).toBe(0);
    expect(retryAfterMs('1.5', undefined, 0)).toBe(1500);
  });

  it('reads Retry-After as an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-05T09:00:00Z');
    expect(retryAfterMs('Mon, 05 Jan 2026 09:00:10 GMT', undefined, now)).toBe(10_000);
    expect(retryAfterMs('Mon, 05 Jan 2026 08:00:00 GMT', undefined, now)).toBe(0);
  });

  it('falls back to the "[N] seconds" of the normalized 429 message', () => {
    const body = JSON.stringify({
      message: 'Rate limit exceeded the maximum. Retry the request in [7] seconds',
      code: 'too.many.requests.retry.after',
    });
    expect(retryAfterMs(null, body, 0)).toBe(7000);
    expect(retryAfterMs('', body, 0)).toBe(7000);
    expect(retryAfterMs('42', body, 0)).toBe(42_000);
  });

  it('does not read a malformed header as a date (V8 parses "-5" or "abc 3" as dates in 2001)', () => {
    const now = Date.parse('2026-01-05T09:00:00Z');
    for (const header of ['-5', 'abc 3', '3,5', 'soon 2'])
      expect(retryAfterMs(header, undefined, now), header).toBeUndefined();
    const body = 'Rate limit exceeded the maximum. Retry the request in [7] seconds';
    expect(retryAfterMs('-5', body, now)).toBe(7000);
    // The three HTTP-date forms of RFC 9110 §5.6.7 still count.
    expect(retryAfterMs('Monday, 05-Jan-26 09:00:30 GMT', undefined, now)).toBe(30_000);
    expect(retryAfterMs('Mon Jan  5 09:00:20 2026', undefined, now)).toBe(20_000);
  });

  it('is undefined when neither says', () => {
    expect(retryAfterMs(null, '{"code":"too.many.requests"}', 0)).toBeUndefined();
    expect(retryAfterMs('soon', undefined, 0)).toBeUndefined();
  });
});

describe('backoffDelayMs', () => {
  it('doubles from baseMs with equal jitter and stops at maxMs', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, DEFAULT_BACKOFF, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, DEFAULT_BACKOFF, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelayMs(30, DEFAULT_BACKOFF, () => 1)).toBe(30_000);
  });

  it('always lies within [d/2, d]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const d = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.baseMs * 2 ** (attempt - 1));
        const wait = backoffDelayMs(attempt, DEFAULT_BACKOFF, () => r);
        return wait >= Math.floor(d / 2) && wait <= d;
      }),
    );
  });
});

describe('what may be repeated', () => {
  it('treats GET, HEAD, PUT, DELETE, OPTIONS as idempotent, not POST or PATCH', () => {
    expect(['GET', 'head', 'PUT', 'DELETE', 'OPTIONS'].every(isIdempotentMethod)).toBe(true);
    expect(['POST', 'PATCH'].some(isIdempotentMethod)).toBe(false);
  });

  it('retries 500, 502, 503, 504 but not 501 (no handler) or 4xx', () => {
    expect([500, 502, 503, 504].every(isRetryableServerStatus)).toBe(true);
    expect([501, 400, 404, 429].some(isRetryableServerStatus)).toBe(false);
  });
});
