import { describe, expect, it } from 'vitest';
import { withWaitWallTimes } from './history.ts';
import type { StepView } from './history.ts';

describe('wall-clock times of waits', () => {
  const view = (stepId: string, kind: StepView['kind'], wallStartedAt: number, wallCompletedAt: number): StepView => ({
    stepId,
    seq: 0,
    kind,
    name: stepId,
    status: 'ok',
    startedAt: 0,
    completedAt: 0,
    durationMs: 0,
    wallStartedAt,
    wallCompletedAt,
    wallDurationMs: wallCompletedAt - wallStartedAt,
  });

  it('starts a wait when the step before it ended, not when the waking execution journaled it', () => {
    const [first, wait, after] = withWaitWallTimes([
      view('fetch', 'action', 1_000, 1_020),
      view('nap', 'sleep', 5_000, 5_001),
      view('next', 'run', 5_002, 5_003),
    ]);
    expect(first).toMatchObject({ wallDurationMs: 20 });
    expect(wait).toMatchObject({ wallStartedAt: 1_020, wallDurationMs: 3_981 });
    expect(after).toMatchObject({ wallStartedAt: 5_002, wallDurationMs: 1 });
    // A first step, or one without wall times before it, keeps its own.
    expect(withWaitWallTimes([view('nap', 'sleep', 5_000, 5_001)])[0]).toMatchObject({
      wallStartedAt: 5_000,
      wallDurationMs: 1,
    });
  });
});
