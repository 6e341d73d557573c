/**
 * @module
 * Switchboard on Postgres beside DBOS Transact (`@dbos-inc/dbos-sdk`), the durable-execution
 * library users would pick on Postgres, on the same throwaway cluster in the same run: durable
 * workflow starts/s (closed loop), 3-step flows run to completion/s, and start latency at a fixed
 * offered rate, each with 1, 2 and 4 processes sharing one database; then event → first outbound
 * call of the started workflow, p99 at 500 events/s over 2 processes (Switchboard: the runtime's
 * POST /events, trigger match, event log, org-wide invocation limits; DBOS: a bare HTTP handler
 * starting the workflow with the event id as workflow id). Each process is a fork of
 * `postgres-node.ts`; each configuration gets a fresh database. Run alone: `npm run bench -- postgres`.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startPostgresCluster } from '../test/support/postgres-cluster.ts';
import type { PostgresCluster } from '../test/support/postgres-cluster.ts';
import { pace, percentile } from './pace.ts';
import type { BenchRow } from './types.ts';

const SUITE = 'postgres';
const NODE = new URL('./postgres-node.ts', import.meta.url).pathname;
const PROCESSES = [1, 2, 4] as const;
const STARTS_MS = 3000;
const STARTERS = 16;
const FLOWS = 1200;
const PACED_RATE = 200;
const PACED_MS = 3000;
const E2E_RATE = 500;
const E2E_MS = 4000;
const PEER = 'DBOS Transact';

type System = 'switchboard' | 'dbos';

interface Node {
  readonly port?: number;
  call<T>(command: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

async function spawnNode(system: System, db: string, extra: Record<string, string> = {}): Promise<Node> {
  const child: ChildProcess = fork(NODE, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_SYSTEM: system, BENCH_DB: db, SWITCHBOARD_LOG_LEVEL: 'error', ...extra },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  const ready = new Promise<{ port?: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${system} bench process exited with ${code} before it was ready`)));
    child.on('message', (m: { ready?: boolean; port?: number; id?: number; result?: unknown; error?: string }) => {
      if (m.ready) return resolve(m);
      const w = waiting.get(m.id!);
      waiting.delete(m.id!);
      if (m.error !== undefined) w?.reject(new Error(m.error));
      else w?.resolve(m.result);
    });
  });
  const { port } = await ready;
  return {
    ...(port === undefined ? {} : { port }),
    call<T>(command: Record<string, unknown>) {
      return new Promise<T>((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ ...command, id });
      });
    },
    async stop() {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      const id = next++;
      child.send({ cmd: 'stop', id });
      const timeout = new Promise<void>((r) => setTimeout(r, 5000).unref());
      await Promise.race([exited, timeout]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** SQL counting one system's workflows by state. */
const COUNT: Record<System, { done: string; busy: string }> = {
  switchboard: {
    done: "SELECT COUNT(*) AS n FROM runs WHERE flow = $1 AND status = 'completed'",
    busy: "SELECT COUNT(*) AS n FROM runs WHERE status IN ('pending', 'running', 'waiting')",
  },
  dbos: {
    done: "SELECT COUNT(*) AS n FROM dbos.workflow_status WHERE name = $1 AND status = 'SUCCESS'",
    busy: "SELECT COUNT(*) AS n FROM dbos.workflow_status WHERE status IN ('PENDING', 'ENQUEUED')",
  },
};

async function count(db: pg.Client, sql: string, args: unknown[] = []): Promise<number> {
  return Number((await db.query<{ n: string }>(sql, args)).rows[0]!.n);
}

async function drain(db: pg.Client, system: System, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while ((await count(db, COUNT[system].busy)) > 0) {
    if (performance.now() > deadline) throw new Error(`${system}: workflows still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Measured {
  readonly startsPerSecond: number;
  readonly flowsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly pacedAchieved: number;
}

async function measureConfig(cluster: PostgresCluster, system: System, processes: number): Promise<Measured> {
  const url = await cluster.createDatabase(`${system}_${processes}`);
  const nodes: Node[] = [];
  for (let i = 0; i < processes; i++) nodes.push(await spawnNode(system, url));
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await Promise.all(nodes.map((n) => n.call({ cmd: 'starts', ms: 500, concurrency: 4 })));
    await drain(db, system);

    const starts = await Promise.all(
      nodes.map((n) => n.call<{ count: number }>({ cmd: 'starts', ms: STARTS_MS, concurrency: STARTERS })),
    );
    const startsPerSecond = starts.reduce((s, r) => s + r.count, 0) / (STARTS_MS / 1000);
    await drain(db, system);

    const t0 = performance.now();
    await Promise.all(nodes.map((n) => n.call({ cmd: 'flows', count: Math.round(FLOWS / processes) })));
    const total = Math.round(FLOWS / processes) * processes;
    const deadline = t0 + 120_000;
    while ((await count(db, COUNT[system].done, ['three'])) < total) {
      if (performance.now() > deadline) throw new Error(`${system}: ${total} flows did not complete within 120 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const flowsPerSecond = total / ((performance.now() - t0) / 1000);
    await drain(db, system);

    const paced = await Promise.all(
      nodes.map((n) =>
        n.call<{ latencies: number[]; achieved: number }>({ cmd: 'paced', rate: PACED_RATE / processes, ms: PACED_MS }),
      ),
    );
    const latencies = paced.flatMap((p) => p.latencies).sort((a, b) => a - b);
    return {
      startsPerSecond,
      flowsPerSecond,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      pacedAchieved: paced.reduce((s, p) => s + p.achieved, 0),
    };
  } finally {
    await db.end();
    await Promise.all(nodes.map((n) => n.stop()));
  }
}

interface E2e {
  readonly p50: number;
  readonly p99: number;
  readonly received: number;
  readonly sent: number;
  readonly achieved: number;
}

const wallMs = (): number => performance.timeOrigin + performance.now();

/** Event → first outbound call, timed at a recorder in this process; events alternate between 2 processes. */
async function measureE2e(cluster: PostgresCluster, system: System): Promise<E2e> {
  const url = await cluster.createDatabase(`${system}_e2e`);
  let latencies: number[] = [];
  const recorder = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const { sentAt } = JSON.parse(body) as { sentAt: number };
      latencies.push(wallMs() - sentAt);
      res.end('{}');
    });
  });
  await new Promise<void>((r) => recorder.listen(0, '127.0.0.1', r));
  const api = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/call`;
  // The e2e runtime's target: nothing here calls Genesys, so an emulator URL that is never contacted.
  const extra = { BENCH_E2E: '1', BENCH_API: api, BENCH_EMULATOR: 'http://127.0.0.1:9' };
  const nodes = [await spawnNode(system, url, extra), await spawnNode(system, url, extra)];
  const send = (i: number): void => {
    const conversationId = randomUUID();
    const body = {
      topicName: `v2.detail.events.conversation.${conversationId}.user.start`,
      version: '2',
      eventBody: { conversationId, mediaType: 'VOICE', direction: 'OUTBOUND', sentAt: wallMs() },
      metadata: { CorrelationId: randomUUID() },
    };
    void fetch(`http://127.0.0.1:${nodes[i % 2]!.port}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
  };
  try {
    await pace(100, 1000, send);
    await new Promise((r) => setTimeout(r, 1000));
    latencies = [];
    const paced = await pace(E2E_RATE, E2E_MS, send);
    const deadline = performance.now() + 15_000;
    while (latencies.length < paced.placed && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      received: sorted.length,
      sent: paced.placed,
      achieved: paced.achieved,
    };
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    recorder.close();
  }
}

