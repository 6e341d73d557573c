import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../store/index.ts';
import { ReplayState, checkLimits, decideSleep, stepIdFor } from './replay-state.ts';

const T0 = Date.UTC(2026, 0, 5, 9);
const rec = (
  stepId: string,
  seq: number,
  kind: StepRecord['kind'],
  name = stepId.replace(/#\d+$/, ''),
  completedAt = T0 + seq,
): StepRecord => ({
  runId: 'r',
  stepId,
  seq,
  kind,
  name,
  status: 'ok',
  startedAt: completedAt,
  completedAt,
});

describe('step ids', () => {
  it('numbers repeated names from the second occurrence', () => {
    expect([1, 2, 3].map((n) => stepIdFor('poll', n))).toEqual(['poll', 'poll#2', 'poll#3']);
  });

  it('allocates ids per name and positions across names', () => {
    const r = new ReplayState('r', [], [], T0);
    const slots = [
      r.next('action', 'poll', 'Poll'),
      r.next('sleep', 'wait', 'wait'),
      r.next('action', 'poll', 'Poll'),
      r.next('sleep', 'wait', 'wait'),
    ];
    expect(slots.map((s) => [s.stepId, s.seq])).toEqual([
      ['poll', 0],
      ['wait', 1],
      ['poll#2', 2],
      ['wait#2', 3],
    ]);
    expect(r.calls).toBe(4);
  });
});

describe('replay against the journal', () => {
  const journal = [
    rec('lookup', 0, 'action', 'Lookup'),
    rec('wait', 1, 'sleep'),
    rec('lookup#2', 2, 'action', 'Lookup'),
  ];

  it('returns journaled steps and treats the first unjournaled call as new', () => {
    const r = new ReplayState('r', journal, [], T0);
    expect(r.next('action', 'lookup', 'Lookup').recorded?.stepId).toBe('lookup');
    expect(r.next('sleep', 'wait', 'wait').recorded?.stepId).toBe('wait');
    expect(r.next('action', 'lookup', 'Lookup').recorded?.stepId).toBe('lookup#2');
    expect(r.next('sleep', 'wait', 'wait')).toEqual({ stepId: 'wait#2', seq: 3 });
  });

  it.each([
    [
      'a step of another kind under the same id',
      [['run', 'lookup', 'lookup']],
      /step "lookup" was step\.action\("Lookup"\) in the journal, and is now step\.run\("lookup"\)/,
    ],
    [
      'another action under the same step id',
      [['action', 'lookup', 'Other Action']],
      /was step\.action\("Lookup"\).*now step\.action\("Other Action"\)/,
    ],
    [
      'a new step inserted before journaled ones',
      [['run', 'new', 'new']],
      /call #1 was step\.action\("Lookup"\) as step "lookup" in the journal, and is now step\.run\("new"\) as step "new"/,
    ],
    [
      'a journaled step moved to another position',
      [['sleep', 'wait', 'wait']],
      /step "wait" was call #2 in the journal, and is now call #1/,
    ],
  ] as const)('rejects %s with SB_WORKFLOW_DETERMINISM saying what and why', (_what, calls, message) => {
    const r = new ReplayState('run-9', journal, [], T0);
    const run = (): void => {
      for (const [kind, id, name] of calls) r.next(kind, id, name);
    };
    expect(run).toThrow(
      expect.objectContaining({ code: 'SB_WORKFLOW_DETERMINISM', message: expect.stringMatching(message) }),
    );
    expect(run).toThrow(/replay must call the journaled steps in the journaled order; run run-9/);
  });

  it('keeps a deterministic clock: the latest completion seen, never moving back', () => {
    const r = new ReplayState('r', [], [], T0);
    expect(r.now()).toBe(T0);
    r.observe(T0 + 500);
    r.observe(T0 + 100);
    expect(r.now()).toBe(T0 + 500);
  });
});

describe('decideSleep', () => {
  const timer = { runId: 'r', stepId: 'w', dueAt: T0 + 1000 };
  it.each([
    ['no timer yet: schedule now + duration', undefined, T0, 1000, { type: 'schedule', dueAt: T0 + 1000 }],
    ['zero duration: pass at once', undefined, T0, 0, { type: 'pass', dueAt: T0 }],
    [
      're-executed 30 s late: count from the deterministic time, not from the re-execution',
      undefined,
      T0 + 30_000,
      60_000,
      { type: 'schedule', dueAt: T0 + 60_000 },
      T0,
    ],
    [
      're-executed after the wait would have ended: pass at once',
      undefined,
      T0 + 30_000,
      10_000,
      { type: 'pass', dueAt: T0 + 10_000 },
      T0,
    ],
    ['timer not due: wait for the persisted due time', timer, T0 + 999, 5000, { type: 'wait', dueAt: T0 + 1000 }],
    [
      'timer due: pass (the persisted due time wins over the duration)',
      timer,
      T0 + 1000,
      5000,
      { type: 'pass', dueAt: T0 + 1000 },
    ],
  ] as const)('%s', (_what, t, now, ms, expected, from?: number) => {
    expect(decideSleep(t, now, ms, from)).toEqual(expected);
  });
});

describe('checkLimits', () => {
  const limits = { maxActions: 3, deadline: T0 + 60_000 };
  it('allows steps below the action cap and before the deadline', () => {
    expect(checkLimits(2, T0 + 59_999, limits)).toBeUndefined();
  });
  it('stops the step past the action cap', () => {
    expect(checkLimits(3, T0, limits)).toEqual({
      code: 'SB_WORKFLOW_MAX_ACTIONS',
      message: 'a run may execute at most 3 steps; step 4 was called',
    });
  });
  it('stops a step at or after the deadline', () => {
    expect(checkLimits(0, T0 + 60_000, limits)?.code).toBe('SB_WORKFLOW_MAX_RUNNING_TIME');
  });
});
