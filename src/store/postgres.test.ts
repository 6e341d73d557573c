import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster } from '../../test/support/postgres-cluster.ts';
import type { PostgresCluster } from '../../test/support/postgres-cluster.ts';
import { runStoreContract } from './contract.ts';
import { PG_SCHEMA_VERSION } from './postgres-schema.ts';
import { openPostgresStore } from './postgres.ts';
import type { Store } from './types.ts';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
}, 120_000);
afterAll(() => cluster?.stop());

let n = 0;
const database = async (): Promise<string> => cluster.createDatabase(`sb${process.pid}_${++n}`);

runStoreContract('postgres', async (options) => openPostgresStore({ url: await database(), ...options }));

describe('Postgres store specifics', () => {
  const T0 = Date.UTC(2026, 0, 5);

  it('applies the migrations once when several processes open a new database at once, and keeps data across reopen', async () => {
    const url = await database();
    const stores = await Promise.all(Array.from({ length: 6 }, () => openPostgresStore({ url, maxConnections: 2 })));
    await stores[0]!.createRun({ id: 'r', flow: 'f', input: { x: 1 }, createdAt: T0 });
    await Promise.all(stores.map((s) => s.close()));
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query('SELECT version FROM schema_migrations ORDER BY version');
    await check.end();
    expect(rows).toEqual(Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
    const again = await openPostgresStore({ url });
    expect(await again.getRun('r')).toMatchObject({ input: { x: 1 }, status: 'pending' });
    await again.close();
  });

  it('refuses a database written by a newer schema', async () => {
    const url = await database();
    await (await openPostgresStore({ url })).close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, $1, 0)', ['future']);
    await c.end();
    await expect(openPostgresStore({ url })).rejects.toMatchObject({ code: 'SB_STORE_SCHEMA_TOO_NEW' });
  });

  it('reports an unreachable database with a retryable code and no password', async () => {
    const url = new URL(cluster.url);
    url.port = '1';
    url.password = 'secret-pw';
    const err: unknown = await openPostgresStore({ url: url.toString(), connectTimeoutMs: 2000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'SB_STORE_POSTGRES_UNAVAILABLE' });
    expect((err as Error).message).not.toContain('secret-pw');
  });

  describe('several processes on one database', () => {
    let stores: Store[] = [];
    const open = async (count: number): Promise<Store[]> => {
      const url = await database();
      stores = await Promise.all(Array.from({ length: count }, () => openPostgresStore({ url, maxConnections: 4 })));
      return stores;
    };
    afterAll(async () => Promise.all(stores.map((s) => s.close())));

    it('leases each run to exactly one of several concurrent claimers (FOR UPDATE SKIP LOCKED)', async () => {
      const [a, ...rest] = await open(4);
      for (let i = 0; i < 200; i++) await a!.createRun({ id: `r${i}`, flow: 'f', input: null, createdAt: T0 });
      const got: string[] = [];
      for (let round = 0; round < 20; round++) {
        const batches = await Promise.all([a!, ...rest].map((s, w) => s.claimRunnable(`w${w}`, T0, 10_000, 3)));
        got.push(...batches.flat().map((r) => r.id));
      }
      expect(got).toHaveLength(200);
      expect(new Set(got).size).toBe(200);
      await Promise.all(stores.map((s) => s.close()));
      stores = [];
    });

    it('starts nothing twice for an event redelivered to several processes at once (unique idempotency key)', async () => {
      const all = await open(4);
      const results = await Promise.all(
        all.flatMap((s, w) =>
          [0, 1].map((k) =>
            s.createRun({
              id: `run-${w}-${k}`,
              flow: 'f',
              input: {},
              idempotencyKey: 'event-7',
              eventId: 'event-7',
              createdAt: T0,
            }),
          ),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.run.id)).size).toBe(1);
      expect(await all[0]!.listRuns()).toHaveLength(1);
      await Promise.all(stores.map((s) => s.close()));
      stores = [];
    });

    it('wakes a run waiting on a due timer in exactly one process', async () => {
      const all = await open(4);
      const s = all[0]!;
      for (let i = 0; i < 20; i++) {
        await s.createRun({ id: `t${i}`, flow: 'f', input: null, createdAt: T0 });
        const [claimed] = await s.claimRunnable('first', T0, 1000, 1);
        await s.scheduleTimer({ runId: claimed!.id, stepId: 'sleep', dueAt: T0 + 5000 });
        await s.releaseLease(claimed!.id, 'first', { status: 'waiting', readyAt: T0 + 5000, updatedAt: T0 });
      }
      expect(await Promise.all(all.map((x, w) => x.claimRunnable(`early${w}`, T0 + 4999, 1000, 50)))).toEqual([
        [],
        [],
        [],
        [],
      ]);
      const woken = (await Promise.all(all.map((x, w) => x.claimRunnable(`w${w}`, T0 + 5000, 10_000, 50)))).flat();
      expect(woken.map((r) => r.id).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `t${i}`).sort());
      expect(woken.every((r) => r.attempts === 2)).toBe(true);
      expect(
        (await Promise.all(woken.map((r) => s.listTimers(r.id))))
          .flat()
          .filter((t) => t.dueAt <= T0 + 5000 && t.firedAt === undefined),
      ).toHaveLength(20);
    });
  });
});

