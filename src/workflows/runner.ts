/**
 * @module
 * Execute one claimed run: load its journal and timers, replay the workflow body against them,
 * and settle the run in the store (completed, failed, or waiting on a timer). The caller (the
 * worker) holds the run's lease; every write that settles the run is fenced by it.
 */
import { SwitchboardError, isSwitchboardError } from '../core/index.ts';
import type { RunError, RunPatch, RunRecord } from '../store/index.ts';
import { ReplayState } from './replay-state.ts';
import { WorkflowErrors } from './errors.ts';
import { Execution, toRunError } from './step-tools.ts';
import type { ExecutionDeps, Halt } from './step-tools.ts';
import type { WorkflowDefinition, WorkflowLimits } from './types.ts';

/** Architect's per-invocation action cap (platform.md §7.3, HELP-MAXACT). */
const DEFAULT_MAX_ACTIONS = 10_000;
/** Architect workflows' waits end at 72 h (platform.md §7.3); the total running time is not published, so 72 h it is. */
const DEFAULT_MAX_RUNNING_TIME_MS = 72 * 3_600_000;
/** How long a run waits before retrying after a store failure. */
const RETRY_DELAY_MS = 1000;

/** How an execution ended. */
export type RunOutcome =
  | {
      readonly status: 'completed';
      readonly output: unknown;
      readonly exitReason: string;
      readonly failedSteps?: readonly string[];
    }
  | { readonly status: 'failed'; readonly error: RunError; readonly failedSteps?: readonly string[] }
  | { readonly status: 'waiting'; readonly wakeAt: number; readonly failedSteps?: readonly string[] }
  /** The lease was lost to another worker: nothing was settled by this one. */
  | { readonly status: 'lost' };

/** What {@link executeRun} needs besides the execution deps. */
export interface RunnerDeps extends ExecutionDeps {
  /** Defaults for workflows that set no limits of their own. */
  readonly limits?: WorkflowLimits;
  /** Called with the live execution so the worker can abort it (shutdown, lost lease). */
  readonly onExecution?: (execution: Execution) => void;
}

type BodyResult =
  { readonly type: 'done'; readonly output: unknown } | { readonly type: 'threw'; readonly error: unknown };

/** The limits a run is held to: each of the workflow's own, else the worker's, else the default. */
function effectiveLimits(def: WorkflowDefinition | undefined, deps: RunnerDeps): Required<WorkflowLimits> {
  return {
    maxActions: def?.limits?.maxActions ?? deps.limits?.maxActions ?? DEFAULT_MAX_ACTIONS,
    maxRunningTimeMs: def?.limits?.maxRunningTimeMs ?? deps.limits?.maxRunningTimeMs ?? DEFAULT_MAX_RUNNING_TIME_MS,
  };
}

function failure(error: RunError): RunOutcome {
  return { status: 'failed', error };
}

function bodyError(e: unknown): RunError {
  if (isSwitchboardError(e) && e.code === WorkflowErrors.SB_WORKFLOW_STEP_FAILED)
    return toRunError(e, e.details.stepId as string | undefined);
  if (isSwitchboardError(e)) return toRunError(e);
  const stack = e instanceof Error ? e.stack?.split('\n').slice(0, 6).join('\n') : undefined;
  return {
    code: WorkflowErrors.SB_WORKFLOW_FAILED,
    message: `a workflow must return or catch its errors; it threw: ${e instanceof Error ? e.message : String(e)}`,
    details: { name: e instanceof Error ? e.name : typeof e, ...(stack ? { stack } : {}) },
  };
}

