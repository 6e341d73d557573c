/**
 * @module
 * The flows store: flows registered with the emulator (besides those the launcher lists) and the
 * record of every launch, so an execution keeps its name, version and launch time.
 */
import { declareStore } from '../../provider-contract.ts';
import type { OrgState } from '../../provider-contract.ts';

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
  /** The conversation of the event that started it (a trigger's start). */
  conversationId?: string;
}

/**
 * A flow published through Architect's import job (`POST /api/v2/flows/jobs`): the file as
 * uploaded, which the attached Architect engine runs and an export job gives back.
 */
export interface DeployedFlowRecord {
  id: string;
  name: string;
  /** Upper case, e.g. `WORKFLOW`. */
  type: string;
  description?: string;
  division?: string;
  /** The published version: 1 for the first publish, one more for each publish of the same flow. */
  version: number;
  /** The uploaded Archy YAML. */
  content: string;
  /** ISO-8601. */
  dateCreated: string;
  /** ISO-8601, of the latest publish. */
  datePublished: string;
}

/** A message of an Architect job (`ArchitectJobMessage`). */
export interface JobMessage {
  dateTime: string;
  type: 'INFO' | 'WARNING' | 'ERROR';
  text: string;
}

/** An Architect job: an import (publish of an uploaded file) or an export of a flow. */
export interface ArchitectJobRecord {
  id: string;
  command: 'publish' | 'export';
  /** Created until the file arrives (import) / the export runs; then Success or Failure. */
  status: 'Created' | 'Started' | 'Success' | 'Failure';
  /** ISO-8601. */
  dateCreated: string;
  clientId: string;
  /** The flow published (import) or exported. */
  flowId?: string;
  flowName?: string;
  /** Export: the exported file. */
  content?: string;
  fileName?: string;
  messages: JobMessage[];
}

/** The flows store of one org. */
export interface FlowsState {
  flows: Record<string, FlowRecord>;
  executions: Record<string, ExecutionRecord>;
  /** Flows published by import jobs, by id. */
  deployed?: Record<string, DeployedFlowRecord>;
  /** Import and export jobs, by id (at most {@link MAX_JOB_RECORDS}). */
  jobs?: Record<string, ArchitectJobRecord>;
}

/** Registered flows and launch records. */
export const flowsStore = declareStore<FlowsState>('flows', () => ({
  flows: {},
  executions: {},
  deployed: {},
  jobs: {},
}));

/** Most Architect job records an org keeps (the oldest are forgotten first). */
const MAX_JOB_RECORDS = 500;

/**
 * Record a job, forgetting the oldest records beyond `max`.
 * @example
 * rememberJob(org.get(flowsStore), job);
 */
export function rememberJob(state: FlowsState, job: ArchitectJobRecord, max = MAX_JOB_RECORDS): void {
  const jobs = (state.jobs ??= {});
  jobs[job.id] = job;
  const ids = Object.keys(jobs);
  for (let i = 0; i < ids.length - max; i++) delete jobs[ids[i]!];
}

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

/**
 * The flows an org published through Architect jobs, oldest first (for the Architect engine that runs them).
 * @example
 * const flows = deployedFlows(emulator.services.org(emulator.orgId));
 */
export function deployedFlows(org: OrgState): DeployedFlowRecord[] {
  return Object.values(org.get(flowsStore).deployed ?? {})
    .sort((a, b) => a.dateCreated.localeCompare(b.dateCreated) || a.id.localeCompare(b.id))
    .map((f) => ({ ...f }));
}

/**
 * Record a flow execution the org's workflow runtime started (a trigger's start), so the flow
 * execution history and `GET /api/v2/flows/executions/{id}` know it.
 * @example
 * recordFlowExecution(org, { id: run.id, flowId, name, flowVersion: '1.0', dateLaunched, clientId: 'processautomation' });
 */
export function recordFlowExecution(org: OrgState, record: ExecutionRecord): void {
  rememberExecution(org.get(flowsStore), record);
  org.touch(flowsStore);
}
