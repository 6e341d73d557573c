/**
 * @module
 * The store context: the Store port (runs, step journal, timers, leases, event log) and its
 * implementations: SQLite (default, durable), Postgres (shared by several processes) and memory (tests). The contract suite every
 * implementation passes lives in `contract.ts` (test-only, not exported here).
 */
export { RUN_STATUSES } from './types.ts';
export type {
  Store,
  RunStore,
  EventLog,
  RunStatus,
  RunRecord,
  FlowVersion,
  RunError,
  RunPatch,
  RunFilter,
  StepKind,
  StepRecord,
  TimerRecord,
  EventRecord,
  NewEvent,
  EventFilter,
  InvocationEntry,
  InvocationLog,
} from './types.ts';
export { MAX_ACTIVITY_BUCKETS } from './activity.ts';
export type { ActivityBucket } from './activity.ts';
export { createMemoryStore } from './memory.ts';
export type { MemoryStoreOptions } from './memory.ts';
export { openSqliteStore } from './sqlite.ts';
export type { SqliteStoreOptions } from './sqlite.ts';
export { openPostgresStore } from './postgres.ts';
export type { PostgresStoreOptions } from './postgres.ts';
export { databaseUrlSecrets, isPostgresUrl, redactDatabaseUrl } from './postgres-url.ts';
export { StoreErrors } from './errors.ts';
