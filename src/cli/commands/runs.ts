/**
 * @module
 * `switchboard runs [--flow <name>] [--status <s>] [--limit <n>] [--json] [--db <file|url>]` lists
 * workflow runs, newest first, naming the store it read; `switchboard runs show <id> [--json]
 * [--db <file|url>]` prints one run with every step (inputs, outputs, duration, path taken,
 * data-action trace) and why it ended. A store file that does not exist is an error, never an
 * empty history. Exit codes: 0 found, 1 no such run, 2 an invalid option or database.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { SwitchboardError, SystemClock, isSwitchboardError } from '../../core/index.ts';
import { RUN_STATUSES, StoreErrors, openSqliteStore } from '../../store/index.ts';
import type { RunStatus, Store } from '../../store/index.ts';
import { createHistory, statusText } from '../../workflows/index.ts';
import type { RunDetail, RunSummary } from '../../workflows/index.ts';
import { errorJson, errorText } from '../error-output.ts';
import { DATABASE_URL_ENV, databaseOf, openPostgresRef } from './database.ts';

/** Where runs are recorded unless `--db` says otherwise. */
export const DEFAULT_DB_PATH = '.switchboard/switchboard.sqlite';

/** Options of the `runs` commands. */
export interface RunsOptions {
  readonly flow?: string;
  readonly status?: string;
  readonly limit?: string;
  readonly json?: boolean;
  readonly db?: string;
  /**
   * Only runs with a failed step recorded (a data action on its failure or timeout path, a step
   * whose throw the workflow caught), filtered in the store before `--limit`.
   */
  readonly failedSteps?: boolean;
  readonly search?: string;
}

