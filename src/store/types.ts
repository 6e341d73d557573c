/**
 * @module
 * The Store port: runs, the step journal, timers, leases and the event log. Every durable part of
 * Switchboard goes through it, so SQLite (default), memory (tests) and a later Postgres
 * implementation are interchangeable; `contract.ts` holds the suite each one must pass.
 *
 * Nothing here assumes a single process: work is claimed explicitly with a lease
 * ({@link Store.claimRunnable}), and writes that finish a run are fenced by the lease owner.
 */
import type { ActivityBucket, ActivityQuery } from './activity.ts';

/**
 * Where a run is in its life.
 * - `pending`: created, never executed yet (possibly with a delayed start: `readyAt` in the future);
 * - `running`: a worker holds the lease (or held it and died; the lease then expires);
 * - `waiting`: suspended on a timer, holds no worker and no memory until `readyAt`;
 * - `completed` / `failed` / `cancelled`: terminal.
 */
export type RunStatus = 'pending' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';

/** Every run status, in life order. */
export const RUN_STATUSES: readonly RunStatus[] = ['pending', 'running', 'waiting', 'completed', 'failed', 'cancelled'];

/** Statuses a run never leaves. */
export const TERMINAL_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

/** Why a run failed, as recorded in its history. */
export interface RunError {
  readonly code: string;
  readonly message: string;
  /** The step that failed, when the failure belongs to one. */
  readonly stepId?: string;
  readonly details?: unknown;
}

/** One workflow run (an execution of a flow), as stored. */
export interface RunRecord {
  readonly id: string;
  /** The workflow (flow) name. */
  readonly flow: string;
  /** `code` for code-first workflows, `architect` for Architect flows. */
  readonly kind: string;
  readonly status: RunStatus;
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: RunError;
  /** Why the run ended (`completed`, an Architect `endWorkflow` exit reason, `failed`…). */
  readonly exitReason?: string;
  readonly idempotencyKey?: string;
  /** The event that started the run and the trigger that matched it, when a trigger did. */
  readonly eventId?: string;
  readonly triggerId?: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When a worker first claimed the run. */
  readonly startedAt?: number;
  readonly completedAt?: number;
  /** When the run may next be claimed (creation, delayed start or timer due time). */
  readonly readyAt: number;
  readonly leaseOwner?: string;
  readonly leaseUntil?: number;
  /** How many times a worker claimed the run (1 on the first execution; more after waits or crashes). */
  readonly attempts: number;
  /**
   * The steps that failed while the run went on (a data action that took its failure or timeout
   * path, a code-first step whose throw the workflow caught), by step id, in call order: a run
   * that completed with some is not a clean success. Recorded when the run is settled (waiting,
   * completed or failed); absent on a run never settled, or settled before this was recorded.
   */
  readonly failedSteps?: readonly string[];
  /**
   * The version of the workflow the run started with (a content hash for an Architect flow): a
   * run that waits resumes with that version, as in Genesys, even when a newer one is loaded.
   */
  readonly flowVersion?: string;
}

/** A workflow version kept for the runs that started with it (see {@link RunRecord.flowVersion}). */
export interface FlowVersion {
  readonly flow: string;
  readonly version: string;
  /** `architect` or `code`: which engine rebuilds it. */
  readonly kind: string;
  /** What the engine rebuilds the workflow from (an Architect flow's imported model), as JSON. */
  readonly source: unknown;
  /** Epoch ms of the first save. */
  readonly savedAt: number;
}

/** What {@link Store.createRun} needs. */
export interface NewRun {
  readonly id: string;
  readonly flow: string;
  readonly kind?: string;
  readonly input: unknown;
  readonly idempotencyKey?: string;
  readonly eventId?: string;
  readonly triggerId?: string;
  /** The version of the workflow the run starts with. */
  readonly flowVersion?: string;
  readonly createdAt: number;
  /** Delayed start (e.g. a trigger's `delayBySeconds`): not claimable before this time. Default `createdAt`. */
  readonly readyAt?: number;
  /**
   * Create the run already leased to this worker, as {@link Store.claimRunnable} at `createdAt`
   * would (one write instead of a create and a claim): `running`, `attempts` 1, `startedAt` =
   * `createdAt`, lease until `createdAt + leaseMs`. Only for a run ready at creation (no `readyAt`
   * after `createdAt`). A repeated start (same idempotency key or id) claims nothing.
   */
  readonly claim?: { readonly workerId: string; readonly leaseMs: number };
}

