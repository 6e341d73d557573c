/**
 * @module
 * The runtime's public model: how to create one ({@link RuntimeOptions}), what it answers
 * ({@link Runtime}), and the live updates it streams ({@link RuntimeUpdate}). The web console and
 * the CLI build on these types only.
 */
import type { FlowGraph } from './flow-graph.ts';
import type { Clock, Ids, Logger } from '../core/index.ts';
import type { Emulator } from '../emulator/index.ts';
import type { GenesysConfig } from '../genesys/index.ts';
import type { Finding, LoadedBundle } from '../blueprints/index.ts';
import type { OutboundDeps, PlaceCallRequest, PlacedCall } from '../outbound/index.ts';
import type { ActivityBucket, EventFilter, RunFilter, Store } from '../store/index.ts';
import type { Decision, Trigger, TriggerTrace } from '../triggers/index.ts';
import type { RetryPolicy, RunDetail, RunSummary, StepView, WorkflowDefinition } from '../workflows/index.ts';
import type { MockSpec } from '../third-party/index.ts';
import type { InvocationLimitName, InvocationLimits } from './invocation-limits.ts';

/**
 * Where the runtime's Genesys Cloud is.
 * - `emulator`: an embedded emulator instance — requests go through its in-process `fetch`;
 * - `emulator-url`: an emulator on a port (`switchboard emulator`) — HTTP, OAuth clients made
 *   through its `/_switchboard/clients` control route;
 * - `org`: a real org (`genesysConfigFromEnv(process.env)`), optionally with one credential per
 *   integration name (else every integration uses the shared client).
 */
export type RuntimeTarget =
  | { readonly kind: 'emulator'; readonly emulator: Emulator }
  | { readonly kind: 'emulator-url'; readonly url: string }
  | {
      readonly kind: 'org';
      readonly config: GenesysConfig;
      readonly integrations?: Readonly<Record<string, { readonly clientId: string; readonly clientSecret: string }>>;
    };

/**
 * How events reach the runtime.
 * - `bus`: the embedded emulator's in-process event bus, every event of the org (default for
 *   `emulator`);
 * - `websocket`: a Notifications API channel subscribed with the emulator-only `{id}` wildcard
 *   to the trigger topics, every conversation detail topic of the trigger topic catalogue and
 *   the users' presence, activity and routing-status topics (an option for `emulator-url`; also
 *   usable on an embedded emulator that listens on a port, given `websocketUrl`). Like
 *   Genesys's, it loses what is published while the socket is down (platform.md §6.1);
 * - `push`: nothing is pulled; events arrive through {@link Runtime.ingest} or `POST /events`
 *   (default for a real org and for `emulator-url`: Genesys allows per-conversation websocket
 *   topics only, platform.md §6.1, so detail events come from EventBridge). On `emulator-url`,
 *   given `RuntimeStartOptions.eventDestination`, the runtime registers itself as the
 *   emulator's EventBridge API destination, which queues and retries: nothing is lost while the
 *   runtime is down or restarting.
 */
export type EventSourceKind = 'bus' | 'websocket' | 'push';

/** A trigger that starts a code-first workflow (bundles bring their own triggers). */
export interface CodeTrigger {
  readonly trigger: Trigger;
  /** The name of a workflow in {@link RuntimeOptions.workflows}. */
  readonly workflow: string;
}

