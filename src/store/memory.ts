/**
 * @module
 * The in-memory Store: for tests, demos and `--no-persist` runs. Same semantics as SQLite (the
 * contract suite runs on both); values are copied through JSON on the way in and out.
 */
import { bucketOf, emptyActivity } from './activity.ts';
import type { ActivityQuery } from './activity.ts';
import { TERMINAL_STATUSES } from './types.ts';
import type {
  FlowVersion,
  ClaimOptions,
  EventFilter,
  EventRecord,
  NewEvent,
  NewRun,
  RunFilter,
  RunPatch,
  RunRecord,
  StepRecord,
  Store,
  TimerRecord,
} from './types.ts';
import { checkCreateClaim, checkLeaseArgs, encode, roundTrip } from './json.ts';
import { DEFAULT_MAX_EVENTS_MEMORY, checkMaxEvents, pruneThrough } from './retention.ts';
import type { EventRetention } from './retention.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function applyPatch(run: Mutable<RunRecord>, patch: RunPatch): void {
  const p = roundTrip(patch, 'run patch');
  Object.assign(run, p);
  if (patch.status !== undefined && patch.status !== 'running') {
    delete run.leaseOwner;
    delete run.leaseUntil;
  }
}

const isLive = (r: RunRecord): boolean => !TERMINAL_STATUSES.includes(r.status);

function claimable(r: RunRecord, now: number, options?: ClaimOptions): boolean {
  if (options?.flows && !options.flows.includes(r.flow)) return false;
  if (r.status === 'pending' || r.status === 'waiting') return r.readyAt <= now;
  return r.status === 'running' && (r.leaseUntil === undefined || r.leaseUntil <= now);
}

/** Whether an event passes a filter's conditions (order and limit aside). */
function eventPasses(e: EventRecord, f: EventFilter): boolean {
  return (
    (f.topic === undefined || e.topic === f.topic) &&
    (f.conversationId === undefined || e.conversationId === f.conversationId) &&
    (f.afterSeq === undefined || e.seq > f.afterSeq) &&
    (f.beforeSeq === undefined || e.seq < f.beforeSeq) &&
    (f.receivedFrom === undefined || e.receivedAt >= f.receivedFrom) &&
    (f.receivedTo === undefined || e.receivedAt < f.receivedTo)
  );
}

/** Options of {@link createMemoryStore}. */
export type MemoryStoreOptions = EventRetention;

