/**
 * @module
 * The Postgres schema as numbered migrations. The tables mirror the SQLite schema (same columns,
 * same row ↔ record mapping in `sqlite-schema.ts`) with Postgres types: epoch ms as `bigint`,
 * JSON values as `jsonb`, the event sequence as an identity column. Migrations run at open inside
 * one transaction holding a transaction-level advisory lock, so two processes opening the same
 * database at once apply each version exactly once.
 */
import type pg from 'pg';
import { SwitchboardError } from '../core/index.ts';
import { StoreErrors } from './errors.ts';

/** One schema migration. Never edit a released one: append a new version. */
interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs, steps, step attempts, timers, events',
    sql: `
      CREATE TABLE runs (
        id text PRIMARY KEY,
        flow text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        input jsonb,
        output jsonb,
        error jsonb,
        exit_reason text,
        idempotency_key text UNIQUE,
        event_id text,
        trigger_id text,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        started_at bigint,
        completed_at bigint,
        ready_at bigint NOT NULL,
        lease_owner text,
        lease_until bigint,
        attempts integer NOT NULL DEFAULT 0
      );
      CREATE INDEX runs_status_ready ON runs (status, ready_at);
      CREATE INDEX runs_created ON runs (created_at);
      CREATE INDEX runs_flow_created ON runs (flow, created_at);
      CREATE INDEX runs_trigger_created ON runs (trigger_id, created_at);
      CREATE TABLE steps (
        run_id text NOT NULL,
        step_id text NOT NULL,
        seq integer NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        status text NOT NULL,
        input jsonb,
        output jsonb,
        error jsonb,
        path text,
        trace jsonb,
        attempt integer,
        started_at bigint NOT NULL,
        completed_at bigint NOT NULL,
        PRIMARY KEY (run_id, step_id)
      );
      CREATE TABLE step_attempts (
        run_id text NOT NULL,
        step_id text NOT NULL,
        attempts integer NOT NULL,
        PRIMARY KEY (run_id, step_id)
      );
      CREATE TABLE timers (
        run_id text NOT NULL,
        step_id text NOT NULL,
        due_at bigint NOT NULL,
        fired_at bigint,
        PRIMARY KEY (run_id, step_id)
      );
      CREATE INDEX timers_due ON timers (due_at) WHERE fired_at IS NULL;
      CREATE TABLE events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL,
        topic text NOT NULL,
        body jsonb,
        received_at bigint NOT NULL,
        trace jsonb,
        conversation_id text
      );
      CREATE INDEX events_topic ON events (topic, seq);
      CREATE INDEX events_received ON events (received_at);
      CREATE INDEX events_conversation ON events (conversation_id, seq);
    `,
  },
  {
    version: 2,
    name: 'run notifications, shared invocation log',
    // A run another process may claim (created without a lease, released to wait, put back to
    // pending) is announced on the switchboard_runs channel with its ready time, delivered at
    // commit, so idle workers wake without polling. Direct starts (created leased) announce nothing.
    sql: `
      CREATE FUNCTION switchboard_notify_runnable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('switchboard_runs', NEW.ready_at::text);
        RETURN NULL;
      END $$;
      CREATE TRIGGER runs_notify_insert AFTER INSERT ON runs FOR EACH ROW
        WHEN (NEW.status IN ('pending', 'waiting')) EXECUTE FUNCTION switchboard_notify_runnable();
      CREATE TRIGGER runs_notify_update AFTER UPDATE OF status, ready_at ON runs FOR EACH ROW
        WHEN (NEW.status IN ('pending', 'waiting') AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.ready_at IS DISTINCT FROM NEW.ready_at))
        EXECUTE FUNCTION switchboard_notify_runnable();
      CREATE TABLE invocations (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        target text NOT NULL,
        at bigint NOT NULL,
        delta smallint NOT NULL
      );
      CREATE INDEX invocations_at ON invocations (at);
    `,
  },
  {
    version: 3,
    name: 'failed steps of a run',
    // A JSON array of step ids; NULL for a run not settled since (lists then read its journal).
    sql: `
      ALTER TABLE runs ADD COLUMN failed_steps jsonb;
    `,
  },
  {
    version: 4,
    name: 'wall-clock times of steps',
    sql: `
      ALTER TABLE steps ADD COLUMN wall_started_at bigint;
      ALTER TABLE steps ADD COLUMN wall_completed_at bigint;
    `,
  },
  {
    version: 5,
    name: 'the workflow version of a run',
    sql: `
      ALTER TABLE runs ADD COLUMN flow_version text;
      CREATE TABLE flow_versions (
        flow text NOT NULL,
        version text NOT NULL,
        kind text NOT NULL,
        source text NOT NULL,
        saved_at bigint NOT NULL,
        PRIMARY KEY (flow, version)
      );
    `,
  },
];

/** The newest Postgres schema version this code knows. */
export const PG_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The advisory lock key migrations hold (an arbitrary constant: "switchboard" in ASCII, truncated). */
const MIGRATION_LOCK = 0x73776974_63686264n;

/**
 * Bring the database to {@link PG_SCHEMA_VERSION}; refuse a database written by a newer version.
 * @param where names the database in errors (the URL without its password).
 */
export async function migratePostgres(client: pg.ClientBase, now: number, where: string): Promise<void> {
  await client.query('BEGIN');
  try {
    // Held until COMMIT: a second process opening at once waits here, then sees the versions applied.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)',
    );
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    const current = rows[0]?.v ?? 0;
    if (current > PG_SCHEMA_VERSION) {
      throw new SwitchboardError(
        StoreErrors.SB_STORE_SCHEMA_TOO_NEW,
        `a database must not be newer than the code reading it; ${where} is at schema version ${current}, this Switchboard knows up to ${PG_SCHEMA_VERSION}`,
        { details: { database: where, version: current, known: PG_SCHEMA_VERSION } },
      );
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        now,
      ]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
