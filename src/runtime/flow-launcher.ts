/**
 * @module
 * The emulator's `POST /api/v2/flows/executions` launches the runtime's workflows: the runtime is
 * the emulator's workflow engine, as Genesys's is for a real org (platform.md §4.8).
 */
import { createHash } from 'node:crypto';
import { SwitchboardError } from '../core/index.ts';
import type { FlowExecutionStatus, FlowLauncher, FlowRuntimeExecution, LaunchableFlow } from '../emulator/index.ts';
import type { Flow } from '../architect/index.ts';
import type { RunDetail, WorkflowDefinition } from '../workflows/index.ts';
import { RuntimeErrors } from './errors.ts';
import type { Runtime } from './types.ts';

/**
 * A stable UUID-shaped flow id from a workflow name, so a flow keeps its id across restarts the
 * way a published Genesys flow does.
 */
export function flowIdOf(name: string): string {
  const h = createHash('sha256').update(`switchboard.flow:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const STATUS: Record<RunDetail['status'], FlowExecutionStatus> = {
  pending: 'RUNNING',
  running: 'RUNNING',
  waiting: 'RUNNING',
  completed: 'COMPLETED',
  failed: 'FAILED',
  cancelled: 'TERMINATED',
};

/** A run as Genesys's `FlowRuntimeExecution`. */
export function toFlowExecution(run: RunDetail): FlowRuntimeExecution {
  const iso = (ms: number | undefined): string | undefined =>
    ms === undefined ? undefined : new Date(ms).toISOString();
  const output =
    run.output !== null && typeof run.output === 'object' && !Array.isArray(run.output)
      ? (run.output as Record<string, unknown>)
      : undefined;
  const outputData =
    output && typeof output.outputs === 'object' && output.outputs !== null
      ? (output.outputs as Record<string, unknown>)
      : output;
  return {
    id: run.id,
    status: STATUS[run.status],
    name: run.flow,
    dateLaunched: iso(run.createdAt),
    dateCompleted: iso(run.completedAt),
    completionReason: run.exitReason ?? run.error?.message,
    flowErrorInfo: run.error ? { message: run.error.message, code: run.error.code, status: 500 } : undefined,
    outputData,
  };
}

/**
 * What the launcher lists for a workflow definition: a workflow, or a workitem flow with its worktype
 * (the emulator's Task Management launches it for that worktype's workitems).
 */
function launchableOf(def: WorkflowDefinition): LaunchableFlow {
  const source = def.source as { flow?: Flow } | undefined;
  const flow = source?.flow;
  if (flow?.type === 'workitem')
    return {
      id: flowIdOf(def.name),
      name: def.name,
      type: 'WORKITEM',
      ...(flow.worktype ? { worktype: { name: flow.worktype } } : {}),
    };
  return { id: flowIdOf(def.name), name: def.name, type: 'WORKFLOW' };
}

/**
 * The launcher the runtime plugs into an embedded emulator: every workflow of the loaded bundles
 * (and code-first workflows) can be launched by id through the Platform API, and every workitem
 * flow by the emulator's Task Management when a rule of its worktype matches.
 * @example
 * emulator.attachFlowLauncher(runtimeFlowLauncher(runtime, () => definitions));
 */
export function runtimeFlowLauncher(runtime: Runtime, workflows: () => readonly WorkflowDefinition[]): FlowLauncher {
  const byId = (): Map<string, string> => new Map(workflows().map((w) => [flowIdOf(w.name), w.name]));
  return {
    flows: (): LaunchableFlow[] => workflows().map(launchableOf),
    async launch(_orgId, flowId, inputData) {
      const name = byId().get(flowId);
      if (name === undefined) {
        throw new SwitchboardError(
          RuntimeErrors.SB_RUNTIME_NOT_FOUND,
          `flow ${flowId} is not a workflow this runtime runs`,
        );
      }
      const run = await runtime.startWorkflow(name, inputData);
      return { executionId: run.id };
    },
    async status(_orgId, executionId) {
      const run = await runtime.run(executionId);
      return run === undefined ? undefined : toFlowExecution(run);
    },
  };
}
