/**
 * @module
 * The EventBridge outbox of the emulator's state file: API destinations, the events each still
 * has to deliver, and the dead letters. Unlike the org stores (a JSON value per store, written
 * whole within `flushDelayMs`), every change here is one small SQLite statement committed at
 * once — an event is queued in the same turn it is published, so a killed emulator loses none,
 * and the queue is never held (or serialized) in memory.
 */
import type Database from 'better-sqlite3';

/** A destination's settings, as registered. */
export interface DestinationSettings {
  readonly name: string;
  /** Where events are POSTed. */
  readonly url: string;
  /** Topic subscriptions (`{id}` wildcards, `a?b&c` combinations); empty: every event of the org. */
  readonly topics: readonly string[];
  /** Sent with every request (the connection's authorization, e.g. an API key header). */
  readonly headers: Readonly<Record<string, string>>;
  /** The partner event source suffix of the envelope's `source`. */
  readonly suffix: string;
  /** Retention window of an undelivered event, seconds. */
  readonly maxEventAgeSeconds: number;
  /** Retries after the first attempt. */
  readonly maxRetryAttempts: number;
}

/** Delivery counters of a destination (since it was first registered). */
interface DestinationCounters {
  readonly published: number;
  readonly delivered: number;
  readonly failedAttempts: number;
  readonly deadLettered: number;
}

