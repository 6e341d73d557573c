/**
 * @module
 * The gateway: one Hono app whose handler chain reads top to bottom —
 *
 *   correlation id → fault injection → body size limit → control API access (`/_switchboard/`)
 *   → auth → rate limit → JSON body check → `Idempotency-Key` replay (`idempotency.ts`)
 *   → routes (login, control, providers)
 *   → error serializer → not served (405 / 501 not modeled / 404, from the SDK catalogue).
 *
 * Every answer, success or error, carries `ININ-Correlation-Id`, and every error has Genesys's
 * `ErrorBody` shape with `contextId` equal to that header (platform.md §5.2).
 */
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import {
  CORRELATION_HEADER,
  browserAccessRefusal,
  formatBytes,
  isLoopback,
  isSwitchboardError,
  limitRequestBody,
} from '../core/index.ts';
import type { Logger } from '../core/index.ts';
import type { OAuthClientInfo, OAuthRegistry } from './auth/registry.ts';
import { tokenHandler } from './auth/token-route.ts';
import { ApiError, EmulatorErrors, badRequest } from './errors.ts';
import type { FaultInjector } from './faults.ts';
import { honourIdempotencyKeys } from './idempotency.ts';
import type { EmulatorApp, EmulatorEnv, EmulatorServices, Provider } from './provider-contract.ts';
import type { RateLimiter } from './rate-limit.ts';
import { tooManyRequests } from './rate-limit.ts';
import { MethodIndex, routeTable } from './routes.ts';
import type { RouteInfo } from './routes.ts';
import { unservedError } from './unserved.ts';

/** What the gateway is built from. */
export interface GatewayDeps {
  readonly services: EmulatorServices;
  readonly oauth: OAuthRegistry;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly providers: readonly Provider[];
  /** Registers the `/_switchboard/` control routes. */
  readonly control: (app: EmulatorApp) => void;
  readonly logger: Logger;
  /** The largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
  /** The org's OAuth clients made through the Platform API, by id. */
  readonly apiClients?: (clientId: string) => OAuthClientInfo | undefined;
}

/** The built gateway. */
export interface Gateway {
  readonly app: EmulatorApp;
  readonly routes: readonly RouteInfo[];
}

const CONTROL_PREFIX = '/_switchboard/';

/**
 * The request path, with `/api/v2/processautomation` matched case-insensitively: the Terraform
 * provider calls `/api/v2/processAutomation/triggers` (platform.md §1.1).
 */
function canonicalPath(request: Request): string {
  const url = request.url;
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start < 0) return '/';
  const q = url.indexOf('?', start);
  let path = url.slice(start, q < 0 ? undefined : q);
  if (path.includes('%')) {
    try {
      path = decodeURI(path);
    } catch {
      // A malformed escape stays as sent; no route will match it.
    }
  }
  return path.replace(/^\/api\/v2\/processautomation(?=\/|$)/i, '/api/v2/processautomation');
}

function correlation(services: EmulatorServices): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const id = c.req.header(CORRELATION_HEADER) ?? services.ids.uuid();
    c.set('correlationId', id);
    c.set('services', services);
    c.header(CORRELATION_HEADER, id);
    await next();
    if (!c.res.headers.has(CORRELATION_HEADER)) c.res.headers.set(CORRELATION_HEADER, id);
  };
}

function injectFaults(faults: FaultInjector): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const after = c.req.path.startsWith(CONTROL_PREFIX)
      ? undefined
      : await faults.apply(c.req.method, c.req.path, c.req.raw.signal);
    await next();
    // "Processed, then the answer was lost": the request's effects stay, the caller sees a 5xx.
    if (!after) return;
    const id = c.get('correlationId') ?? '';
    await c.res.body?.cancel().catch(() => undefined);
    // Unset first: Hono merges the old answer's headers (Location, Content-Length…) into a new one.
    c.res = undefined;
    c.res = new Response(JSON.stringify(after.body(id)), {
      status: after.status,
      headers: { 'Content-Type': 'application/json', [CORRELATION_HEADER]: id },
    });
  };
}

/**
 * The emulator's default request body limit: 10 MiB. [INFERRED] Genesys Cloud refuses oversized
 * Platform API bodies with 413; platform.md records no figure, so 10 MiB — far above any body the
 * emulated operations take (a flow or snapshot restore included) — stands in for it.
 */
export const DEFAULT_EMULATOR_MAX_BODY_BYTES = 10 * 1024 * 1024;

function limitBody(maxBytes: number): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const r = await limitRequestBody(c.req.raw, maxBytes);
    if (!r.ok) {
      const shown = `${formatBytes(maxBytes)} (${maxBytes} bytes)`;
      throw new ApiError(
        413,
        EmulatorErrors.SB_EMULATOR_BODY_TOO_LARGE,
        `The request body must be at most ${shown}; this one ${r.declared === undefined ? 'passed the limit while it was sent' : `declares ${r.declared} bytes`}`,
        {
          messageWithParams: 'The request body must be at most {limit}',
          messageParams: { limit: shown },
          limit: { key: 'request.body.max.bytes', value: maxBytes },
        },
        // The client may still be sending: close the connection rather than read the rest.
        { Connection: 'close' },
      );
    }
    c.req.raw = r.request;
    await next();
  };
}

