/**
 * @module
 * The worker: claims runnable runs from the Store with a lease, executes them with bounded
 * concurrency, renews leases while they run, and sleeps on the injected Clock until the next run
 * is due. Waiting runs live only in the store: the worker keeps one timer (the next wake-up),
 * not one per run.
 *
 * Hot path: a run started through {@link Worker.enqueue} while a slot is free is created already
 * leased to this worker (one write) and launched at once, with no claim and no journal read. The
 * store is asked for claimable work only when some may exist: after a wake-up, a start that did
 * not get a slot, a run left waiting or lost, or while the worker is full.
 */
import { SwitchboardError, SystemClock, randomIds, silentLogger } from '../core/index.ts';
import type { TimerHandle } from '../core/index.ts';
import type { RunRecord } from '../store/index.ts';
import { childRunKey, createRun, parentOfChildKey } from './enqueue.ts';
import { WorkflowErrors } from './errors.ts';
import { executeRun, settleRun } from './runner.ts';
import type { RunOutcome, RunnerDeps } from './runner.ts';
import { checkRetryPolicy } from './retry-policy.ts';
import { topicMatches } from './step-waits.ts';
import { flowVersions } from './flow-versions.ts';
import type { Worker, WorkerOptions } from './worker-types.ts';
import type { Execution } from './step-tools.ts';
import type { WorkflowDefinition } from './types.ts';

/** The wall clock journaled beside the run clock (a VirtualClock drives the run clock in tests and demos). */
const WALL_CLOCK = new SystemClock();

/**
 * Create and start a worker.
 * @example
 * const worker = createWorker({ store, workflows: [callback], invoker, clock: new VirtualClock() });
 * const run = await worker.enqueue('callback', { conversationId: 'c-1' });
 * await clock.runAll(); // 25 minutes of waits, in milliseconds
 */