/** A stored destination. */
export interface StoredDestination {
  readonly orgId: string;
  readonly settings: DestinationSettings;
  readonly counters: DestinationCounters;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** An event waiting for delivery. */
export interface QueuedEvent {
  readonly seq: number;
  readonly eventId: string;
  /** The request body, as sent. */
  readonly envelope: string;
  /** Attempts made so far. */
  readonly attempts: number;
  /** When it was queued (epoch ms, real time). */
  readonly firstAt: number;
  readonly nextAt: number;
  readonly lastError: string | null;
}

/** An event given up on. */
export interface DeadLetter {
  readonly eventId: string;
  readonly envelope: string;
  readonly attempts: number;
  readonly firstAt: number;
  readonly failedAt: number;
  readonly error: string;
}

/** The most dead letters kept per destination (the oldest go first). */
const MAX_DEAD_LETTERS = 10_000;

interface DestinationRow {
  org_id: string;
  name: string;
  settings: string;
  published: number;
  delivered: number;
  failed_attempts: number;
  dead_lettered: number;
  created_at: number;
  updated_at: number;
}

interface QueueRow {
  seq: number;
  event_id: string;
  envelope: string;
  attempts: number;
  first_at: number;
  next_at: number;
  last_error: string | null;
}

const toQueued = (r: QueueRow): QueuedEvent => ({
  seq: r.seq,
  eventId: r.event_id,
  envelope: r.envelope,
  attempts: r.attempts,
  firstAt: r.first_at,
  nextAt: r.next_at,
  lastError: r.last_error,
});

/**
 * The outbox tables of one state file.
 * @example
 * const outbox = SqliteState.open(':memory:').outbox();
 * outbox.saveDestination('org', settings, Date.now());
 * outbox.enqueue('org', ['runtime'], 'event-id', '{"detail":{}}', Date.now());
 */
export class SqliteOutbox {
  readonly #db: Database.Database;
  readonly #s: Record<string, Database.Statement>;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS eventbridge_destination (
        org_id TEXT NOT NULL, name TEXT NOT NULL, settings TEXT NOT NULL,
        published INTEGER NOT NULL DEFAULT 0, delivered INTEGER NOT NULL DEFAULT 0,
        failed_attempts INTEGER NOT NULL DEFAULT 0, dead_lettered INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (org_id, name));
      CREATE TABLE IF NOT EXISTS eventbridge_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, org_id TEXT NOT NULL, destination TEXT NOT NULL,
        event_id TEXT NOT NULL, envelope TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
        first_at INTEGER NOT NULL, next_at INTEGER NOT NULL, last_error TEXT);
      CREATE INDEX IF NOT EXISTS eventbridge_outbox_due ON eventbridge_outbox (org_id, destination, next_at, seq);
      CREATE TABLE IF NOT EXISTS eventbridge_dead_letter (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, org_id TEXT NOT NULL, destination TEXT NOT NULL,
        event_id TEXT NOT NULL, envelope TEXT NOT NULL, attempts INTEGER NOT NULL,
        first_at INTEGER NOT NULL, failed_at INTEGER NOT NULL, error TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS eventbridge_dead_letter_by_destination ON eventbridge_dead_letter (org_id, destination, seq);
    `);
    const p = (sql: string): Database.Statement => db.prepare(sql);
    this.#s = {
      list: p('SELECT * FROM eventbridge_destination ORDER BY org_id, name'),
      get: p('SELECT * FROM eventbridge_destination WHERE org_id = ? AND name = ?'),
      upsert:
        p(`INSERT INTO eventbridge_destination (org_id, name, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (org_id, name) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`),
      removeDestination: p('DELETE FROM eventbridge_destination WHERE org_id = ? AND name = ?'),
      removeQueue: p('DELETE FROM eventbridge_outbox WHERE org_id = ? AND destination = ?'),
      removeDead: p('DELETE FROM eventbridge_dead_letter WHERE org_id = ? AND destination = ?'),
      insert: p(
        'INSERT INTO eventbridge_outbox (org_id, destination, event_id, envelope, first_at, next_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      published: p('UPDATE eventbridge_destination SET published = published + 1 WHERE org_id = ? AND name = ?'),
      due: p(
        'SELECT seq, event_id, envelope, attempts, first_at, next_at, last_error FROM eventbridge_outbox WHERE org_id = ? AND destination = ? AND next_at <= ? ORDER BY next_at, seq LIMIT ?',
      ),
      nextDue: p('SELECT MIN(next_at) AS at FROM eventbridge_outbox WHERE org_id = ? AND destination = ?'),
      count: p('SELECT COUNT(*) AS n FROM eventbridge_outbox WHERE org_id = ? AND destination = ?'),
      remove: p('DELETE FROM eventbridge_outbox WHERE seq = ?'),
      delivered: p('UPDATE eventbridge_destination SET delivered = delivered + 1 WHERE org_id = ? AND name = ?'),
      retry: p('UPDATE eventbridge_outbox SET attempts = ?, next_at = ?, last_error = ? WHERE seq = ?'),
      dueNow: p('UPDATE eventbridge_outbox SET next_at = ? WHERE org_id = ? AND destination = ? AND next_at > ?'),
      failedAttempt: p(
        'UPDATE eventbridge_destination SET failed_attempts = failed_attempts + 1 WHERE org_id = ? AND name = ?',
      ),
      dead: p(
        'INSERT INTO eventbridge_dead_letter (org_id, destination, event_id, envelope, attempts, first_at, failed_at, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      deadCounted: p(
        'UPDATE eventbridge_destination SET dead_lettered = dead_lettered + 1 WHERE org_id = ? AND name = ?',
      ),
      deadPrune: p(`DELETE FROM eventbridge_dead_letter WHERE org_id = ? AND destination = ? AND seq <= (
        SELECT seq FROM eventbridge_dead_letter WHERE org_id = ? AND destination = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`),
      deadList: p(
        'SELECT event_id, envelope, attempts, first_at, failed_at, error FROM eventbridge_dead_letter WHERE org_id = ? AND destination = ? ORDER BY seq DESC LIMIT ?',
      ),
    };
  }

  /** Every destination of every org. */
  destinations(): StoredDestination[] {
    return (this.#s.list!.all() as DestinationRow[]).map(toStored);
  }

  /** One destination, if registered. */
  destination(orgId: string, name: string): StoredDestination | undefined {
    const row = this.#s.get!.get(orgId, name) as DestinationRow | undefined;
    return row ? toStored(row) : undefined;
  }

  /** Register or update a destination; its queue and counters stay. */
  saveDestination(orgId: string, settings: DestinationSettings, at: number): StoredDestination {
    this.#s.upsert!.run(orgId, settings.name, JSON.stringify(settings), at, at);
    return this.destination(orgId, settings.name)!;
  }

  /** Delete a destination with its queue and dead letters; false when it did not exist. */
  removeDestination(orgId: string, name: string): boolean {
    return this.#db.transaction(() => {
      this.#s.removeQueue!.run(orgId, name);
      this.#s.removeDead!.run(orgId, name);
      return this.#s.removeDestination!.run(orgId, name).changes > 0;
    })();
  }

  /** Queue one event for several destinations of an org, in one transaction. */
  enqueue(orgId: string, names: readonly string[], eventId: string, envelope: string, at: number): void {
    this.#db.transaction(() => {
      for (const name of names) {
        this.#s.insert!.run(orgId, name, eventId, envelope, at, at);
        this.#s.published!.run(orgId, name);
      }
    })();
  }

  /** Make every event of a destination that is backing off due at `now`. */
  dueNow(orgId: string, name: string, now: number): void {
    this.#s.dueNow!.run(now, orgId, name, now);
  }

  /** Events due at `now`, oldest due first. */
  due(orgId: string, name: string, now: number, limit: number): QueuedEvent[] {
    return (this.#s.due!.all(orgId, name, now, limit) as QueueRow[]).map(toQueued);
  }

  /** When the next queued event is due, if any is queued. */
  nextDue(orgId: string, name: string): number | undefined {
    const at = (this.#s.nextDue!.get(orgId, name) as { at: number | null }).at;
    return at ?? undefined;
  }

  /** Events queued (due or backing off). */
  queued(orgId: string, name: string): number {
    return (this.#s.count!.get(orgId, name) as { n: number }).n;
  }

  /** An event was accepted by its destination: forget it. */
  delivered(orgId: string, name: string, seq: number): void {
    this.#db.transaction(() => {
      if (this.#s.remove!.run(seq).changes > 0) this.#s.delivered!.run(orgId, name);
    })();
  }

  /** An attempt failed and will be retried at `nextAt`. */
  retryLater(orgId: string, name: string, seq: number, attempts: number, nextAt: number, error: string): void {
    this.#db.transaction(() => {
      if (this.#s.retry!.run(attempts, nextAt, error.slice(0, 1_000), seq).changes > 0)
        this.#s.failedAttempt!.run(orgId, name);
    })();
  }

  /** Give up on an event: move it to the dead letters (the newest {@link MAX_DEAD_LETTERS} are kept). */
  deadLetter(orgId: string, name: string, event: QueuedEvent, attempts: number, at: number, error: string): void {
    this.#db.transaction(() => {
      if (this.#s.remove!.run(event.seq).changes === 0) return;
      this.#s.dead!.run(orgId, name, event.eventId, event.envelope, attempts, event.firstAt, at, error.slice(0, 1_000));
      this.#s.deadCounted!.run(orgId, name);
      if (attempts > event.attempts) this.#s.failedAttempt!.run(orgId, name);
      this.#s.deadPrune!.run(orgId, name, orgId, name, MAX_DEAD_LETTERS);
    })();
  }

  /** The newest dead letters of a destination. */
  deadLetters(orgId: string, name: string, limit: number): DeadLetter[] {
    const rows = this.#s.deadList!.all(orgId, name, limit) as {
      event_id: string;
      envelope: string;
      attempts: number;
      first_at: number;
      failed_at: number;
      error: string;
    }[];
    return rows.map((r) => ({
      eventId: r.event_id,
      envelope: r.envelope,
      attempts: r.attempts,
      firstAt: r.first_at,
      failedAt: r.failed_at,
      error: r.error,
    }));
  }
}

function toStored(r: DestinationRow): StoredDestination {
  return {
    orgId: r.org_id,
    settings: JSON.parse(r.settings) as DestinationSettings,
    counters: {
      published: r.published,
      delivered: r.delivered,
      failedAttempts: r.failed_attempts,
      deadLettered: r.dead_lettered,
    },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
