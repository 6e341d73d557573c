/**
 * @module
 * The store as the runtime hands it to the worker: every call passes through unchanged, and the
 * writes that matter to an observer (a run created, claimed, released; a step journaled) are
 * reported. This is how live updates see the engine without the engine knowing about them.
 */
import type { RunPatch, RunRecord, StepRecord, Store } from '../store/index.ts';

/** What the observed store reports. */
export interface StoreObserver {
  /** Whether anyone listens: when false, no extra reads are made. */
  readonly wanted: () => boolean;
  readonly run: (run: RunRecord) => void;
  readonly step: (step: StepRecord, flow: string | undefined) => void;
  /** A run reached a status through a release or an update (counted even when nobody listens). */
  readonly settled: (status: RunPatch['status'], patch: RunPatch) => void;
  /** A step was journaled (counted even when nobody listens). */
  readonly journaled?: (step: StepRecord) => void;
}

/**
 * Wrap a store so its run and step writes are reported to `observer`.
 * @example
 * const store = observeStore(openSqliteStore({ path }), { wanted: () => true, run: emitRun, step: emitStep, settled: count });
 */
export function observeStore(inner: Store, observer: StoreObserver): Store {
  const flows = new Map<string, string>();
  const report = async (runId: string): Promise<void> => {
    if (!observer.wanted()) return;
    const run = await inner.getRun(runId);
    if (run) observer.run(run);
  };
  return {
    async createRun(run) {
      const out = await inner.createRun(run);
      if (out.created && run.claim) flows.set(out.run.id, out.run.flow);
      if (out.created && observer.wanted()) observer.run(out.run);
      return out;
    },
    getRun: (id) => inner.getRun(id),
    saveFlowVersion: (v) => inner.saveFlowVersion(v),
    loadFlowVersion: (flow, version) => inner.loadFlowVersion(flow, version),
    listRuns: (filter) => inner.listRuns(filter),
    activity: (query) => inner.activity(query),
    async updateRun(id, patch, options) {
      const ok = await inner.updateRun(id, patch, options);
      if (ok && patch.status !== undefined) {
        observer.settled(patch.status, patch);
        await report(id);
      }
      return ok;
    },
    async claimRunnable(workerId, now, leaseMs, limit, options) {
      const runs = await inner.claimRunnable(workerId, now, leaseMs, limit, options);
      for (const r of runs) {
        flows.set(r.id, r.flow);
        if (observer.wanted()) observer.run(r);
      }
      return runs;
    },
    renewLease: (runId, workerId, now, leaseMs) => inner.renewLease(runId, workerId, now, leaseMs),
    async releaseLease(runId, workerId, patch) {
      const ok = await inner.releaseLease(runId, workerId, patch);
      if (ok) {
        if (patch.status !== undefined) observer.settled(patch.status, patch);
        flows.delete(runId);
        await report(runId);
      }
      return ok;
    },
    nextWakeAt: (options) => inner.nextWakeAt(options),
    ...(inner.beginAttempt ? { beginAttempt: inner.beginAttempt.bind(inner) } : {}),
    async appendStep(step) {
      const ok = await inner.appendStep(step);
      if (ok) observer.journaled?.(step);
      if (ok && observer.wanted()) observer.step(step, flows.get(step.runId));
      return ok;
    },
    loadJournal: (runId) => inner.loadJournal(runId),
    scheduleTimer: (timer) => inner.scheduleTimer(timer),
    fireTimer: (runId, stepId, firedAt) => inner.fireTimer(runId, stepId, firedAt),
    listTimers: (runId) => inner.listTimers(runId),
    appendEvent: (event) => inner.appendEvent(event),
    listEvents: (filter) => inner.listEvents(filter),
    ...(inner.onRunnable ? { onRunnable: inner.onRunnable.bind(inner) } : {}),
    ...(inner.invocations ? { invocations: inner.invocations } : {}),
    close: () => inner.close(),
  };
}
