/**
 * @module
 * The console server: the runtime's JSON API under `/api/` (plus `/events` and `/outbound/*`),
 * the console's own routes, the live stream, the simulator proxy, the prebuilt UI, and access
 * control in front of all of it. Every error answers the runtime's one shape
 * `{message, code, status, contextId, details, hint}`: a known path called with another method is
 * a 405 with `Allow`, a request body over `maxBodyBytes` (default 1 MiB) a 413.
 *
 * | Method | Path | What |
 * |---|---|---|
 * | GET | `/` (`?token=` sets the cookie) , `/assets/*` | the console UI |
 * | GET | `/api/info` | mode, simulator availability, users, queues, flows, bundles |
 * | GET | `/api/events/recent?limit=&conversationId=&topic=` | the newest events first (topics without triggers included); `topic`: text in the topic, `conversationId`: an id or its beginning |
 * | GET | `/api/stream` | live updates as server-sent events (the runtime's `/api/updates`) |
 * | GET, POST, PATCH | `/api/simulator/*` | the emulator's call simulator (`/_switchboard/simulator/*`) |
 * | GET | `/api/simulator/agentless` | the SMS and emails the emulated org sent without an agent (`/_switchboard/agentless`) |
 * | POST | `/api/outbound/calls` | the runtime's `/outbound/calls` |
 * | * | `/api/*`, `/events`, `/outbound/*` | the runtime API (`runtimeApi`) |
 */
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { z } from 'zod';
import {
  CORRELATION_HEADER,
  SwitchboardError,
  formatBytes,
  isSwitchboardError,
  limitRequestBody,
  randomIds,
  silentLogger,
} from '../core/index.ts';
import type { Ids, Logger } from '../core/index.ts';
import { errorBody } from '../outbound/index.ts';
import { RuntimeErrors, runtimeApi } from '../runtime/index.ts';
import type { Runtime } from '../runtime/index.ts';
import { accessPolicy, requireToken, tokenLanding } from './access.ts';
import type { AccessPolicy } from './access.ts';
import { readDirectory } from './emulator-link.ts';
import type { EmulatorLink } from './emulator-link.ts';
import { ConsoleErrors } from './errors.ts';
import { recentEvents } from './recent-events.ts';
import { createRedactor, redactSseStream } from './redact.ts';
import type { Redactor } from './redact.ts';
import { simulatorProxy } from './simulator-proxy.ts';
import { staticAssets } from './static.ts';
import type { ConsoleInfo } from './wire.ts';

/** Options of {@link createConsoleApp}. */
export interface ConsoleOptions {
  readonly runtime: Runtime;
  /** The emulator behind the runtime; without it the simulator panel says it is unavailable. */
  readonly emulator?: EmulatorLink | undefined;
  /** The address the server binds (decides whether a token is required). Default `127.0.0.1`. */
  readonly host?: string | undefined;
  /** The access token; generated when binding off loopback without one. */
  readonly token?: string | undefined;
  /** Secrets that must never reach the browser (OAuth client secrets…), scrubbed from every answer. */
  readonly secrets?: readonly (string | undefined)[];
  /** The built UI. Default `dist/console-ui` at the package root. */
  readonly assetsDir?: string | undefined;
  readonly logger?: Logger | undefined;
  readonly ids?: Ids | undefined;
  /** Server-sent-event keep-alive interval (ms). */
  readonly keepAliveMs?: number | undefined;
  /** The largest request body accepted, in bytes (default {@link DEFAULT_CONSOLE_MAX_BODY_BYTES}); a larger one is answered 413. */
  readonly maxBodyBytes?: number | undefined;
  /** Pushed events in intake at once before `POST /events` answers 429 (the runtime API's `maxPendingEvents`). */
  readonly maxPendingEvents?: number | undefined;
}

/**
 * The console's default request body limit: 1 MiB. The largest body the API takes is a batch of
 * events to `POST /events` (a detail event is about 1 KiB; one EventBridge event is at most
 * 256 KiB), so this holds hundreds of events while a flood of large bodies cannot exhaust memory.
 */