/** Fields a worker or an operator may change on a run. */
export interface RunPatch {
  readonly status?: RunStatus;
  readonly output?: unknown;
  readonly error?: RunError;
  readonly exitReason?: string;
  readonly startedAt?: number;
  readonly completedAt?: number;
  readonly readyAt?: number;
  /** See `RunRecord.failedSteps`. */
  readonly failedSteps?: readonly string[];
  readonly updatedAt: number;
}

/** Filters of {@link Store.listRuns}. Results are newest first. */
export interface RunFilter {
  readonly flow?: string;
  readonly status?: RunStatus | readonly RunStatus[];
  /** Runs started by this trigger. */
  readonly triggerId?: string;
  /** `createdAt >= createdFrom` (epoch ms). */
  readonly createdFrom?: number;
  /** `createdAt < createdTo` (epoch ms). */
  readonly createdTo?: number;
  /** Only runs with at least one failed step recorded (`RunRecord.failedSteps`). */
  readonly withFailedSteps?: boolean;
  /**
   * Runs this id names: the run's own id, the id of the event that started it, or a conversation
   * id (the run's `input.conversationId`, or the conversation of the event that started it).
   */
  readonly search?: string;
  /** Default 100. */
  readonly limit?: number;
  readonly offset?: number;
}

/** Options of {@link Store.claimRunnable}. */
export interface ClaimOptions {
  /** Only claim runs of these flows (a worker claims only what it can execute). */
  readonly flows?: readonly string[];
}

/**
 * What kind of step a journal entry records: `run`, `action` (a data action), `sleep`, `api` (a
 * Platform API call), `event` (a wait for an event), `child` (a child workflow), and `attempt`:
 * one try of a data action that a retry policy tried again (its step id is `<step id>@<n>`); the
 * step itself is journaled once, with the try that settled it. Replay reads attempts apart from
 * the steps a workflow calls.
 */
export type StepKind = 'run' | 'action' | 'sleep' | 'api' | 'event' | 'child' | 'attempt';

/** One completed step in a run's journal. A run's step ids are unique. */
export interface StepRecord {
  readonly runId: string;
  readonly stepId: string;
  /** The order in which the workflow called the step (0-based); replay checks it. */
  readonly seq: number;
  readonly kind: StepKind;
  /** The step name given by the workflow (or the data action's name). */
  readonly name: string;
  /** `ok`: returned a value; `error`: threw (the error is journaled and re-thrown on replay). */
  readonly status: 'ok' | 'error';
  readonly input?: unknown;
  readonly output?: unknown;
  readonly error?: RunError;
  /** The path taken: a data action's `success` / `failure` / `timeout`. */
  readonly path?: string;
  /** The data-action trace (request, response, timings) when the invoker returns one. */
  readonly trace?: unknown;
  /**
   * How many times the step's request was sent, when more than once: it was in flight when a
   * worker died, and the next execution re-sent it (with the same idempotency key).
   */
  readonly attempt?: number;
  /** Run time (the runtime's clock: virtual under the emulator) when the step started and was journaled. */
  readonly startedAt: number;
  readonly completedAt: number;
  /**
   * Wall-clock time (epoch ms) when the execution that journaled the step started it and journaled
   * it; absent in journals written before it was recorded. Under a virtual clock these differ from
   * `startedAt` / `completedAt`: a 5-minute Wait takes 5 minutes of run time and milliseconds of wall time.
   */
  readonly wallStartedAt?: number;
  readonly wallCompletedAt?: number;
}

