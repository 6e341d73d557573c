/**
 * @module
 * Activity over time as chart series (pure): `/api/activity` buckets → the columns uPlot draws
 * (x in seconds), and the step bars of one run's time picture.
 */
import type { StepView } from './types.ts';

/** One bucket of `/api/activity`. */
interface ActivityBucketView {
  readonly at: number;
  readonly events: number;
  readonly runs: Readonly<Record<string, number>>;
  readonly runsWithFailedSteps: number;
}

/** `/api/activity`'s answer. */
export interface ActivityView {
  readonly from: number;
  readonly to: number;
  readonly bucketMs: number;
  readonly buckets: readonly ActivityBucketView[];
}

/** The run series, in drawing order. */
export const RUN_SERIES = [
  { key: 'completed', label: 'completed' },
  { key: 'failed', label: 'failed' },
  { key: 'active', label: 'in progress' },
  { key: 'cancelled', label: 'cancelled' },
  { key: 'withFailedSteps', label: 'with failed steps' },
] as const;

/** Columns for uPlot: x (epoch seconds), events, then each of {@link RUN_SERIES}. */
export function activityColumns(view: ActivityView): {
  x: number[];
  events: number[];
  runs: Record<(typeof RUN_SERIES)[number]['key'], number[]>;
  totals: { events: number; runs: number; failed: number };
} {
  const x = view.buckets.map((b) => b.at / 1000);
  const events = view.buckets.map((b) => b.events);
  const n = (b: ActivityBucketView, k: string): number => b.runs[k] ?? 0;
  const runs = {
    completed: view.buckets.map((b) => n(b, 'completed')),
    failed: view.buckets.map((b) => n(b, 'failed')),
    active: view.buckets.map((b) => n(b, 'pending') + n(b, 'running') + n(b, 'waiting')),
    cancelled: view.buckets.map((b) => n(b, 'cancelled')),
    withFailedSteps: view.buckets.map((b) => b.runsWithFailedSteps),
  };
  const sum = (a: readonly number[]): number => a.reduce((s, v) => s + v, 0);
  const allRuns = view.buckets.reduce((s, b) => s + Object.values(b.runs).reduce((a, v) => a + v, 0), 0);
  return { x, events, runs, totals: { events: sum(events), runs: allRuns, failed: sum(runs.failed) } };
}

/** One bar of a run's time picture: where a step sits on the run clock, in percent of the run. */
export interface StepBar {
  readonly stepId: string;
  readonly name: string;
  readonly kind: string;
  readonly failed: boolean;
  /** Percent of the run's span (0–100). */
  readonly left: number;
  readonly width: number;
  readonly runMs: number;
  readonly wallMs?: number;
}

/**
 * Lay the journaled steps out on the run clock from the run's start to its end (or its last step):
 * a Wait spans its run-clock duration, an instant step gets a visible sliver.
 * @example
 * stepBars(run.steps, run.startedAt, run.completedAt);
 */
export function stepBars(
  steps: readonly StepView[],
  start: number,
  end: number | undefined,
): { bars: StepBar[]; spanMs: number } {
  const last = Math.max(start, ...steps.map((s) => s.completedAt));
  const spanMs = Math.max(1, (end ?? last) - start, last - start);
  const pct = (ms: number): number => Math.min(100, Math.max(0, (ms / spanMs) * 100));
  const bars = steps.map((s) => {
    const left = pct(s.startedAt - start);
    return {
      stepId: s.stepId,
      name: s.name,
      kind: s.kind,
      failed: s.status === 'error' || s.path === 'failure' || s.path === 'timeout',
      left,
      width: Math.max(0.5, Math.min(100 - left, pct(s.completedAt - s.startedAt))),
      runMs: s.durationMs,
      ...(s.wallDurationMs === undefined ? {} : { wallMs: s.wallDurationMs }),
    };
  });
  return { bars, spanMs };
}
