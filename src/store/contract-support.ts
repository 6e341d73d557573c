/**
 * @module
 * Shared fixtures of the Store contract suite (test-only).
 */
import type { NewRun, StepRecord } from './types.ts';

/** The contract suite's clock origin. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A new run with defaults. */
export const newRun = (id: string, over: Partial<NewRun> = {}): NewRun => ({
  id,
  flow: 'callback',
  input: { n: id },
  createdAt: T0,
  ...over,
});

/** A journaled step with defaults. */
export const step = (runId: string, stepId: string, seq: number, over: Partial<StepRecord> = {}): StepRecord => ({
  runId,
  stepId,
  seq,
  kind: 'action',
  name: stepId,
  status: 'ok',
  input: { q: seq },
  output: { status: 'success', outputs: { seq } },
  path: 'success',
  startedAt: T0 + seq,
  completedAt: T0 + seq + 1,
  ...over,
});
