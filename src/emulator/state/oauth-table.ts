/**
 * @module
 * OAuth clients and access tokens in the emulator's state file, apart from the org stores: a
 * restarted emulator keeps answering the credentials and tokens it issued (as a real org does
 * across its own restarts), while a reset or restore of the org never locks a caller out. Each
 * client or token is one row written when it is created.
 */
import type Database from 'better-sqlite3';

/** A client as stored. */
export interface StoredClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly name: string;
  readonly roles: readonly string[];
  /** Resolved permissions (roles and extra permissions). */
  readonly permissions: readonly string[];
  readonly accessTokenValiditySeconds: number;
  /** The emulator's own admin client (reused by a restart that fixes no credentials). */
  readonly admin?: boolean;
}

/** A token as stored. */
export interface StoredToken {
  readonly token: string;
  readonly orgId: string;
  readonly clientId: string;
  readonly userId?: string;
  readonly permissions: readonly string[];
  readonly expiresAt: number;
}

/** Where an OAuth registry keeps its clients and tokens. */
export interface OAuthPersistence {
  load(): { clients: StoredClient[]; tokens: StoredToken[] };
  saveClient(client: StoredClient): void;
  removeClient(clientId: string): void;
  saveToken(token: StoredToken): void;
  /** Forget tokens that expired before `now`. */
  sweep(now: number): void;
}

/**
 * The OAuth tables of one state file.
 * @example
 * const table = SqliteState.open('.switchboard/emulator.sqlite').oauth();
 * const { clients, tokens } = table.load();
 */
export class SqliteOAuthTable implements OAuthPersistence {
  readonly #s: Record<string, Database.Statement>;

  constructor(db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS oauth_client (client_id TEXT PRIMARY KEY, json TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS oauth_token (token TEXT PRIMARY KEY, json TEXT NOT NULL, expires_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS oauth_token_expiry ON oauth_token (expires_at);
    `);
    this.#s = {
      clients: db.prepare('SELECT json FROM oauth_client'),
      tokens: db.prepare('SELECT json FROM oauth_token'),
      saveClient: db.prepare(
        'INSERT INTO oauth_client (client_id, json) VALUES (?, ?) ON CONFLICT (client_id) DO UPDATE SET json = excluded.json',
      ),
      removeClient: db.prepare('DELETE FROM oauth_client WHERE client_id = ?'),
      saveToken: db.prepare('INSERT OR REPLACE INTO oauth_token (token, json, expires_at) VALUES (?, ?, ?)'),
      sweep: db.prepare('DELETE FROM oauth_token WHERE expires_at <= ?'),
    };
  }

  load(): { clients: StoredClient[]; tokens: StoredToken[] } {
    const rows = (s: Database.Statement): unknown[] =>
      (s.all() as { json: string }[]).map((r) => JSON.parse(r.json) as unknown);
    return { clients: rows(this.#s.clients!) as StoredClient[], tokens: rows(this.#s.tokens!) as StoredToken[] };
  }

  saveClient(client: StoredClient): void {
    this.#s.saveClient!.run(client.clientId, JSON.stringify(client));
  }

  removeClient(clientId: string): void {
    this.#s.removeClient!.run(clientId);
  }

  saveToken(token: StoredToken): void {
    this.#s.saveToken!.run(token.token, JSON.stringify(token), token.expiresAt);
  }

  sweep(now: number): void {
    this.#s.sweep!.run(now);
  }
}
