import { describe, expect, it } from 'vitest';
import { activityColumns, stepBars } from './activity-series.ts';
import type { StepView } from './types.ts';

describe('activity series', () => {
  it('turns buckets into uPlot columns: seconds, events, runs by outcome (pending, running and waiting are in progress)', () => {
    const cols = activityColumns({
      from: 0,
      to: 120_000,
      bucketMs: 60_000,
      buckets: [
        { at: 0, events: 5, runs: { completed: 2, waiting: 1, running: 1 }, runsWithFailedSteps: 1 },
        { at: 60_000, events: 0, runs: { failed: 1, cancelled: 1, pending: 2 }, runsWithFailedSteps: 0 },
      ],
    });
    expect(cols.x).toEqual([0, 60]);
    expect(cols.events).toEqual([5, 0]);
    expect(cols.runs).toEqual({
      completed: [2, 0],
      failed: [0, 1],
      active: [2, 2],
      cancelled: [0, 1],
      withFailedSteps: [1, 0],
    });
    expect(cols.totals).toEqual({ events: 5, runs: 8, failed: 1 });
  });
});

describe('step bars', () => {
  const step = (
    stepId: string,
    kind: StepView['kind'],
    startedAt: number,
    completedAt: number,
    over: Partial<StepView> = {},
  ): StepView => ({
    stepId,
    seq: 0,
    kind,
    name: stepId,
    status: 'ok',
    startedAt,
    completedAt,
    durationMs: completedAt - startedAt,
    ...over,
  });

  it('places each step on the run clock: a 5-minute wait spans most of a run that took its time there', () => {
    const t0 = 1_000_000;
    const { bars, spanMs } = stepBars(
      [
        step('fetch', 'action', t0, t0 + 2_000, { wallDurationMs: 15, path: 'failure' }),
        step('wait', 'sleep', t0 + 2_000, t0 + 302_000, { wallDurationMs: 3 }),
        step('after', 'run', t0 + 302_000, t0 + 302_000),
      ],
      t0,
      t0 + 310_000,
    );
    expect(spanMs).toBe(310_000);
    expect(bars.map((b) => [b.stepId, Math.round(b.left), Math.round(b.width * 10) / 10, b.failed])).toEqual([
      ['fetch', 0, 0.6, true],
      ['wait', 1, 96.8, false],
      ['after', 97, 0.5, false],
    ]);
    expect(bars[1]).toMatchObject({ runMs: 300_000, wallMs: 3 });
  });

  it('spans to the last step of a run still going, and never draws outside the track', () => {
    const { bars, spanMs } = stepBars([step('a', 'run', 10, 10), step('b', 'run', 10, 50)], 10, undefined);
    expect(spanMs).toBe(40);
    expect(bars.every((b) => b.left >= 0 && b.left + b.width <= 100.5)).toBe(true);
  });
});