/** A persisted timer: the run sleeps in step `stepId` until `dueAt`. */
export interface TimerRecord {
  readonly runId: string;
  readonly stepId: string;
  readonly dueAt: number;
  /** Set when the run passed the timer (its sleep step completed). */
  readonly firedAt?: number;
}

/** An event received by the runtime, kept for history and replay. */
export interface EventRecord {
  /** Assigned by the store: strictly increasing in append order. */
  readonly seq: number;
  readonly id: string;
  readonly topic: string;
  readonly body: unknown;
  readonly receivedAt: number;
  /** The trigger-evaluation trace (which triggers matched, and why not), when recorded. */
  readonly trace?: unknown;
  /** The conversation the event is about (a detail event's `conversationId`), when it names one; indexed. */
  readonly conversationId?: string;
}

/** What {@link Store.appendEvent} needs. */
export type NewEvent = Omit<EventRecord, 'seq'>;

/**
 * Filters of {@link Store.listEvents}. Results are in append order (`seq` ascending), or newest
 * first with `order: 'desc'`; every filter combines with either order.
 * @example
 * // The newest 50 events of a conversation, then the 50 before them:
 * const page = await store.listEvents({ order: 'desc', conversationId, limit: 50 });
 * const next = await store.listEvents({ order: 'desc', conversationId, limit: 50, beforeSeq: page.at(-1)!.seq });
 */
export interface EventFilter {
  /** The exact topic. */
  readonly topic?: string;
  /** The exact conversation id ({@link EventRecord.conversationId}). */
  readonly conversationId?: string;
  /** Only events with `seq > afterSeq` (tailing: paging forward in append order). */
  readonly afterSeq?: number;
  /** Only events with `seq < beforeSeq` (paging backward from the newest). */
  readonly beforeSeq?: number;
  readonly receivedFrom?: number;
  readonly receivedTo?: number;
  /** `asc` (default): oldest first; `desc`: newest first. */
  readonly order?: 'asc' | 'desc';
  /** Default 100. */
  readonly limit?: number;
}

/** One entry of an {@link InvocationLog}: `delta` 1 places an invocation of `target` at `at`, -1 takes one back. */
export interface InvocationEntry {
  /** Assigned by the log: increasing in the order entries were appended. */
  readonly id: number;
  readonly target: string;
  /** Epoch ms. */
  readonly at: number;
  readonly delta: 1 | -1;
}

/**
 * An append-only log of workflow invocations shared by every process on one database, so the
 * org's invocation limits are counted org-wide. Appends happen one section at a time: a caller
 * reads what others appended since it last looked, decides, and appends, with no other appender
 * in between.
 */
export interface InvocationLog {
  /**
   * Under the log's exclusive lock: hand `decide` the entries with `id > afterId`, append the
   * entries it returns, and resolve with its result and the id of the last entry seen or appended.
   */
  exclusive<T>(
    afterId: number,
    decide: (entries: readonly InvocationEntry[]) => {
      readonly append: readonly Omit<InvocationEntry, 'id'>[];
      readonly result: T;
    },
  ): Promise<{ readonly result: T; readonly lastId: number }>;
  /** Delete entries placed before `before` (epoch ms). */
  prune(before: number): Promise<void>;
}

/**
 * The run store: runs, their leases, step journal and timers — what the durable engine needs.
 * Methods are async so network databases fit; values are JSON (a value that JSON cannot hold is
 * rejected with `SB_STORE_NOT_JSON`).
 * @example
 * const { run } = await store.createRun({ id, flow: 'callback', input: {}, createdAt: clock.now() });
 * const [claimed] = await store.claimRunnable('worker-1', clock.now(), 30_000, 10);
 */
export interface RunStore {
  /** Create a run, or return the existing one with the same idempotency key (`created: false`). */
  createRun(run: NewRun): Promise<{ run: RunRecord; created: boolean }>;
  getRun(id: string): Promise<RunRecord | undefined>;
  /** Keep a workflow version (idempotent: the first save of a flow and version wins). */
  saveFlowVersion(version: FlowVersion): Promise<void>;
  /** A kept workflow version, if any. */
  loadFlowVersion(flow: string, version: string): Promise<FlowVersion | undefined>;
  listRuns(filter?: RunFilter): Promise<RunRecord[]>;
  /**
   * Unfenced update (operator actions such as cancel). Returns false if the run does not exist, or
   * when `options.ifStatus` is given and the run's status is not one of them (checked atomically).
   */
  updateRun(id: string, patch: RunPatch, options?: { readonly ifStatus?: readonly RunStatus[] }): Promise<boolean>;

