/**
 * @module
 * A Store on Postgres through node-postgres (`pg`) and its connection pool. Several processes may
 * share one database: runs are claimed with `FOR UPDATE SKIP LOCKED` (each run leased to one
 * worker at a time, claimers never wait on each other), a repeated start is stopped by the unique
 * idempotency key, and finishing writes are fenced by the lease owner. Rows map to records exactly
 * as in SQLite (`sqlite-schema.ts`), so both stores return the same values.
 */
import { emptyActivity, foldActivity } from './activity.ts';
import type { ActivityQuery } from './activity.ts';
import pg from 'pg';
import { SwitchboardError, SystemClock } from '../core/index.ts';
import type { Clock } from '../core/index.ts';
import { StoreErrors } from './errors.ts';
import { checkCreateClaim, checkLeaseArgs, decode, encode } from './json.ts';
import { BATCH_MAX, JSON_PATCH, PATCH_COLUMNS, TYPES, params } from './postgres-codec.ts';
import { migratePostgres } from './postgres-schema.ts';
import { batcher } from './postgres-batch.ts';
import { postgresInvocationLog, runNotifications } from './postgres-shared.ts';
import type { RunNotifications } from './postgres-shared.ts';
import { redactDatabaseUrl } from './postgres-url.ts';
import { DEFAULT_MAX_EVENTS_SQLITE, checkMaxEvents, pruneThrough } from './retention.ts';
import type { EventRetention } from './retention.ts';
import { eventFromRow, runFromRow, stepFromRow, stepToRow, timerFromRow } from './sqlite-schema.ts';
import type { EventRow, RunRow, StepRow, TimerRow } from './sqlite-schema.ts';
import type {
  ClaimOptions,
  EventFilter,
  EventRecord,
  FlowVersion,
  InvocationLog,
  NewEvent,
  NewRun,
  RunFilter,
  RunPatch,
  RunStatus,
  Store,
} from './types.ts';

/** Options of {@link openPostgresStore}. The event log keeps the newest `maxEvents` events (default 1,000,000). */
export interface PostgresStoreOptions extends EventRetention {
  /** A `postgres://user:password@host:port/database` URL. */
  readonly url: string;
  /** Most connections the pool opens. Default 10. */
  readonly maxConnections?: number;
  /** How long to wait for a connection, in ms. Default 10,000. */
  readonly connectTimeoutMs?: number;
  /** Used to stamp applied migrations. */
  readonly clock?: Clock;
}

