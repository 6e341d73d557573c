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
