/**
 * @module
 * One process of the Postgres bench, forked by `postgres.bench.ts` and driven over IPC: a
 * Switchboard worker (or, with `e2e`, a whole runtime serving POST /events) on the Postgres
 * store, or the same workloads on DBOS Transact. Environment: BENCH_SYSTEM (`switchboard` |
 * `dbos`), BENCH_DB (postgres URL), BENCH_E2E (`1`: serve events), BENCH_API (the URL the e2e
 * workflow's first call goes to), BENCH_EMULATOR (the emulator URL of the e2e runtime).
 * Commands: `starts` (closed loop for `ms` with `concurrency` starters), `paced` (starts at
 * `rate` per second for `ms`, each start's latency), `flows` (start `count` 3-step flows),
 * `stop`.
 */
import { createServer } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { SystemClock } from '../src/core/index.ts';
import { createRuntime, runtimeApi } from '../src/runtime/index.ts';
import { openPostgresStore } from '../src/store/index.ts';
import { defineTrigger } from '../src/triggers/index.ts';
import { createWorker, defineWorkflow } from '../src/workflows/index.ts';
import { pace } from './pace.ts';

type Start = (flow: 'noop' | 'three', input: Record<string, unknown>) => Promise<unknown>;
type Command =
  | { readonly cmd: 'starts'; readonly ms: number; readonly concurrency: number }
  | { readonly cmd: 'paced'; readonly rate: number; readonly ms: number }
  | { readonly cmd: 'flows'; readonly count: number }
  | { readonly cmd: 'stop' };

const env = (name: string): string => {
  const v = process.env[name];
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
};
const url = env('BENCH_DB');
const system = env('BENCH_SYSTEM');
const e2e = process.env.BENCH_E2E === '1';

const inc = async (x: number): Promise<number> => x + 1;

/** The e2e workflow's first step: the outbound call the parent times (the event's send time in the body). */
async function firstCall(sentAt: unknown): Promise<number> {
  const res = await fetch(env('BENCH_API'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sentAt }),
  });
  await res.arrayBuffer();
  return res.status;
}

async function switchboard(): Promise<{ start: Start; port?: number; stop: () => Promise<void> }> {
  const clock = new SystemClock();
  const store = await openPostgresStore({ url, clock, maxConnections: 20 });
  const noop = defineWorkflow({ name: 'noop' }, async ({ input }) => input);
  const three = defineWorkflow({ name: 'three' }, async ({ input, step }) => {
    const a = await step.run('a', () => inc(Number((input as { i: number }).i)));
    const b = await step.run('b', () => inc(a));
    return step.run('c', () => inc(b));
  });
  if (!e2e) {
    const worker = createWorker({ store, workflows: [noop, three], clock, concurrency: 64, pollMs: 5000 });
    return {
      start: (flow, input) => worker.enqueue(flow, input),
      stop: async () => {
        await worker.stop({ graceful: false });
        await store.close();
      },
    };
  }
  const call = defineWorkflow({ name: 'first-call' }, async ({ input, step }) =>
    step.run('call', () => firstCall((input as { sentAt?: unknown }).sentAt)),
  );
  const trigger = defineTrigger({
    id: 'bench-user-start',
    name: 'Bench user start',
    enabled: true,
    topicName: 'v2.detail.events.conversation.{id}.user.start',
    target: { id: 'first-call', type: 'Workflow' },
    matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'VOICE' }],
  });
  const runtime = await createRuntime({
    target: { kind: 'emulator-url', url: env('BENCH_EMULATOR') },
    eventSource: 'push',
    bundles: [],
    workflows: [call],
    codeTriggers: [{ trigger, workflow: 'first-call' }],
    store,
    clock,
  });
  await runtime.start();
  const server = createAdaptorServer({ fetch: runtimeApi(runtime).fetch });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    start: () => Promise.reject(new Error('an e2e process takes events only')),
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      server.close();
      await runtime.stop({ graceMs: 500 });
      await store.close();
    },
  };
}

async function dbos(): Promise<{ start: Start; port?: number; stop: () => Promise<void> }> {
  const { DBOS } = await import('@dbos-inc/dbos-sdk');
  const noop = DBOS.registerWorkflow(async (input: Record<string, unknown>) => input, { name: 'noop' });
  const three = DBOS.registerWorkflow(
    async (input: Record<string, unknown>) => {
      const a = await DBOS.runStep(() => inc(Number(input.i)), { name: 'a' });
      const b = await DBOS.runStep(() => inc(a), { name: 'b' });
      return DBOS.runStep(() => inc(b), { name: 'c' });
    },
    { name: 'three' },
  );
  const call = DBOS.registerWorkflow(
    async (sentAt: unknown) => DBOS.runStep(() => firstCall(sentAt), { name: 'call' }),
    { name: 'first-call' },
  );
  DBOS.setConfig({ name: 'switchboard-bench', systemDatabaseUrl: url, logLevel: 'error' });
  await DBOS.launch();
  let port: number | undefined;
  let server: ReturnType<typeof createServer> | undefined;
  if (e2e) {
    // The same job as POST /events: read the notification, start its workflow durably (the
    // event's id as the workflow id, so a redelivery starts nothing), answer 202.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const n = JSON.parse(body) as { eventBody: { sentAt?: unknown }; metadata: { CorrelationId: string } };
        DBOS.startWorkflow(call, { workflowID: n.metadata.CorrelationId })(n.eventBody.sentAt).then(
          () => res.writeHead(202).end('{"accepted":1}'),
          (e: unknown) => res.writeHead(500).end(String(e)),
        );
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }
  return {
    start: (flow, input) => (flow === 'noop' ? DBOS.startWorkflow(noop)(input) : DBOS.startWorkflow(three)(input)),
    ...(port === undefined ? {} : { port }),
    stop: async () => {
      server?.close();
      await DBOS.shutdown();
    },
  };
}

const node = system === 'dbos' ? await dbos() : await switchboard();
let seq = 0;

async function handle(c: Command): Promise<unknown> {
  switch (c.cmd) {
    case 'starts': {
      let count = 0;
      const until = performance.now() + c.ms;
      await Promise.all(
        Array.from({ length: c.concurrency }, async () => {
          while (performance.now() < until) {
            await node.start('noop', { i: seq++ });
            count++;
          }
        }),
      );
      return { count };
    }
    case 'paced': {
      const latencies: number[] = [];
      const pending: Promise<void>[] = [];
      const paced = await pace(c.rate, c.ms, () => {
        const t0 = performance.now();
        pending.push(node.start('noop', { i: seq++ }).then(() => void latencies.push(performance.now() - t0)));
      });
      await Promise.all(pending);
      return { latencies, achieved: paced.achieved, lagP99: paced.lagP99 };
    }
    case 'flows': {
      const started = await Promise.all(Array.from({ length: c.count }, () => node.start('three', { i: seq++ })));
      return { started: started.length };
    }
    case 'stop':
      await node.stop();
      return {};
  }
}

process.on('message', (m: Command & { id: number }) => {
  handle(m).then(
    (result) => {
      process.send!({ id: m.id, result });
      if (m.cmd === 'stop') process.disconnect();
    },
    (e: unknown) => process.send!({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
process.send!({ ready: true, ...(node.port === undefined ? {} : { port: node.port }) });
