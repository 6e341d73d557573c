/**
 * @module
 * The workflows context: one durable execution engine for code-first TypeScript workflows and
 * Architect flows. Steps are journaled in the Store before the workflow moves on, waits are
 * persisted timers, and runs are claimed with leases, so a killed process loses nothing.
 * See ARCHITECTURE.md for replay, memoization and determinism.
 */
export { defineWorkflow } from './define.ts';
export type { WorkflowConfig } from './define.ts';
export { createWorker } from './worker.ts';
export { enqueueRun } from './enqueue.ts';
export { runUntilIdle } from './testing.ts';
export { architectWorkflow } from './architect-workflow.ts';
export { createHistory, statusText, stepView, summarizeRun } from './history.ts';
export { BundleRetrySchema, checkRetryPolicy, policyForAction } from './retry-policy.ts';
export type { BundleRetry, RetryBackoff, RetryCondition, RetryPolicy } from './retry-policy.ts';
export type { RunSummary, RunDetail, StepView } from './history.ts';
export type { ArchitectRunOutput, ArchitectWorkflowOptions } from './architect-workflow.ts';
export type { Worker } from './worker-types.ts';
export type { EnqueueOptions } from './enqueue.ts';
export { parseDuration } from './duration.ts';
export type { Duration } from './duration.ts';
export type {
  ActionStatus,
  ActionResult,
  ActionInvoker,
  ActionStepOptions,
  ApiRequest,
  ApiResponse,
  ApiStepOptions,
  WaitForEventOptions,
  WaitedEvent,
  ChildStepOptions,
  StepTools,
  WorkflowContext,
  WorkflowLimits,
  InputSchema,
  WorkflowHandler,
  WorkflowDefinition,
} from './types.ts';
