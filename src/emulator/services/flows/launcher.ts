/**
 * @module
 * The hook through which the emulator launches workflows. The emulator does not run flows itself:
 * `POST /api/v2/flows/executions` hands the launch to a {@link FlowLauncher} (the runtime's
 * workflow engine), and `GET /api/v2/flows/executions/{id}` asks it for the execution's state.
 */
import type { ErrorBody } from '../../../core/index.ts';

/** `FlowRuntimeExecution.status` (platform.md §4.8). */
export type FlowExecutionStatus = 'UNKNOWN' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'ERROR' | 'TERMINATED';

/**
 * A flow execution as the launcher reports it: the Genesys `FlowRuntimeExecution`. Fields the
 * launcher leaves out are filled from the emulator's launch record (name, flow version,
 * `dateLaunched`); times are ISO-8601.
 */
export interface FlowRuntimeExecution {
  readonly id: string;
  readonly status: FlowExecutionStatus;
  readonly name?: string | undefined;
  readonly flowVersion?: { readonly id: string; readonly name?: string | undefined } | undefined;
  readonly dateLaunched?: string | undefined;
  readonly dateCompleted?: string | undefined;
  /** Free text, e.g. why the flow ended. */
  readonly completionReason?: string | undefined;
  /** Set when the status is ERROR or FAILED. */
  readonly flowErrorInfo?: ErrorBody | undefined;
  readonly outputData?: Readonly<Record<string, unknown>> | undefined;
  readonly conversation?: { readonly id: string } | undefined;
}

/** A flow the launcher can run, as listed by `GET /api/v2/flows`. */
export interface LaunchableFlow {
  readonly id: string;
  readonly name: string;
  /** Genesys flow type, upper case (default `WORKFLOW`). */
  readonly type?: string | undefined;
  readonly description?: string | undefined;
  /** The published version (default `1.0`). */
  readonly version?: string | undefined;
  /**
   * A workitem flow's worktype, by name (Architect's flow setting): the Task Management service
   * launches the flow for the workitems of that worktype when one of the worktype's rules matches.
   */
  readonly worktype?: { readonly name: string } | undefined;
}

/** What a launch carries besides the flow and its inputs. */
interface FlowLaunchContext {
  /** The execution's name (the request's, or the emulator's default). */
  readonly name: string;
  /** The requested version, when the request named one. */
  readonly flowVersion?: string | undefined;
  /** The OAuth client that launched it. */
  readonly clientId: string;
}

/**
 * Runs workflows for the emulator. Plug it in with `createEmulator({ flowLauncher })` or
 * `emulator.attachFlowLauncher(...)`.
 * @example
 * const flowLauncher: FlowLauncher = {
 *   launch: async (orgId, flowId, inputData) => ({ executionId: (await engine.start(flowId, inputData)).id }),
 *   status: (orgId, id) => engine.execution(id),
 *   flows: () => engine.flows(),
 * };
 */
export interface FlowLauncher {
  /**
   * Start the flow; resolve as soon as it started (the launch is asynchronous, platform.md §4.8).
   * A `SwitchboardError` is answered with its status, code and message.
   */
  launch(
    orgId: string,
    flowId: string,
    inputData: Readonly<Record<string, unknown>>,
    context: FlowLaunchContext,
  ): Promise<{ readonly executionId: string }>;
  /** The execution's state, `undefined` when the launcher does not know it. */
  status(
    orgId: string,
    executionId: string,
  ): FlowRuntimeExecution | undefined | Promise<FlowRuntimeExecution | undefined>;
  /** The flows it can run; when present, a launch of any other flow id is answered 404. */
  flows?(orgId: string): readonly LaunchableFlow[];
}