/**
 * The control API needs no token, so it refuses what a browser page of another site could send:
 * a cross-site `Origin`, a host name re-pointed at this machine (checked when the request reached
 * a loopback interface: an emulator bound off loopback is reached by other names on purpose), and
 * a POST without a JSON content type. In-process calls (`emulator.fetch`) reach no browser.
 */
const guardControl: MiddlewareHandler<EmulatorEnv> = async (c, next) => {
  const env = c.env as EmulatorEnv['Bindings'] | undefined;
  if (env?.inProcess !== true) {
    const local = env?.incoming?.socket?.localAddress;
    const refusal = browserAccessRefusal(c.req.raw, {
      name: 'the emulator control API',
      loopbackHostOnly: local === undefined || isLoopback(local),
      refuseSimplePosts: true,
    });
    if (refusal)
      throw new ApiError(403, EmulatorErrors.SB_EMULATOR_CONTROL_FORBIDDEN, refusal.message, {
        details: [{ errorCode: 'forbidden', fieldName: refusal.field }],
      });
  }
  await next();
};

function authenticate(oauth: OAuthRegistry, services: EmulatorServices): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '');
    if (!m)
      throw new ApiError(
        401,
        'authentication.required',
        'No authentication bearer token specified in authorization header.',
      );
    const found = oauth.lookup(m[1]!);
    // Genesys answers an unknown and an expired token alike; the emulator's log tells them apart.
    if (!found.ok) {
      services.logger.debug({ reason: found.reason, correlationId: c.get('correlationId') }, 'bearer token rejected');
      throw new ApiError(401, 'bad.credentials', 'Invalid login credentials.');
    }
    c.set('principal', found.principal);
    c.set('org', services.org(found.principal.orgId));
    await next();
  };
}

function rateLimit(limiter: RateLimiter): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const wait = limiter.take(c.get('principal').token);
    if (wait > 0) throw tooManyRequests(wait);
    await next();
  };
}

const checkJsonBody: MiddlewareHandler<EmulatorEnv> = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const type = c.req.header('Content-Type') ?? '';
    if (type === '' || /json/i.test(type)) {
      const text = await c.req.text();
      if (text.trim() !== '') {
        try {
          JSON.parse(text);
        } catch (e) {
          throw badRequest(`The request body is not valid JSON: ${(e as Error).message}`, [
            { errorCode: 'invalid.json' },
          ]);
        }
      }
    }
  }
  await next();
};

function serializeError(logger: Logger) {
  return (err: Error, c: Context<EmulatorEnv>): Response => {
    const contextId = c.get('correlationId') ?? '';
    let e: ApiError;
    if (err instanceof ApiError) e = err;
    else if (err.name === 'AbortError' || c.req.raw.signal.aborted) {
      // The caller went away (a hang or latency fault was aborted): nobody reads this answer.
      return new Response(null, { status: 499 });
    } else if (isSwitchboardError(err)) {
      e = new ApiError(err.status, err.code, err.message);
    } else {
      logger.error(
        { err, correlationId: contextId, method: c.req.method, path: c.req.path },
        'unexpected error in an emulator handler',
      );
      e = new ApiError(
        500,
        'internal.server.error',
        `The emulator failed unexpectedly: ${err.message} (contextId ${contextId})`,
      );
    }
    const res = c.json(e.body(contextId), e.status as 400);
    for (const [k, v] of Object.entries(e.headers)) res.headers.set(k, v);
    return res;
  };
}

function notEmulated(methods: MethodIndex) {
  return (c: Context<EmulatorEnv>): Response => {
    const contextId = c.get('correlationId') ?? '';
    const e = unservedError(c.req.method, c.req.path, methods);
    const res = c.json(e.body(contextId), e.status as 400);
    for (const [k, v] of Object.entries(e.headers)) res.headers.set(k, v);
    return res;
  };
}

/**
 * Build the gateway app.
 * @example
 * const { app, routes } = createGateway({ services, oauth, limiter, faults, providers: PROVIDERS, control, logger });
 * await app.fetch(new Request('http://emulator/api/v2/users', { headers: { Authorization: `Bearer ${token}` } }));
 */
export function createGateway(deps: GatewayDeps): Gateway {
  const app: EmulatorApp = new Hono<EmulatorEnv>({ getPath: canonicalPath });
  app.use('*', correlation(deps.services));
  app.use('*', injectFaults(deps.faults));
  app.use('*', limitBody(deps.maxBodyBytes));
  app.use('/_switchboard', guardControl);
  app.use('/_switchboard/*', guardControl);
  app.use('/api/v2/*', authenticate(deps.oauth, deps.services));
  app.use('/api/v2/*', rateLimit(deps.limiter));
  app.use('/api/v2/*', checkJsonBody);
  app.use('/api/v2/*', honourIdempotencyKeys());
  app.use('/_switchboard/*', checkJsonBody);

  app.post('/oauth/token', tokenHandler(deps.oauth, deps.apiClients));
  deps.control(app);
  for (const provider of deps.providers) provider.register(app);

  app.onError(serializeError(deps.logger));
  app.notFound(notEmulated(new MethodIndex(app)));
  return { app, routes: routeTable(app) };
}
