// A scriptable Genesys Cloud look-alike on a real port (127.0.0.1, port 0): issues
// client-credentials tokens, checks bearer tokens, and answers API routes with scripted replies,
// so client tests and benches exercise real HTTP. Request times are read from the given clock.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock, VirtualClock } from '../../src/core/index.ts';

/** One request the stub received. */
interface StubRequest {
  readonly method: string;
  /** Path and query, e.g. `/api/v2/users?id=a`. */
  readonly url: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The clock's time when the request arrived. */
  readonly at: number;
}

/** A scripted reply; `'drop'` destroys the socket (a network error for the client). */
export type StubReply = { status: number; headers?: Record<string, string>; body?: unknown } | 'drop';

/** Computes a reply. */
type StubHandler = (req: StubRequest) => StubReply | Promise<StubReply>;

/** Options of {@link startGenesysStub}. */
export interface StubOptions {
  readonly clock?: Clock;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** `expires_in` of issued tokens, seconds. */
  readonly tokenTtlS?: number;
}

/** The running stub. */
export interface GenesysStub {
  readonly url: string;
  readonly requests: StubRequest[];
  /** Requests to the API (everything but the token endpoint). */
  api(): StubRequest[];
  /** Token requests. */
  tokens(): StubRequest[];
  /** Script replies for `METHOD /path` (path without query): consumed in order, the last one repeats. */
  on(method: string, path: string, ...replies: Array<StubReply | StubHandler>): void;
  /** Make a token invalid (the API answers 401 to it). */
  revoke(token: string): void;
  /** Script the token endpoint's next replies (then it goes back to issuing tokens). */
  tokenReplies: StubReply[];
  close(): Promise<void>;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): StubReply => ({
  status,
  body,
  headers,
});

/** A Genesys-shaped error reply with its correlation id in header and body. */
export function genesysError(status: number, code: string, message: string, contextId = `ctx-${status}`): StubReply {
  return json(
    status,
    { message, code, status, contextId, details: [], errors: [] },
    { 'ININ-Correlation-Id': contextId },
  );
}

/** Start the stub. */
export async function startGenesysStub(opts: StubOptions = {}): Promise<GenesysStub> {
  const clientId = opts.clientId ?? 'client-id';
  const clientSecret = opts.clientSecret ?? 'client-secret';
  const now = (): number => opts.clock?.now() ?? Date.now();
  const requests: StubRequest[] = [];
  const routes = new Map<string, Array<StubReply | StubHandler>>();
  const valid = new Set<string>();
  let issued = 0;
  const tokenReplies: StubReply[] = [];

  const answer = async (req: StubRequest): Promise<StubReply> => {
    if (req.method === 'POST' && req.path === '/oauth/token') {
      const scripted = stub.tokenReplies.shift();
      if (scripted !== undefined) return scripted;
      const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
      if (req.headers.authorization !== expected)
        return json(401, { error: 'invalid_client', description: 'client not found' });
      if (new URLSearchParams(req.body).get('grant_type') !== 'client_credentials')
        return json(400, { error: 'unsupported_grant_type' });
      const token = `tok-${++issued}`;
      valid.add(token);
      return json(200, { access_token: token, token_type: 'bearer', expires_in: opts.tokenTtlS ?? 86_399 });
    }
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !valid.has(auth.slice(7))) {
      return genesysError(
        401,
        'authentication.required',
        'No authentication bearer token specified in authorization header.',
        'ctx-401',
      );
    }
    const script = routes.get(`${req.method} ${req.path}`);
    if (!script || script.length === 0)
      return genesysError(404, 'not.found', `no route ${req.method} ${req.path}`, 'ctx-404');
    const next = script.length > 1 ? script.shift()! : script[0]!;
    return typeof next === 'function' ? next(req) : next;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const record: StubRequest = {
        method: req.method ?? 'GET',
        url,
        path: url.split('?')[0]!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: now(),
      };
      requests.push(record);
      void answer(record).then((reply) => {
        if (reply === 'drop') {
          req.socket.destroy();
          return;
        }
        const raw =
          typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body);
        const isJson = typeof reply.body !== 'string' && reply.body !== undefined;
        res.writeHead(reply.status, { ...(isJson ? { 'Content-Type': 'application/json' } : {}), ...reply.headers });
        res.end(raw);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const stub: GenesysStub = {
    url: `http://127.0.0.1:${port}`,
    requests,
    api: () => requests.filter((r) => r.path !== '/oauth/token'),
    tokens: () => requests.filter((r) => r.path === '/oauth/token'),
    on(method, path, ...replies) {
      routes.set(`${method.toUpperCase()} ${path}`, replies);
    },
    revoke(token) {
      valid.delete(token);
    },
    tokenReplies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return stub;
}

/**
 * Await `promise` while moving a virtual clock to each timer as soon as one is waiting, so
 * client waits (Retry-After, backoff, rate limit) take no real time while real I/O proceeds.
 */
export async function drive<T>(clock: VirtualClock, promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  while (!done) {
    const due = clock.nextDue();
    if (due !== undefined) await clock.advanceTo(due);
    else await new Promise((r) => setTimeout(r, 1));
  }
  return promise;
}
