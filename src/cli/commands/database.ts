/**
 * @module
 * Which database a command uses: `--db <file | postgres://…>`, else `SWITCHBOARD_DATABASE_URL`,
 * else none (the command's default). A Postgres URL is shown only without its password; the
 * password's forms are handed to the logger and the console to be scrubbed.
 */
import { SwitchboardError } from '../../core/index.ts';
import type { Clock } from '../../core/index.ts';
import { databaseUrlSecrets, isPostgresUrl, openPostgresStore, redactDatabaseUrl } from '../../store/index.ts';
import type { Store } from '../../store/index.ts';

/** The environment variable naming a Postgres database when `--db` is not given. */
export const DATABASE_URL_ENV = 'SWITCHBOARD_DATABASE_URL';

/** The `--db` help of the commands that run a runtime. */
export const DB_OPTION_HELP = `SQLite file, or postgres://user:password@host:port/database shared by several processes (default: ${DATABASE_URL_ENV}, else in memory)`;

/** A database a command was pointed at. */
export type DatabaseRef =
  | {
      readonly kind: 'sqlite';
      readonly path: string;
      readonly shown: string;
      readonly secrets: readonly string[];
      readonly from: '--db';
    }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      readonly shown: string;
      readonly secrets: readonly string[];
      readonly from: '--db' | typeof DATABASE_URL_ENV;
    };

/**
 * The database `--db` or the environment names, or `undefined` when neither does.
 * @example
 * databaseOf(undefined, { SWITCHBOARD_DATABASE_URL: 'postgres://sb:pw@db/sb' }) // { kind: 'postgres', shown: 'postgres://sb:***@db/sb', … }
 */
export function databaseOf(
  db: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): DatabaseRef | undefined {
  const fromEnv = env[DATABASE_URL_ENV]?.trim();
  if (db === undefined && !fromEnv) return undefined;
  const [value, from]: [string, '--db' | typeof DATABASE_URL_ENV] =
    db !== undefined ? [db, '--db'] : [fromEnv!, DATABASE_URL_ENV];
  if (value.trim() === '')
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      `${from} must name a SQLite file or a postgres:// URL; it is empty`,
      { details: { option: from } },
    );
  if (isPostgresUrl(value)) {
    const url = value.trim();
    const shown = redactDatabaseUrl(url);
    if (!URL.canParse(url))
      throw new SwitchboardError(
        'SB_INPUT_INVALID',
        `${from} must be a valid postgres://user:password@host:port/database URL; got ${shown}`,
        { details: { option: from } },
      );
    return { kind: 'postgres', url, shown, secrets: databaseUrlSecrets(url), from };
  }
  if (from === DATABASE_URL_ENV) {
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      `${DATABASE_URL_ENV} must be a postgres:// (or postgresql://) URL; for a SQLite file pass --db <file>`,
      { details: { option: DATABASE_URL_ENV } },
    );
  }
  return { kind: 'sqlite', path: value, shown: value, secrets: [], from: '--db' };
}

/** Open the Postgres store a ref names (a SQLite file is opened by the runtime from `dbPath`). */
export async function openPostgresRef(ref: Extract<DatabaseRef, { kind: 'postgres' }>, clock?: Clock): Promise<Store> {
  return openPostgresStore({ url: ref.url, ...(clock ? { clock } : {}) });
}

/** The banner's store line. */
export function storeLine(ref: DatabaseRef | undefined): string {
  if (!ref) return 'in memory (use --db <file> or a postgres:// URL to keep runs)';
  return ref.kind === 'postgres' ? `${ref.shown} (Postgres, shared by every process on it)` : ref.path;
}