async function replay(
  run: RunRecord,
  def: WorkflowDefinition,
  deps: RunnerDeps,
  fresh: boolean,
  seen: { execution?: Execution },
): Promise<BodyResult | Halt> {
  const startedAt = run.startedAt ?? run.createdAt;
  const effective = effectiveLimits(def, deps);
  const limits = { maxActions: effective.maxActions, deadline: startedAt + effective.maxRunningTimeMs };
  const [journal, timers] = fresh
    ? [[], []]
    : await Promise.all([deps.store.loadJournal(run.id), deps.store.listTimers(run.id)]);
  const state = new ReplayState(run.id, journal, timers, startedAt);
  const execution = new Execution(run, state, limits, deps);
  seen.execution = execution;
  deps.onExecution?.(execution);
  const now = deps.clock.now();
  if (now >= limits.deadline) {
    const message = `a run must finish within its maximum running time; run ${run.id} started ${new Date(startedAt).toISOString()} and was still waiting at the deadline`;
    return { type: 'fail', error: new SwitchboardError(WorkflowErrors.SB_WORKFLOW_MAX_RUNNING_TIME, message) };
  }
  let input: unknown;
  try {
    input = def.inputs ? def.inputs.parse(run.input) : run.input;
  } catch (e) {
    const issues = (e as { issues?: unknown }).issues;
    const message = `run ${run.id}: the input must match the inputs of workflow "${def.name}"; ${e instanceof Error ? e.message : String(e)}`;
    return {
      type: 'fail',
      error: new SwitchboardError(WorkflowErrors.SB_WORKFLOW_INPUT_INVALID, message, {
        details: issues === undefined ? {} : { issues },
      }),
    };
  }
  const logger = deps.logger.child({ runId: run.id, flow: run.flow });
  const ctx = {
    input,
    step: execution.tools,
    run: { id: run.id, flow: run.flow, attempt: run.attempts },
    now: () => state.now(),
    logger,
    limits: effective,
  };
  const body = (async () => def.handler(ctx))().then(
    (output): BodyResult => ({ type: 'done', output }),
    (error: unknown): BodyResult => ({ type: 'threw', error }),
  );
  return Promise.race([body, execution.halted]);
}

/** How {@link executeRun} starts. */
export interface ExecuteOptions {
  /** The run was just created by this worker: nothing is journaled yet, so the journal is not read. */
  readonly fresh?: boolean;
}

/** Replay a claimed run and decide its outcome (no settling write yet). */
export async function executeRun(
  run: RunRecord,
  def: WorkflowDefinition,
  deps: RunnerDeps,
  options: ExecuteOptions = {},
): Promise<RunOutcome> {
  const seen: { execution?: Execution } = {};
  const outcome = outcomeOf(run, def, deps, await replay(run, def, deps, options.fresh === true, seen));
  // The steps that failed while the run went on, recorded with whatever settles it.
  const failedSteps = seen.execution?.failedSteps;
  return failedSteps === undefined || outcome.status === 'lost' ? outcome : { ...outcome, failedSteps };
}

function outcomeOf(run: RunRecord, def: WorkflowDefinition, deps: RunnerDeps, r: BodyResult | Halt): RunOutcome {
  switch (r.type) {
    case 'done': {
      let output: unknown;
      try {
        output = r.output === undefined ? undefined : JSON.parse(JSON.stringify(r.output));
      } catch (e) {
        return failure({
          code: 'SB_STORE_NOT_JSON',
          message: `a workflow's output must be JSON; run ${run.id} returned a value that is not (${e instanceof Error ? e.message : String(e)})`,
        });
      }
      return { status: 'completed', output, exitReason: def.exitReasonOf?.(output) ?? 'completed' };
    }
    case 'threw':
      return failure(bodyError(r.error));
    case 'fail':
      return failure(toRunError(r.error));
    case 'suspend':
      return { status: 'waiting', wakeAt: r.wakeAt };
    case 'lost':
      return { status: 'lost' };
    case 'retry':
      deps.logger.warn({ runId: run.id, err: String(r.error) }, 'store failed during a step; the run will be retried');
      return { status: 'waiting', wakeAt: deps.clock.now() + RETRY_DELAY_MS };
  }
}

/** Write an outcome to the store, fenced by the worker's lease. False if the lease was lost. */
export async function settleRun(
  run: RunRecord,
  def: WorkflowDefinition | undefined,
  outcome: RunOutcome,
  deps: RunnerDeps,
): Promise<boolean> {
  if (outcome.status === 'lost') return false;
  const now = deps.clock.now();
  let patch: RunPatch;
  const failedSteps = outcome.failedSteps === undefined ? {} : { failedSteps: outcome.failedSteps };
  if (outcome.status === 'completed') {
    patch = {
      status: 'completed',
      output: outcome.output,
      exitReason: outcome.exitReason,
      completedAt: now,
      updatedAt: now,
      ...failedSteps,
    };
  } else if (outcome.status === 'failed') {
    patch = {
      status: 'failed',
      error: outcome.error,
      exitReason: 'failed',
      completedAt: now,
      updatedAt: now,
      ...failedSteps,
    };
  } else {
    const startedAt = run.startedAt ?? run.createdAt;
    const deadline = startedAt + effectiveLimits(def, deps).maxRunningTimeMs;
    patch = { status: 'waiting', readyAt: Math.min(outcome.wakeAt, deadline), updatedAt: now, ...failedSteps };
  }
  return deps.store.releaseLease(run.id, deps.workerId, patch);
}
