/**
 * @module
 * The worker's options and what it offers.
 */
import type { Clock, Fetch, Ids, Logger } from '../core/index.ts';
import type { FlowVersion, RunRecord, Store } from '../store/index.ts';
import type { EnqueueOptions } from './enqueue.ts';
import type { RetryPolicy } from './retry-policy.ts';
import type { ActionInvoker, WorkflowDefinition, WorkflowLimits } from './types.ts';

/** Options of {@link createWorker}. */
export interface WorkerOptions {
  readonly store: Store;
  /** The workflows this worker can execute; it claims runs of these flows only. */
  readonly workflows: readonly WorkflowDefinition[];
  readonly invoker?: ActionInvoker;
  /** Default: the system clock. A VirtualClock runs long waits in milliseconds. */
  readonly clock?: Clock;
  readonly ids?: Ids;
  readonly logger?: Logger;
  /** Unique per worker process. Default: a random id. */
  readonly workerId?: string;
  /** Runs executed at the same time. Default 32. */
  readonly concurrency?: number;
  /** How long a claim lasts without renewal; a crashed worker's runs are taken over after it. Default 30 s. */
  readonly leaseMs?: number;
  /**
   * Also look for new work this often (runs created by other processes). Default: only on
   * `wake()`, due times and the store's `onRunnable` announcements (when it makes them).
   */
  readonly pollMs?: number;
  /** Default `step.action` timeout. Default 60 s (the data-action maximum, platform.md §7.3). */
  readonly actionTimeoutMs?: number;
  /** Default per-run limits. */
  readonly limits?: WorkflowLimits;
  /**
   * Rebuild a kept workflow version (see {@link WorkflowDefinition.version}): a run that started
   * on an older version than the one registered resumes with it. Without it, or when the version
   * was never kept, the run goes on with the registered version (and a warning is logged).
   */
  readonly restoreVersion?: (saved: FlowVersion) => WorkflowDefinition | undefined;
  /**
   * The retry policy of the data-action steps that set none: one for all, or one per workflow and
   * action (the runtime gives each bundle's `retry`). Default: none, no step is retried.
   */
  readonly retry?: RetryPolicy | ((flow: string, actionName: string) => RetryPolicy | undefined);
  /**
   * The authenticated fetch of the Genesys Cloud client a workflow's `step.api` calls through
   * (relative `/api/v2/…` URLs), by workflow name: `() => client.fetch` gives all the same.
   */
  readonly genesys?: (flow: string) => Fetch | undefined;
}

/** A running worker. */
export interface Worker {
  readonly workerId: string;
  /** Runs executing right now. */
  readonly active: number;
  /** Start a run of a registered workflow (validates the input first) and wake the worker. */
  enqueue(flow: string, input: unknown, options?: EnqueueOptions): Promise<RunRecord>;
  /** Look for runnable work now (e.g. after another component created a run). */
  wake(): void;
  /**
   * An event on `topic` was logged in the store: wake the runs of this worker waiting for one
   * (`step.waitForEvent`), so they read the event log now rather than at their next check.
   */
  notifyEvent(topic: string): void;
  /** Resolves once nothing is executing and nothing is claimable at the current time. */
  idle(): Promise<void>;
  /**
   * Stop claiming. Graceful (default): wait for executing runs to settle. Not graceful: abort them
   * and stop renewing their leases, so another worker takes them over after the lease.
   */
  stop(options?: { readonly graceful?: boolean }): Promise<void>;
}
