/**
 * @module
 * The workflow model: definitions, the step tools a workflow body sees, and the action-invoker
 * port through which `step.action` reaches data actions (wired by the runtime).
 */
import type { Logger } from '../core/index.ts';
import type { Duration } from './duration.ts';

/** The three paths a data action can take (Architect's Call Data Action outputs). */
export type ActionStatus = 'success' | 'failure' | 'timeout';

/** What a data action returned. */
export interface ActionResult {
  readonly status: ActionStatus;
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Request/response trace for the execution history. */
  readonly trace?: unknown;
  /** Why it failed, for `failure` / `timeout`. */
  readonly error?: { readonly code?: string; readonly message: string };
  /**
   * A secure action (Genesys "Call Secure Data Action"): the journal keeps its input redacted and
   * its outputs only for replay; history shows neither. The invoker redacts the trace itself.
   */
  readonly secure?: boolean;
}

/** What the invoker learns about the call. */
export interface ActionContext {
  readonly runId: string;
  readonly flow: string;
  readonly stepId: string;
  /** `<runId>:<stepId>`: stable across retries and crashes, so a remote side can deduplicate. */
  readonly idempotencyKey: string;
  readonly timeoutMs: number;
  /** Aborted when the call times out or the worker stops. */
  readonly signal: AbortSignal;
}

/**
 * The port `step.action` calls: runs a data action by name. The runtime adapts the actions
 * context (templates + fetch) to it; tests pass a plain function.
 * @example
 * const invoker: ActionInvoker = async (name, input) => ({ status: 'success', outputs: { echoed: input } });
 */
export type ActionInvoker = (actionName: string, input: Readonly<Record<string, unknown>>, ctx: ActionContext) => Promise<ActionResult>;

/** Options of `step.action`. */
export interface ActionStepOptions {
  /** The step id (default: the action name), for two different calls of the same action. */
  readonly id?: string;
  /** Give up after this long and take the `timeout` path. Default: the worker's `actionTimeoutMs`. */
  readonly timeoutMs?: number;
}

/** The durable step API of a workflow body. Every call is journaled; replays return the journal. */
export interface StepTools {
  /** Run `fn` once; its result (JSON) is journaled and returned on every replay. A throw is journaled too. */
  run<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
  /** Call a data action once; its result (success, failure or timeout path) is journaled. */
  action(actionName: string, input?: Readonly<Record<string, unknown>>, options?: ActionStepOptions): Promise<ActionResult>;
  /**
   * Wait durably: the run is suspended on a persisted timer and holds no memory meanwhile. The wait
   * counts from `ctx.now()` (the latest step's completion), so re-executing a run after a crash
   * does not lengthen it.
   */
  sleep(duration: Duration): Promise<void>;
  sleep(name: string, duration: Duration): Promise<void>;
}

/** What a workflow body receives. */
export interface WorkflowContext<I> {
  readonly input: I;
  readonly step: StepTools;
  readonly run: { readonly id: string; readonly flow: string; readonly attempt: number };
  /** Deterministic time: when the latest step the body has seen completed (the run's start before any). */
  readonly now: () => number;
  readonly logger: Logger;
  /** The limits the engine enforces on this run: the workflow's own, else the worker's, else the defaults. */
  readonly limits: Required<WorkflowLimits>;
}

/** Per-run limits, as Architect has. */
export interface WorkflowLimits {
  /** Steps per run, replays included (Architect: 10,000 actions per flow invocation). */
  readonly maxActions?: number;
  /** From first start to end, waits included. */
  readonly maxRunningTimeMs?: number;
}

/** Anything with zod's `parse` shape validates inputs. */
export interface InputSchema<I> {
  parse(input: unknown): I;
}

/** The body of a workflow. */
export type WorkflowHandler<I, O> = (ctx: WorkflowContext<I>) => Promise<O>;

/** A registered workflow: the result of `defineWorkflow` or `architectWorkflow`. */
export interface WorkflowDefinition<I = unknown, O = unknown> {
  readonly name: string;
  /** `code` (TypeScript) or `architect` (an imported flow). */
  readonly kind: string;
  readonly inputs?: InputSchema<I>;
  readonly limits?: WorkflowLimits;
  /** The body (declared as a method so a definition of any input type is a `WorkflowDefinition`). */
  handler(ctx: WorkflowContext<I>): Promise<O>;
  /** For Architect flows: the exit reason carried in the output, recorded on the run. */
  exitReasonOf?(output: O): string | undefined;
}
