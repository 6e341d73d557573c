/**
 * @module
 * How values cross between the Postgres store and node-postgres: the pool's type parsers, the
 * columns of a run patch, positional parameters, and the size of a group-committed insert.
 */
import pg from 'pg';
import type { RunPatch } from './types.ts';

const INT8 = 20;
const JSONB = 3802;
const JSON_OID = 114;

/** Most rows one group-committed insert carries. */
export const BATCH_MAX = 200;

// Times are epoch ms (bigint columns) well inside Number's exact range; JSON columns come back as
// text so the shared decoder tells a stored JSON null from an absent value, as SQLite does.
/** The pool's type parsers. */
export const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === JSONB || oid === JSON_OID) return (v: string) => v;
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as typeof pg.types.getTypeParser,
};

/** The column of each field of a run patch. */
export const PATCH_COLUMNS: Record<keyof Omit<RunPatch, 'updatedAt'>, string> = {
  status: 'status',
  output: 'output',
  error: 'error',
  exitReason: 'exit_reason',
  startedAt: 'started_at',
  completedAt: 'completed_at',
  readyAt: 'ready_at',
  failedSteps: 'failed_steps',
};
/** The run patch fields stored as JSON. */
export const JSON_PATCH = new Set(['output', 'error', 'failedSteps']);

/** Positional parameters built as a query is written: `p(value)` returns its `$n`. */
export function params(): { args: unknown[]; p: (value: unknown) => string } {
  const args: unknown[] = [];
  return { args, p: (value) => `$${args.push(value)}` };
}
