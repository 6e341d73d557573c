/**
 * @module
 * The runtime: the composition root that wires an event source (the embedded emulator's bus, the
 * Notifications websocket, or events pushed over HTTP), the event log, the trigger index, the
 * durable workflow worker and the data-action invoker, and answers queries and live updates for
 * the CLI and the web console. Its JSON API is `runtimeApi(runtime)`.
 */
export { createRuntime } from './create-runtime.ts';
export { provisionOrgData } from './org-data.ts';
export { runtimeApi } from './http-api.ts';
export { flowGraph } from './flow-graph.ts';
export type { FlowGraph, FlowGraphNode, FlowGraphEdge } from './flow-graph.ts';
export { RuntimeErrors } from './errors.ts';
export { driveVirtualClock } from './virtual-time.ts';
export { sourceTopics } from './source-topics.ts';
export { targetCredentials } from './credentials.ts';
export type { Credentials } from './credentials.ts';
export { loadShippedSolutions } from './shipped-solutions.ts';
export { orgControl } from './org-control.ts';
export { attachOrgAutomation, orgAutomation } from './org-automation.ts';
export type { OrgAutomation } from './org-automation.ts';
export type { OrgControl, Answer } from './org-control.ts';
export type {
  RuntimeTarget,
  EventSourceKind,
  CodeTrigger,
  RuntimeOptions,
  TriggerView,
  DecisionView,
  EventView,
  IngestResult,
  TriggerTestResult,
  RuntimeStats,
  RuntimeUpdate,
  RuntimeListener,
  Runtime,
} from './types.ts';
export { createTestHarness, assertRun, RunAssertionError } from './test-harness.ts';
export type { TestHarness, TestHarnessOptions, RunExpectation } from './test-harness.ts';
