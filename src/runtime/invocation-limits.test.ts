import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESYS_INVOCATION_LIMITS, createInvocationLimiter } from './invocation-limits.ts';

const OFF = { perMinute: 0, perHour: 0, targetRatio: 0 };

describe('invocation limits', () => {
  it('places an invocation over the per-minute limit when the oldest one leaves the window', () => {
    const l = createInvocationLimiter({ ...OFF, perMinute: 2 });
    expect(l.place('a', 0)).toEqual({ at: 0 });
    expect(l.place('b', 10)).toEqual({ at: 10 });
    expect(l.place('c', 20)).toEqual({ at: 60_000, limitedBy: 'per-minute' });
    expect(l.place('d', 20)).toEqual({ at: 60_010, limitedBy: 'per-minute' });
  });

  it('holds the hourly limit, and a share of a minute per workflow', () => {
    const hour = createInvocationLimiter({ ...OFF, perHour: 1 });
    hour.place('a', 5);
    expect(hour.place('a', 6)).toEqual({ at: 3_600_005, limitedBy: 'per-hour' });
    const ratio = createInvocationLimiter({ perMinute: 5, perHour: 0, targetRatio: 0.4 });
    ratio.place('a', 0);
    ratio.place('a', 0);
    expect(ratio.place('a', 0)).toEqual({ at: 60_000, limitedBy: 'target-ratio' });
    expect(ratio.place('b', 0)).toEqual({ at: 0 });
  });

  it('does not fill a window ahead of an invocation already placed in the future', () => {
    const l = createInvocationLimiter({ ...OFF, perMinute: 1 });
    l.place('a', 30_000);
    // At 0 the window (−60 s, 0] is empty, but (−30 s, 30 s] would hold two.
    expect(l.place('a', 0)).toEqual({ at: 90_000, limitedBy: 'per-minute' });
  });

  it('0 and Infinity turn a limit off; release and prune give slots back', () => {
    const off = createInvocationLimiter({ perMinute: Infinity, perHour: 0, targetRatio: 0.8 });
    for (let i = 0; i < 10_000; i++) expect(off.place('a', 0).limitedBy).toBeUndefined();
    const l = createInvocationLimiter({ ...OFF, perMinute: 1 });
    l.place('a', 0);
    l.release('a', 0);
    expect(l.place('a', 0)).toEqual({ at: 0 });
    const h = createInvocationLimiter({ ...OFF, perHour: 1 });
    h.place('a', 0);
    h.prune(3_600_000);
    expect(h.place('a', 3_600_000)).toEqual({ at: 3_600_000 });
  });

  it('defaults to the Genesys numbers: the 4,801st call to one workflow in a minute waits', () => {
    const l = createInvocationLimiter(GENESYS_INVOCATION_LIMITS);
    for (let i = 0; i < 4800; i++) expect(l.place('wf', 0)).toEqual({ at: 0 });
    expect(l.place('wf', 0)).toEqual({ at: 60_000, limitedBy: 'target-ratio' });
    expect(l.place('other', 0)).toEqual({ at: 0 });
  });

  it('never places before the time asked, nor more than the limit in any window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 200_000 })), { maxLength: 40 }),
        (asks) => {
          const l = createInvocationLimiter({ perMinute: 4, perHour: 10, targetRatio: 0.5 });
          const placed = asks.map(([target, t]) => ({ target, ask: t, at: l.place(target, t).at }));
          for (const p of placed) {
            expect(p.at).toBeGreaterThanOrEqual(p.ask);
            const inMinute = (q: { at: number }) => q.at > p.at - 60_000 && q.at <= p.at;
            expect(placed.filter(inMinute).length).toBeLessThanOrEqual(4);
            expect(placed.filter((q) => q.target === p.target && inMinute(q)).length).toBeLessThanOrEqual(2);
            expect(placed.filter((q) => q.at > p.at - 3_600_000 && q.at <= p.at).length).toBeLessThanOrEqual(10);
          }
        },
      ),
    );
  });
});