/** Options of `createRuntime`. */
export interface RuntimeOptions {
  readonly target: RuntimeTarget;
  /** The store (runs, journal, timers, event log). Give this or `dbPath`; default: in memory. */
  readonly store?: Store;
  /** A SQLite file for a durable store (`:memory:` allowed). */
  readonly dbPath?: string;
  /** Shared with the emulator for virtual time. Default: the system clock. */
  readonly clock?: Clock;
  readonly ids?: Ids;
  readonly logger?: Logger;
  /** Loaded bundles (triggers, Architect workflows, data actions by integration). */
  readonly bundles: readonly LoadedBundle[];
  /**
   * Code-first workflows, started by `codeTriggers` or `startWorkflow`. Their `step.action` reaches
   * the data actions of the bundle named by `codeWorkflowActions`, and no other.
   */
  readonly workflows?: readonly WorkflowDefinition[];
  readonly codeTriggers?: readonly CodeTrigger[];
  /**
   * The name of a loaded bundle whose data actions (each with the credentials of its integration)
   * the code-first workflows call by name; a bundle may hold integrations and actions only.
   */
  readonly codeWorkflowActions?: string;
  /**
   * The retry policy of the code-first workflows' data-action steps that set none (a 429, a 5xx
   * or a timeout sent again, waiting on durable timers). Default: the `retry` of the
   * `codeWorkflowActions` bundle's manifest, else none. Bundle workflows follow their bundle's.
   */
  readonly retry?: RetryPolicy;
  /** Runs executed at the same time. Default 64. */
  readonly concurrency?: number;
  /** Default: `bus` for an embedded emulator, `push` for an emulator URL or an org. */
  readonly eventSource?: EventSourceKind;
  /** For `websocket` on an embedded emulator: the base URL it listens on. */
  readonly websocketUrl?: string;
  /** How long a run's lease lasts (ms). Default 30 s. */
  readonly leaseMs?: number;
  /**
   * Also look for claimable runs this often (ms), besides due times and the store's announcements.
   * Default: every 5 s on a store shared by several processes (Postgres), never otherwise.
   */
  readonly pollMs?: number;
  /**
   * How many events the event log keeps (the newest win), for a store the runtime opens itself
   * (`dbPath`, or the default in-memory store). Default: the store's (1,000,000 for SQLite,
   * 100,000 in memory). A store given in `store` keeps its own retention.
   */
  readonly maxEvents?: number;
  /**
   * The org's workflow-invocation limits (platform.md §1.6); each unset one is Genesys's (6,000/min,
   * 36,000/h, 80% of a minute to one workflow), and `0` or `Infinity` turns it off. A start over a
   * limit is delayed until a slot frees, or dropped when its trigger's TTL passes meanwhile.
   */
  readonly invocationLimits?: Partial<InvocationLimits>;
  /**
   * What data actions' requests for hosts other than Genesys Cloud meet: the mocks that answer
   * them and the hosts passed through to the real service. Anything else fails the action with
   * `SB_THIRD_PARTY_NOT_MOCKED`, naming the mock entry to add.
   */
  readonly thirdParty?: { readonly mocks?: readonly MockSpec[]; readonly passthrough?: readonly string[] };
}

/** One trigger as the runtime runs it. */
export interface TriggerView {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly topicName: string;
  readonly bundle: string | undefined;
  /** The workflow (run name) it starts. */
  readonly workflow: string;
  readonly trigger: Trigger;
}

/** One integration of a bundle and the credentials its actions run with. */
interface IntegrationView {
  readonly name: string;
  readonly actions: readonly string[];
  /** The permissions of its OAuth client, or `undefined` when the bundle does not say. */
  readonly permissions: readonly string[] | undefined;
  /** How the runtime authenticates it, e.g. `emulator client with 3 permissions`. */
  readonly credentials: string;
}

/** One loaded bundle. */
export interface BundleView {
  readonly name: string;
  readonly title: string | undefined;
  readonly variant: 'published' | 'corrected' | undefined;
  readonly dir: string;
  readonly workflows: readonly string[];
  readonly triggers: readonly string[];
  readonly integrations: readonly IntegrationView[];
  readonly notes: readonly string[];
}

/** What the trigger index decided for one trigger on one event. */
export interface DecisionView {
  readonly triggerId: string;
  readonly name: string;
  readonly matches: boolean;
  readonly decision: Decision;
  /** The run it started (or will start, for a delayed start); absent when none. */
  readonly runId?: string;
  /** True when the event was already seen: the existing run was kept. */
  readonly duplicate?: boolean;
  /** Why the run could not be created. */
  readonly error?: string;
  /**
   * Set when the org's invocation limits (platform.md §1.6) moved the start: `decision` is then
   * the outcome (a delay to `at`, or a drop by TTL), and `note` says so in words.
   */
  readonly rateLimit?: RateLimitView;
}

/** How the invocation limits changed a start. */
type RateLimitView =
  | {
      readonly outcome: 'delayed';
      readonly limit: InvocationLimitName;
      readonly at: number;
      readonly delayedMs: number;
      readonly note: string;
    }
  | { readonly outcome: 'dropped'; readonly limit: InvocationLimitName; readonly at: number; readonly note: string };

