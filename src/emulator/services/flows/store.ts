/**
 * @module
 * The flows store: flows registered with the emulator (besides those the launcher lists) and the
 * record of every launch, so an execution keeps its name, version and launch time.
 */
import { declareStore } from '../../kernel.ts';

/** A flow known to the emulator. */
export interface FlowRecord {
  id: string;
  name: string;
  /** Upper case, e.g. `WORKFLOW`. */
  type: string;
  description?: string;
  /** The published version id. */
  version: string;
}

/** A launch as the emulator recorded it. */
export interface ExecutionRecord {
  id: string;
  flowId: string;
  name: string;
  flowVersion: string;
  /** ISO-8601. */
  dateLaunched: string;
  clientId: string;
}

/** The flows store of one org. */
export interface FlowsState {
  flows: Record<string, FlowRecord>;
  executions: Record<string, ExecutionRecord>;
}

/** Registered flows and launch records. */
export const flowsStore = declareStore<FlowsState>('flows', () => ({ flows: {}, executions: {} }));

/**
 * Most launch records an org keeps. Genesys keeps execution details "for several days"
 * (platform.md §4.8); the emulator bounds them by count instead, like its conversations, so a
 * long run does not grow (and re-serialize) the store without end.
 */
export const MAX_EXECUTION_RECORDS = 5_000;

/**
 * Record a launch, forgetting the oldest records beyond `max`.
 * @example
 * rememberExecution(org.get(flowsStore), { id, flowId, name, flowVersion, dateLaunched, clientId });
 */
export function rememberExecution(state: FlowsState, record: ExecutionRecord, max = MAX_EXECUTION_RECORDS): void {
  state.executions[record.id] = record;
  const ids = Object.keys(state.executions);
  for (let i = 0; i < ids.length - max; i++) delete state.executions[ids[i]!];
}
