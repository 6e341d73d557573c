/**
 * @module
 * What several processes on one Postgres database share beyond the tables: run notifications
 * (LISTEN on one dedicated connection, reconnected with backoff) and the org-wide invocation log
 * (appends serialized by a transaction-level advisory lock, so its ids follow commit order and a
 * reader that remembers the last id it saw misses nothing).
 */
import pg from 'pg';
import type { InvocationEntry, InvocationLog } from './types.ts';

/** The channel the `runs` triggers notify (migration 2). */
const RUNS_CHANNEL = 'switchboard_runs';

/** The advisory lock key the invocation log's appends hold ("sb-invoc" in ASCII). */
const INVOCATION_LOCK = 0x73622d69_6e766f63n;

type RunnableListener = (readyAt: number | undefined) => void;

/** The LISTEN side of run notifications. */
export interface RunNotifications {
  subscribe(listener: RunnableListener): () => void;
  close(): Promise<void>;
}

/**
 * Listen on {@link RUNS_CHANNEL} over a dedicated connection opened on the first subscriber. A
 * lost connection is re-opened after 0.5 s, doubling to 30 s; once back, every listener is called
 * with `undefined` (what was announced meanwhile is unknown, so look again).
 */
export function runNotifications(connectionString: string): RunNotifications {
  const listeners = new Set<RunnableListener>();
  let client: pg.Client | undefined;
  let connecting = false;
  let closed = false;
  let backoffMs = 500;
  let retry: NodeJS.Timeout | undefined;
  const tell = (readyAt: number | undefined): void => {
    for (const l of listeners) l(readyAt);
  };
  const connect = async (reconnected: boolean): Promise<void> => {
    if (closed || connecting || client) return;
    connecting = true;
    const c = new pg.Client({ connectionString });
    const lost = (): void => {
      if (client !== c) return;
      client = undefined;
      c.end().catch(() => undefined);
      if (!closed) schedule();
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (n) => {
      const at = Number(n.payload);
      tell(Number.isFinite(at) ? at : undefined);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${RUNS_CHANNEL}`);
      if (closed) {
        await c.end();
        return;
      }
      client = c;
      backoffMs = 500;
      if (reconnected) tell(undefined);
    } catch {
      c.end().catch(() => undefined);
      if (!closed) schedule();
    } finally {
      connecting = false;
    }
  };
  const schedule = (): void => {
    if (retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect(true);
    }, backoffMs);
    retry.unref();
    backoffMs = Math.min(30_000, backoffMs * 2);
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      void connect(false);
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}

interface EntryRow {
  id: number;
  target: string;
  at: number;
  delta: number;
}

/**
 * The invocation log on the `invocations` table. One section costs two round trips under the
 * lock: `BEGIN; lock; read since afterId`, then `INSERT …; COMMIT` (simple-protocol statements,
 * numbers checked as integers and text escaped by the driver).
 */
export function postgresInvocationLog(pool: pg.Pool): InvocationLog {
  return {
    async exclusive(afterId, decide) {
      if (!Number.isSafeInteger(afterId) || afterId < 0)
        throw new RangeError(`afterId must be a non-negative integer; got ${afterId}`);
      const client = await pool.connect();
      let open = false;
      try {
        open = true;
        const read = (await client.query(
          `BEGIN; SELECT pg_advisory_xact_lock(${INVOCATION_LOCK.toString()}); SELECT id, target, at, delta FROM invocations WHERE id > ${afterId} ORDER BY id`,
        )) as unknown as pg.QueryResult<EntryRow>[];
        const entries: InvocationEntry[] = read[2]!.rows.map((r) => ({
          id: Number(r.id),
          target: r.target,
          at: Number(r.at),
          delta: Number(r.delta) < 0 ? -1 : 1,
        }));
        let lastId = entries.length > 0 ? entries[entries.length - 1]!.id : afterId;
        const { append, result } = decide(entries);
        if (append.length === 0) {
          await client.query('COMMIT');
        } else {
          const values = append.map((e) => {
            if (!Number.isSafeInteger(e.at)) throw new RangeError(`an invocation time must be an integer; got ${e.at}`);
            return `(${client.escapeLiteral(e.target)}, ${e.at}, ${e.delta < 0 ? -1 : 1})`;
          });
          const written = (await client.query(
            `INSERT INTO invocations (target, at, delta) VALUES ${values.join(', ')} RETURNING id; COMMIT`,
          )) as unknown as pg.QueryResult<{ id: number }>[];
          for (const r of written[0]!.rows) lastId = Math.max(lastId, Number(r.id));
        }
        open = false;
        client.release();
        return { result, lastId };
      } catch (e) {
        // A connection that failed mid-section is not handed back to the pool.
        const rolledBack =
          open &&
          (await client.query('ROLLBACK').then(
            () => true,
            () => false,
          ));
        client.release(rolledBack ? undefined : true);
        throw e;
      }
    },
    async prune(before) {
      await pool.query('DELETE FROM invocations WHERE at < $1', [before]);
    },
  };
}