/** One received event, as logged. */
export interface EventView {
  readonly seq: number;
  /** The event's correlation id (or a content hash when it carries none). */
  readonly id: string;
  readonly topic: string;
  readonly body: unknown;
  readonly receivedAt: number;
  /** `bus`, `websocket`, `push` or `api`. */
  readonly source: string;
  /** Set for an event that could not be read; it started nothing. */
  readonly error?: string;
  /**
   * Whether some trigger listens to the event's topic. False: the event was logged as the source
   * delivered it, with no trigger evaluated and no decision (see {@link EventView.note}).
   */
  readonly listened: boolean;
  /** Why the event has no decisions, e.g. `no trigger listens to this topic`. */
  readonly note?: string;
  /** Each fired trigger (and each one the TTL dropped); empty when none matched or none listens. */
  readonly decisions: readonly DecisionView[];
}

/**
 * Filters of {@link Runtime.events}: the event log oldest first, or newest first with
 * `order: 'desc'` (page back with `beforeSeq`, the `seq` of the last event read); `topic` and
 * `conversationId` are exact.
 * @example
 * const newest = await runtime.events({ order: 'desc', limit: 50, conversationId });
 */
type EventQuery = EventFilter;

/** Filters of {@link Runtime.runs}. */
export type RunQuery = RunFilter;

/** The answer of {@link Runtime.ingest}. */
export interface IngestResult {
  readonly accepted: boolean;
  readonly event?: EventView;
  /** Why an event was rejected (malformed). */
  readonly error?: string;
  /**
   * Set when the event was not (or not wholly) written — a store failure, a stopping runtime —
   * and the sender should send it again (`POST /events` answers 503 with `Retry-After`); a
   * redelivery starts nothing twice.
   */
  readonly retry?: string;
}

/** Options of {@link Runtime.start}. */
export interface RuntimeStartOptions {
  /**
   * For the `push` source on an emulator URL: this runtime's `POST /events` URL (and the headers
   * it needs), registered as the emulator's EventBridge API destination. Without it, events are
   * pushed by someone else (an EventBridge API destination of your own, a test).
   */
  readonly eventDestination?: {
    readonly url: string;
    readonly name?: string;
    readonly headers?: Readonly<Record<string, string>>;
    readonly checkMs?: number;
  };
}

/** What `GET /api/health` answers: `degraded` while the event source cannot deliver, with the reason. */
export interface RuntimeHealth {
  readonly status: 'ok' | 'degraded';
  readonly eventSource: EventSourceKind;
  readonly source: {
    readonly status: 'ok' | 'degraded';
    readonly reason?: string;
    /** Since when (ISO time). */
    readonly since: string;
    readonly detail?: Readonly<Record<string, unknown>>;
  };
}

