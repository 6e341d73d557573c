/**
 * @module
 * Creating runs: `enqueueRun` (a run in the store, ready now or after a delay, its input checked
 * against the workflow's schema) and the idempotency keys of child runs.
 */
import { SwitchboardError, SystemClock, randomIds } from '../core/index.ts';
import type { Clock, Ids } from '../core/index.ts';
import type { RunRecord, Store } from '../store/index.ts';
import { checkWorkflowName } from './define.ts';
import { WorkflowErrors } from './errors.ts';
import type { WorkflowDefinition } from './types.ts';

/** The idempotency key of the child run a parent step starts: `child:<parent run id>:<step id>`. */
export function childRunKey(parentRunId: string, stepId: string): string {
  return `child:${encodeURIComponent(parentRunId)}:${stepId}`;
}

/** The parent run of a child run's idempotency key, if it is one. */
export function parentOfChildKey(key: string | undefined): string | undefined {
  const m = key === undefined ? null : /^child:([^:]+):/.exec(key);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

/** Options of {@link Worker.enqueue} and {@link enqueueRun}. */
export interface EnqueueOptions {
  /** A second start with the same key returns the first run instead of creating one. */
  readonly idempotencyKey?: string;
  /** Delayed start (a trigger's `delayBySeconds`). */
  readonly delayMs?: number;
  readonly eventId?: string;
  readonly triggerId?: string;
  /** The run id. Default: a new UUID. */
  readonly runId?: string;
}

/** Options of {@link enqueueRun} beyond {@link EnqueueOptions}. */
export interface EnqueueRunOptions extends EnqueueOptions {
  readonly clock?: Clock;
  readonly ids?: Ids;
  /** Create the run already leased to this worker (see `NewRun.claim`); ignored for a delayed start. */
  readonly claim?: { readonly workerId: string; readonly leaseMs: number };
}

/** Create a run (see {@link enqueueRun}), telling whether it is new or a repeated start. */
export async function createRun(
  store: Store,
  workflow: WorkflowDefinition | string,
  input: unknown,
  options: EnqueueRunOptions = {},
): Promise<{ run: RunRecord; created: boolean }> {
  const flow = checkWorkflowName(typeof workflow === 'string' ? workflow : workflow.name);
  if (typeof workflow !== 'string' && workflow.inputs) {
    try {
      workflow.inputs.parse(input);
    } catch (e) {
      const issues = (e as { issues?: unknown }).issues;
      throw new SwitchboardError(
        WorkflowErrors.SB_WORKFLOW_INPUT_INVALID,
        `the input must match the inputs of workflow "${flow}"; ${e instanceof Error ? e.message : String(e)}`,
        {
          details: issues === undefined ? {} : { issues },
        },
      );
    }
  }
  const now = (options.clock ?? new SystemClock()).now();
  return store.createRun({
    id: options.runId ?? (options.ids ?? randomIds).uuid(),
    flow,
    kind: typeof workflow === 'string' ? 'code' : workflow.kind,
    input,
    idempotencyKey: options.idempotencyKey,
    eventId: options.eventId,
    triggerId: options.triggerId,
    ...(typeof workflow !== 'string' && workflow.version !== undefined ? { flowVersion: workflow.version } : {}),
    createdAt: now,
    readyAt: now + Math.max(0, options.delayMs ?? 0),
    ...(options.claim && !((options.delayMs ?? 0) > 0) ? { claim: options.claim } : {}),
  });
}

/**
 * Create a run in the store, ready now or after `delayMs` (no worker needed: any worker sharing
 * the store will pick it up). Validates the input against the workflow's schema.
 * @example
 * const run = await enqueueRun(store, callback, { conversationId }, { clock, ids, idempotencyKey: event.id });
 */
export async function enqueueRun(
  store: Store,
  workflow: WorkflowDefinition | string,
  input: unknown,
  options: EnqueueRunOptions = {},
): Promise<RunRecord> {
  return (await createRun(store, workflow, input, options)).run;
}
