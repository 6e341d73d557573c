import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import { RateLimiter, tooManyRequests } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('allows the per-minute budget at once, then refills continuously', async () => {
    const clock = new VirtualClock();
    const rl = new RateLimiter(clock, 300);
    for (let i = 0; i < 300; i++) expect(rl.take('t')).toBe(0);
    // One request refills every 200 ms: the caller is told to wait a whole second.
    expect(rl.take('t')).toBe(1);
    await clock.advance(200);
    expect(rl.take('t')).toBe(0);
    expect(rl.take('t')).toBe(1);
  });

  it('keeps a bucket per key and can be disabled', () => {
    const rl = new RateLimiter(new VirtualClock(), 1);
    expect(rl.take('a')).toBe(0);
    expect(rl.take('a')).toBe(60);
    expect(rl.take('b')).toBe(0);
    rl.setPerMinute(0);
    for (let i = 0; i < 1000; i++) expect(rl.take('a')).toBe(0);
  });

  it('drops a bucket once it has been idle for the refill window (an expired token is not kept)', async () => {
    const clock = new VirtualClock();
    const rl = new RateLimiter(clock, 2);
    expect(rl.take('old')).toBe(0);
    expect(rl.take('old')).toBe(0);
    await clock.advance(30_000);
    expect(rl.take('recent')).toBe(0);
    expect(rl.size).toBe(2);
    await clock.advance(29_999);
    expect(rl.take('recent')).toBe(0);
    expect(rl.size).toBe(2);
    await clock.advance(1);
    expect(rl.take('new')).toBe(0);
    // 'old' was idle 60 s: full again, so dropping it changes nothing but memory.
    expect(rl.size).toBe(2);
    expect(rl.take('old')).toBe(0);
    expect(rl.take('old')).toBe(0);
    expect(rl.take('old')).toBe(30);
  });

  it('holds a bounded number of buckets however many tokens come and go', async () => {
    const clock = new VirtualClock();
    const rl = new RateLimiter(clock, 300);
    for (let i = 0; i < 10_000; i++) {
      rl.take(`token-${i}`);
      await clock.advance(100);
    }
    // One new key every 100 ms: at most one refill window's worth (600) is held.
    expect(rl.size).toBeLessThanOrEqual(600);
    expect(rl.size).toBeGreaterThan(500);
  });

  it('builds the normalized 429', () => {
    const e = tooManyRequests(41.2);
    expect(e.status).toBe(429);
    expect(e.headers).toEqual({ 'Retry-After': '42' });
    expect(e.body('ctx')).toEqual({
      message: 'Rate limit exceeded the maximum. Retry the request in [42] seconds',
      code: 'too.many.requests.retry.after',
      status: 429,
      contextId: 'ctx',
      details: [],
      errors: [],
    });
  });
});