  /**
   * Atomically lease up to `limit` runnable runs to `workerId` until `now + leaseMs`: runs that
   * are pending or waiting with `readyAt <= now`, and running runs whose lease expired. Claimed
   * runs become `running`, with `attempts` incremented and `startedAt` set on the first claim. Two concurrent callers never get the same run.
   */
  claimRunnable(
    workerId: string,
    now: number,
    leaseMs: number,
    limit: number,
    options?: ClaimOptions,
  ): Promise<RunRecord[]>;
  /** Extend a lease the worker still holds. False if it lost it (expired and claimed by another). */
  renewLease(runId: string, workerId: string, now: number, leaseMs: number): Promise<boolean>;
  /** Give up a lease, applying `patch` (e.g. waiting until a timer, or completed). Fenced: false if not the holder. */
  releaseLease(runId: string, workerId: string, patch: RunPatch): Promise<boolean>;
  /** The earliest time a non-terminal run becomes claimable (ready time, or lease expiry), if any. */
  nextWakeAt(options?: ClaimOptions): Promise<number | undefined>;

  /**
   * Record that a step is about to send its side effect, before it is sent; returns how many
   * times it was begun (1 the first time, 2 when an execution that began it died before
   * journaling it…). A store without it journals no attempt counts.
   */
  beginAttempt?(runId: string, stepId: string): Promise<number>;
  /** Journal a completed step. Returns false (and changes nothing) if the step id is already journaled. */
  appendStep(step: StepRecord): Promise<boolean>;
  /** The run's journal, in `seq` order. */
  loadJournal(runId: string): Promise<StepRecord[]>;

  /** Persist a timer. Idempotent per (runId, stepId): the first due time wins. */
  scheduleTimer(timer: TimerRecord): Promise<TimerRecord>;
  /** Mark a timer as passed. */
  fireTimer(runId: string, stepId: string, firedAt: number): Promise<void>;
  /** The run's timers, by due time. */
  listTimers(runId: string): Promise<TimerRecord[]>;

  /**
   * Call `listener` whenever a run may have become claimable through a write of another process
   * (created without a lease, released to wait until `readyAt`), and once after a lost connection
   * comes back; returns the unsubscribe. A shared store implements it (Postgres: LISTEN/NOTIFY)
   * so idle workers wake without polling.
   */
  onRunnable?(listener: (readyAt: number | undefined) => void): () => void;
  /** The org-wide invocation log, in a store shared by several processes. */
  readonly invocations?: InvocationLog;

  close(): Promise<void>;
}

/** The event log: every event the runtime received, with its trigger decisions, under a retention. */
export interface EventLog {
  /** Log an event; the oldest events beyond the store's retention (`maxEvents`) are deleted. */
  appendEvent(event: NewEvent): Promise<EventRecord>;
  /** Logged events: oldest first, or newest first with `order: 'desc'`. */
  listEvents(filter?: EventFilter): Promise<EventRecord[]>;
  close(): Promise<void>;
}

/**
 * The persistence port: the run store and the event log in one database (SQLite, Postgres or
 * memory), and what reads across both.
 * @example
 * const store = openSqliteStore({ path: '.switchboard/switchboard.sqlite' });
 */
export interface Store extends RunStore, EventLog {
  /**
   * Events logged (by `receivedAt`) and runs created (by `createdAt`) per bucket of `[from, to)`,
   * every bucket present (zero-filled), oldest first. Throws `SB_STORE_INVALID_ARGUMENT` for a
   * window it cannot count (see `emptyActivity`).
   */
  activity(query: ActivityQuery): Promise<ActivityBucket[]>;
  close(): Promise<void>;
}
