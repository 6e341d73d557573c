/**
 * @module
 * The emulator's state file: one SQLite row per (org, store) holding the store's JSON. WAL mode,
 * so a crash never leaves a half-written org; `':memory:'` for tests.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SwitchboardError } from '../../core/index.ts';
import { SqliteOAuthTable } from './oauth-table.ts';
import { SqliteOutbox } from './outbox.ts';

/** Every org's stores, as persisted: org id → store name → value. */
export type PersistedOrgs = Map<string, Record<string, unknown>>;

function stateError(file: string, problem: string, cause?: unknown): SwitchboardError {
  return new SwitchboardError(
    'SB_EMULATOR_STATE',
    `emulator state file must be a readable Switchboard SQLite database; ${file}: ${problem}`,
    {
      details: { file },
      cause,
    },
  );
}

/**
 * The SQLite-backed store of org state.
 * @example
 * const file = SqliteState.open('.switchboard/emulator.sqlite');
 * const orgs = file.load();
 * file.write('org-1', { users: {...} }, []);
 */
export class SqliteState {
  readonly path: string;
  readonly #db: Database.Database;
  readonly #upsert: Database.Statement<[string, string, string]>;
  readonly #delete: Database.Statement<[string, string]>;
  #outbox: SqliteOutbox | undefined;
  #oauth: SqliteOAuthTable | undefined;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.#db = db;
    this.#upsert = db.prepare(
      'INSERT INTO org_store (org_id, store_name, json) VALUES (?, ?, ?) ON CONFLICT (org_id, store_name) DO UPDATE SET json = excluded.json',
    );
    this.#delete = db.prepare('DELETE FROM org_store WHERE org_id = ? AND store_name = ?');
  }

  /** Open (or create) a state file; throws `SB_EMULATOR_STATE` naming the file when it is unusable. */
  static open(path: string): SqliteState {
    let db: Database.Database | undefined;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(
        'CREATE TABLE IF NOT EXISTS org_store (org_id TEXT NOT NULL, store_name TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (org_id, store_name))',
      );
      return new SqliteState(path, db);
    } catch (e) {
      db?.close();
      throw stateError(path, (e as Error).message, e);
    }
  }

  /** Read every org's stores; throws `SB_EMULATOR_STATE` naming the file, org and store of a corrupt row. */
  load(): PersistedOrgs {
    const out: PersistedOrgs = new Map();
    let rows: { org_id: string; store_name: string; json: string }[];
    try {
      rows = this.#db
        .prepare('SELECT org_id, store_name, json FROM org_store ORDER BY org_id, store_name')
        .all() as typeof rows;
    } catch (e) {
      throw stateError(this.path, (e as Error).message, e);
    }
    for (const r of rows) {
      let value: unknown;
      try {
        value = JSON.parse(r.json);
      } catch (e) {
        throw stateError(
          this.path,
          `store "${r.store_name}" of org ${r.org_id} is not valid JSON (${(e as Error).message})`,
          e,
        );
      }
      const org = out.get(r.org_id) ?? {};
      org[r.store_name] = value;
      out.set(r.org_id, org);
    }
    return out;
  }

  /** Write the given stores of an org and delete the `removed` ones, in one transaction. */
  write(orgId: string, stores: Record<string, unknown>, removed: readonly string[]): void {
    this.#db.transaction(() => {
      for (const [name, value] of Object.entries(stores)) this.#upsert.run(orgId, name, JSON.stringify(value));
      for (const name of removed) this.#delete.run(orgId, name);
    })();
  }

  /** The EventBridge outbox tables of this file (created on first use). */
  outbox(): SqliteOutbox {
    this.#outbox ??= new SqliteOutbox(this.#db);
    return this.#outbox;
  }

  /** The OAuth clients and tokens of this file (created on first use). */
  oauth(): SqliteOAuthTable {
    this.#oauth ??= new SqliteOAuthTable(this.#db);
    return this.#oauth;
  }

  /** Close the file (idempotent). */
  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
