/**
 * @module
 * The Genesys client's overhead per request (token cache, retry loop, body buffering) against raw
 * `fetch` with a fixed bearer header, both hitting the same local server in the same run.
 */
import { Worker } from 'node:worker_threads';
import { createGenesysClient } from '../src/genesys/index.ts';
import { interleaved } from './measure.ts';
import type { BenchRow } from './types.ts';

const USER_JSON = JSON.stringify({
  id: '2f0b6c9e-5a4e-4b8a-9f7e-2c1d3e4f5a6b',
  name: 'Ada Lovelace',
  state: 'active',
  version: 3,
});
const TOKEN_JSON = JSON.stringify({ access_token: 'bench-token', token_type: 'bearer', expires_in: 86_399 });

// The server runs in a worker thread, so its work does not share the event loop being measured.
const SERVER = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const { USER, TOKEN } = require('node:worker_threads').workerData;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = req.url === '/oauth/token' ? TOKEN : req.headers.authorization === 'Bearer bench-token' ? USER : null;
    res.writeHead(body === null ? 401 : 200, { 'Content-Type': 'application/json' });
    res.end(body ?? '{"code":"authentication.required","status":401}');
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

/** Run the client bench: about 17 s (HTTP at two concurrency levels, then in-process). */
export async function run(): Promise<BenchRow[]> {
  const worker = new Worker(SERVER, { eval: true, workerData: { USER: USER_JSON, TOKEN: TOKEN_JSON } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (p: number) => resolve(p));
    worker.once('error', reject);
  });
  const base = `http://127.0.0.1:${port}`;
  const url = `${base}/api/v2/users/me`;
  try {
    const gc = createGenesysClient({ baseUrl: base, clientId: 'bench', clientSecret: 'bench' });
    const raw = (): Promise<unknown> =>
      fetch(url, { headers: { Authorization: 'Bearer bench-token', Accept: 'application/json' } }).then((r) =>
        r.json(),
      );
    const viaFetch = (): Promise<unknown> => gc.fetch('/api/v2/users/me').then((r) => r.json());
    const viaGet = (): Promise<unknown> => gc.get('/api/v2/users/me');
    const rows: BenchRow[] = [];
    for (const concurrency of [20, 1]) {
      const r = await interleaved({ raw, viaFetch, viaGet }, { concurrency, rounds: 7, roundMs: 300 });
      const label = `${concurrency} in flight`;
      rows.push(
        {
          suite: 'client',
          name: `client.fetch GET over HTTP, ${label}`,
          value: r.viaFetch.rps,
          unit: 'req/s',
          peer: 'raw fetch',
          peerValue: r.raw.rps,
        },
        {
          suite: 'client',
          name: `client.get (JSON) over HTTP, ${label}`,
          value: r.viaGet.rps,
          unit: 'req/s',
          peer: 'raw fetch',
          peerValue: r.raw.rps,
        },
      );
      const errors = r.raw.errors + r.viaFetch.errors + r.viaGet.errors;
      if (errors > 0) throw new Error(`${errors} requests failed during the client bench`);
    }
    // Without a network the client's own cost shows: the same in-process fetch, called directly or through the client.
    const canned = (req: Request): Response =>
      req.url.endsWith('/oauth/token')
        ? new Response(TOKEN_JSON)
        : new Response(USER_JSON, { headers: { 'Content-Type': 'application/json' } });
    const inProcess = createGenesysClient({
      baseUrl: 'http://genesys.local',
      clientId: 'bench',
      clientSecret: 'bench',
      fetch: async (u, i) => canned(new Request(u, i)),
    });
    const direct = async (): Promise<unknown> =>
      canned(
        new Request('http://genesys.local/api/v2/users/me', {
          headers: { Authorization: 'Bearer bench-token', Accept: 'application/json' },
        }),
      ).json();
    const wrapped = async (): Promise<unknown> => (await inProcess.fetch('/api/v2/users/me')).json();
    const cpu = await interleaved({ direct, wrapped }, { concurrency: 1, rounds: 7, roundMs: 200 });
    rows.push({
      suite: 'client',
      name: 'client.fetch cost per request, in-process fetch',
      value: cpu.wrapped.meanUs,
      unit: 'µs/req',
      peer: 'same fetch called directly',
      peerValue: cpu.direct.meanUs,
      note: 'token cache, retry loop, header copy',
    });
    return rows;
  } finally {
    await worker.terminate();
  }
}
