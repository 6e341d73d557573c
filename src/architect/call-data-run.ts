/**
 * @module
 * The two actions that hand work to the step tools: Call Data Action (inputs evaluated, NOT_SET
 * ones left out; outputs bound by the outcome; a secure action's inputs hidden in the record) and
 * Wait (its duration checked against the 72-hour limit and the run's remaining time, or trimmed).
 */
import { flattenOutputs } from './bindings.ts';
import { ArchitectErrors } from './errors.ts';
import type { CallDataAction, WaitAction } from './model.ts';
import type { PlatformRunContext } from './platform-run.ts';
import { MAX_WAIT_MS, TRIM_MARGIN_MS } from './run-types.ts';
import type { FlowStepTools } from './run-types.ts';

/** What Call Data Action needs of the run. */
export type CallDataContext = Pick<PlatformRunContext, 'value' | 'assign' | 'fail'> & Pick<FlowStepTools, 'callAction'>;

/** Call a data action and bind its outputs; the outcome and what the step record shows. */
export async function runCallData(
  ctx: CallDataContext,
  action: CallDataAction,
  stepId: string,
): Promise<{ status: 'success' | 'failure' | 'timeout'; detail: Record<string, unknown> }> {
  const input: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(action.inputs)) {
    const v = ctx.value(source, action);
    // A NOT_SET input is left out of the request (docs/architect-semantics.md).
    if (v !== null) input[name] = v;
  }
  const result = await ctx.callAction(stepId, action.dataAction, input, {
    ...(action.timeoutMs === undefined ? {} : { timeoutMs: action.timeoutMs }),
    category: action.category,
  });
  const status = result?.status;
  if (status !== 'success' && status !== 'failure' && status !== 'timeout') {
    ctx.fail(
      ArchitectErrors.SB_ARCHITECT_ACTION_FAILED,
      `the data action "${action.dataAction}" returned status ${JSON.stringify(status)}; expected success, failure or timeout`,
      action,
    );
  }
  const bindings = status === 'success' ? action.successOutputs : status === 'failure' ? action.failureOutputs : {};
  const flat = flattenOutputs(result.outputs ?? {});
  for (const [out, variable] of Object.entries(bindings)) {
    ctx.assign(variable, flat.has(out) ? flat.get(out) : null, action, `output ${out} of "${action.dataAction}"`);
  }
  const shown = result.secure === true ? Object.fromEntries(Object.keys(input).map((k) => [k, '[secure]'])) : input;
  return {
    status,
    detail: {
      dataAction: action.dataAction,
      input: shown,
      ...(result.secure === true ? { secure: true } : {}),
    },
  };
}

/**
 * How long a Wait sleeps: its duration, or, when `trimDurationNearMaxRunningTime` is on, trimmed to
 * the run's remaining time (less a margin) and to 72 hours; past either without trimming, `tooLong`.
 */
export function waitDuration(
  action: WaitAction,
  remainingMs: number | undefined,
  tooLong: (message: string) => never,
): number {
  let ms = action.durationMs;
  const trim = action.trimDurationNearMaxRunningTime;
  if (remainingMs !== undefined && ms >= remainingMs) {
    if (!trim) tooLong(`waiting ${ms} ms would pass the maximum running time (${Math.max(0, remainingMs)} ms left)`);
    ms = Math.max(0, remainingMs - TRIM_MARGIN_MS);
  }
  if (ms > MAX_WAIT_MS) {
    if (!trim) tooLong(`a Wait may last at most 72 hours; got ${ms} ms`);
    ms = MAX_WAIT_MS;
  }
  return ms;
}
