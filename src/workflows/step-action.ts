/**
 * @module
 * `step.action`: a data action called once, its result (success, failure or timeout path)
 * journaled. Under a retry policy a 429, a 5xx or a timeout is sent again: each try that is
 * retried is journaled as an `attempt` entry (`<step id>@<n>`: its status, why, the wait), the run
 * suspends on a durable timer until the next try, and the step itself is journaled once with the
 * try that settled it. Every try carries the same `Idempotency-Key` (`<runId>:<stepId>`).
 */
import { SwitchboardError, isSwitchboardError } from '../core/index.ts';
import type { TimerHandle } from '../core/index.ts';
import { redactValue } from '../actions/index.ts';
import { attemptId } from './replay-state.ts';
import { WorkflowErrors } from './errors.ts';
import { checkRetryPolicy, decideRetry } from './retry-policy.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { HALTED, defineStepTool, jsonCopy } from './step-tool.ts';
import type { Halted, ToolContext } from './step-tool.ts';
import type { ActionResult, ActionStepOptions } from './types.ts';

/** What an attempt entry's output holds: the try's result and why it was sent again. */
interface AttemptOutput {
  readonly status: ActionResult['status'];
  readonly error?: ActionResult['error'];
  /** The try (1-based). */
  readonly attempt: number;
  /** What made it retried: `429`, `5xx` or `timeout`. */
  readonly retriedOn: 429 | '5xx' | 'timeout';
  /** The HTTP status answered, when one was. */
  readonly httpStatus?: number;
  /** What the answer's `Retry-After` asked, ms. */
  readonly retryAfterMs?: number;
  /** The wait before the next try, ms, and when it ends (epoch ms). */
  readonly waitMs: number;
  readonly retryAt: number;
}

/** The timer that holds a retried step until its next try. */
const retryTimerId = (stepId: string, attempt: number): string => `${attemptId(stepId, attempt)}:retry`;

function checkActionResult(actionName: string, r: unknown): ActionResult {
  const ok =
    typeof r === 'object' && r !== null && ['success', 'failure', 'timeout'].includes((r as ActionResult).status);
  if (!ok || typeof (r as ActionResult).outputs !== 'object' || (r as ActionResult).outputs === null) {
    throw new SwitchboardError(
      WorkflowErrors.SB_WORKFLOW_ACTION_RESULT_INVALID,
      `an action invoker must resolve to { status, outputs }; for "${actionName}" it returned ${JSON.stringify(r)?.slice(0, 200)}`,
    );
  }
  return r as ActionResult;
}

/** A secure action's trace comes redacted by its invoker; one that is not marked so keeps only its keys. */
function journaledTrace(r: ActionResult): unknown {
  const trace = jsonCopy(r.trace);
  if (r.secure !== true || trace === undefined) return trace;
  return typeof trace === 'object' && trace !== null && (trace as { secure?: unknown }).secure === true
    ? trace
    : redactValue(trace);
}