const fmt = (v: number): string => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(v >= 10 ? 1 : 2));

/** Measure both systems with 1, 2 and 4 processes, then the e2e path with 2. */
export async function run(): Promise<BenchRow[]> {
  const cluster = await startPostgresCluster();
  try {
    const results = new Map<string, Measured>();
    for (const n of PROCESSES) {
      // Alternate which system goes first so warm-up and background load skew neither.
      const order: System[] = n === 2 ? ['dbos', 'switchboard'] : ['switchboard', 'dbos'];
      for (const system of order) results.set(`${system}/${n}`, await measureConfig(cluster, system, n));
    }
    const rows: BenchRow[] = [];
    const get = (system: System, n: number): Measured => results.get(`${system}/${n}`)!;
    const per = (n: number): string => `${n} process${n > 1 ? 'es' : ''}`;
    for (const n of PROCESSES) {
      const sb = get('switchboard', n);
      const peer = get('dbos', n);
      const scale =
        n > 1
          ? `; ${(sb.startsPerSecond / get('switchboard', 1).startsPerSecond).toFixed(2)}× one process (DBOS ${(peer.startsPerSecond / get('dbos', 1).startsPerSecond).toFixed(2)}×)`
          : '';
      rows.push({
        suite: SUITE,
        name: `durable workflow starts, ${per(n)}, ${STARTERS} starters each`,
        value: sb.startsPerSecond,
        unit: 'starts/s',
        peer: PEER,
        peerValue: peer.startsPerSecond,
        note: `start = run recorded, then executed${scale}`,
      });
    }
    for (const n of PROCESSES) {
      const sb = get('switchboard', n);
      const peer = get('dbos', n);
      const scale =
        n > 1
          ? `; ${(sb.flowsPerSecond / get('switchboard', 1).flowsPerSecond).toFixed(2)}× one process (DBOS ${(peer.flowsPerSecond / get('dbos', 1).flowsPerSecond).toFixed(2)}×)`
          : '';
      rows.push({
        suite: SUITE,
        name: `3-step flows to completion, ${per(n)}, ${FLOWS.toLocaleString('en-US')} flows`,
        value: sb.flowsPerSecond,
        unit: 'flows/s',
        peer: PEER,
        peerValue: peer.flowsPerSecond,
        note: `every step journaled${scale}`,
      });
    }
    for (const n of PROCESSES) {
      const sb = get('switchboard', n);
      const peer = get('dbos', n);
      rows.push({
        suite: SUITE,
        name: `start latency p99 at ${PACED_RATE} starts/s offered, ${per(n)}`,
        value: sb.p99,
        unit: 'ms',
        peer: PEER,
        peerValue: peer.p99,
        note: `lower is better; p50 ${fmt(sb.p50)} ms (DBOS ${fmt(peer.p50)} ms); achieved ${Math.round(sb.pacedAchieved)}/s (DBOS ${Math.round(peer.pacedAchieved)}/s)`,
      });
    }
    const sbE2e = await measureE2e(cluster, 'switchboard');
    const dbosE2e = await measureE2e(cluster, 'dbos');
    rows.push({
      suite: SUITE,
      name: `event → first outbound call p99, ${E2E_RATE} events/s over 2 processes`,
      value: sbE2e.p99,
      unit: 'ms',
      peer: `${PEER} (bare HTTP handler)`,
      peerValue: dbosE2e.p99,
      note: `lower is better; p50 ${fmt(sbE2e.p50)} ms (DBOS ${fmt(dbosE2e.p50)} ms); ${sbE2e.received}/${sbE2e.sent} calls received (DBOS ${dbosE2e.received}/${dbosE2e.sent}); offered ${Math.round(sbE2e.achieved)}/s`,
    });
    return rows;
  } finally {
    cluster.stop();
  }
}

if (process.argv[1] === import.meta.filename) {
  for (const row of await run()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
