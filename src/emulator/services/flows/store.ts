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
