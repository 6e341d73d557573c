/**
 * Switchboard's public API: define durable workflows and their triggers in TypeScript, run them
 * on a runtime against the embedded Genesys Cloud emulator or a real org, and call the Platform
 * API with the Genesys client. The test harness is `switchboard/testing`.
 * @module switchboard
 * @example
 * import { createEmulator, createRuntime, defineTrigger, defineWorkflow } from 'switchboard';
 * const greet = defineWorkflow({ name: 'greet' }, async ({ input, step }) => {
 *   await step.sleep('5m');
 *   return step.run('say', () => `hello ${String(input)}`);
 * });
 * const runtime = await createRuntime({ target: { kind: 'emulator', emulator: createEmulator() }, bundles: [], workflows: [greet] });
 * await runtime.start();
 */

// Workflows: the definition, the step tools its body sees (`step.run`, `step.action`, `step.sleep`,
// `step.api`, `step.waitForEvent`, `step.child`), and the retry policy of data-action steps.
export { defineWorkflow, parseDuration } from './workflows/index.ts';
export type {
  WorkflowConfig,
  WorkflowDefinition,
  WorkflowHandler,
  WorkflowContext,
  WorkflowLimits,
  InputSchema,
  StepTools,
  ActionStepOptions,
  ActionResult,
  ActionStatus,
  ApiRequest,
  ApiResponse,
  ApiStepOptions,
  WaitForEventOptions,
  WaitedEvent,
  ChildStepOptions,
  RetryPolicy,
  RetryBackoff,
  RetryCondition,
  Duration,
  RunSummary,
  RunDetail,
  StepView,
} from './workflows/index.ts';

// Triggers declared in code, held to the rules of trigger files.
export { defineTrigger } from './triggers/index.ts';
export type {
  TriggerDeclaration,
  Trigger,
  TriggerSpec,
  TriggerTarget,
  MatchCriterion,
  Operator,
  DataFormat,
  Violation,
} from './triggers/index.ts';

// The runtime, its target (emulator or org) and its store (memory or SQLite).
export { createRuntime } from './runtime/index.ts';
export type {
  Runtime,
  RuntimeOptions,
  RuntimeTarget,
  CodeTrigger,
  EventSourceKind,
  RuntimeUpdate,
  RuntimeListener,
  EventView,
  IngestResult,
} from './runtime/index.ts';
export { loadBundle } from './blueprints/index.ts';
export type { LoadedBundle } from './blueprints/index.ts';
export { createEmulator } from './emulator/index.ts';
export type { Emulator, EmulatorOptions } from './emulator/index.ts';
export { createMemoryStore, openSqliteStore, openPostgresStore } from './store/index.ts';
export type {
  Store,
  RunStatus,
  RunFilter,
  MemoryStoreOptions,
  SqliteStoreOptions,
  PostgresStoreOptions,
} from './store/index.ts';

// The Genesys Cloud client.
export { createGenesysClient, genesysConfigFromEnv, GenesysApiError } from './genesys/index.ts';
export type { GenesysClient, GenesysClientOptions, GenesysConfig, GenesysRequestInit } from './genesys/index.ts';

// What every part shares: coded errors, time and logging.
export { SwitchboardError, isSwitchboardError, SystemClock, VirtualClock } from './core/index.ts';
export type { Clock, Logger } from './core/index.ts';