export function createWorker(options: WorkerOptions): Worker {
  const clock = options.clock ?? new SystemClock();
  const ids = options.ids ?? randomIds;
  const workerId = options.workerId ?? `worker-${ids.uuid()}`;
  const logger = (options.logger ?? silentLogger).child({ workerId });
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 32));
  const leaseMs = options.leaseMs ?? 30_000;
  const registry = new Map<string, WorkflowDefinition>();
  for (const w of options.workflows) {
    if (registry.has(w.name))
      throw new SwitchboardError(
        WorkflowErrors.SB_WORKFLOW_INVALID,
        `workflow names must be unique in a worker; "${w.name}" is registered twice`,
      );
    registry.set(w.name, w);
  }
  const claim = { flows: [...registry.keys()] };
  const versions = flowVersions(options.store, options.restoreVersion, clock, logger);
  const retry = options.retry;
  if (retry !== undefined && typeof retry !== 'function') checkRetryPolicy(retry, 'createWorker({ retry })');
  const genesys = options.genesys;
  // Runs suspended in step.waitForEvent, by the topic they wait for (a wake-up hint; the event log is the truth).
  const eventWaits = new Map<string, Set<string>>();
  const wakeRun = async (runId: string): Promise<void> => {
    const run = await options.store.getRun(runId);
    if (run?.status !== 'waiting') return;
    if (run.readyAt > clock.now())
      await options.store.updateRun(runId, { readyAt: clock.now(), updatedAt: clock.now() });
    maybeReady = true;
    void pump();
  };
  const deps: RunnerDeps = {
    store: options.store,
    clock,
    wallClock: WALL_CLOCK,
    invoker: options.invoker,
    logger,
    workerId,
    actionTimeoutMs: options.actionTimeoutMs ?? 60_000,
    limits: options.limits,
    ...(retry === undefined ? {} : { retryPolicyOf: typeof retry === 'function' ? retry : () => retry }),
    ...(genesys === undefined ? {} : { genesys }),
    async startChild(parent, stepId, workflow, input) {
      const name = typeof workflow === 'string' ? workflow : workflow.name;
      const def = registry.get(name);
      if (!def)
        throw new SwitchboardError(
          WorkflowErrors.SB_WORKFLOW_UNKNOWN,
          `a child workflow must be registered with the worker of its parent; "${name}" is not one of ${JSON.stringify([...registry.keys()])}`,
        );
      const { run, created } = await createRun(options.store, def, input, {
        clock,
        ids,
        idempotencyKey: childRunKey(parent.id, stepId),
      });
      if (created) {
        maybeReady = true;
        void pump();
      }
      return run;
    },
    onEventWait(runId, topic) {
      const set = eventWaits.get(topic) ?? new Set<string>();
      set.add(runId);
      eventWaits.set(topic, set);
    },
  };
  const executions = new Map<string, Execution>();
  const heartbeats = new Map<string, TimerHandle>();
  const inflight = new Set<Promise<void>>();
  // Slots held by direct starts whose run is still being written (so concurrent starts count).
  let reserved = 0;
  const busy = (): number => inflight.size + reserved;
  let running = true;
  let abandoned = false;
  let pumping = false;
  let again = false;
  let wakeTimer: TimerHandle | undefined;
  let wakeAt: number | undefined;
  let idleWaiters: (() => void)[] = [];
  // Whether the store may hold work this worker has not claimed (or the wake timer is stale).
  let maybeReady = true;
  // The lease expiry of each run executing here, and whether the planned wake-up is one of them
  // (then it goes stale when that run ends, and the next wake-up is asked for again).
  const leases = new Map<string, number>();
  let wakeForOwnLease = false;

  /** Execute a leased run; `fresh` when this worker just created it (nothing journaled yet). */
  const launch = (run: RunRecord, fresh = false): void => {
    let def = registry.get(run.flow)!;
    const older = versions.olderVersionOf(run, def);
    heartbeats.set(run.id, setHeartbeat(run));
    leases.set(run.id, run.leaseUntil ?? 0);
    const execute = (): Promise<RunOutcome> =>
      executeRun(run, def, { ...deps, onExecution: (e) => executions.set(run.id, e) }, { fresh });
    const started = older ? older.then((d) => ((def = d), execute())) : execute();
    const p = started
      .then(async (outcome) => {
        if (abandoned) return;
        // A run left waiting moves the next wake-up; a lost one may be claimable elsewhere.
        if (outcome.status === 'waiting' || outcome.status === 'lost') maybeReady = true;
        if (outcome.status === 'waiting') await versions.keep(def);
        const ok = await settleRun(run, def, outcome, deps);
        if (!ok && outcome.status !== 'lost') {
          maybeReady = true;
          logger.warn({ runId: run.id }, 'lease lost before the run settled; another worker owns it');
        }
        // A child run that ended wakes its parent, waiting in step.child.
        const parent = parentOfChildKey(run.idempotencyKey);
        if (ok && parent !== undefined && (outcome.status === 'completed' || outcome.status === 'failed'))
          await wakeRun(parent);
        logger.debug({ runId: run.id, status: outcome.status }, 'run settled');
      })
      .catch((e: unknown) => {
        maybeReady = true;
        logger.error(
          { runId: run.id, err: e instanceof Error ? e.message : String(e) },
          'run execution failed; it will be retried after its lease',
        );
      })
      .finally(() => {
        heartbeats.get(run.id)?.cancel();
        heartbeats.delete(run.id);
        leases.delete(run.id);
        if (wakeTimer && wakeForOwnLease) maybeReady = true;
        executions.delete(run.id);
        inflight.delete(p);
        if (!abandoned) void pump();
      });
    inflight.add(p);
  };

  const setHeartbeat = (run: RunRecord): TimerHandle => {
    let handle: TimerHandle | undefined;
    let stopped = false;
    const beat = (): void => {
      handle = clock.setTimer(
        () => {
          const now = clock.now();
          void options.store.renewLease(run.id, workerId, now, leaseMs).then(
            (held) => {
              if (held && leases.has(run.id)) leases.set(run.id, now + leaseMs);
              if (!held) executions.get(run.id)?.halt({ type: 'lost' });
              else if (!stopped) beat();
            },
            (e: unknown) => {
              // The store failed to renew: try again at the next beat (the lease still has 2/3 to run).
              logger.warn({ runId: run.id, err: e instanceof Error ? e.message : String(e) }, 'lease renewal failed');
              if (!stopped) beat();
            },
          );
        },
        Math.max(1, Math.floor(leaseMs / 3)),
      );
    };
    beat();
    return {
      cancel: () => {
        stopped = true;
        handle?.cancel();
      },
    };
  };

  const scheduleWake = async (): Promise<void> => {
    // At full capacity the next finishing run pumps again; a timer now would spin on ready work.
    const full = busy() >= concurrency;
    if (full) maybeReady = true;
    const next = full ? undefined : await options.store.nextWakeAt(claim);
    wakeForOwnLease = false;
    if (next !== undefined) for (const until of leases.values()) if (until === next) wakeForOwnLease = true;
    const now = clock.now();
    const poll = options.pollMs === undefined ? undefined : now + options.pollMs;
    const at =
      next === undefined ? poll : poll === undefined ? Math.max(next, now) : Math.min(Math.max(next, now), poll);
    if (at === wakeAt && wakeTimer) return;
    wakeTimer?.cancel();
    wakeTimer = undefined;
    wakeAt = at;
    if (at === undefined || !running) return;
    wakeTimer = clock.setTimer(() => {
      wakeTimer = undefined;
      wakeAt = undefined;
      maybeReady = true;
      void pump();
    }, at - now);
  };

  const pump = async (): Promise<void> => {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        if (!maybeReady) break;
        maybeReady = false;
        while (running && busy() < concurrency) {
          const free = concurrency - busy();
          const runs = await options.store.claimRunnable(workerId, clock.now(), leaseMs, free, claim);
          for (const run of runs) launch(run);
          // Fewer than asked for: nothing else is claimable now.
          if (runs.length < free) break;
        }
        if (running) await scheduleWake();
      } while (again && running);
    } catch (e) {
      maybeReady = true;
      logger.error(
        { err: e instanceof Error ? e.message : String(e) },
        'claiming runs failed; retrying at the next wake-up',
      );
    } finally {
      pumping = false;
    }
    if (inflight.size === 0 && !again) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };
  void pump();
  // Runs made claimable by other processes (a shared store announces them): look now, or at
  // least before the planned wake-up when the announced run is due earlier.
  const unlisten = options.store.onRunnable?.((readyAt) => {
    if (!running) return;
    if (readyAt !== undefined && readyAt > clock.now() && wakeTimer && wakeAt !== undefined && wakeAt <= readyAt)
      return;
    maybeReady = true;
    void pump();
  });

  return {
    workerId,
    get active() {
      return inflight.size;
    },
    async enqueue(flow, input, opts = {}) {
      const def = registry.get(flow);
      if (!def)
        throw new SwitchboardError(
          WorkflowErrors.SB_WORKFLOW_UNKNOWN,
          `a run must name a registered workflow; "${flow}" is not one of ${JSON.stringify([...registry.keys()])}`,
        );
      // A slot is free and the run is due now: create it leased to this worker and start it.
      const direct = running && !abandoned && busy() < concurrency && !((opts.delayMs ?? 0) > 0);
      if (direct) reserved++;
      let written: Awaited<ReturnType<typeof createRun>>;
      try {
        written = await createRun(options.store, def, input, {
          ...opts,
          clock,
          ids,
          ...(direct ? { claim: { workerId, leaseMs } } : {}),
        });
      } finally {
        if (direct) reserved--;
      }
      const { run, created } = written;
      if (direct && created && (!running || abandoned)) {
        // stop() came while the run was being written: a stopped worker starts nothing, so the
        // run goes back to the store as pending for the next worker (or stays leased until expiry).
        const { leaseOwner: _owner, leaseUntil: _until, ...rest } = run;
        const released = await options.store
          .releaseLease(run.id, workerId, { status: 'pending', updatedAt: clock.now() })
          .catch((e: unknown) => {
            logger.warn(
              { runId: run.id, err: e instanceof Error ? e.message : String(e) },
              'releasing a run created during stop failed; it is taken over after its lease',
            );
            return false;
          });
        return released ? { ...rest, status: 'pending' } : run;
      }
      if (direct && created) {
        launch(run, true);
      } else {
        // Not started here (delayed, no slot, or a repeated start whose reserved slot is free again).
        maybeReady = true;
        void pump();
      }
      return run;
    },
    wake() {
      maybeReady = true;
      void pump();
    },
    notifyEvent(topic) {
      for (const [key, runs] of [...eventWaits]) {
        if (!topicMatches(key, topic)) continue;
        eventWaits.delete(key);
        for (const runId of runs) {
          void wakeRun(runId).catch((e: unknown) =>
            logger.warn(
              { runId, err: e instanceof Error ? e.message : String(e) },
              'waking a run for an event failed; it reads the event log at its next check',
            ),
          );
        }
      }
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        maybeReady = true;
        void pump();
      });
    },
    async stop(opts = {}) {
      running = false;
      unlisten?.();
      wakeTimer?.cancel();
      wakeTimer = undefined;
      if (opts.graceful === false) {
        abandoned = true;
        for (const h of heartbeats.values()) h.cancel();
        for (const e of executions.values()) e.abort('worker stopped');
        return;
      }
      await Promise.allSettled([...inflight]);
    },
  };
}
