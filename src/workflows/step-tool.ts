/**
 * @module
 * The one factory every step tool is built with (after Inngest's `createTool`): a tool says how
 * a call names its step, how a journaled step is replayed, and how a new one is executed; the
 * execution (step-tools.ts) does the rest the same way for all of them — the step slot and its
 * determinism check, the limits, replay, in-flight tracking, journaling before the promise
 * resolves, halting, and the failed-step count.
 */
import { SwitchboardError, isSwitchboardError } from '../core/index.ts';
import type { Clock, Fetch, Logger } from '../core/index.ts';
import type { RunError, RunRecord, StepKind, StepRecord, Store } from '../store/index.ts';
import { WorkflowErrors } from './errors.ts';
import type { ReplayState, StepSlot } from './replay-state.ts';
import type { RetryPolicy } from './retry-policy.ts';
import type { ActionInvoker, WorkflowDefinition } from './types.ts';

/** Returned by step work that halted the execution: the step's promise then never settles. */
export const HALTED: unique symbol = Symbol('halted');
/** The type of {@link HALTED}. */
export type Halted = typeof HALTED;

/** What an execution needs from the worker. */
export interface ExecutionDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** Wall-clock time, journaled beside the run clock on each step for history; never read by workflow logic. */
  readonly wallClock: Clock;
  readonly invoker?: ActionInvoker;
  readonly logger: Logger;
  readonly workerId: string;
  /** Default `step.action` (and `step.api`) timeout. */
  readonly actionTimeoutMs: number;
  /** The retry policy of a data action of a workflow when its step sets none (a bundle's `retry`). */
  readonly retryPolicyOf?: (flow: string, actionName: string) => RetryPolicy | undefined;
  /** The authenticated fetch of a workflow's Genesys Cloud client (relative `/api/v2/…` URLs), for `step.api`. */
  readonly genesys?: (flow: string) => Fetch | undefined;
  /** Start a child run of a registered workflow once per parent step (the worker's). */
  readonly startChild?: (
    parent: RunRecord,
    stepId: string,
    workflow: WorkflowDefinition | string,
    input: unknown,
  ) => Promise<RunRecord>;
  /** A run is about to suspend waiting for an event on `topic`: wake it when one arrives. */
  readonly onEventWait?: (runId: string, topic: string) => void;
}

/** What the execution of a new step may use. */
export interface ToolContext {
  readonly run: RunRecord;
  readonly slot: StepSlot;
  readonly deps: ExecutionDeps;
  readonly replay: ReplayState;
  /** Aborted when the worker stops or loses the run's lease. */
  readonly signal: AbortSignal;
  /** The run's deadline (start + maximum running time), epoch ms. */
  readonly deadline: number;
  /** A completed-step record of this slot (`ok` unless `rest` says otherwise), completed now. */
  record(kind: StepKind, name: string, startedAt: number, rest: Partial<StepRecord>): StepRecord;
  /** Journal a record; false means the execution halted (lost lease or store failure). */
  journal(record: StepRecord): Promise<boolean>;
  /** Suspend the run until `wakeAt` (it is re-executed then, and this step asked again). */
  suspend(wakeAt: number): Halted;
  /** The store failed: the run is retried later. */
  storeFailed(error: unknown): Halted;
  /** Fail the run whatever the body would catch. */
  fail(error: SwitchboardError): Halted;
}

/** How one step tool works. `A`: the arguments of the tool; `T`: what it resolves with. */
export interface StepToolSpec<A extends readonly unknown[], T> {
  readonly kind: StepKind;
  /** The step's base id and journaled name, from the call's arguments; may throw a coded error. */
  slot(...args: A): { readonly id: string; readonly name: string };
  /** What a journaled step gives back. Default: its output, or its journaled error thrown. */
  replayed?(recorded: StepRecord, ...args: A): T;
  /** Execute a new step: journal it (through `ctx.journal`) before resolving, or halt. */
  execute(ctx: ToolContext, ...args: A): Promise<T | Halted>;
}

/**
 * Declare a step tool (typed identity: the execution builds the callable).
 * @example
 * const echo = defineStepTool({ kind: 'run', slot: (id: string) => ({ id, name: id }), async execute(ctx, id) { … } });
 */
export function defineStepTool<A extends readonly unknown[], T>(spec: StepToolSpec<A, T>): StepToolSpec<A, T> {
  return spec;
}

/** A JSON copy of a value (what the journal holds). */
export function jsonCopy(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * Whether a journaled step failed while the run may go on: a data action on its failure or
 * timeout path, a Platform API call answered with an error, a step that threw (pure).
 */
export function isFailedStep(step: Pick<StepRecord, 'kind' | 'path' | 'status'>): boolean {
  if (step.kind === 'attempt') return false;
  return (
    step.status === 'error' ||
    ((step.kind === 'action' || step.kind === 'api') && (step.path === 'failure' || step.path === 'timeout'))
  );
}

/** A run error record from anything thrown. */
export function toRunError(e: unknown, stepId?: string): RunError {
  const base = isSwitchboardError(e)
    ? { code: e.code, message: e.message, ...(Object.keys(e.details).length ? { details: e.details } : {}) }
    : {
        code: WorkflowErrors.SB_WORKFLOW_FAILED,
        message: e instanceof Error ? e.message : String(e),
        details: { name: e instanceof Error ? e.name : typeof e },
      };
  return stepId === undefined ? base : { ...base, stepId };
}

/** The error a journaled step that threw throws again on every replay. */
export function stepError(stepId: string, err: RunError | undefined): SwitchboardError {
  if (err?.code === WorkflowErrors.SB_WORKFLOW_CHILD_FAILED) {
    return new SwitchboardError(WorkflowErrors.SB_WORKFLOW_CHILD_FAILED, err.message, {
      details: { stepId, ...(err.details as Record<string, unknown>) },
    });
  }
  return new SwitchboardError(
    WorkflowErrors.SB_WORKFLOW_STEP_FAILED,
    `step "${stepId}" threw: ${err?.message ?? 'unknown error'}`,
    {
      details: { stepId, cause: err },
    },
  );
}
