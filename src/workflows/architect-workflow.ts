/**
 * @module
 * Architect flows on the durable engine: `architectWorkflow(flow)` wraps the architect
 * interpreter (a pure function of flow, inputs and step results) so its data-action calls and
 * waits become journaled `step.action` / `step.sleep` steps. Decisions, loops and assignments are
 * recomputed on replay; only side effects and waits are journaled.
 */
import { createHash } from 'node:crypto';
import { SwitchboardError, declaredCode, isPlainObject } from '../core/index.ts';
import type { Fetch } from '../core/index.ts';
import { callGenesysApi, runFlow } from '../architect/index.ts';
import type { Flow, FlowResult, FlowStepTools, GenesysRequest } from '../architect/index.ts';
import { WorkflowErrors } from './errors.ts';
import type { WorkflowDefinition, WorkflowLimits } from './types.ts';

/** The output of an Architect run: its exit reason, output variables and the path it took. */
export interface ArchitectRunOutput {
  readonly exitReason?: string;
  readonly outputs: FlowResult['outputs'];
  readonly path: FlowResult['path'];
}

/** Options of {@link architectWorkflow}. */
export interface ArchitectWorkflowOptions {
  /** The workflow name runs are recorded under. Default: the flow's name. */
  readonly name?: string;
  readonly limits?: WorkflowLimits;
  /**
   * The authenticated fetch of the workflow's Genesys Cloud client (relative `/api/v2/…` URLs),
   * for the actions that call the platform directly (Find User, Get Participant Data…). Each
   * request is a journaled `step.run`. Without it those actions fail the run.
   */
  readonly genesys?: Fetch;
}

/** One platform request through the client's fetch: status and parsed JSON body (`null` when empty). */
const objectInput = {
  parse(input: unknown): Record<string, unknown> {
    if (input === undefined || input === null) return {};
    if (!isPlainObject(input)) {
      throw new SwitchboardError(
        WorkflowErrors.SB_WORKFLOW_INPUT_INVALID,
        `an Architect flow's input must be an object of input variables; got ${JSON.stringify(input)?.slice(0, 100)}`,
      );
    }
    return input;
  },
};

/**
 * Make an imported Architect flow runnable by the durable engine.
 * @example
 * const flow = importFlowFile('callback.yaml');
 * const worker = createWorker({ store, workflows: [architectWorkflow(flow)], invoker });
 * await worker.enqueue(flow.name, { conversationId: 'c-1' });
 */
export function architectWorkflow(
  flow: Flow,
  options: ArchitectWorkflowOptions = {},
): WorkflowDefinition<Record<string, unknown>, ArchitectRunOutput> {
  const limits = options.limits;
  const source = { flow };
  const definition: WorkflowDefinition<Record<string, unknown>, ArchitectRunOutput> = {
    name: options.name ?? flow.name,
    kind: 'architect',
    version: createHash('sha256').update(JSON.stringify(source)).digest('hex').slice(0, 16),
    source,
    inputs: objectInput,
    limits,
    async handler({ input, step, now, limits: effective }) {
      const tools: FlowStepTools = {
        async callAction(stepId, actionName, actionInput, opts) {
          const r = await step.action(actionName, actionInput, {
            id: stepId,
            ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
          });
          return { status: r.status, outputs: { ...r.outputs }, ...(r.secure === true ? { secure: true } : {}) };
        },
        sleep: (stepId, ms) => step.sleep(stepId, ms),
        now,
        ...(options.genesys
          ? {
              genesys: (stepId: string, request: GenesysRequest) =>
                step.run(stepId, () => callGenesysApi(options.genesys!, request)),
            }
          : {}),
      };
      // The engine's effective limits (a worker's default included), so a trimmable Wait is trimmed
      // against the deadline the engine will enforce.
      const result = await runFlow(flow, input, tools, {
        maxActions: effective.maxActions,
        maxRunningMs: effective.maxRunningTimeMs,
      });
      if (result.status === 'failed') {
        const error = result.error;
        throw new SwitchboardError(
          declaredCode(error?.code, WorkflowErrors.SB_WORKFLOW_FAILED),
          error?.message ?? `flow "${flow.name}" failed`,
          {
            details: { ...error, outputs: result.outputs, path: result.path },
          },
        );
      }
      return {
        ...(result.exitReason === undefined ? {} : { exitReason: result.exitReason }),
        outputs: result.outputs,
        path: result.path,
      };
    },
    exitReasonOf: (output) => output.exitReason,
  };
  return Object.freeze(definition);
}
