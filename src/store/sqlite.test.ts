import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runStoreContract } from './contract.ts';
import { migrate } from './sqlite-schema.ts';
import { openSqliteStore } from './sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (): string => join(dir, `s${++n}`, 'switchboard.sqlite');

runStoreContract('sqlite', async (options) => openSqliteStore({ path: file(), ...options }));

describe('SQLite store specifics', () => {
  const T0 = Date.UTC(2026, 0, 5);

  it('keeps runs, journal and timers across close and reopen', async () => {
    const path = file();
    const a = openSqliteStore({ path });
    await a.createRun({ id: 'r', flow: 'f', input: { x: 1 }, createdAt: T0 });
    await a.appendStep({
      runId: 'r',
      stepId: 's',
      seq: 0,
      kind: 'run',
      name: 's',
      status: 'ok',
      output: 42,
      startedAt: T0,
      completedAt: T0 + 1,
    });
    await a.scheduleTimer({ runId: 'r', stepId: 'w', dueAt: T0 + 5 });
    await a.close();
    const b = openSqliteStore({ path, fileMustExist: true });
    expect(await b.getRun('r')).toMatchObject({ input: { x: 1 }, status: 'pending' });
    expect((await b.loadJournal('r'))[0]?.output).toBe(42);
    expect(await b.listTimers('r')).toEqual([{ runId: 'r', stepId: 'w', dueAt: T0 + 5 }]);
    await b.close();
  });

  it('runs in WAL mode with synchronous NORMAL by default and FULL on request', async () => {
    const path = file();
    const s = openSqliteStore({ path });
    await s.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const full = openSqliteStore({ path, synchronous: 'FULL' });
    await full.close();
    const versions = new Database(path).prepare('SELECT version FROM schema_migrations').all();
    expect(versions).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
      { version: 4 },
      { version: 5 },
      { version: 6 },
      { version: 7 },
    ]);
    const check = new Database(path);
    const plan = check
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM runs WHERE trigger_id = ? ORDER BY created_at DESC LIMIT 10')
      .all('t') as { detail: string }[];
    check.close();
    expect(plan.map((p) => p.detail).join(' ')).toContain('runs_trigger_created');
  });

  it('leases each run to one of two connections sharing the file', async () => {
    const path = file();
    const a = openSqliteStore({ path });
    const b = openSqliteStore({ path });
    for (let i = 0; i < 50; i++) await a.createRun({ id: `r${i}`, flow: 'f', input: null, createdAt: T0 });
    const got: string[] = [];
    for (let round = 0; round < 10; round++) {
      const [x, y] = await Promise.all([a.claimRunnable('a', T0, 10_000, 4), b.claimRunnable('b', T0, 10_000, 4)]);
      got.push(...x.map((r) => r.id), ...y.map((r) => r.id));
    }
    expect(got).toHaveLength(50);
    expect(new Set(got).size).toBe(50);
    await a.close();
    await b.close();
  });

  it('refuses a database written by a newer schema, and a file that is not SQLite', async () => {
    const path = file();
    await openSqliteStore({ path }).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, ?, 0)').run('future');
    db.close();
    expect(() => openSqliteStore({ path })).toThrow(
      expect.objectContaining({
        code: 'SB_STORE_SCHEMA_TOO_NEW',
        message: expect.stringContaining('schema version 99'),
      }),
    );
    expect(() => openSqliteStore({ path: join(dir, 'missing.sqlite'), fileMustExist: true })).toThrow(
      expect.objectContaining({ code: 'SB_STORE_OPEN_FAILED' }),
    );
  });

  it('checkpoints the WAL in a background thread: pages reach the database file with no commit crossing the inline threshold', async () => {
    // ~300 pages: under SQLite's inline threshold (1,000), so only a background checkpoint moves them.
    const write = async (
      checkpoint: 'background' | 'inline',
    ): Promise<{ grew: number; store: Awaited<ReturnType<typeof openSqliteStore>>; path: string }> => {
      const path = file();
      const store = openSqliteStore({ path, checkpoint, checkpointIntervalMs: 20 });
      const before = statSync(path).size;
      for (let i = 0; i < 300; i++)
        await store.createRun({ id: `r${i}`, flow: 'f', input: { pad: 'x'.repeat(3000) }, createdAt: T0 });
      await new Promise((r) => setTimeout(r, 300));
      return { grew: statSync(path).size - before, store, path };
    };
    const bg = await write('background');
    expect(bg.grew).toBeGreaterThan(800_000);
    await bg.store.close();
    expect(existsSync(`${bg.path}-wal`)).toBe(false);
    const reopened = openSqliteStore({ path: bg.path, fileMustExist: true, checkpoint: 'inline' });
    expect(await reopened.listRuns({ limit: 1000 })).toHaveLength(300);
    await reopened.close();
    const inline = await write('inline');
    expect(inline.grew).toBe(0);
    await inline.store.close();
  });

  it('migrates a version-1 event log: the conversation of each logged event is read from its body', async () => {
    const path = file();
    await openSqliteStore({ path }).close();
    // Take the file back to schema version 1, with events logged before the conversation column.
    const raw = new Database(path);
    raw.exec(
      'DROP TABLE flow_versions; ALTER TABLE runs DROP COLUMN flow_version; ALTER TABLE steps DROP COLUMN wall_started_at; ALTER TABLE steps DROP COLUMN wall_completed_at; ALTER TABLE runs DROP COLUMN failed_steps; DROP TABLE step_attempts; ALTER TABLE steps DROP COLUMN attempt; DROP INDEX runs_trigger_created; DROP INDEX events_conversation; ALTER TABLE events DROP COLUMN conversation_id; DELETE FROM schema_migrations WHERE version >= 2',
    );
    const insert = raw.prepare('INSERT INTO events (id, topic, body, received_at) VALUES (?, ?, ?, ?)');
    insert.run('a', 'v2.detail.events.conversation.{id}.customer.start', JSON.stringify({ conversationId: 'c1' }), T0);
    insert.run('b', 'v2.users.{id}.presence', JSON.stringify({ source: 'PURECLOUD' }), T0 + 1);
    insert.run('c', 'invalid', JSON.stringify('not an object'), T0 + 2);
    insert.run('d', 'invalid', JSON.stringify({ conversationId: 42 }), T0 + 3);
    raw.close();
    const s = openSqliteStore({ path, fileMustExist: true });
    expect((await s.listEvents({ conversationId: 'c1' })).map((e) => e.id)).toEqual(['a']);
    expect((await s.listEvents({ order: 'desc' })).map((e) => [e.id, e.conversationId])).toEqual([
      ['d', undefined],
      ['c', undefined],
      ['b', undefined],
      ['a', 'c1'],
    ]);
    await s.close();
  });

  it('applies each migration once when another process migrates the same new file between its version read and its transaction', async () => {
    const path = file();
    await openSqliteStore({ path }).close();
    // This connection read the version (0: a new file) just before another process migrated it.
    const raw = new Database(path);
    let stale = true;
    const racing = new Proxy(raw, {
      get(target, key) {
        if (key !== 'prepare') return Reflect.get(target, key, target) as unknown;
        return (sql: string) => {
          const stmt = target.prepare(sql);
          if (!sql.includes('MAX(version)')) return stmt;
          return { get: () => (stale ? ((stale = false), { v: 0 }) : stmt.get()) };
        };
      },
    });
    expect(() => migrate(racing, T0, path)).not.toThrow();
    expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
      { version: 4 },
      { version: 5 },
      { version: 6 },
      { version: 7 },
    ]);
    raw.close();
  });

  it('reads newest first from an index, by conversation, by topic and overall', async () => {
    const path = file();
    await openSqliteStore({ path }).close();
    const raw = new Database(path);
    const plan = (sql: string): string =>
      raw
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join('\n');
    expect(plan(`SELECT * FROM events WHERE conversation_id = 'c' AND seq < 9 ORDER BY seq DESC LIMIT 5`)).toContain(
      'events_conversation',
    );
    expect(plan(`SELECT * FROM events WHERE topic = 't' ORDER BY seq DESC LIMIT 5`)).toContain('events_topic');
    const all = plan(`SELECT * FROM events WHERE seq < 9 ORDER BY seq DESC LIMIT 5`);
    expect(all).toMatch(/USING INTEGER PRIMARY KEY/);
    expect(all).not.toContain('TEMP B-TREE');
    raw.close();
  });

  it('claims from the ready index, not a table scan', async () => {
    const path = file();
    await openSqliteStore({ path }).close();
    const raw = new Database(path);
    const plan = raw
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id, ready_at FROM runs WHERE status IN ('pending', 'waiting') AND ready_at <= 5`,
      )
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    raw.close();
    expect(plan).toContain('runs_status_ready');
  });
});