const DEFAULT_CONSOLE_MAX_BODY_BYTES = 1024 * 1024;

/** The console app and how it guards itself. */
export interface ConsoleApp {
  readonly app: Hono;
  readonly policy: AccessPolicy;
  /** Add a secret to scrub from answers (e.g. a client created after start). */
  addSecret(secret: string): void;
}

const RecentQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^\d+$/, 'limit must be an integer')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1000, 'limit must be from 1 to 1000')
    .optional(),
  conversationId: z.string().min(1).optional(),
  topic: z.string().min(1).optional(),
});

function badQuery(issues: readonly z.core.$ZodIssue[]): SwitchboardError {
  const name = (i: z.core.$ZodIssue): string => (i.path.length > 0 ? i.path.join('.') : 'query');
  return new SwitchboardError(
    RuntimeErrors.SB_RUNTIME_BAD_REQUEST,
    `the query must be valid; ${issues.map((i) => `${name(i)}: ${i.message}`).join('; ')}`,
    {
      details: {
        ...(issues[0] ? { field: name(issues[0]) } : {}),
        issues: issues.map((i) => ({ errorCode: i.code, fieldName: name(i) })),
      },
    },
  );
}

/** Headers every answer carries: no sniffing, no framing, scripts and connections from this origin only. */
function securityHeaders(c: Context): void {
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header(
    'Content-Security-Policy',
    "default-src 'self'; img-src 'self' data:; style-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  );
}

/**
 * Middleware: refuse a request body larger than `maxBytes` with 413 — a declared Content-Length at
 * once, a streamed body as soon as it passes the limit (the rest is never read).
 */
function bodyLimit(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const r = await limitRequestBody(c.req.raw, maxBytes);
    if (!r.ok) {
      // The client may still be sending: close the connection rather than read the rest.
      c.header('Connection', 'close');
      throw new SwitchboardError(
        ConsoleErrors.SB_CONSOLE_BODY_TOO_LARGE,
        `a request body must be at most ${formatBytes(maxBytes)} (${maxBytes} bytes); this one ${r.declared === undefined ? 'passed the limit while it was sent' : `declares ${r.declared} bytes`}`,
        {
          details: {
            field: 'body',
            limitBytes: maxBytes,
            ...(r.declared === undefined ? {} : { contentLength: r.declared }),
          },
        },
      );
    }
    c.req.raw = r.request;
    await next();
  };
}

/** Re-issue a request to another path of the runtime API (body buffered, abort signal kept). */
async function forward(api: Hono, c: Context, path: string): Promise<Response> {
  const url = new URL(c.req.url);
  url.pathname = path;
  const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
  return api.fetch(
    new Request(url, {
      method: c.req.method,
      headers: c.req.raw.headers,
      signal: c.req.raw.signal,
      ...(hasBody ? { body: await c.req.arrayBuffer() } : {}),
    }),
  );
}

