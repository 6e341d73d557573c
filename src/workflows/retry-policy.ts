/**
 * @module
 * The opt-in retry policy of data-action steps, as pure functions: its shape (a zod schema shared
 * with the bundle manifest), which results it retries, and how long to wait before the next try.
 *
 * Without a policy a step is sent once and a 429, a 5xx or a timeout takes the flow's Failure or
 * Timeout path, as a Call Data Action does in Genesys Cloud (no automatic retry is documented
 * there; Genesys advises retry logic in the flow with an upper limit). A policy retries only what
 * may pass when sent again; the waits are computed here and kept by the engine as durable timers.
 */
import { z } from 'zod';
import { SwitchboardError } from '../core/index.ts';
import { WorkflowErrors } from './errors.ts';
import type { ActionResult } from './types.ts';

/** What a policy may retry: a 429, a transient 5xx (or no answer), a timeout. */
export type RetryCondition = 429 | '5xx' | 'timeout';

/** The backoff between tries when the answer does not say how long to wait. */
export interface RetryBackoff {
  /** The wait before the second try, ms. Default 1,000. */
  readonly initialMs?: number;
  /** No wait is longer, ms. Default 30,000. */
  readonly maxMs?: number;
  /** Each wait is the previous one times this. Default 2. */
  readonly factor?: number;
}

/**
 * How a data-action step is retried.
 * @example
 * const policy: RetryPolicy = { attempts: 3, backoff: { initialMs: 500 }, on: [429, '5xx', 'timeout'] };
 */
export interface RetryPolicy {
  /** Tries in all, the first included: 1 (no retry) to 10. */
  readonly attempts: number;
  readonly backoff?: RetryBackoff;
  /** Wait what a 429's (or 5xx's) `Retry-After` asks instead of the backoff. Default true. */
  readonly honourRetryAfter?: boolean;
  /** A `Retry-After` asking for longer is not waited for: the step takes its failure path. Default 60,000 ms. */
  readonly maxRetryAfterMs?: number;
  /** What is retried. Default: all three. */
  readonly on?: readonly RetryCondition[];
}

/** The defaults of the optional fields. */
const RETRY_DEFAULTS = {
  initialMs: 1000,
  maxMs: 30_000,
  factor: 2,
  honourRetryAfter: true,
  maxRetryAfterMs: 60_000,
  on: [429, '5xx', 'timeout'],
} as const;

const HOUR = 3_600_000;
const Ms = (max: number): z.ZodNumber => z.number().int().min(0).max(max);
const Condition = z.union([
  z.literal(429),
  z.literal('429').transform(() => 429 as const),
  z.literal('5xx'),
  z.literal('timeout'),
]);

const PolicyFields = {
  attempts: z.number().int().min(1).max(10),
  backoff: z
    .strictObject({
      initialMs: Ms(HOUR).optional(),
      maxMs: Ms(HOUR).optional(),
      factor: z.number().min(1).max(10).optional(),
    })
    .optional(),
  honourRetryAfter: z.boolean().optional(),
  maxRetryAfterMs: Ms(72 * HOUR).optional(),
  on: z.array(Condition).min(1).max(3).optional(),
};

/** The zod schema of a {@link RetryPolicy} (JSON: `on` takes `429` or `"429"`, `"5xx"`, `"timeout"`). */
const RetryPolicySchema = z.strictObject(PolicyFields);

/**
 * The `retry` of a bundle manifest: a policy for every data action of the bundle (all fields
 * optional; without `attempts` nothing is retried), and per-action overrides by action name: the
 * fields to change, or `false` for no retry of that action.
 */
export const BundleRetrySchema = z.strictObject({
  ...PolicyFields,
  attempts: PolicyFields.attempts.optional(),
  actions: z
    .record(
      z.string().min(1),
      z.union([z.literal(false), z.strictObject({ ...PolicyFields, attempts: PolicyFields.attempts.optional() })]),
    )
    .optional(),
});

/** A bundle's `retry`, as parsed. */
export type BundleRetry = z.output<typeof BundleRetrySchema>;

