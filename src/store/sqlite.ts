/**
 * @module
 * The default Store: one SQLite file through better-sqlite3, in WAL mode with prepared statements.
 * `synchronous = NORMAL` (default) survives a process crash, which is what durable execution needs
 * from an embedded store; `FULL` also survives power loss at about an eighth of the write rate
 * (ecosystem.md: 23,966 vs 2,965 autocommit inserts/s). Several processes may share the file:
 * claims run in `BEGIN IMMEDIATE` transactions, so each run is leased to one worker at a time.
 * WAL checkpoints (the only writes that sync to disk under `NORMAL`) run in a worker thread
 * (`checkpointer.ts`), so no commit on the event loop stalls on them.
 */
import { emptyActivity, foldActivity } from './activity.ts';
import type { ActivityQuery } from './activity.ts';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SwitchboardError, SystemClock } from '../core/index.ts';
import type { Clock } from '../core/index.ts';
import { BACKSTOP_AUTOCHECKPOINT_PAGES, startCheckpointer } from './checkpointer.ts';
import type { Checkpointer } from './checkpointer.ts';
import { StoreErrors } from './errors.ts';
import { checkCreateClaim, checkLeaseArgs, decode, encode } from './json.ts';
import { DEFAULT_MAX_EVENTS_SQLITE, checkMaxEvents, pruneThrough } from './retention.ts';
import type { EventRetention } from './retention.ts';
import { eventFromRow, migrate, runFromRow, stepFromRow, stepToRow, timerFromRow } from './sqlite-schema.ts';
import type { EventRow, RunRow, StepRow, TimerRow } from './sqlite-schema.ts';
import type {
  ClaimOptions,
  EventFilter,
  FlowVersion,
  NewEvent,
  NewRun,
  RunFilter,
  RunPatch,
  RunStatus,
  Store,
} from './types.ts';

/** Options of {@link openSqliteStore}. The event log keeps the newest `maxEvents` events (default 1,000,000). */
export interface SqliteStoreOptions extends EventRetention {
  /** The database file, or `:memory:`. Missing parent folders are created. */
  readonly path: string;
  /** `NORMAL` (default): durable across process crashes. `FULL`: also across OS crashes / power loss. */
  readonly synchronous?: 'NORMAL' | 'FULL';
  /** Fail instead of creating the file when it does not exist. */
  readonly fileMustExist?: boolean;
  /** How long a writer waits for another process's lock, in ms. Default 5,000. */
  readonly busyTimeoutMs?: number;
  /** Used to stamp applied migrations. */
  readonly clock?: Clock;
  /**
   * Where WAL checkpoints run. `background` (default for a file): every `checkpointIntervalMs` in
   * a worker thread, so no commit on the event loop pays for the sync; `inline`: SQLite's
   * automatic checkpoint inside the commit that crosses 1,000 pages.
   */
  readonly checkpoint?: 'background' | 'inline';
  /** Period of background checkpoints, ms. Default 100. */
  readonly checkpointIntervalMs?: number;
}

const PATCH_COLUMNS: Record<keyof Omit<RunPatch, 'updatedAt'>, string> = {
  status: 'status',
  output: 'output',
  error: 'error',
  exitReason: 'exit_reason',
  startedAt: 'started_at',
  completedAt: 'completed_at',
  readyAt: 'ready_at',
  failedSteps: 'failed_steps',
};
const JSON_PATCH = new Set(['output', 'error', 'failedSteps']);

/** One SQL condition and its parameters. */
type Condition = [sql: string, ...args: unknown[]];

function whereClause(conds: readonly Condition[]): { sql: string; args: unknown[] } {
  if (conds.length === 0) return { sql: '', args: [] };
  return { sql: `WHERE ${conds.map((c) => c[0]).join(' AND ')}`, args: conds.flatMap((c) => c.slice(1)) };
}

/**
 * Open (creating and migrating if needed) a SQLite store.
 * @example
 * const store = openSqliteStore({ path: '.switchboard/switchboard.sqlite', synchronous: 'FULL' });
 */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  const { path } = options;
  const maxEvents = checkMaxEvents(options.maxEvents ?? DEFAULT_MAX_EVENTS_SQLITE);
  let db: Database.Database;
  let checkpointer: Checkpointer | undefined;
  try {
    if (path !== ':memory:' && !options.fileMustExist) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { fileMustExist: options.fileMustExist ?? false });
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    migrate(db, (options.clock ?? new SystemClock()).now(), path);
    if (path !== ':memory:' && options.checkpoint !== 'inline') {
      const main = db;
      // Without the thread (it could not start, or died), checkpoint inline as SQLite does by default.
      const inline = (): void => void (main.open && main.pragma('wal_autocheckpoint = 1000'));
      try {
        checkpointer = startCheckpointer(path, Math.max(1, options.checkpointIntervalMs ?? 100), inline);
        main.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
      } catch {
        inline();
      }
    }
  } catch (e) {
    if (e instanceof SwitchboardError) throw e;
    throw new SwitchboardError(
      StoreErrors.SB_STORE_OPEN_FAILED,
      `the store must open a SQLite database; ${path} failed: ${e instanceof Error ? e.message : String(e)}`,
      {
        cause: e,
        details: { path },
      },
    );
  }
  return new SqliteStore(db, checkpointer, maxEvents);
}

