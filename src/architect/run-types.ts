/**
 * @module
 * What a flow run exchanges with its engine: the step tools it is given (data-action calls, waits,
 * the clock, Genesys requests), the step records it reports, its result and its limits.
 */
import type { GenesysRequest, GenesysResponse } from './platform-actions.ts';
import type { ActionType, ArchValue } from './model.ts';

/** The outcome of one data-action call, as the engine reports it. */
export interface ActionCallResult {
  readonly status: 'success' | 'failure' | 'timeout';
  /** Success: the action's output object. Failure: the error outputs (errorCode, status, details…). */
  readonly outputs: Record<string, unknown>;
  /** A secure data action (HELP-CDA): the run's path records its input names, not their values. */
  readonly secure?: boolean;
}

/**
 * The side effects a flow needs, supplied by the engine. Step ids are unique per execution point.
 * An engine may suspend a run by throwing from these methods: any error that is not a
 * `SwitchboardError` propagates out of {@link runFlow} unchanged. A `SwitchboardError` is a flow
 * error: the run ends through error handling (EndWorkflow) and its history says why.
 * `now()` (the running-time limit, `GetCurrentDateTimeUtc()`, Evaluate Schedule at the current
 * time) must give the same answers on replay.
 */
export interface FlowStepTools {
  callAction(
    stepId: string,
    actionName: string,
    input: Record<string, unknown>,
    opts: { timeoutMs?: number; category?: string },
  ): Promise<ActionCallResult>;
  sleep(stepId: string, ms: number): Promise<void>;
  now(): number;
  /**
   * One Genesys Cloud API request, for the actions that call the platform directly (Find User,
   * Get Participant Data…). Without it those actions end the run with `SB_ARCHITECT_ACTION_FAILED`.
   */
  genesys?(stepId: string, request: GenesysRequest): Promise<GenesysResponse>;
}

/** One executed action, for execution history. */
export interface StepRecord {
  readonly stepId: string;
  readonly state: string;
  readonly actionId: string;
  readonly actionName: string;
  readonly type: ActionType;
  /** `yes`/`no`, `success`/`failure`/`timeout`, `case1`/`default`, `exit`, `error`… */
  readonly outcome?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Why a run failed: the code, the flow, the action and the expression involved. */
export interface FlowRunError {
  readonly code: string;
  readonly message: string;
  readonly flow: string;
  readonly action?: string;
  readonly actionId?: string;
  readonly expression?: string;
  readonly column?: number;
}

/** The result of {@link runFlow}. */
export interface FlowResult {
  readonly status: 'completed' | 'failed';
  readonly exitReason?: string;
  /** The values of the `isOutput` variables, by full name (`Flow.x`). */
  readonly outputs: Record<string, ArchValue>;
  readonly error?: FlowRunError;
  readonly path: readonly StepRecord[];
}

/** Limits and hooks of a run. */
export interface RunOptions {
  /** Actions per invocation (Genesys: 10,000, platform.md §7.3). */
  readonly maxActions?: number;
  /** Maximum running time; Wait actions with trimDurationNearMaxRunningTime stop just short of it. */
  readonly maxRunningMs?: number;
  /** Called with each step as it completes. */
  readonly onStep?: (step: StepRecord) => void;
}

/** The longest a Wait may last in a workflow (HELP-WAIT, platform.md §7.2). */
export const MAX_WAIT_MS = 72 * 3_600_000;
/** How far before the maximum running time a trimmed Wait ends. */
export const TRIM_MARGIN_MS = 1000;