function pointer(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/**
 * Check a retry policy given in code; throws `SB_WORKFLOW_RETRY_INVALID` naming the field.
 * @example
 * checkRetryPolicy({ attempts: 3 }, 'step.action("Set Tag")');
 */
export function checkRetryPolicy(value: unknown, where: string): RetryPolicy {
  const r = RetryPolicySchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = pointer(issue.path);
  throw new SwitchboardError(
    WorkflowErrors.SB_WORKFLOW_RETRY_INVALID,
    `${where}: a retry policy must follow its schema; ${field ? `${field}: ` : ''}${issue.message}`,
    {
      details: {
        field: field || 'retry',
        issues: r.error.issues.map((i) => ({ field: pointer(i.path), message: i.message })),
      },
    },
  );
}

/**
 * The policy of one action under a bundle's `retry` (its override merged over the bundle's
 * fields), or undefined when it is not retried.
 * @example
 * policyForAction({ attempts: 3, actions: { 'Get State': false } }, 'Set Tag'); // { attempts: 3 }
 */
export function policyForAction(bundle: BundleRetry | undefined, actionName: string): RetryPolicy | undefined {
  if (!bundle) return undefined;
  const { actions, ...base } = bundle;
  const override = actions?.[actionName];
  if (override === false) return undefined;
  const merged = {
    ...base,
    ...override,
    ...(base.backoff || override?.backoff ? { backoff: { ...base.backoff, ...override?.backoff } } : {}),
  };
  return merged.attempts === undefined || merged.attempts <= 1 ? undefined : (merged as RetryPolicy);
}

/** What an attempt's result says about trying again. */
export function retryCondition(result: Pick<ActionResult, 'status' | 'transient'>): RetryCondition | undefined {
  if (result.status === 'timeout') return 'timeout';
  if (result.status !== 'failure' || !result.transient) return undefined;
  return result.transient.kind === '429' ? 429 : result.transient.kind === '5xx' ? '5xx' : 'timeout';
}

/** Whether to send an action again after try number `attempt`, and after how long. */
export type RetryDecision =
  | { readonly retry: true; readonly waitMs: number; readonly condition: RetryCondition }
  | { readonly retry: false; readonly reason?: string };

/** The backoff wait before try number `attempt + 1` (pure). */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const initial = policy.backoff?.initialMs ?? RETRY_DEFAULTS.initialMs;
  const max = policy.backoff?.maxMs ?? RETRY_DEFAULTS.maxMs;
  const factor = policy.backoff?.factor ?? RETRY_DEFAULTS.factor;
  return Math.min(max, Math.round(initial * factor ** Math.max(0, attempt - 1)));
}

/**
 * Decide whether try number `attempt` (1-based) of a step is followed by another, and the wait:
 * the answer's `Retry-After` when the policy honours it, else the backoff. A `Retry-After` beyond
 * `maxRetryAfterMs`, or a wait that would end after `deadline` (the run's maximum running time),
 * ends the retries: the step keeps the result it has.
 * @example
 * decideRetry({ attempts: 3 }, 1, { status: 'failure', transient: { kind: '429', retryAfterMs: 2000 } }, 0, Infinity);
 * // { retry: true, waitMs: 2000, condition: 429 }
 */
export function decideRetry(
  policy: RetryPolicy,
  attempt: number,
  result: Pick<ActionResult, 'status' | 'transient'>,
  now: number,
  deadline: number,
): RetryDecision {
  if (result.status === 'success') return { retry: false };
  const condition = retryCondition(result);
  if (condition === undefined) return { retry: false };
  if (!(policy.on ?? RETRY_DEFAULTS.on).includes(condition))
    return { retry: false, reason: `the retry policy does not retry ${condition}` };
  if (attempt >= policy.attempts)
    return { retry: false, reason: `the retry policy allows ${policy.attempts} attempts` };
  const asked = result.transient?.retryAfterMs;
  let waitMs = backoffMs(policy, attempt);
  if (asked !== undefined && (policy.honourRetryAfter ?? RETRY_DEFAULTS.honourRetryAfter)) {
    const cap = policy.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs;
    if (asked > cap)
      return { retry: false, reason: `Retry-After asks ${asked} ms, longer than maxRetryAfterMs ${cap}` };
    waitMs = asked;
  }
  if (now + waitMs >= deadline)
    return { retry: false, reason: "the wait would end after the run's maximum running time" };
  return { retry: true, waitMs, condition };
}
