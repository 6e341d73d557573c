/**
 * @module
 * Execution history: runs and their steps as the CLI (`switchboard runs`) and the web console
 * show them. Read-only over the Store; history is on by default because every run is journaled.
 */
import { redactValue } from '../actions/index.ts';
import type { RunError, RunFilter, RunRecord, RunStatus, RunStore, StepRecord, TimerRecord } from '../store/index.ts';
import { isFailedStep } from './step-tool.ts';

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
   * Steps that failed while the run went on (a data action on its failure or timeout path, a
   * Platform API call answered with an error, a step whose throw the workflow caught), so a run
   * that "completed" after a failed call is told apart from a clean success. From the run record
   * once it was settled; else from its journal when that was read (run detail, lists asked for it).
   */
  readonly failedSteps?: number;
  /** Which steps failed (step ids, in call order), when {@link failedSteps} is known. */
  readonly failedStepIds?: readonly string[];
}

/**
 * One step of a run, in call order: the journaled step with its duration, and `resent` when its
 * request was sent again after a crash (`attempt` > 1, with the same idempotency key). A data
 * action retried under a retry policy shows each retried try first (`kind: 'attempt'`, step id
 * `<step id>@<n>`, its output saying the try, why it was retried and the wait), then the step.
 */
export type StepView = Omit<StepRecord, 'runId'> & {
  readonly durationMs: number;
  readonly wallDurationMs?: number;
  readonly resent?: true;
};

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
    ...(step.wallStartedAt !== undefined && step.wallCompletedAt !== undefined
      ? { wallDurationMs: step.wallCompletedAt - step.wallStartedAt }
      : {}),
    ...((step.attempt ?? 1) > 1 ? { resent: true as const } : {}),
  };
}

/** The steps of a journal that failed while the run went on, by step id (pure). */
function failedStepIds(journal: readonly Pick<StepRecord, 'stepId' | 'kind' | 'path' | 'status'>[]): string[] {
  return journal.filter(isFailedStep).map((s) => s.stepId);
}

/**
 * A wait is journaled by the execution that wakes it, so its own wall-clock start is that wake-up;
 * it really began when the step before it ended. Give each wait after a step that start, and the
 * wall time it took from there (pure).
 */
export function withWaitWallTimes(steps: readonly StepView[]): StepView[] {
  return steps.map((s, i) => {
    const before = steps[i - 1]?.wallCompletedAt;
    if (
      (s.kind !== 'sleep' && s.kind !== 'event') ||
      before === undefined ||
      s.wallCompletedAt === undefined ||
      before > s.wallCompletedAt
    )
      return s;
    return { ...s, wallStartedAt: before, wallDurationMs: s.wallCompletedAt - before };
  });
}

/** A journal in call order, each retried try before its step (pure). */
function inCallOrder(journal: readonly StepRecord[]): StepRecord[] {
  return [...journal].sort(
    (a, b) =>
      a.seq - b.seq || (a.kind === 'attempt' ? 0 : 1) - (b.kind === 'attempt' ? 0 : 1) || a.completedAt - b.completedAt,
  );
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
    ...(run.failedSteps === undefined ? {} : { failedSteps: run.failedSteps.length, failedStepIds: run.failedSteps }),
  };
}

/** A summary with the failed steps its journal shows (a live run's so far). */
function withFailed(summary: RunSummary, journal: readonly StepRecord[]): RunSummary {
  const ids = failedStepIds(journal);
  return { ...summary, failedSteps: ids.length, failedStepIds: ids };
}

/**
 * The history query API.
 * @example
 * const history = createHistory(store);
 * const failed = await history.listRuns({ status: 'failed', flow: 'callback' });
 * const detail = await history.getRun(failed[0].id);
 */
export function createHistory(store: RunStore): {
  listRuns(filter?: RunFilter, now?: number, options?: { readonly failedSteps?: boolean }): Promise<RunSummary[]>;
  getRun(id: string, now?: number): Promise<RunDetail | undefined>;
} {
  return {
    async listRuns(filter = {}, now, options = {}) {
      const runs = (await store.listRuns(filter)).map((r) => summarizeRun(r, now));
      if (!options.failedSteps) return runs;
      // Runs never settled since failed steps were recorded: one journal read each (lists are bounded by their limit).
      return Promise.all(
        runs.map(async (r) => (r.failedSteps !== undefined ? r : withFailed(r, await store.loadJournal(r.id)))),
      );
    },
    async getRun(id, now) {
      const run = await store.getRun(id);
      if (!run) return undefined;
      const [journaled, timers] = await Promise.all([store.loadJournal(id), store.listTimers(id)]);
      const journal = inCallOrder(journaled);
      const steps = withWaitWallTimes(journal.map(stepView));
      const waitingOn =
        run.status === 'waiting'
          ? timers.find((t) => t.firedAt === undefined && !journal.some((s) => s.stepId === t.stepId))
          : undefined;
      return {
        ...withFailed(summarizeRun(run, now), journal),
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