/** What a `runs` command prints and exits with. */
export interface RunsOutcome {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

const invalid = (message: string, option: string): SwitchboardError =>
  new SwitchboardError('SB_INPUT_INVALID', message, { details: { option } });

/** `1h 2m 3s`, `4m 0s`, `850 ms`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '-';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.floor(ms / 1000);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return h > 0 ? `${h}h ${m}m ${sec}s` : m > 0 ? `${m}m ${sec}s` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const iso = (t: number | undefined): string => (t === undefined ? '-' : new Date(t).toISOString());
const short = (v: unknown, max = 160): string => {
  const text = JSON.stringify(v) ?? 'undefined';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/** Render runs as an aligned table (pure). */
export function formatRunList(runs: readonly RunSummary[]): string {
  if (runs.length === 0) return 'no runs\n';
  const header = ['ID', 'FLOW', 'STATUS', 'STARTED', 'DURATION', 'EXIT'];
  const rows = runs.map((r) => [
    r.id,
    r.flow,
    statusText(r),
    iso(r.startedAt ?? r.createdAt),
    formatDuration(r.durationMs),
    r.error
      ? `${r.exitReason ?? ''} ${r.error.code}`.trim()
      : (r.exitReason ?? (r.wakesAt !== undefined ? `wakes ${iso(r.wakesAt)}` : '')),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** What a retried try says: why it was sent again and after how long; a retried step, how many tries it took. */
function retryNote(s: RunDetail['steps'][number]): string {
  const o = s.output as { retriedOn?: unknown; httpStatus?: unknown; waitMs?: unknown; attempts?: unknown } | undefined;
  if (s.kind === 'attempt' && o?.retriedOn !== undefined) {
    const why = o.httpStatus === undefined ? String(o.retriedOn) : `HTTP ${String(o.httpStatus)}`;
    return `  retried on ${why} after ${formatDuration(Number(o.waitMs))}`;
  }
  return s.kind === 'action' && typeof o?.attempts === 'number' ? `  after ${o.attempts} attempts` : '';
}

/** Render one run with its steps (pure). */
export function formatRunDetail(run: RunDetail): string {
  const out = [
    `run ${run.id}`,
    `  flow      ${run.flow} (${run.kind})`,
    `  status    ${statusText(run)}${run.exitReason ? ` (exit reason: ${run.exitReason})` : ''}`,
    `  created   ${iso(run.createdAt)}`,
    `  started   ${iso(run.startedAt)}`,
    `  ended     ${iso(run.completedAt)}   duration ${formatDuration(run.durationMs)}   attempts ${run.attempts}`,
  ];
  if (run.eventId || run.triggerId) out.push(`  trigger   ${run.triggerId ?? '-'}   event ${run.eventId ?? '-'}`);
  if (run.waitingOn) out.push(`  waiting   in step "${run.waitingOn.stepId}" until ${iso(run.waitingOn.dueAt)}`);
  out.push(`  input     ${short(run.input)}`);
  if (run.output !== undefined) out.push(`  output    ${short(run.output)}`);
  if (run.error)
    out.push(
      `  error     ${run.error.code}: ${run.error.message}${run.error.stepId ? ` (step "${run.error.stepId}")` : ''}`,
    );
  out.push(`steps (${run.steps.length})`);
  for (const s of run.steps) {
    const outcome = s.status === 'error' ? 'error' : (s.path ?? 'ok');
    const resent = s.resent ? `  re-sent after restart (attempt ${s.attempt})` : '';
    out.push(
      `  #${s.seq + 1}  ${s.kind.padEnd(6)}  ${s.stepId}  ${outcome}  ${formatDuration(s.durationMs)}  at ${iso(s.completedAt)}${resent}${retryNote(s)}`,
    );
    if (s.input !== undefined) out.push(`        input   ${short(s.input)}`);
    if (s.output !== undefined) out.push(`        output  ${short(s.output)}`);
    if (s.error) out.push(`        error   ${s.error.code}: ${s.error.message}`);
    if (s.trace !== undefined) out.push(`        trace   ${short(s.trace, 240)}`);
  }
  return `${out.join('\n')}\n`;
}

/** The store a `runs` command reads: the `--db` given, `SWITCHBOARD_DATABASE_URL`, or the default file. */
export interface RunStoreRef {
  /** The SQLite file, or the Postgres URL without its password. */
  readonly path: string;
  /** True when neither `--db` nor the environment named a store. */
  readonly default: boolean;
  /** True for a Postgres database. */
  readonly postgres?: boolean;
}

/** The store to read (without opening it). Throws `SB_INPUT_INVALID` for an unusable `--db` or URL. */
export function runStoreOf(
  db: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): RunStoreRef {
  const database = databaseOf(db, env);
  if (!database) return { path: DEFAULT_DB_PATH, default: true };
  return database.kind === 'postgres'
    ? { path: database.shown, default: false, postgres: true }
    : { path: database.path, default: false };
}

async function openHistory(ref: RunStoreRef, db: string | undefined): Promise<Store> {
  const database = databaseOf(db);
  if (database?.kind === 'postgres') return openPostgresRef(database);
  if (!existsSync(ref.path)) {
    const message = ref.default
      ? `the run store to read must exist; no --db was given and the default ${ref.path} does not exist`
      : `the run store to read must exist; ${ref.path} (--db) does not`;
    throw new SwitchboardError(StoreErrors.SB_STORE_NOT_FOUND, message, {
      details: { path: ref.path, option: '--db' },
      hint: `Pass --db <file> with the SQLite file a runtime wrote. switchboard start and up keep runs in memory unless started with --db <file> (e.g. switchboard start --db <file>, then switchboard runs --db <file>).`,
    });
  }
  return openSqliteStore({ path: ref.path, fileMustExist: true });
}

/** The first line of `runs`: which store was read, and for the default how runs get there. */
function storeLine(ref: RunStoreRef): string {
  return `runs in ${ref.path}${ref.default ? ' (the default; start and up keep runs only when given --db <file>)' : ''}\n`;
}

function parseFilter(opts: RunsOptions): { flow?: string; status?: RunStatus; limit: number } {
  if (opts.status !== undefined && !RUN_STATUSES.includes(opts.status as RunStatus)) {
    throw invalid(`--status must be one of ${RUN_STATUSES.join(', ')}; got "${opts.status}"`, '--status');
  }
  const limit = opts.limit === undefined ? 50 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw invalid(`--limit must be an integer from 1 to 10000; got "${opts.limit}"`, '--limit');
  return {
    ...(opts.flow === undefined ? {} : { flow: opts.flow }),
    ...(opts.status === undefined ? {} : { status: opts.status as RunStatus }),
    ...(opts.search === undefined || opts.search.trim() === '' ? {} : { search: opts.search.trim() }),
    limit,
  };
}

function failed(e: unknown, json: boolean | undefined): RunsOutcome {
  if (!isSwitchboardError(e)) throw e;
  return { exitCode: 2, stdout: json ? errorJson(e) : '', stderr: errorText(e) };
}

/**
 * `switchboard runs`, without touching the process. JSON: `{ store: {path, default}, entities }`.
 * @example
 * const { stdout } = await listRunsCommand({ status: 'failed', json: true });
 */
export async function listRunsCommand(opts: RunsOptions): Promise<RunsOutcome> {
  let store: Store | undefined;
  try {
    const filter = parseFilter(opts);
    const ref = runStoreOf(opts.db);
    store = await openHistory(ref, opts.db);
    const runs = await createHistory(store).listRuns(
      opts.failedSteps ? { ...filter, withFailedSteps: true } : filter,
      new SystemClock().now(),
      { failedSteps: true },
    );
    return {
      exitCode: 0,
      stdout: opts.json
        ? `${JSON.stringify({ store: ref, entities: runs }, null, 2)}\n`
        : storeLine(ref) + formatRunList(runs),
      stderr: '',
    };
  } catch (e) {
    return failed(e, opts.json);
  } finally {
    await store?.close();
  }
}

/**
 * `switchboard runs show <id>`, without touching the process.
 * @example
 * const { exitCode, stdout } = await showRunCommand('0b5c…', { json: true });
 */
export async function showRunCommand(id: string, opts: RunsOptions): Promise<RunsOutcome> {
  let store: Store | undefined;
  try {
    const ref = runStoreOf(opts.db);
    store = await openHistory(ref, opts.db);
    const run = await createHistory(store).getRun(id, new SystemClock().now());
    if (!run) return { exitCode: 1, stdout: opts.json ? 'null\n' : '', stderr: `no run "${id}" in ${ref.path}\n` };
    return { exitCode: 0, stdout: opts.json ? `${JSON.stringify(run, null, 2)}\n` : formatRunDetail(run), stderr: '' };
  } catch (e) {
    return failed(e, opts.json);
  } finally {
    await store?.close();
  }
}

const write = (o: RunsOutcome): void => {
  process.stdout.write(o.stdout);
  process.stderr.write(o.stderr);
  process.exitCode = o.exitCode;
};

/** Register `runs` and `runs show`. */
export function registerRuns(program: Command): void {
  const runs = program
    .command('runs')
    .description('Workflow runs from the execution history, newest first.')
    .option('--flow <name>', 'only runs of this workflow')
    .option('--status <status>', `only runs in this status (${RUN_STATUSES.join(', ')})`)
    .option(
      '--failed-steps',
      'only runs with a failed step: a data action that took its failure or timeout path (after any retries), a step whose error the workflow caught',
    )
    .option('--search <id>', 'only the runs a run id, an event id or a conversation id names')
    .option('--limit <n>', 'at most this many runs', '50')
    .option('--json', 'print JSON')
    .option(
      '--db <file|url>',
      `the store a runtime wrote with --db: a SQLite file or a postgres:// URL (default: ${DATABASE_URL_ENV}, else "${DEFAULT_DB_PATH}")`,
    )
    .action(async (opts: RunsOptions) => write(await listRunsCommand(opts)));
  runs
    .command('show <id>')
    .description('One run: input, every step (input, output, duration, path, data-action trace), exit reason or error.')
    .option('--json', 'print JSON')
    .option(
      '--db <file|url>',
      `the store a runtime wrote with --db: a SQLite file or a postgres:// URL (default: ${DATABASE_URL_ENV}, else "${DEFAULT_DB_PATH}")`,
    )
    // Commander hands `--db` / `--json` to the parent `runs` wherever they stand: read both levels.
    .action(async (id: string, _opts: RunsOptions, cmd: Command) =>
      write(await showRunCommand(id, cmd.optsWithGlobals<RunsOptions>())),
    );
}
