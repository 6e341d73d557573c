import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import { TokenBucket } from './rate-limit.ts';

describe('TokenBucket', () => {
  it('lets a full minute of requests through at once, then paces at perMinute/60 per second', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const bucket = new TokenBucket(300, clock);
    for (let i = 0; i < 300; i++) await bucket.take();
    expect(clock.now()).toBe(start);
    const times: number[] = [];
    const waits = [1, 2, 3].map(() => bucket.take().then(() => times.push(clock.now() - start)));
    await clock.runAll();
    await Promise.all(waits);
    expect(times).toEqual([200, 400, 600]);
  });

  it('refills with time but never above its capacity', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(60, clock);
    for (let i = 0; i < 60; i++) await bucket.take();
    expect(bucket.available).toBe(0);
    await clock.advance(10_000);
    expect(bucket.available).toBeCloseTo(10);
    await clock.advance(3_600_000);
    expect(bucket.available).toBe(60);
  });

  it('gives the token back when a waiter is aborted', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(60, clock);
    for (let i = 0; i < 60; i++) await bucket.take();
    const ac = new AbortController();
    const waiting = bucket.take(ac.signal);
    ac.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(bucket.available).toBe(0);
  });
});