/** Scrub every secret from an answer's body; streams are scrubbed message by message. */
async function redactResponse(res: Response, redactor: Redactor): Promise<Response> {
  const type = res.headers.get('Content-Type') ?? '';
  if (!res.body) return res;
  const headers = new Headers(res.headers);
  headers.delete('Content-Length');
  if (type.startsWith('text/event-stream'))
    return new Response(res.body.pipeThrough(redactSseStream(redactor)), { status: res.status, headers });
  if (!/json|text\//.test(type)) return res;
  return new Response(redactor.text(await res.text()), { status: res.status, headers });
}

/**
 * Build the console app (no listening: see `serveConsole`).
 * @example
 * const { app } = createConsoleApp({ runtime, emulator: embeddedEmulatorLink(emulator) });
 * const res = await app.request('/api/triggers');
 */
export function createConsoleApp(options: ConsoleOptions): ConsoleApp {
  const { runtime } = options;
  const ids = options.ids ?? randomIds;
  const logger = (options.logger ?? silentLogger).child({ component: 'console' });
  const policy = accessPolicy(options.host ?? '127.0.0.1', options.token);
  const redactor = createRedactor([policy.token, ...(options.secrets ?? [])]);
  const assets = staticAssets(options.assetsDir);
  const api = runtimeApi(runtime, {
    ids,
    logger,
    ...(options.keepAliveMs === undefined ? {} : { keepAliveMs: options.keepAliveMs }),
    ...(options.maxPendingEvents === undefined ? {} : { maxPendingEvents: options.maxPendingEvents }),
  });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_CONSOLE_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new SwitchboardError(
      ConsoleErrors.SB_CONSOLE_CONFIG,
      `a console body limit must be a whole number of bytes, at least 1; got ${maxBodyBytes}`,
      { details: { option: 'maxBodyBytes' } },
    );
  }
  const app = new Hono();
  const answer = (c: Context, e: SwitchboardError): Response => {
    const contextId = ids.uuid();
    c.header(CORRELATION_HEADER, contextId);
    return c.json(errorBody(e, contextId), e.status as 400);
  };

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    securityHeaders(c);
    // The path only: a query may carry the access token, which is never logged.
    logger.debug(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'console request',
    );
  });
  app.use(
    '*',
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, allowed) => {
        c.header('Allow', allowed.join(', '));
        return answer(
          c,
          new SwitchboardError(
            ConsoleErrors.SB_CONSOLE_METHOD_NOT_ALLOWED,
            `a console route must be called with one of its methods; ${c.req.method} is not allowed on ${c.req.path} (allowed: ${allowed.join(', ')})`,
            {
              details: { field: 'method', allowed },
            },
          ),
        );
      },
    }),
  );
  const guarded = ['/api/*', '/events', '/outbound/*'];
  for (const path of guarded) {
    app.use(path, async (c, next) => {
      await next();
      c.res = await redactResponse(c.res, redactor);
    });
    app.use(path, requireToken(policy));
  }
  app.use('*', bodyLimit(maxBodyBytes));

  app.get('/api/info', async (c) => {
    const directory = options.emulator ? await readDirectory(options.emulator) : { users: [], queues: [] };
    const bundles = runtime.bundles();
    const flows = [
      ...new Set([...bundles.flatMap((b) => b.workflows), ...runtime.triggers().map((t) => t.workflow)]),
    ].sort();
    const info: ConsoleInfo = {
      mode: options.emulator ? 'emulator' : 'org',
      simulator: options.emulator !== undefined,
      ...directory,
      flows,
      bundles: bundles.map((b) => b.name),
    };
    return c.json(info);
  });
  app.get('/api/events/recent', async (c) => {
    const parsed = RecentQuery.safeParse(c.req.query());
    if (!parsed.success) throw badQuery(parsed.error.issues);
    const q = parsed.data;
    return c.json({
      entities: await recentEvents(runtime, {
        limit: q.limit ?? 200,
        conversationId: q.conversationId,
        topic: q.topic,
      }),
    });
  });
  app.get('/api/stream', (c) => forward(api, c, '/api/updates'));
  app.all('/api/outbound/*', (c) => forward(api, c, c.req.path.slice('/api'.length)));
  app.route('/', simulatorProxy(options.emulator));
  for (const path of guarded) app.all(path, (c) => api.fetch(c.req.raw));

  app.get('/', tokenLanding(policy), async (c) => (await assets.serve(c, '/')) ?? c.notFound());
  app.get('/assets/*', async (c) => (await assets.serve(c, c.req.path)) ?? c.notFound());
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.notFound((c) =>
    answer(
      c,
      new SwitchboardError(
        ConsoleErrors.SB_CONSOLE_NOT_FOUND,
        `a console route must exist; ${c.req.method} ${c.req.path} is not one of its routes`,
        { details: { field: 'path' } },
      ),
    ),
  );
  app.onError((err, c) => {
    if (!isSwitchboardError(err)) logger.error({ err: redactor.text(err.message), path: c.req.path }, 'console error');
    return answer(
      c,
      isSwitchboardError(err)
        ? err
        : new SwitchboardError('SB_INTERNAL', `the console failed unexpectedly; ${redactor.text(err.message)}`, {
            cause: err,
          }),
    );
  });
  return { app, policy, addSecret: (s) => redactor.add(s) };
}
