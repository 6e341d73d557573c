/**
 * @module
 * The SQLite schema as numbered migrations, and the row ↔ record mapping. The SQL stays portable
 * (plain tables, `ON CONFLICT DO NOTHING`, `RETURNING`, partial indexes) so a Postgres store can
 * reuse it with type changes only (TEXT JSON → jsonb, INTEGER ms → bigint).
 */
import type Database from 'better-sqlite3';
import { SwitchboardError } from '../core/index.ts';
import { StoreErrors } from './errors.ts';
import { decode, encode } from './json.ts';
import type { EventRecord, RunRecord, RunStatus, StepKind, StepRecord, TimerRecord } from './types.ts';

/** One schema migration. Never edit a released one: append a new version. */
interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs, steps, timers, events',
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        flow TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        input TEXT,
        output TEXT,
        error TEXT,
        exit_reason TEXT,
        idempotency_key TEXT UNIQUE,
        event_id TEXT,
        trigger_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        started_at INTEGER,
        completed_at INTEGER,
        ready_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX runs_status_ready ON runs (status, ready_at);
      CREATE INDEX runs_created ON runs (created_at);
      CREATE INDEX runs_flow_created ON runs (flow, created_at);
      CREATE TABLE steps (
        run_id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        input TEXT,
        output TEXT,
        error TEXT,
        path TEXT,
        trace TEXT,
        started_at INTEGER NOT NULL,
        completed_at INTEGER NOT NULL,
        PRIMARY KEY (run_id, step_id)
      );
      CREATE TABLE timers (
        run_id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        fired_at INTEGER,
        PRIMARY KEY (run_id, step_id)
      );
      CREATE INDEX timers_due ON timers (due_at) WHERE fired_at IS NULL;
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL,
        topic TEXT NOT NULL,
        body TEXT,
        received_at INTEGER NOT NULL,
        trace TEXT
      );
      CREATE INDEX events_topic ON events (topic, seq);
      CREATE INDEX events_received ON events (received_at);
    `,
  },
  {
    version: 2,
    name: 'events by conversation',
    // The backfill reads the body's conversationId once; new rows get the column from the caller.
    sql: `
      ALTER TABLE events ADD COLUMN conversation_id TEXT;
      UPDATE events SET conversation_id = json_extract(body, '$.conversationId')
        WHERE json_valid(body) AND json_type(body, '$.conversationId') = 'text';
      CREATE INDEX events_conversation ON events (conversation_id, seq);
    `,
  },
  {
    version: 3,
    name: 'runs by trigger',
    sql: `
      CREATE INDEX runs_trigger_created ON runs (trigger_id, created_at);
    `,
  },
  {
    version: 4,
    name: 'step attempts',
    sql: `
      CREATE TABLE step_attempts (
        run_id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        PRIMARY KEY (run_id, step_id)
      );
      ALTER TABLE steps ADD COLUMN attempt INTEGER;
    `,
  },
  {
    version: 5,
    name: 'failed steps of a run',
    // A JSON array of step ids; NULL for a run not settled since (lists then read its journal).
    sql: `
      ALTER TABLE runs ADD COLUMN failed_steps TEXT;
    `,
  },
  {
    version: 6,
    name: 'wall-clock times of steps',
    sql: `
      ALTER TABLE steps ADD COLUMN wall_started_at INTEGER;
      ALTER TABLE steps ADD COLUMN wall_completed_at INTEGER;
    `,
  },
  {
    version: 7,
    name: 'the workflow version of a run',
    sql: `
      ALTER TABLE runs ADD COLUMN flow_version TEXT;
      CREATE TABLE flow_versions (
        flow TEXT NOT NULL,
        version TEXT NOT NULL,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        PRIMARY KEY (flow, version)
      );
    `,
  },
];

/** The newest schema version this code knows. */
const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Bring the database to {@link SCHEMA_VERSION}; refuse a database written by a newer version. */
export function migrate(db: Database.Database, now: number, file: string): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const versionOf = db.prepare('SELECT MAX(version) AS v FROM schema_migrations');
  const version = (): number => (versionOf.get() as { v: number | null }).v ?? 0;
  const current = version();
  if (current > SCHEMA_VERSION) {
    throw new SwitchboardError(
      StoreErrors.SB_STORE_SCHEMA_TOO_NEW,
      `a database must not be newer than the code reading it; ${file} is at schema version ${current}, this Switchboard knows up to ${SCHEMA_VERSION}`,
      { details: { file, version: current, known: SCHEMA_VERSION } },
    );
  }
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      // Another process opening the same new file may have applied it since the read above.
      if (version() >= m.version) return;
      db.exec(m.sql);
      insert.run(m.version, m.name, now);
    }).immediate();
  }
}

/** A `runs` row. */
export interface RunRow {
  id: string;
  flow: string;
  kind: string;
  status: string;
  input: string | null;
  output: string | null;
  error: string | null;
  exit_reason: string | null;
  idempotency_key: string | null;
  event_id: string | null;
  trigger_id: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  completed_at: number | null;
  ready_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  attempts: number;
  /** JSON text (a JSONB value read as text on Postgres); absent before schema version 5. */
  failed_steps?: string | null;
  /** Absent before schema version 7 (SQLite) / 5 (Postgres). */
  flow_version?: string | null;
}

/** Drop the keys whose value is `undefined` (absent columns). */
function present<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** Map a `runs` row to a record. */
export function runFromRow(r: RunRow): RunRecord {
  return present({
    id: r.id,
    flow: r.flow,
    kind: r.kind,
    status: r.status as RunStatus,
    input: decode(r.input),
    output: decode(r.output),
    error: decode(r.error) as RunRecord['error'],
    exitReason: r.exit_reason ?? undefined,
    idempotencyKey: r.idempotency_key ?? undefined,
    eventId: r.event_id ?? undefined,
    triggerId: r.trigger_id ?? undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    startedAt: r.started_at ?? undefined,
    completedAt: r.completed_at ?? undefined,
    readyAt: r.ready_at,
    leaseOwner: r.lease_owner ?? undefined,
    leaseUntil: r.lease_until ?? undefined,
    attempts: r.attempts,
    failedSteps: decode(r.failed_steps ?? null) as RunRecord['failedSteps'],
    flowVersion: r.flow_version ?? undefined,
  });
}

/** A `steps` row. */
export interface StepRow {
  run_id: string;
  step_id: string;
  seq: number;
  kind: string;
  name: string;
  status: string;
  input: string | null;
  output: string | null;
  error: string | null;
  path: string | null;
  trace: string | null;
  attempt: number | null;
  started_at: number;
  completed_at: number;
  wall_started_at?: number | string | null;
  wall_completed_at?: number | string | null;
}

const optionalNumber = (v: number | string | null | undefined): number | undefined =>
  v === null || v === undefined ? undefined : Number(v);

/** Map a `steps` row to a record. */
export function stepFromRow(r: StepRow): StepRecord {
  return present({
    runId: r.run_id,
    stepId: r.step_id,
    seq: r.seq,
    kind: r.kind as StepKind,
    name: r.name,
    status: r.status as StepRecord['status'],
    input: decode(r.input),
    output: decode(r.output),
    error: decode(r.error) as StepRecord['error'],
    path: r.path ?? undefined,
    trace: decode(r.trace),
    attempt: r.attempt ?? undefined,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    wallStartedAt: optionalNumber(r.wall_started_at),
    wallCompletedAt: optionalNumber(r.wall_completed_at),
  });
}

/**
 * A step's column values, in the order of the `steps` columns both stores insert (run_id, step_id,
 * seq, kind, name, status, input, output, error, path, trace, attempt, started_at, completed_at,
 * wall_started_at, wall_completed_at);
 * JSON values encoded, absent ones `null`.
 */
export function stepToRow(step: StepRecord): unknown[] {
  const what = `step ${step.stepId} of run ${step.runId}`;
  return [
    step.runId,
    step.stepId,
    step.seq,
    step.kind,
    step.name,
    step.status,
    encode(step.input, `input of ${what}`) ?? null,
    encode(step.output, `output of ${what}`) ?? null,
    encode(step.error, `error of ${what}`) ?? null,
    step.path ?? null,
    encode(step.trace, `trace of ${what}`) ?? null,
    step.attempt ?? null,
    step.startedAt,
    step.completedAt,
    step.wallStartedAt ?? null,
    step.wallCompletedAt ?? null,
  ];
}

/** A `timers` row. */
export interface TimerRow {
  run_id: string;
  step_id: string;
  due_at: number;
  fired_at: number | null;
}

/** Map a `timers` row to a record. */
export function timerFromRow(r: TimerRow): TimerRecord {
  return present({ runId: r.run_id, stepId: r.step_id, dueAt: r.due_at, firedAt: r.fired_at ?? undefined });
}

/** An `events` row. */
export interface EventRow {
  seq: number;
  id: string;
  topic: string;
  body: string | null;
  received_at: number;
  trace: string | null;
  conversation_id: string | null;
}

/** Map an `events` row to a record. */
export function eventFromRow(r: EventRow): EventRecord {
  return present({
    seq: r.seq,
    id: r.id,
    topic: r.topic,
    body: decode(r.body),
    receivedAt: r.received_at,
    trace: decode(r.trace),
    conversationId: r.conversation_id ?? undefined,
  });
}
