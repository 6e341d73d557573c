/**
 * @module
 * Execution history: runs and their steps as the CLI (`switchboard runs`) and the web console
 * show them. Read-only over the Store; history is on by default because every run is journaled.
 */
import { redactValue } from '../actions/index.ts';
import type { RunError, RunFilter, RunRecord, RunStatus, StepRecord, Store, TimerRecord } from '../store/index.ts';

/** One run in a list. */
export interface RunSummary {
  readonly id: string;
  readonly flow: string;
  readonly kind: string;
  readonly status: RunStatus;
  readonly createdAt: number;
  readonly startedAt?: number;
  readonly completedAt?: number;
  /** From first start to end (or to now, for a live run, when `now` is given). */
  readonly durationMs?: number;
  readonly attempts: number;
  readonly exitReason?: string;
  readonly error?: RunError;
  /** For a waiting run: when it wakes up. */
  readonly wakesAt?: number;
  /**
   * Data-action steps that took their failure or timeout path (the flow went on along it), so a
   * run that "completed" after a failed call is told apart from a clean success. Set when the
   * journal was read (run detail, and lists asked for it).
   */
  readonly failedSteps?: number;
}

/**
 * One step of a run, in call order: the journaled step with its duration, and `resent` when its
 * request was sent again after a crash (`attempt` > 1, with the same idempotency key).
 */
export type StepView = Omit<StepRecord, 'runId'> & { readonly durationMs: number; readonly resent?: true };

/** A run with everything that happened in it. */
export interface RunDetail extends RunSummary {
  readonly input: unknown;
  readonly output?: unknown;
  readonly eventId?: string;
  readonly triggerId?: string;
  readonly idempotencyKey?: string;
  readonly steps: readonly StepView[];
  /** The sleep the run is waiting in, if any. */
  readonly waitingOn?: TimerRecord;
}

/**
 * A journaled step as history shows it (pure). A secure action's outputs are journaled for replay
 * only: here they are redacted, keys kept (its input and trace were redacted when journaled).
 * @example
 * const steps = (await store.loadJournal(runId)).map(stepView);
 */
export function stepView(step: StepRecord): StepView {
  const { runId: _runId, ...rest } = step;
  const output = step.output as { secure?: unknown; outputs?: unknown } | undefined;
  const secure = step.kind === 'action' && typeof output === 'object' && output !== null && output.secure === true;
  return {
    ...rest,
    ...(secure ? { output: { ...output, outputs: redactValue(output.outputs ?? {}) } } : {}),
    durationMs: step.completedAt - step.startedAt,
    ...((step.attempt ?? 1) > 1 ? { resent: true as const } : {}),
  };
}

/** How many data-action steps of a journal took their failure or timeout path (pure). */
export function countFailedSteps(journal: readonly Pick<StepRecord, 'kind' | 'path'>[]): number {
  return journal.filter((s) => s.kind === 'action' && (s.path === 'failure' || s.path === 'timeout')).length;
}

/** A run's status with its failed steps, as lists show it: `completed, 1 failed step` (pure). */
export function statusText(run: Pick<RunSummary, 'status' | 'failedSteps'>): string {
  const n = run.failedSteps ?? 0;
  return n === 0 ? run.status : `${run.status}, ${n} failed step${n === 1 ? '' : 's'}`;
}

/** Summarize a run record (pure). */
export function summarizeRun(run: RunRecord, now?: number): RunSummary {
  const end = run.completedAt ?? now;
  return {
    id: run.id,
    flow: run.flow,
    kind: run.kind,
    status: run.status,
    createdAt: run.createdAt,
    ...(run.startedAt === undefined ? {} : { startedAt: run.startedAt }),
    ...(run.completedAt === undefined ? {} : { completedAt: run.completedAt }),
    ...(run.startedAt !== undefined && end !== undefined ? { durationMs: end - run.startedAt } : {}),
    attempts: run.attempts,
    ...(run.exitReason === undefined ? {} : { exitReason: run.exitReason }),
    ...(run.error === undefined ? {} : { error: run.error }),
    ...(run.status === 'waiting' || run.status === 'pending' ? { wakesAt: run.readyAt } : {}),
  };
}

/**
 * The history query API.
 * @example
 * const history = createHistory(store);
 * const failed = await history.listRuns({ status: 'failed', flow: 'callback' });
 * const detail = await history.getRun(failed[0].id);
 */
export function createHistory(store: Store): {
  listRuns(filter?: RunFilter, now?: number, options?: { readonly failedSteps?: boolean }): Promise<RunSummary[]>;
  getRun(id: string, now?: number): Promise<RunDetail | undefined>;
} {
  return {
    async listRuns(filter = {}, now, options = {}) {
      const runs = (await store.listRuns(filter)).map((r) => summarizeRun(r, now));
      if (!options.failedSteps) return runs;
      // One journal read per listed run: lists are bounded by their limit.
      return Promise.all(runs.map(async (r) => ({ ...r, failedSteps: countFailedSteps(await store.loadJournal(r.id)) })));
    },
    async getRun(id, now) {
      const run = await store.getRun(id);
      if (!run) return undefined;
      const [journal, timers] = await Promise.all([store.loadJournal(id), store.listTimers(id)]);
      const steps = journal.map(stepView);
      const waitingOn = run.status === 'waiting' ? timers.find((t) => t.firedAt === undefined && !journal.some((s) => s.stepId === t.stepId)) : undefined;
      return {
        ...summarizeRun(run, now),
        failedSteps: countFailedSteps(journal),
        input: run.input,
        ...(run.output === undefined ? {} : { output: run.output }),
        ...(run.eventId === undefined ? {} : { eventId: run.eventId }),
        ...(run.triggerId === undefined ? {} : { triggerId: run.triggerId }),
        ...(run.idempotencyKey === undefined ? {} : { idempotencyKey: run.idempotencyKey }),
        steps,
        ...(waitingOn ? { waitingOn } : {}),
      };
    },
  };
}
