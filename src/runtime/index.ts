/**
 * @module
 * The runtime: the composition root that wires an event source (the embedded emulator's bus, the
 * Notifications websocket, or events pushed over HTTP), the event log, the trigger index, the
 * durable workflow worker and the data-action invoker, and answers queries and live updates for
 * the CLI and the web console. Its JSON API is `runtimeApi(runtime)`.
 */
export { createRuntime } from './create-runtime.ts';
export { runtimeApi } from './api.ts';
export type { RuntimeApiOptions } from './api.ts';
export { RuntimeErrors } from './errors.ts';
export { readEvent, eventsOf } from './normalize.ts';
export type { IncomingEvent, ReadEvent } from './normalize.ts';
export { driveVirtualClock } from './virtual-time.ts';
export type { VirtualTimeDriver, DriveOptions } from './virtual-time.ts';
export type {
  RuntimeTarget,
  EventSourceKind,
  CodeTrigger,
  RuntimeOptions,
  TriggerView,
  IntegrationView,
  BundleView,
  DecisionView,
  EventView,
  EventQuery,
  RunQuery,
  IngestResult,
  TriggerTestResult,
  RuntimeStats,
  RuntimeUpdate,
  RuntimeListener,
  Runtime,
} from './types.ts';
