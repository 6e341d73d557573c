/**
 * @module
 * A stand-in for the Genesys API on a real port for the data-action executor's tests: it records
 * each request and answers from a route table.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blueprintPath } from '../../test/support/shared.ts';
import { SystemClock } from '../core/index.ts';
import type { Fetch } from '../core/index.ts';
import { compileAction } from './compile.ts';
import { executeAction } from './execute.ts';
import { loadActionText } from './load.ts';

/** The clock the executor runs on in these tests. */
export const clock = new SystemClock();

/** Compile a published seed export, by its path under the blueprints folder. */
export const exportOf = (rel: string) => compileAction(loadActionText(readFileSync(blueprintPath(rel), 'utf8'), rel));

/** One request the stand-in received. */
interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What a route answers. */
interface RouteAnswer {
  status: number;
  body: string;
  delayMs?: number;
  headers?: Record<string, string>;
}

/** Options of one executor call beyond the action and its input. */
export interface RunExtra {
  timeoutMs?: number;
  fetch?: Fetch;
  maxResponseBytes?: number;
  signal?: AbortSignal;
  idempotencyKey?: string;
}

/** Start the stand-in (call from `beforeAll`, and `stop` from `afterAll`). */
export function standInApi() {
  const seen: SeenRequest[] = [];
  const routes: Record<string, (body: string) => RouteAnswer> = {};
  let base = '';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const route = routes[`${req.method} ${req.url}`];
      const out = route
        ? route(body)
        : {
            status: 404,
            body: JSON.stringify({
              message: `no route ${req.url}`,
              code: 'not.found',
              status: 404,
              contextId: 'ctx-404',
            }),
          };
      setTimeout(() => {
        res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
        res.end(out.body);
      }, out.delayMs ?? 0);
    });
  });
  return {
    seen,
    routes,
    /** The stand-in's origin, once started. */
    get base(): string {
      return base;
    },
    async start(): Promise<void> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async stop(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
    /** Run an action against the stand-in. */
    run: (action: ReturnType<typeof exportOf>, input: unknown, extra: RunExtra = {}) =>
      executeAction(action, input, { fetch: extra.fetch ?? fetch, clock, baseUrl: base, ...extra }),
  };
}