async function invoke(
  ctx: ToolContext,
  actionName: string,
  input: Readonly<Record<string, unknown>>,
  timeoutMs: number,
  attempt: number,
): Promise<ActionResult> {
  const { invoker, clock } = ctx.deps;
  if (!invoker)
    throw new SwitchboardError(
      WorkflowErrors.SB_WORKFLOW_NO_INVOKER,
      `step.action needs an action invoker; the worker has none (action "${actionName}")`,
    );
  const call = new AbortController();
  const onAbort = (): void => call.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  // The call's one deadline: at the step's timeout the call is aborted with a TimeoutError, which
  // the invoker (executeAction) answers as the action's Timeout, its trace included. An invoker
  // that ignores its signal (or throws on it) still ends in the timeout, one turn later.
  const timedOut: ActionResult = {
    status: 'timeout',
    outputs: {},
    error: { code: 'timeout', message: `no result within ${timeoutMs} ms` },
    transient: { kind: 'timeout' },
  };
  let deadlinePassed = false;
  let endAtDeadline: (() => void) | undefined;
  const timeout = new Promise<ActionResult>((resolve) => {
    endAtDeadline = () => setImmediate(() => resolve(timedOut));
  });
  const timer: TimerHandle = clock.setTimer(() => {
    deadlinePassed = true;
    call.abort(new DOMException(`no result within ${timeoutMs} ms`, 'TimeoutError'));
    endAtDeadline?.();
  }, timeoutMs);
  const { run, slot } = ctx;
  const callCtx = {
    runId: run.id,
    flow: run.flow,
    stepId: slot.stepId,
    idempotencyKey: `${run.id}:${slot.stepId}`,
    attempt,
    timeoutMs,
    signal: call.signal,
  };
  try {
    const result = await Promise.race([
      invoker(actionName, input, callCtx).then((r) => checkActionResult(actionName, r)),
      timeout,
    ]);
    if (result.status === 'timeout') call.abort(new Error('timeout'));
    return result;
  } catch (e) {
    if (deadlinePassed) return timedOut;
    const error = isSwitchboardError(e)
      ? { code: e.code, message: e.message }
      : {
          code: WorkflowErrors.SB_WORKFLOW_ACTION_FAILED,
          message: `the invoker threw: ${e instanceof Error ? e.message : String(e)}`,
        };
    return { status: 'failure', outputs: {}, error };
  } finally {
    timer.cancel();
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

/** The step's policy: its own, else the worker's for this action, else none. */
function policyOf(ctx: ToolContext, actionName: string, options: ActionStepOptions): RetryPolicy | undefined {
  if (options.retry === false) return undefined;
  if (options.retry !== undefined) return checkRetryPolicy(options.retry, `step.action("${actionName}")`);
  return ctx.deps.retryPolicyOf?.(ctx.run.flow, actionName);
}

/** Begin try `attempt` before sending it: one in flight at a crash is re-sent once, and counted. */
async function begin(ctx: ToolContext, attempt: number): Promise<number | undefined | Halted> {
  try {
    return await ctx.deps.store.beginAttempt?.(
      ctx.run.id,
      attempt === 1 ? ctx.slot.stepId : attemptId(ctx.slot.stepId, attempt),
    );
  } catch (e) {
    return ctx.storeFailed(e);
  }
}

async function execute(
  ctx: ToolContext,
  actionName: string,
  input: Readonly<Record<string, unknown>> = {},
  options: ActionStepOptions = {},
): Promise<ActionResult | Halted> {
  const policy = policyOf(ctx, actionName, options);
  const { store, clock } = ctx.deps;
  const { run, slot } = ctx;
  const tried = ctx.replay.attemptsOf(slot.stepId);
  let attempt = tried.length + 1;
  const last = tried.at(-1)?.output as AttemptOutput | undefined;
  if (last) {
    // Retried before: the next try waits for its timer, however often the run is replayed.
    if (clock.now() < last.retryAt) return ctx.suspend(last.retryAt);
    await store.fireTimer(run.id, retryTimerId(slot.stepId, last.attempt), clock.now()).catch(() => undefined);
  }
  const timeoutMs = options.timeoutMs ?? ctx.deps.actionTimeoutMs;
  for (;;) {
    const startedAt = clock.now();
    const sent = await begin(ctx, attempt);
    if (sent === HALTED) return HALTED;
    const r = await invoke(ctx, actionName, input, timeoutMs, attempt);
    const secure = r.secure === true ? { secure: true } : {};
    // A secure action's outputs stay in the journal so a replay returns them; history views redact them.
    const journaledInput = r.secure === true ? redactValue(input) : jsonCopy(input);
    const resent = sent !== undefined && sent > 1 ? { attempt: sent } : {};
    const now = clock.now();
    const decision = policy ? decideRetry(policy, attempt, r, now, ctx.deadline) : { retry: false as const };
    if (decision.retry) {
      const retryAt = now + decision.waitMs;
      const output: AttemptOutput = {
        status: r.status,
        ...(r.error ? { error: r.error } : {}),
        attempt,
        retriedOn: decision.condition,
        ...(r.transient?.status === undefined ? {} : { httpStatus: r.transient.status }),
        ...(r.transient?.retryAfterMs === undefined ? {} : { retryAfterMs: r.transient.retryAfterMs }),
        waitMs: decision.waitMs,
        retryAt,
      };
      const entry = {
        ...ctx.record('attempt', actionName, startedAt, {
          input: journaledInput,
          output,
          path: r.status,
          trace: journaledTrace(r),
          ...resent,
        }),
        stepId: attemptId(slot.stepId, attempt),
      };
      if (!(await ctx.journal(entry))) return HALTED;
      ctx.deps.logger.info(
        { runId: run.id, stepId: slot.stepId, attempt, on: decision.condition, waitMs: decision.waitMs },
        'data action will be retried',
      );
      attempt++;
      if (retryAt <= now) continue;
      try {
        await store.scheduleTimer({ runId: run.id, stepId: retryTimerId(slot.stepId, attempt - 1), dueAt: retryAt });
      } catch (e) {
        return ctx.storeFailed(e);
      }
      return ctx.suspend(retryAt);
    }
    if (policy && r.status !== 'success') {
      const why = decision.reason ?? 'the failure is not transient (not a 429, a 5xx, a timeout or a lost connection)';
      ctx.deps.logger.warn(
        { runId: run.id, stepId: slot.stepId, attempt, status: r.status, code: r.error?.code, why },
        'data action failed and is not retried',
      );
    }
    const output = jsonCopy({
      status: r.status,
      outputs: r.outputs,
      ...(r.error ? { error: r.error } : {}),
      ...secure,
      ...(attempt > 1 ? { attempts: attempt } : {}),
    }) as ActionResult;
    const record = ctx.record('action', actionName, startedAt, {
      input: journaledInput,
      output,
      path: r.status,
      trace: journaledTrace(r),
      ...resent,
    });
    if (!(await ctx.journal(record))) return HALTED;
    return output;
  }
}

/** `step.action(name, input?, options?)`. */
export const actionTool = defineStepTool({
  kind: 'action',
  slot(actionName: string, _input?: Readonly<Record<string, unknown>>, options?: ActionStepOptions) {
    // A broken policy throws at the call, before the step takes a place in the journal.
    if (options?.retry !== undefined && options.retry !== false)
      checkRetryPolicy(options.retry, `step.action("${actionName}")`);
    return { id: options?.id ?? actionName, name: actionName };
  },
  execute,
});