class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #stmts = new Map<string, Database.Statement>();
  readonly #checkpointer: Checkpointer | undefined;
  readonly #maxEvents: number;
  #prunedThrough = 0;

  constructor(db: Database.Database, checkpointer: Checkpointer | undefined, maxEvents: number) {
    this.#db = db;
    this.#checkpointer = checkpointer;
    this.#maxEvents = maxEvents;
  }

  #q(sql: string): Database.Statement {
    let s = this.#stmts.get(sql);
    if (!s) this.#stmts.set(sql, (s = this.#db.prepare(sql)));
    return s;
  }

  async createRun(n: NewRun) {
    checkCreateClaim(n);
    const input = encode(n.input, `input of run ${n.id}`) ?? null;
    const lease = n.claim;
    // One autocommit statement on the hot path (created, and claimed when asked); only a conflict
    // (a repeated start) reads back.
    const inserted = this.#q(
      `INSERT INTO runs (id, flow, kind, status, input, idempotency_key, event_id, trigger_id, created_at, updated_at, ready_at, attempts, started_at, lease_owner, lease_until, flow_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING *`,
    ).get(
      n.id,
      n.flow,
      n.kind ?? 'code',
      lease ? 'running' : 'pending',
      input,
      n.idempotencyKey ?? null,
      n.eventId ?? null,
      n.triggerId ?? null,
      n.createdAt,
      n.createdAt,
      n.readyAt ?? n.createdAt,
      lease ? 1 : 0,
      lease ? n.createdAt : null,
      lease?.workerId ?? null,
      lease ? n.createdAt + lease.leaseMs : null,
      n.flowVersion ?? null,
    ) as RunRow | undefined;
    if (inserted) return { run: runFromRow(inserted), created: true };
    const existing =
      (n.idempotencyKey === undefined
        ? undefined
        : this.#q('SELECT * FROM runs WHERE idempotency_key = ?').get(n.idempotencyKey)) ??
      this.#q('SELECT * FROM runs WHERE id = ?').get(n.id);
    return { run: runFromRow(existing as RunRow), created: false };
  }

  async saveFlowVersion(v: FlowVersion) {
    const source = encode(v.source, `source of workflow ${v.flow} version ${v.version}`) ?? 'null';
    this.#q(
      'INSERT INTO flow_versions (flow, version, kind, source, saved_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(v.flow, v.version, v.kind, source, v.savedAt);
  }

  async loadFlowVersion(flow: string, version: string) {
    const row = this.#q('SELECT * FROM flow_versions WHERE flow = ? AND version = ?').get(flow, version) as
      { flow: string; version: string; kind: string; source: string; saved_at: number } | undefined;
    return (
      row && { flow: row.flow, version: row.version, kind: row.kind, source: decode(row.source), savedAt: row.saved_at }
    );
  }

  async getRun(id: string) {
    const row = this.#q('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row && runFromRow(row);
  }

  async listRuns(filter: RunFilter = {}) {
    const where: Condition[] = [];
    if (filter.flow !== undefined) where.push(['flow = ?', filter.flow]);
    if (filter.triggerId !== undefined) where.push(['trigger_id = ?', filter.triggerId]);
    if (filter.status !== undefined) {
      const statuses = ([] as string[]).concat(filter.status);
      where.push([`status IN (${statuses.map(() => '?').join(', ')})`, ...statuses]);
    }
    if (filter.createdFrom !== undefined) where.push(['created_at >= ?', filter.createdFrom]);
    if (filter.createdTo !== undefined) where.push(['created_at < ?', filter.createdTo]);
    if (filter.withFailedSteps === true) where.push(['json_array_length(failed_steps) > 0']);
    if (filter.search !== undefined) {
      const q = filter.search;
      where.push([
        "(id = ? OR event_id = ? OR (json_valid(input) AND json_type(input) = 'object' AND json_extract(input, '$.conversationId') = ?) OR event_id IN (SELECT id FROM events WHERE conversation_id = ?))",
        q,
        q,
        q,
        q,
      ]);
    }
    const { sql: cond, args } = whereClause(where);
    const sql = `SELECT * FROM runs ${cond} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`;
    const rows = this.#q(sql).all(...args, filter.limit ?? 100, filter.offset ?? 0) as RunRow[];
    return rows.map(runFromRow);
  }

  #patch(patch: RunPatch): { sets: string[]; args: unknown[] } {
    const sets = ['updated_at = ?'];
    const args: unknown[] = [patch.updatedAt];
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof typeof PATCH_COLUMNS, string][]) {
      const value = patch[key];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      args.push(JSON_PATCH.has(key) ? encode(value, `${key} of a run`) : value);
    }
    if (patch.status !== undefined && patch.status !== 'running') sets.push('lease_owner = NULL', 'lease_until = NULL');
    return { sets, args };
  }

  async updateRun(id: string, patch: RunPatch, options: { readonly ifStatus?: readonly RunStatus[] } = {}) {
    const { sets, args } = this.#patch(patch);
    const only = options.ifStatus;
    const cond = only === undefined ? '' : ` AND status IN (${only.map(() => '?').join(', ') || 'NULL'})`;
    return (
      this.#q(`UPDATE runs SET ${sets.join(', ')} WHERE id = ?${cond}`).run(...args, id, ...(only ?? [])).changes === 1
    );
  }

  async claimRunnable(workerId: string, now: number, leaseMs: number, limit: number, options?: ClaimOptions) {
    checkLeaseArgs(leaseMs, limit);
    if (limit === 0) return [];
    const flows = options?.flows === undefined ? '' : 'AND flow IN (SELECT value FROM json_each(@flows))';
    // Two index range scans (ready pending/waiting runs; running runs whose lease expired) instead
    // of one OR, so a large number of waiting runs never turns the claim into a table scan.
    const sql = `UPDATE runs SET status = 'running', lease_owner = @worker, lease_until = @until, attempts = attempts + 1, updated_at = @now,
      started_at = COALESCE(started_at, @now)
      WHERE id IN (
        SELECT id FROM (
          SELECT id, ready_at FROM runs WHERE status IN ('pending', 'waiting') AND ready_at <= @now ${flows}
          UNION ALL
          SELECT id, ready_at FROM runs WHERE status = 'running' AND (lease_until IS NULL OR lease_until <= @now) ${flows}
        ) ORDER BY ready_at LIMIT @limit
      ) RETURNING *`;
    const params = {
      worker: workerId,
      until: now + leaseMs,
      now,
      limit,
      ...(options?.flows ? { flows: JSON.stringify(options.flows) } : {}),
    };
    const rows = this.#db.transaction(() => this.#q(sql).all(params) as RunRow[]).immediate();
    return rows.map(runFromRow).sort((a, b) => a.readyAt - b.readyAt || (a.id < b.id ? -1 : 1));
  }

  async renewLease(runId: string, workerId: string, now: number, leaseMs: number) {
    checkLeaseArgs(leaseMs);
    const sql = `UPDATE runs SET lease_until = ? WHERE id = ? AND status = 'running' AND lease_owner = ?`;
    return this.#q(sql).run(now + leaseMs, runId, workerId).changes === 1;
  }

  async releaseLease(runId: string, workerId: string, patch: RunPatch) {
    const { sets, args } = this.#patch(patch);
    const sql = `UPDATE runs SET ${sets.join(', ')}, lease_owner = NULL, lease_until = NULL WHERE id = ? AND status = 'running' AND lease_owner = ?`;
    return this.#q(sql).run(...args, runId, workerId).changes === 1;
  }

  async nextWakeAt(options?: ClaimOptions) {
    const flows = options?.flows === undefined ? '' : 'AND flow IN (SELECT value FROM json_each(@flows))';
    const params = options?.flows ? { flows: JSON.stringify(options.flows) } : {};
    const candidates = [
      this.#q(`SELECT ready_at AS at FROM runs WHERE status = 'pending' ${flows} ORDER BY ready_at LIMIT 1`).get(
        params,
      ),
      this.#q(`SELECT ready_at AS at FROM runs WHERE status = 'waiting' ${flows} ORDER BY ready_at LIMIT 1`).get(
        params,
      ),
      this.#q(`SELECT MIN(COALESCE(lease_until, 0)) AS at FROM runs WHERE status = 'running' ${flows}`).get(params),
    ] as ({ at: number | null } | undefined)[];
    const times = candidates.map((c) => c?.at).filter((t): t is number => typeof t === 'number');
    return times.length ? Math.min(...times) : undefined;
  }

  async beginAttempt(runId: string, stepId: string) {
    const sql = `INSERT INTO step_attempts (run_id, step_id, attempts) VALUES (?, ?, 1)
      ON CONFLICT (run_id, step_id) DO UPDATE SET attempts = attempts + 1 RETURNING attempts`;
    return (this.#q(sql).get(runId, stepId) as { attempts: number }).attempts;
  }

  async appendStep(step: Parameters<Store['appendStep']>[0]) {
    const values = stepToRow(step);
    const sql = `INSERT INTO steps (run_id, step_id, seq, kind, name, status, input, output, error, path, trace, attempt, started_at, completed_at, wall_started_at, wall_completed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;
    return this.#q(sql).run(...values).changes === 1;
  }

  async loadJournal(runId: string) {
    return (this.#q('SELECT * FROM steps WHERE run_id = ? ORDER BY seq').all(runId) as StepRow[]).map(stepFromRow);
  }

  async scheduleTimer(timer: Parameters<Store['scheduleTimer']>[0]) {
    this.#q('INSERT INTO timers (run_id, step_id, due_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
      timer.runId,
      timer.stepId,
      timer.dueAt,
    );
    return timerFromRow(
      this.#q('SELECT * FROM timers WHERE run_id = ? AND step_id = ?').get(timer.runId, timer.stepId) as TimerRow,
    );
  }

  async fireTimer(runId: string, stepId: string, firedAt: number) {
    this.#q('UPDATE timers SET fired_at = ? WHERE run_id = ? AND step_id = ? AND fired_at IS NULL').run(
      firedAt,
      runId,
      stepId,
    );
  }

  async listTimers(runId: string) {
    return (this.#q('SELECT * FROM timers WHERE run_id = ? ORDER BY due_at, step_id').all(runId) as TimerRow[]).map(
      timerFromRow,
    );
  }

  async appendEvent(event: NewEvent) {
    const sql =
      'INSERT INTO events (id, topic, body, received_at, trace, conversation_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING *';
    const what = `event ${event.id}`;
    const body = encode(event.body, `body of ${what}`) ?? null;
    const trace = encode(event.trace, `trace of ${what}`) ?? null;
    const rec = eventFromRow(
      this.#q(sql).get(event.id, event.topic, body, event.receivedAt, trace, event.conversationId ?? null) as EventRow,
    );
    const cut = pruneThrough(rec.seq, this.#maxEvents, this.#prunedThrough);
    if (cut !== undefined) {
      // A primary-key range: a handful of rows per batch, never a scan.
      this.#q('DELETE FROM events WHERE seq <= ?').run(cut);
      this.#prunedThrough = cut;
    }
    return rec;
  }

  async listEvents(filter: EventFilter = {}) {
    const where: Condition[] = [];
    if (filter.topic !== undefined) where.push(['topic = ?', filter.topic]);
    if (filter.conversationId !== undefined) where.push(['conversation_id = ?', filter.conversationId]);
    if (filter.afterSeq !== undefined) where.push(['seq > ?', filter.afterSeq]);
    if (filter.beforeSeq !== undefined) where.push(['seq < ?', filter.beforeSeq]);
    if (filter.receivedFrom !== undefined) where.push(['received_at >= ?', filter.receivedFrom]);
    if (filter.receivedTo !== undefined) where.push(['received_at < ?', filter.receivedTo]);
    const { sql: cond, args } = whereClause(where);
    const sql = `SELECT * FROM events ${cond} ORDER BY seq ${filter.order === 'desc' ? 'DESC' : 'ASC'} LIMIT ?`;
    return (this.#q(sql).all(...args, filter.limit ?? 100) as EventRow[]).map(eventFromRow);
  }

  async activity(query: ActivityQuery) {
    emptyActivity(query);
    const events = this.#q(
      'SELECT CAST((received_at - ?) / ? AS INTEGER) AS b, COUNT(*) AS n FROM events WHERE received_at >= ? AND received_at < ? GROUP BY b',
    ).all(query.from, query.bucketMs, query.from, query.to) as Array<{ b: number; n: number }>;
    const runs = this.#q(
      `SELECT CAST((created_at - ?) / ? AS INTEGER) AS b, status, COUNT(*) AS n, SUM(CASE WHEN json_array_length(failed_steps) > 0 THEN 1 ELSE 0 END) AS failed
       FROM runs WHERE created_at >= ? AND created_at < ? GROUP BY b, status`,
    ).all(query.from, query.bucketMs, query.from, query.to) as Array<{
      b: number;
      status: string;
      n: number;
      failed: number | null;
    }>;
    return foldActivity(query, events, runs);
  }

  async close() {
    // The checkpointer's connection closes first, so closing the last one checkpoints the rest.
    await this.#checkpointer?.stop();
    if (this.#db.open) this.#db.close();
  }
}
