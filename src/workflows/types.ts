/**
 * @module
 * The workflow model: definitions, the step tools a workflow body sees, and the action-invoker
 * port through which `step.action` reaches data actions (wired by the runtime).
 */
import type { Logger } from '../core/index.ts';
import type { Duration } from './duration.ts';
import type { RetryPolicy } from './retry-policy.ts';

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
  /**
   * Set by the invoker on a failure or timeout that may pass when sent again (what a retry policy
   * retries): a 429 (with the wait its `Retry-After` asks), a 500/502/503/504 or no answer, a
   * timeout. Not journaled: the workflow sees the result without it.
   */
  readonly transient?: {
    readonly kind: '429' | '5xx' | 'timeout';
    readonly status?: number;
    readonly retryAfterMs?: number;
  };
  /** How many times the step's request was sent under a retry policy, when more than once. */
  readonly attempts?: number;
}

/** What the invoker learns about the call. */
export interface ActionContext {
  readonly runId: string;
  readonly flow: string;
  readonly stepId: string;
  /** `<runId>:<stepId>`: stable across retries and crashes, so a remote side can deduplicate. */
  readonly idempotencyKey: string;
  /** Which try of the step this is under a retry policy (1, or absent, for the first). */
  readonly attempt?: number;
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
export type ActionInvoker = (
  actionName: string,
  input: Readonly<Record<string, unknown>>,
  ctx: ActionContext,
) => Promise<ActionResult>;

/** Options of `step.action`. */
export interface ActionStepOptions {
  /** The step id (default: the action name), for two different calls of the same action. */
  readonly id?: string;
  /** Give up after this long and take the `timeout` path. Default: the worker's `actionTimeoutMs`. */
  readonly timeoutMs?: number;
  /**
   * Send the request again after a 429, a 5xx or a timeout (see {@link RetryPolicy}), waiting on
   * durable timers between tries; `false`: never. Default: the worker's policy for this action
   * (a bundle's `retry`), else none: the step takes its failure or timeout path at once.
   */
  readonly retry?: RetryPolicy | false;
}

/** A raw Platform API request of `step.api`. */
export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** `/api/v2/…`, query included. */
  readonly path: string;
  /** A JSON body (sent as `application/json`). */
  readonly body?: unknown;
  /** Extra headers (`Authorization` is the client's). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The answer of `step.api`: any HTTP status (an error answer is returned, not thrown). */
export interface ApiResponse {
  readonly status: number;
  /** The parsed JSON body, the text when it is not JSON, `null` when empty. */
  readonly body: unknown;
}

/** Options of `step.api`. */
export interface ApiStepOptions {
  /** Give up after this long (the step throws `SB_WORKFLOW_API_FAILED`). Default: the worker's `actionTimeoutMs`. */
  readonly timeoutMs?: number;
}

/** Options of `step.waitForEvent`. */
export interface WaitForEventOptions {
  /** The event's topic: concrete (`v2.users.<id>.presence`) or a template (`v2.detail.events.conversation.{id}.user.end`). */
  readonly topic: string;
  /**
   * Only an event whose body has these values (dotted paths into the body, compared as JSON), or
   * for which this function returns true (it must be deterministic: it is asked again on replay).
   */
  readonly match?: Readonly<Record<string, unknown>> | ((body: unknown) => boolean);
  /** How long to wait; then the step returns `null`. */
  readonly timeout: Duration;
}

/** The event `step.waitForEvent` resumed with. */
export interface WaitedEvent {
  readonly id: string;
  readonly topic: string;
  readonly body: unknown;
  readonly receivedAt: number;
}

/** Options of `step.child`. */
export interface ChildStepOptions {
  /** The step id (default: the child workflow's name), for two calls of the same child. */
  readonly id?: string;
}

/** The durable step API of a workflow body. Every call is journaled; replays return the journal. */
export interface StepTools {
  /** Run `fn` once; its result (JSON) is journaled and returned on every replay. A throw is journaled too. */
  run<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
  /** Call a data action once; its result (success, failure or timeout path) is journaled. */
  action(
    actionName: string,
    input?: Readonly<Record<string, unknown>>,
    options?: ActionStepOptions,
  ): Promise<ActionResult>;
  /**
   * Wait durably: the run is suspended on a persisted timer and holds no memory meanwhile. The wait
   * counts from `ctx.now()` (the latest step's completion), so re-executing a run after a crash
   * does not lengthen it.
   */
  sleep(duration: Duration): Promise<void>;
  sleep(name: string, duration: Duration): Promise<void>;
  /**
   * Call the Platform API once through the workflow's Genesys Cloud client; the answer (any status)
   * is journaled and returned on every replay. A request other than GET carries
   * `Idempotency-Key: <runId>:<stepId>`, the same when it is re-sent after a crash.
   */
  api(id: string, request: ApiRequest, options?: ApiStepOptions): Promise<ApiResponse>;
  /**
   * Wait durably for an event the runtime receives after the wait began (its event log is read,
   * so an event that arrived while the run was suspended or its process down is found). Resolves
   * with the first matching event, or `null` when `timeout` passes first.
   */
  waitForEvent(id: string, options: WaitForEventOptions): Promise<WaitedEvent | null>;
  /**
   * Start a child workflow (registered with the same worker) once, and wait durably for its
   * result: resolves with its output, throws `SB_WORKFLOW_CHILD_FAILED` when it fails.
   */
  child<I, O>(workflow: WorkflowDefinition<I, O> | string, input: I, options?: ChildStepOptions): Promise<O>;
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
  /**
   * The version of this definition (an Architect flow: a hash of its content). Each run records
   * the version it started with and resumes with it after a wait, as Genesys runs a workflow
   * execution on the version it started on, even when a newer one is loaded meanwhile.
   */
  readonly version?: string;
  /** What the worker's `restoreVersion` rebuilds this version from (JSON), kept in the store. */
  readonly source?: unknown;
}
