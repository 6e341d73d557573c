/**
 * @module
 * Emulator throughput for a small authenticated JSON GET (`GET /api/v2/users/{id}`) on a real port,
 * beside a bare Hono hello-world on @hono/node-server, both driven by autocannon the same way in
 * the same run. Each server runs in its own child process.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import type { ServerReady } from './servers.ts';
import type { BenchRow } from './types.ts';

const CONNECTIONS = 20;
const DURATION_S = 5;

async function startServer(name: string): Promise<{ child: ChildProcess; ready: ServerReady }> {
  const child = fork(new URL('./servers.ts', import.meta.url), [name], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    child.once('message', (m) => resolve(m as ServerReady));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server "${name}" exited with code ${code}`)));
  });
  return { child, ready };
}

async function measure(name: string): Promise<{ rps: number; p99: number; bad: number }> {
  const { child, ready } = await startServer(name);
  try {
    const result = await autocannon({
      url: `${ready.url}${ready.path}`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: ready.token === undefined ? {} : { Authorization: `Bearer ${ready.token}` },
      warmup: { connections: CONNECTIONS, duration: 1 },
    });
    return {
      rps: result.requests.average,
      p99: result.latency.p99,
      bad: result.errors + result.non2xx + result.timeouts,
    };
  } finally {
    child.disconnect();
    await new Promise<void>((resolve) => (child.exitCode === null ? child.once('exit', () => resolve()) : resolve()));
  }
}

/** Run the emulator bench: about 14 s (two servers, 1 s warm-up + 5 s each). */
export async function run(): Promise<BenchRow[]> {
  const hono = await measure('hono');
  const emulator = await measure('emulator');
  for (const [name, r] of [
    ['hono', hono],
    ['emulator', emulator],
  ] as const) {
    if (r.bad > 0) throw new Error(`${r.bad} failed or non-2xx requests against the ${name} server`);
  }
  const label = `${CONNECTIONS} connections, ${DURATION_S} s`;
  return [
    {
      suite: 'emulator',
      name: `GET /api/v2/users/{id} with token, ${label}`,
      value: emulator.rps,
      unit: 'req/s',
      peer: 'bare Hono hello-world',
      peerValue: hono.rps,
    },
    {
      suite: 'emulator',
      name: `p99 latency, ${label}`,
      value: emulator.p99,
      unit: 'ms',
      peer: 'bare Hono hello-world',
      peerValue: hono.p99,
    },
  ];
}