describe('Postgres store: notifications and the shared invocation log', () => {
  const T0 = Date.UTC(2026, 0, 5);

  it('announces runs another process may claim (created unleased, released to wait), not direct starts', async () => {
    const url = await database();
    const [writer, watcher] = await Promise.all([openPostgresStore({ url }), openPostgresStore({ url })]);
    const heard: (number | undefined)[] = [];
    const unsubscribe = watcher.onRunnable!((at) => heard.push(at));
    // LISTEN is set up asynchronously: wait until an announcement goes through.
    for (let i = 0; !heard.includes(T0); i++) {
      await writer.createRun({ id: `probe-${i}`, flow: 'f', input: null, createdAt: T0 });
      await new Promise((r) => setTimeout(r, 50));
      if (i > 100) throw new Error('no notification within 5 s');
    }
    heard.length = 0;
    await writer.createRun({
      id: 'direct',
      flow: 'f',
      input: null,
      createdAt: T0 + 1,
      claim: { workerId: 'w', leaseMs: 1000 },
    });
    await writer.releaseLease('direct', 'w', { status: 'waiting', readyAt: T0 + 9000, updatedAt: T0 + 2 });
    await writer.createRun({ id: 'delayed', flow: 'f', input: null, createdAt: T0 + 3, readyAt: T0 + 60_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).toEqual([T0 + 9000, T0 + 60_000]);
    unsubscribe();
    await Promise.all([writer.close(), watcher.close()]);
  });

  it('serializes appends to the invocation log across stores: each sees every entry once, in order', async () => {
    const url = await database();
    const stores = await Promise.all(Array.from({ length: 3 }, () => openPostgresStore({ url, maxConnections: 3 })));
    const seen = stores.map(() => ({ lastId: 0, entries: [] as number[] }));
    // Each section reads what others appended and appends one entry at (the largest seen + 1): with
    // every section exclusive, the times come out 1..60 with no repeat.
    const section = async (i: number): Promise<void> => {
      const s = seen[i]!;
      const { lastId } = await stores[i]!.invocations!.exclusive(s.lastId, (entries) => {
        for (const e of entries) s.entries.push(e.at);
        const at = Math.max(0, ...s.entries) + 1;
        s.entries.push(at);
        return { append: [{ target: `wf-${i}`, at, delta: 1 }], result: at };
      });
      s.lastId = lastId;
    };
    await Promise.all(
      stores.map(async (_, i) => {
        for (let k = 0; k < 20; k++) await section(i);
      }),
    );
    for (const s of seen) expect(new Set(s.entries).size).toBe(s.entries.length);
    const all = await stores[0]!.invocations!.exclusive(0, (entries) => ({
      append: [],
      result: entries.map((e) => e.at),
    }));
    expect(all.result).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    await stores[1]!.invocations!.prune(31);
    const left = await stores[2]!.invocations!.exclusive(0, (entries) => ({ append: [], result: entries.length }));
    expect(left.result).toBe(30);
    await Promise.all(stores.map((s) => s.close()));
  });
});

describe('Postgres store: group commit', () => {
  const T0 = Date.UTC(2026, 0, 5);

  it('gives each of many concurrent event appends its own record, seq in call order', async () => {
    const store = await openPostgresStore({ url: await database(), maxConnections: 4 });
    const recs = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        store.appendEvent({ id: `e${i}`, topic: 't', body: { i }, receivedAt: T0 + i }),
      ),
    );
    expect(recs.map((r) => r.id)).toEqual(Array.from({ length: 500 }, (_, i) => `e${i}`));
    expect(recs.every((r, i) => (r.body as { i: number }).i === i && (i === 0 || r.seq > recs[i - 1]!.seq))).toBe(true);
    expect((await store.listEvents({ limit: 1000 })).map((r) => r.id)).toEqual(recs.map((r) => r.id));
    await store.close();
  });

  it('answers true once for a step journaled twice at the same moment, false for the repeat', async () => {
    const store = await openPostgresStore({ url: await database() });
    await store.createRun({ id: 'r', flow: 'f', input: null, createdAt: T0 });
    const step = (stepId: string, seq: number) => ({
      runId: 'r',
      stepId,
      seq,
      kind: 'run' as const,
      name: stepId,
      status: 'ok' as const,
      output: seq,
      startedAt: T0,
      completedAt: T0,
    });
    const answers = await Promise.all([
      store.appendStep(step('a', 0)),
      store.appendStep(step('b', 1)),
      store.appendStep(step('b', 1)),
      store.appendStep(step('c', 2)),
      store.appendStep(step('a', 0)),
    ]);
    expect(answers).toEqual([true, true, false, true, false]);
    expect((await store.loadJournal('r')).map((j) => j.stepId)).toEqual(['a', 'b', 'c']);
    await store.close();
  });
});
