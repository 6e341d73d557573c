/**
 * @module
 * The runtime: the composition root that wires an event source (the embedded emulator's bus, the
 * Notifications websocket, or events pushed over HTTP), the event log, the trigger index, the
 * durable workflow worker and the data-action invoker, and answers queries and live updates for
 * the CLI and the web console. Its JSON API is `runtimeApi(runtime)`.
 */
export { createRuntime } from './create-runtime.ts';
export { runtimeApi } from './http-api.ts';
export { flowGraph } from './flow-graph.ts';
export type { FlowGraph, FlowGraphNode, FlowGraphEdge } from './flow-graph.ts';
export type { RuntimeApiOptions } from './http-api.ts';
export { RuntimeErrors } from './errors.ts';
export { readEvent, eventsOf } from './read-event.ts';
export type { IncomingEvent, ReadEvent } from './read-event.ts';
export { driveVirtualClock } from './virtual-time.ts';
export { createInvocationLimiter, GENESYS_INVOCATION_LIMITS } from './invocation-limits.ts';
export type { InvocationLimits, InvocationLimiter, InvocationLimitName, Placement } from './invocation-limits.ts';
export { sourceTopics, MAX_TOPICS_PER_CHANNEL } from './source-topics.ts';
export { busSource, websocketSource } from './event-source.ts';
export type { EventSourcePort, OpenSource, SourceContext, SourceHealth } from './event-source.ts';
export { pushSource, destinationName, DEFAULT_DESTINATION_CHECK_MS } from './push-source.ts';
export type { DestinationRegistration } from './push-source.ts';
export type { SourceTopics } from './source-topics.ts';
export type { VirtualTimeDriver, DriveOptions } from './virtual-time.ts';
export { targetCredentials, OUTBOUND_PERMISSIONS } from './credentials.ts';
export type { Credentials, Credentialed, ClientRequest } from './credentials.ts';
export { loadShippedSolutions } from './shipped-solutions.ts';
export type { ShippedSolution } from './shipped-solutions.ts';
export { orgControl, orgControlOver } from './org-control.ts';
export { attachOrgAutomation, orgAutomation } from './org-automation.ts';
export type { OrgAutomation, OrgAutomationOptions } from './org-automation.ts';
export type { OrgControl, Answer } from './org-control.ts';
export type {
  RuntimeTarget,
  EventSourceKind,
  CodeTrigger,
  RuntimeOptions,
  TriggerView,
  IntegrationView,
  BundleView,
  DecisionView,
  RateLimitView,
  EventView,
  EventQuery,
  RunQuery,
  IngestResult,
  RuntimeHealth,
  RuntimeStartOptions,
  TriggerTestResult,
  RuntimeStats,
  RuntimeUpdate,
  RuntimeListener,
  Runtime,
} from './types.ts';
export { createTestHarness, assertRun, RunAssertionError } from './test-harness.ts';
export type { TestHarness, TestHarnessOptions, RunExpectation } from './test-harness.ts';