/**
 * Open a Postgres store: connect the pool and apply pending migrations (safe when several
 * processes open the same database at once).
 * @example
 * const store = await openPostgresStore({ url: process.env.SWITCHBOARD_DATABASE_URL! });
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const maxEvents = checkMaxEvents(options.maxEvents ?? DEFAULT_MAX_EVENTS_SQLITE);
  const where = redactDatabaseUrl(options.url);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    types: TYPES,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, (options.clock ?? new SystemClock()).now(), where);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    if (e instanceof SwitchboardError) throw e;
    throw new SwitchboardError(
      StoreErrors.SB_STORE_POSTGRES_UNAVAILABLE,
      `the store must open its Postgres database; ${where} failed: ${e instanceof Error ? e.message : String(e)}`,
      {
        cause: e,
        details: { database: where },
      },
    );
  }
  return new PostgresStore(pool, maxEvents, options.url);
}

class PostgresStore implements Store {
  readonly #pool: pg.Pool;
  readonly #maxEvents: number;
  readonly #url: string;
  #notifications: RunNotifications | undefined;
  #prunedThrough = 0;
  #closed = false;
  readonly invocations: InvocationLog;
  readonly #events = batcher<unknown[], EventRecord>(BATCH_MAX, (rows) => this.#insertEvents(rows));
  readonly #steps = batcher<unknown[], boolean>(BATCH_MAX, (rows) => this.#insertSteps(rows));

  constructor(pool: pg.Pool, maxEvents: number, url: string) {
    this.#pool = pool;
    this.#maxEvents = maxEvents;
    this.#url = url;
    this.invocations = postgresInvocationLog(pool);
  }

  onRunnable(listener: (readyAt: number | undefined) => void): () => void {
    if (this.#closed) return () => undefined;
    this.#notifications ??= runNotifications(this.#url);
    return this.#notifications.subscribe(listener);
  }

  async #rows<T>(sql: string, args: readonly unknown[] = []): Promise<T[]> {
    return (await this.#pool.query(sql, args as unknown[])).rows as T[];
  }

  async #count(sql: string, args: readonly unknown[]): Promise<number> {
    return (await this.#pool.query(sql, args as unknown[])).rowCount ?? 0;
  }

  async createRun(n: NewRun) {
    checkCreateClaim(n);
    const input = encode(n.input, `input of run ${n.id}`) ?? null;
    const lease = n.claim;
    // A repeated start conflicts on the primary key or the unique idempotency key and inserts nothing.
    const [inserted] = await this.#rows<RunRow>(
      `INSERT INTO runs (id, flow, kind, status, input, idempotency_key, event_id, trigger_id, created_at, updated_at, ready_at, attempts, started_at, lease_owner, lease_until, flow_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT DO NOTHING RETURNING *`,
      [
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
      ],
    );
    if (inserted) return { run: runFromRow(inserted), created: true };
    const [byKey] =
      n.idempotencyKey === undefined
        ? []
        : await this.#rows<RunRow>('SELECT * FROM runs WHERE idempotency_key = $1', [n.idempotencyKey]);
    const [existing] = byKey ? [byKey] : await this.#rows<RunRow>('SELECT * FROM runs WHERE id = $1', [n.id]);
    return { run: runFromRow(existing!), created: false };
  }

  async saveFlowVersion(v: FlowVersion) {
    const source = encode(v.source, `source of workflow ${v.flow} version ${v.version}`) ?? 'null';
    await this.#rows(
      'INSERT INTO flow_versions (flow, version, kind, source, saved_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [v.flow, v.version, v.kind, source, v.savedAt],
    );
  }

  async loadFlowVersion(flow: string, version: string) {
    const [row] = await this.#rows<{
      flow: string;
      version: string;
      kind: string;
      source: string;
      saved_at: string | number;
    }>('SELECT * FROM flow_versions WHERE flow = $1 AND version = $2', [flow, version]);
    return (
      row && {
        flow: row.flow,
        version: row.version,
        kind: row.kind,
        source: decode(row.source),
        savedAt: Number(row.saved_at),
      }
    );
  }

  async getRun(id: string) {
    const [row] = await this.#rows<RunRow>('SELECT * FROM runs WHERE id = $1', [id]);
    return row && runFromRow(row);
  }

  async listRuns(filter: RunFilter = {}) {
    const { args, p } = params();
    const where: string[] = [];
    if (filter.flow !== undefined) where.push(`flow = ${p(filter.flow)}`);
    if (filter.triggerId !== undefined) where.push(`trigger_id = ${p(filter.triggerId)}`);
    if (filter.status !== undefined) where.push(`status = ANY(${p(([] as string[]).concat(filter.status))})`);
    if (filter.createdFrom !== undefined) where.push(`created_at >= ${p(filter.createdFrom)}`);
    if (filter.createdTo !== undefined) where.push(`created_at < ${p(filter.createdTo)}`);
    if (filter.withFailedSteps === true) where.push('jsonb_array_length(failed_steps) > 0');
    if (filter.search !== undefined) {
      const q = p(filter.search);
      where.push(
        `(id = ${q} OR event_id = ${q} OR (jsonb_typeof(input) = 'object' AND input->>'conversationId' = ${q}) OR event_id IN (SELECT id FROM events WHERE conversation_id = ${q}))`,
      );
    }
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const sql = `SELECT * FROM runs ${cond} ORDER BY created_at DESC, id DESC LIMIT ${p(filter.limit ?? 100)} OFFSET ${p(filter.offset ?? 0)}`;
    return (await this.#rows<RunRow>(sql, args)).map(runFromRow);
  }

  #patch(patch: RunPatch, p: (value: unknown) => string, releasing = false): string[] {
    const sets = [`updated_at = ${p(patch.updatedAt)}`];
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof typeof PATCH_COLUMNS, string][]) {
      const value = patch[key];
      if (value === undefined) continue;
      sets.push(`${column} = ${p(JSON_PATCH.has(key) ? encode(value, `${key} of a run`) : value)}`);
    }
    if (releasing || (patch.status !== undefined && patch.status !== 'running'))
      sets.push('lease_owner = NULL', 'lease_until = NULL');
    return sets;
  }

  async updateRun(id: string, patch: RunPatch, options: { readonly ifStatus?: readonly RunStatus[] } = {}) {
    const { args, p } = params();
    const sets = this.#patch(patch, p);
    const cond = options.ifStatus === undefined ? '' : ` AND status = ANY(${p([...options.ifStatus])})`;
    return (await this.#count(`UPDATE runs SET ${sets.join(', ')} WHERE id = ${p(id)}${cond}`, args)) === 1;
  }

  async claimRunnable(workerId: string, now: number, leaseMs: number, limit: number, options?: ClaimOptions) {
    checkLeaseArgs(leaseMs, limit);
    if (limit === 0) return [];
    const { args, p } = params();
    const at = p(now);
    const n = p(limit);
    const flows = options?.flows === undefined ? '' : `AND flow = ANY(${p([...options.flows])})`;
    // Two index range scans (ready pending/waiting runs; running runs whose lease expired), each
    // locking what it picks and skipping rows another claimer holds: concurrent claimers split the
    // ready runs between them instead of queuing on the same rows.
    const sql = `WITH ready AS (
        SELECT id, ready_at FROM runs WHERE status IN ('pending', 'waiting') AND ready_at <= ${at} ${flows}
        ORDER BY ready_at LIMIT ${n} FOR UPDATE SKIP LOCKED
      ), expired AS (
        SELECT id, ready_at FROM runs WHERE status = 'running' AND (lease_until IS NULL OR lease_until <= ${at}) ${flows}
        ORDER BY ready_at LIMIT ${n} FOR UPDATE SKIP LOCKED
      ), picked AS (
        SELECT id FROM (SELECT * FROM ready UNION ALL SELECT * FROM expired) c ORDER BY ready_at LIMIT ${n}
      )
      UPDATE runs SET status = 'running', lease_owner = ${p(workerId)}, lease_until = ${p(now + leaseMs)}, attempts = attempts + 1,
        updated_at = ${at}, started_at = COALESCE(started_at, ${at})
      FROM picked WHERE runs.id = picked.id RETURNING runs.*`;
    const rows = await this.#rows<RunRow>(sql, args);
    return rows.map(runFromRow).sort((a, b) => a.readyAt - b.readyAt || (a.id < b.id ? -1 : 1));
  }

  async renewLease(runId: string, workerId: string, now: number, leaseMs: number) {
    checkLeaseArgs(leaseMs);
    const sql = `UPDATE runs SET lease_until = $1 WHERE id = $2 AND status = 'running' AND lease_owner = $3`;
    return (await this.#count(sql, [now + leaseMs, runId, workerId])) === 1;
  }

  async releaseLease(runId: string, workerId: string, patch: RunPatch) {
    const { args, p } = params();
    const sets = this.#patch(patch, p, true);
    const sql = `UPDATE runs SET ${sets.join(', ')} WHERE id = ${p(runId)} AND status = 'running' AND lease_owner = ${p(workerId)}`;
    return (await this.#count(sql, args)) === 1;
  }

  async nextWakeAt(options?: ClaimOptions) {
    const { args, p } = params();
    const flows = options?.flows === undefined ? '' : `AND flow = ANY(${p([...options.flows])})`;
    const sql = `SELECT LEAST(
        (SELECT ready_at FROM runs WHERE status = 'pending' ${flows} ORDER BY ready_at LIMIT 1),
        (SELECT ready_at FROM runs WHERE status = 'waiting' ${flows} ORDER BY ready_at LIMIT 1),
        (SELECT MIN(COALESCE(lease_until, 0)) FROM runs WHERE status = 'running' ${flows})
      ) AS at`;
    const [row] = await this.#rows<{ at: number | null }>(sql, args);
    return row?.at ?? undefined;
  }

  async beginAttempt(runId: string, stepId: string) {
    const sql = `INSERT INTO step_attempts (run_id, step_id, attempts) VALUES ($1, $2, 1)
      ON CONFLICT (run_id, step_id) DO UPDATE SET attempts = step_attempts.attempts + 1 RETURNING attempts`;
    const [row] = await this.#rows<{ attempts: number }>(sql, [runId, stepId]);
    return row!.attempts;
  }

  async appendStep(step: Parameters<Store['appendStep']>[0]) {
    return this.#steps.push(stepToRow(step));
  }

  /** Journal a batch of steps in one statement: true for each row inserted, false for a step id already journaled. */
  async #insertSteps(rows: readonly unknown[][]): Promise<boolean[]> {
    const { args, p } = params();
    const values = rows.map((row) => `(${row.map((v) => p(v)).join(', ')})`);
    const sql = `INSERT INTO steps (run_id, step_id, seq, kind, name, status, input, output, error, path, trace, attempt, started_at, completed_at, wall_started_at, wall_completed_at)
      VALUES ${values.join(', ')} ON CONFLICT DO NOTHING RETURNING run_id, step_id`;
    const inserted = new Set(
      (await this.#rows<{ run_id: string; step_id: string }>(sql, args)).map((r) =>
        JSON.stringify([r.run_id, r.step_id]),
      ),
    );
    // The same step twice in one batch: the first answers, the repeat was not inserted.
    return rows.map((row) => inserted.delete(JSON.stringify([row[0], row[1]])));
  }

  async loadJournal(runId: string) {
    return (await this.#rows<StepRow>('SELECT * FROM steps WHERE run_id = $1 ORDER BY seq', [runId])).map(stepFromRow);
  }

  async scheduleTimer(timer: Parameters<Store['scheduleTimer']>[0]) {
    await this.#count('INSERT INTO timers (run_id, step_id, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      timer.runId,
      timer.stepId,
      timer.dueAt,
    ]);
    const [row] = await this.#rows<TimerRow>('SELECT * FROM timers WHERE run_id = $1 AND step_id = $2', [
      timer.runId,
      timer.stepId,
    ]);
    return timerFromRow(row!);
  }

  async fireTimer(runId: string, stepId: string, firedAt: number) {
    await this.#count('UPDATE timers SET fired_at = $1 WHERE run_id = $2 AND step_id = $3 AND fired_at IS NULL', [
      firedAt,
      runId,
      stepId,
    ]);
  }

  async listTimers(runId: string) {
    return (await this.#rows<TimerRow>('SELECT * FROM timers WHERE run_id = $1 ORDER BY due_at, step_id', [runId])).map(
      timerFromRow,
    );
  }

  async appendEvent(event: NewEvent) {
    const what = `event ${event.id}`;
    const body = encode(event.body, `body of ${what}`) ?? null;
    const trace = encode(event.trace, `trace of ${what}`) ?? null;
    return this.#events.push([event.id, event.topic, body, event.receivedAt, trace, event.conversationId ?? null]);
  }

  /** Log a batch of events in one statement; each gets its record, `seq` in batch order. */
  async #insertEvents(rows: readonly unknown[][]): Promise<EventRecord[]> {
    const { args, p } = params();
    const values = rows.map((row) => `(${row.map((v) => p(v)).join(', ')})`);
    const sql = `INSERT INTO events (id, topic, body, received_at, trace, conversation_id) VALUES ${values.join(', ')} RETURNING *`;
    // Identity values are drawn in VALUES order, so ascending seq is the batch's order.
    const recs = (await this.#rows<EventRow>(sql, args)).map(eventFromRow).sort((a, b) => a.seq - b.seq);
    const cut = pruneThrough(recs[recs.length - 1]!.seq, this.#maxEvents, this.#prunedThrough);
    if (cut !== undefined) {
      // A primary-key range: a handful of rows per batch, never a scan.
      await this.#count('DELETE FROM events WHERE seq <= $1', [cut]);
      this.#prunedThrough = cut;
    }
    return recs;
  }

  async listEvents(filter: EventFilter = {}) {
    const { args, p } = params();
    const where: string[] = [];
    if (filter.topic !== undefined) where.push(`topic = ${p(filter.topic)}`);
    if (filter.conversationId !== undefined) where.push(`conversation_id = ${p(filter.conversationId)}`);
    if (filter.afterSeq !== undefined) where.push(`seq > ${p(filter.afterSeq)}`);
    if (filter.beforeSeq !== undefined) where.push(`seq < ${p(filter.beforeSeq)}`);
    if (filter.receivedFrom !== undefined) where.push(`received_at >= ${p(filter.receivedFrom)}`);
    if (filter.receivedTo !== undefined) where.push(`received_at < ${p(filter.receivedTo)}`);
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const sql = `SELECT * FROM events ${cond} ORDER BY seq ${filter.order === 'desc' ? 'DESC' : 'ASC'} LIMIT ${p(filter.limit ?? 100)}`;
    return (await this.#rows<EventRow>(sql, args)).map(eventFromRow);
  }

  async activity(query: ActivityQuery) {
    emptyActivity(query);
    const args = [query.from, query.bucketMs, query.to];
    const events = await this.#rows<{ b: string; n: string }>(
      'SELECT (received_at - $1) / $2 AS b, COUNT(*) AS n FROM events WHERE received_at >= $1 AND received_at < $3 GROUP BY b',
      args,
    );
    const runs = await this.#rows<{ b: string; status: string; n: string; failed: string | null }>(
      `SELECT (created_at - $1) / $2 AS b, status, COUNT(*) AS n, SUM(CASE WHEN jsonb_array_length(failed_steps) > 0 THEN 1 ELSE 0 END) AS failed
       FROM runs WHERE created_at >= $1 AND created_at < $3 GROUP BY b, status`,
      args,
    );
    return foldActivity(query, events, runs);
  }

  async close() {
    if (this.#closed) return;
    this.#closed = true;
    await this.#notifications?.close();
    await this.#pool.end();
  }
}
