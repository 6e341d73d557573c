/**
 * @module
 * `defineWorkflow`: a code-first workflow as a plain definition object.
 */
import { SwitchboardError } from '../core/index.ts';
import { WorkflowErrors } from './errors.ts';
import type { InputSchema, WorkflowDefinition, WorkflowHandler, WorkflowLimits } from './types.ts';

/** The configuration part of {@link defineWorkflow}. */
export interface WorkflowConfig<I> {
  /** Unique among the workflows a worker runs; the runs history groups by it. 1-256 printable characters. */
  readonly name: string;
  /** Validates (and types) the input when a run starts, e.g. a zod schema. */
  readonly inputs?: InputSchema<I>;
  readonly limits?: WorkflowLimits;
}

/** Check a workflow name; throws `SB_WORKFLOW_INVALID`. */
export function checkWorkflowName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    name.length < 1 ||
    name.length > 256 ||
    [...name].some((c) => c.charCodeAt(0) < 0x20)
  ) {
    throw new SwitchboardError(
      WorkflowErrors.SB_WORKFLOW_INVALID,
      `a workflow name must be 1-256 printable characters; got ${JSON.stringify(name)}`,
      {
        details: { field: 'name' },
      },
    );
  }
  return name;
}

function checkLimits(name: string, limits: WorkflowLimits | undefined): void {
  for (const [field, value] of Object.entries(limits ?? {})) {
    if (value !== undefined && (typeof value !== 'number' || !(value > 0))) {
      throw new SwitchboardError(
        WorkflowErrors.SB_WORKFLOW_INVALID,
        `workflow "${name}": limits.${field} must be a positive number; got ${JSON.stringify(value)}`,
        {
          details: { field: `limits.${field}` },
        },
      );
    }
  }
}

/**
 * Define a code-first durable workflow.
 * @example
 * export const callback = defineWorkflow({ name: 'callback', inputs: z.object({ conversationId: z.string() }) }, async ({ input, step }) => {
 *   for (let i = 0; i < 5; i++) {
 *     const r = await step.action('Get Queue Stats', { conversationId: input.conversationId });
 *     if (r.status === 'success' && r.outputs.agentsIdle) return { connected: true };
 *     await step.sleep('5m');
 *   }
 *   return { connected: false };
 * });
 */
export function defineWorkflow<I = unknown, O = unknown>(
  config: WorkflowConfig<I>,
  handler: WorkflowHandler<I, O>,
): WorkflowDefinition<I, O> {
  const name = checkWorkflowName(config.name);
  if (typeof handler !== 'function') {
    throw new SwitchboardError(
      WorkflowErrors.SB_WORKFLOW_INVALID,
      `workflow "${name}": the handler must be a function; got ${typeof handler}`,
      { details: { field: 'handler' } },
    );
  }
  checkLimits(name, config.limits);
  return Object.freeze({ name, kind: 'code', inputs: config.inputs, limits: config.limits, handler });
}