/**
 * Create an in-memory store. The event log keeps the newest `maxEvents` events (default 100,000).
 * @example
 * const store = createMemoryStore({ maxEvents: 10_000 });
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const maxEvents = checkMaxEvents(options.maxEvents ?? DEFAULT_MAX_EVENTS_MEMORY);
  let prunedThrough = 0;
  const runs = new Map<string, Mutable<RunRecord>>();
  const byKey = new Map<string, string>();
  const versions = new Map<string, FlowVersion>();
  const journals = new Map<string, Map<string, StepRecord>>();
  const attempts = new Map<string, number>();
  const timers = new Map<string, Map<string, Mutable<TimerRecord>>>();
  const events: EventRecord[] = [];
  let seq = 0;

  return {
    async createRun(n: NewRun) {
      checkCreateClaim(n);
      encode(n.input, `input of run ${n.id}`);
      const existingId = n.idempotencyKey === undefined ? undefined : byKey.get(n.idempotencyKey);
      const existing = existingId === undefined ? undefined : runs.get(existingId);
      if (existing) return { run: copy(existing), created: false };
      if (runs.has(n.id)) return { run: copy(runs.get(n.id)!), created: false };
      const run = roundTrip(
        {
          id: n.id,
          flow: n.flow,
          kind: n.kind ?? 'code',
          status: 'pending',
          input: n.input,
          idempotencyKey: n.idempotencyKey,
          eventId: n.eventId,
          triggerId: n.triggerId,
          flowVersion: n.flowVersion,
          createdAt: n.createdAt,
          updatedAt: n.createdAt,
          readyAt: n.readyAt ?? n.createdAt,
          attempts: 0,
          ...(n.claim
            ? {
                status: 'running',
                attempts: 1,
                startedAt: n.createdAt,
                leaseOwner: n.claim.workerId,
                leaseUntil: n.createdAt + n.claim.leaseMs,
              }
            : {}),
        } satisfies RunRecord,
        `input of run ${n.id}`,
      );
      runs.set(run.id, run);
      if (n.idempotencyKey !== undefined) byKey.set(n.idempotencyKey, run.id);
      return { run: copy(run), created: true };
    },

    async saveFlowVersion(v) {
      const key = `${v.flow}\n${v.version}`;
      if (!versions.has(key)) versions.set(key, roundTrip(v, `source of workflow ${v.flow} version ${v.version}`));
    },
    async loadFlowVersion(flow, version) {
      const v = versions.get(`${flow}\n${version}`);
      return v && copy(v);
    },
    async getRun(id) {
      const r = runs.get(id);
      return r && copy(r);
    },

    async listRuns(filter: RunFilter = {}) {
      const statuses = filter.status === undefined ? undefined : ([] as string[]).concat(filter.status);
      const q = filter.search;
      const ofConversation =
        q === undefined ? undefined : new Set(events.filter((e) => e.conversationId === q).map((e) => e.id));
      const named = (r: RunRecord): boolean => {
        if (q === undefined) return true;
        const input =
          r.input !== null && typeof r.input === 'object' && !Array.isArray(r.input)
            ? (r.input as Record<string, unknown>)
            : {};
        return (
          r.id === q ||
          r.eventId === q ||
          input.conversationId === q ||
          (r.eventId !== undefined && ofConversation!.has(r.eventId))
        );
      };
      const all = [...runs.values()].filter(
        (r) =>
          (filter.flow === undefined || r.flow === filter.flow) &&
          (filter.triggerId === undefined || r.triggerId === filter.triggerId) &&
          (statuses === undefined || statuses.includes(r.status)) &&
          (filter.createdFrom === undefined || r.createdAt >= filter.createdFrom) &&
          (filter.createdTo === undefined || r.createdAt < filter.createdTo) &&
          (filter.withFailedSteps !== true || (r.failedSteps?.length ?? 0) > 0) &&
          named(r),
      );
      all.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      const offset = filter.offset ?? 0;
      return all.slice(offset, offset + (filter.limit ?? 100)).map(copy);
    },

    async updateRun(id, patch, options = {}) {
      const r = runs.get(id);
      if (!r) return false;
      if (options.ifStatus !== undefined && !options.ifStatus.includes(r.status)) return false;
      applyPatch(r, patch);
      return true;
    },

    async claimRunnable(workerId, now, leaseMs, limit, options) {
      checkLeaseArgs(leaseMs, limit);
      const ready = [...runs.values()]
        .filter((r) => claimable(r, now, options))
        .sort((a, b) => a.readyAt - b.readyAt || (a.id < b.id ? -1 : 1))
        .slice(0, limit);
      for (const r of ready) {
        r.status = 'running';
        r.leaseOwner = workerId;
        r.leaseUntil = now + leaseMs;
        r.attempts += 1;
        r.startedAt ??= now;
        r.updatedAt = now;
      }
      return ready.map(copy);
    },

    async renewLease(runId, workerId, now, leaseMs) {
      checkLeaseArgs(leaseMs);
      const r = runs.get(runId);
      if (!r || r.status !== 'running' || r.leaseOwner !== workerId) return false;
      r.leaseUntil = now + leaseMs;
      return true;
    },

    async releaseLease(runId, workerId, patch) {
      const r = runs.get(runId);
      if (!r || r.status !== 'running' || r.leaseOwner !== workerId) return false;
      applyPatch(r, patch);
      delete r.leaseOwner;
      delete r.leaseUntil;
      return true;
    },

    async nextWakeAt(options) {
      let min: number | undefined;
      for (const r of runs.values()) {
        if (!isLive(r) || (options?.flows && !options.flows.includes(r.flow))) continue;
        const at = r.status === 'running' ? (r.leaseUntil ?? 0) : r.readyAt;
        if (min === undefined || at < min) min = at;
      }
      return min;
    },

    async beginAttempt(runId, stepId) {
      const key = `${runId}\u0000${stepId}`;
      const n = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, n);
      return n;
    },

    async appendStep(step) {
      let journal = journals.get(step.runId);
      if (!journal) journals.set(step.runId, (journal = new Map()));
      const what = `step ${step.stepId} of run ${step.runId}`;
      for (const field of ['input', 'output', 'error', 'trace'] as const) encode(step[field], `${field} of ${what}`);
      if (journal.has(step.stepId)) return false;
      journal.set(step.stepId, roundTrip(step, `step ${step.stepId} of run ${step.runId}`));
      return true;
    },

    async loadJournal(runId) {
      return [...(journals.get(runId)?.values() ?? [])].sort((a, b) => a.seq - b.seq).map(copy);
    },

    async scheduleTimer(timer) {
      let mine = timers.get(timer.runId);
      if (!mine) timers.set(timer.runId, (mine = new Map()));
      const existing = mine.get(timer.stepId);
      if (existing) return copy(existing);
      const t = { runId: timer.runId, stepId: timer.stepId, dueAt: timer.dueAt };
      mine.set(timer.stepId, t);
      return copy(t);
    },

    async fireTimer(runId, stepId, firedAt) {
      const t = timers.get(runId)?.get(stepId);
      if (t && t.firedAt === undefined) t.firedAt = firedAt;
    },

    async listTimers(runId) {
      return [...(timers.get(runId)?.values() ?? [])].sort((a, b) => a.dueAt - b.dueAt).map(copy);
    },

    async appendEvent(event: NewEvent) {
      encode(event.body, `body of event ${event.id}`);
      encode(event.trace, `trace of event ${event.id}`);
      const rec = roundTrip({ ...event, seq: ++seq }, `event ${event.id}`);
      events.push(rec);
      const cut = pruneThrough(rec.seq, maxEvents, prunedThrough);
      if (cut !== undefined) {
        // Sequence numbers are contiguous here, so the events to drop are a prefix of the array.
        events.splice(0, Math.max(0, cut - (events[0]?.seq ?? cut) + 1));
        prunedThrough = cut;
      }
      return copy(rec);
    },

    async listEvents(filter: EventFilter = {}) {
      const limit = filter.limit ?? 100;
      const out: EventRecord[] = [];
      if (filter.order === 'desc') {
        for (let i = events.length - 1; i >= 0 && out.length < limit; i--)
          if (eventPasses(events[i]!, filter)) out.push(events[i]!);
      } else {
        for (let i = 0; i < events.length && out.length < limit; i++)
          if (eventPasses(events[i]!, filter)) out.push(events[i]!);
      }
      return out.map(copy);
    },

    async activity(query: ActivityQuery) {
      const out = emptyActivity(query);
      for (const e of events) {
        const b = bucketOf(query, e.receivedAt);
        if (e.receivedAt >= query.from && e.receivedAt < query.to) out[b] = { ...out[b]!, events: out[b]!.events + 1 };
      }
      for (const r of runs.values()) {
        if (r.createdAt < query.from || r.createdAt >= query.to) continue;
        const b = bucketOf(query, r.createdAt);
        const bucket = out[b]!;
        out[b] = {
          ...bucket,
          runs: { ...bucket.runs, [r.status]: (bucket.runs[r.status] ?? 0) + 1 },
          runsWithFailedSteps: bucket.runsWithFailedSteps + ((r.failedSteps?.length ?? 0) > 0 ? 1 : 0),
        };
      }
      return out;
    },

    async close() {},
  };
}