/** The answer of {@link Runtime.testTrigger}: the match trace and the inputs a run would get. */
export interface TriggerTestResult {
  readonly trace: TriggerTrace;
  readonly topic: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** Counters since start. */
export interface RuntimeStats {
  readonly eventsReceived: number;
  readonly eventsRejected: number;
  readonly runsStarted: number;
  readonly runsDelayed: number;
  readonly droppedTtl: number;
  readonly duplicates: number;
  /** Starts the invocation limits delayed or dropped. */
  readonly rateLimited: number;
  readonly runsCompleted: number;
  readonly runsFailed: number;
  /** Runs that ended (completed or failed) with at least one failed step: a completed one is not a clean success. */
  readonly runsWithFailedSteps: number;
  /** The failed steps of the runs that ended (a data action on its failure or timeout path…). */
  readonly failedSteps: number;
  /** Data-action tries that a retry policy sent again (each retried 429, 5xx or timeout). */
  readonly actionRetries: number;
  readonly actionsExecuted: number;
  /** Events received but not yet logged and dispatched. */
  readonly pendingIngests: number;
  /** Runs executing now. */
  readonly activeRuns: number;
}

/**
 * A live update, in the order things happened. `event`: an event was logged with its trigger
 * decisions (every event the source delivers, also on topics no trigger listens to); `rejected`: a malformed event was logged and started nothing; `run`: a run was
 * created, started, suspended on a wait, or ended (see `run.status`); `step`: a step of a run
 * was journaled (data actions carry their path and trace).
 */
export type RuntimeUpdate =
  | { readonly type: 'event'; readonly at: number; readonly event: EventView }
  | { readonly type: 'rejected'; readonly at: number; readonly event: EventView }
  | { readonly type: 'run'; readonly at: number; readonly run: RunSummary }
  | {
      readonly type: 'step';
      readonly at: number;
      readonly runId: string;
      readonly flow: string;
      readonly step: StepView;
    };

/** A subscriber of live updates. */
export type RuntimeListener = (update: RuntimeUpdate) => void;

/**
 * A running runtime: the composition of an event source, the event log, the trigger index, the
 * durable workflow worker and the data-action invoker.
 * @example
 * const runtime = await createRuntime({ target: { kind: 'emulator', emulator }, bundles, clock });
 * await runtime.start();
 * runtime.subscribe((u) => console.log(u.type));
 * const failed = await runtime.runs({ status: 'failed' });
 */
export interface Runtime {
  readonly clock: Clock;
  readonly store: Store;
  readonly eventSource: EventSourceKind;
  /** Connect the event source and start the worker. */
  start(options?: RuntimeStartOptions): Promise<void>;
  /** Whether the event source delivers now (`degraded` with the reason when it cannot). */
  health(): RuntimeHealth;
  /** Disconnect, let executing runs settle (or abandon them after `graceMs`), close an owned store. */
  stop(options?: { readonly graceMs?: number }): Promise<void>;
  /** Take in one event: a NotificationEvent, an EventBridge envelope, or `{ topicName, eventBody }`. Never throws for a bad event. */
  ingest(event: unknown, source?: string): Promise<IngestResult>;
  triggers(): readonly TriggerView[];
  /** Evaluate a trigger (by id, or any trigger) against an event, without starting anything. */
  testTrigger(trigger: string | Trigger, event: unknown): TriggerTestResult;
  runs(filter?: RunQuery): Promise<RunSummary[]>;
  /** A run with its steps (data-action paths and traces), waits and resume time. */
  run(id: string): Promise<RunDetail | undefined>;
  /** The event log: every event the source delivered, oldest first or newest first (`order: 'desc'`). */
  events(filter?: EventQuery): Promise<EventView[]>;
  /** Events and runs per bucket over the last `minutes` of the runtime's clock (`/api/activity`). */
  activity(query: { readonly minutes: number; readonly bucketSeconds: number }): Promise<ActivityView>;
  /** Live updates; returns the unsubscribe function. */
  subscribe(listener: RuntimeListener): () => void;
  bundles(): readonly BundleView[];
  /** The graph of an Architect workflow (nodes = actions) for the run picture; `undefined` for a code-first or unknown workflow. */
  flowGraph(name: string): FlowGraph | undefined;
  /** `switchboard check` findings of every bundle folder. */
  checkFindings(): Promise<readonly Finding[]>;
  /** Place an outbound call on behalf of a user (the outbound context, with this runtime's credentials). */
  placeCall(request: PlaceCallRequest): Promise<PlacedCall>;
  /** What `placeCall` uses (credentials, clock, this runtime's events), for the outbound HTTP sub-app. */
  outbound(): Promise<OutboundDeps>;
  /** Start a workflow directly (no trigger), e.g. from the console. */
  startWorkflow(name: string, input: unknown, options?: { readonly idempotencyKey?: string }): Promise<RunSummary>;
  /**
   * Cancel a pending or waiting run: it is never resumed (its timers and event waits are left to
   * lapse). `SB_RUNTIME_NOT_FOUND` for an unknown run, `SB_RUNTIME_RUN_STATE` for one that is running
   * or settled.
   */
  cancelRun(id: string): Promise<RunSummary>;
  /** Start a new run of the same workflow with the same input (a run of any status). */
  rerun(id: string): Promise<RunSummary>;
  stats(): RuntimeStats;
  /** Resolves when no event is being ingested and no run is executing or claimable now. */
  idle(): Promise<void>;
}

/** Activity over time, as `/api/activity` answers it. */
interface ActivityView {
  /** The window `[from, to)` in epoch ms of the runtime's clock (virtual under the emulator), bucket-aligned. */
  readonly from: number;
  readonly to: number;
  readonly bucketMs: number;
  readonly buckets: readonly ActivityBucket[];
}
