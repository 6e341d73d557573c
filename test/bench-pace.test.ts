// The end-to-end bench's load generator: calls go out one by one at their due time, never early.
import { describe, expect, it } from 'vitest';
import { dueBy, pace, percentile } from '../bench/pace.ts';

describe('bench pacing', () => {
  it('counts the calls due: call i is due at i / rate seconds', () => {
    // 500 calls/s: one every 2 ms, call 0 at once.
    expect([dueBy(-1, 500), dueBy(0, 500), dueBy(1.99, 500), dueBy(2, 500), dueBy(1000, 500)]).toEqual([
      0, 1, 1, 2, 501,
    ]);
  });

  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(xs, 50), percentile(xs, 99), percentile(xs, 100)]).toEqual([50, 99, 100]);
    expect(percentile([], 99)).toBeNaN();
  });

  it('places the offered number of calls, each at or after its own due time, never in a burst ahead of it', async () => {
    const at: number[] = [];
    const r = await pace(200, 300, () => at.push(performance.now()));
    expect(r.placed).toBe(60);
    expect(at).toHaveLength(60);
    // Relative to call 0, call i never goes out before i × 5 ms (timer rounding: 1 ms).
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[0]!).toBeGreaterThanOrEqual(i * 5 - 1);
    expect(r.achieved).toBeLessThanOrEqual(200 * 1.01);
    expect(r.lagP50).toBeGreaterThanOrEqual(0);
    expect(r.lagMax).toBeGreaterThanOrEqual(r.lagP99);
  });
});
