/**
 * @module
 * The Genesys Cloud client: one authenticated, retrying, fetch-shaped function for any base URL
 * (a region, the emulator, a proxy), plus typed JSON helpers on top of it.
 */
import { SwitchboardError, SystemClock, silentLogger } from '../core/index.ts';
import type { Clock, Fetch, Logger } from '../core/index.ts';
import { ClientCredentials } from './auth.ts';
import { normalizeBaseUrl } from './config.ts';
import { GenesysErrors, errorFromResponse } from './errors.ts';
import { TokenBucket } from './rate-limit.ts';
import { findRegion, regionNames } from './regions.ts';
import type { GenesysRegion } from './regions.ts';
import { DEFAULT_BACKOFF } from './retry.ts';
import type { BackoffPolicy } from './retry.ts';
import { exchange } from './transport.ts';
import type { Exchange, ReusableBody, TransportSettings } from './transport.ts';

/** Options of {@link createGenesysClient}. Give `region` or `baseUrl`. */
export interface GenesysClientOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** A region (`us-east-1`, `us_east_1`, `mypurecloud.com`): API on `api.<env>`, tokens on `login.<env>`. */
  readonly region?: string | GenesysRegion;
  /** A custom API base URL (the emulator, a proxy); wins over `region`. */
  readonly baseUrl?: string;
  /** The token endpoint; default `<baseUrl>/oauth/token`, or `https://login.<env>/oauth/token` for a region. */
  readonly tokenUrl?: string;
  /** Where requests go (`fetch(url, init)` shaped, as every fetch of Switchboard); default the global `fetch`. The emulator's `fetch` works in-process. */
  readonly fetch?: Fetch;
  /** Waits (retries, rate limit) and token expiry use this clock; default the system clock. */
  readonly clock?: Clock;
  /** Total attempts per request, the first included; default 5. */
  readonly maxAttempts?: number;
  /** Backoff when Genesys gives no `Retry-After`; default 500 ms doubling, capped at 30 s. */
  readonly backoff?: Partial<BackoffPolicy>;
  /** A 429 asking to wait longer than this is returned at once; default 5 minutes. */
  readonly maxRetryAfterMs?: number;
  /**
   * Per-attempt limit, in real milliseconds, on waiting for response headers (a timed-out attempt
   * counts as a network error). Default: none beyond the fetch implementation's own (undici: 300 s).
   */
  readonly timeoutMs?: number;
  /** Client-side token bucket: `true` = 300 requests/min (Genesys's per-token limit); default off. */
  readonly rateLimit?: boolean | { readonly perMinute: number };
  /** Jitter source in [0, 1); default `Math.random`. */
  readonly random?: () => number;
  readonly logger?: Logger;
  /**
   * Retry every POST / PATCH of this client after a 5xx or a network error, as if it were
   * idempotent. Default false: an ambiguous failure of a create may have created something, and
   * a real org may ignore `Idempotency-Key`. Prefer the per-request option.
   */
  readonly retryUnsafe?: boolean;
}

/**
 * `RequestInit` plus the client's own per-request option, for its `fetch`.
 * @example
 * await gc.fetch('/api/v2/flows/executions', { method: 'POST', body, retryUnsafe: true } as GenesysRequestInit);
 */
export interface GenesysRequestInit extends RequestInit {
  /** This POST / PATCH is safe to send again after a 5xx or a network error (the caller vouches). */
  readonly retryUnsafe?: boolean;
}

/** Query parameters; arrays repeat the key (`?id=a&id=b`), `undefined` is skipped. */
type Query = Readonly<Record<string, string | number | boolean | undefined | ReadonlyArray<string | number | boolean>>>;

/** Per-call options of the typed helpers. */
interface RequestOptions {
  readonly query?: Query;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Sent as `Idempotency-Key`. It does not by itself make a POST / PATCH retried after a 5xx or a
   * network error (a real org may ignore the header); set `retryUnsafe` when repeating is safe.
   */
  readonly idempotencyKey?: string;
  /** This POST / PATCH is safe to send again after a 5xx or a network error (the caller vouches). */
  readonly retryUnsafe?: boolean;
  readonly signal?: AbortSignal;
}

/** The client. `fetch` is the seam every other part uses; the helpers throw typed errors. */
export interface GenesysClient {
  /** The API base URL (no trailing slash). */
  readonly baseUrl: string;
  /**
   * Authenticated and retrying, shaped like `fetch`: relative `/api/v2/...` URLs resolve against
   * the base URL, and the bearer token is added only for that origin. Non-2xx responses are
   * returned as they are; a missing response throws `SB_GENESYS_UNAVAILABLE`. 429 is retried for
   * every method; 5xx and network errors only for idempotent methods, or with `retryUnsafe`
   * ({@link GenesysRequestInit}, or the client option).
   */
  readonly fetch: Fetch;
  /** Send JSON, parse JSON; non-2xx throws `GenesysApiError`. 204/empty gives `undefined`. */
  request<T = unknown>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  get<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  /** The current access token (fetched or refreshed as needed). */
  accessToken(): Promise<string>;
  /** Token requests sent so far. */
  readonly tokenRequests: number;
}

function configError(field: string, problem: string): SwitchboardError {
  return new SwitchboardError(
    GenesysErrors.SB_GENESYS_CONFIG,
    `Genesys client options must name a target and credentials; ${field} ${problem}`,
    {
      details: { field },
    },
  );
}

function resolveTarget(o: GenesysClientOptions): { baseUrl: string; tokenUrl: string } {
  if (o.baseUrl !== undefined) {
    const baseUrl = normalizeBaseUrl(o.baseUrl);
    if (baseUrl === undefined)
      throw configError('baseUrl', `must be an absolute http(s) URL without query; got ${JSON.stringify(o.baseUrl)}`);
    return { baseUrl, tokenUrl: o.tokenUrl ?? `${baseUrl}/oauth/token` };
  }
  if (o.region !== undefined) {
    const region = typeof o.region === 'string' ? findRegion(o.region) : o.region;
    if (region === undefined)
      throw configError('region', `must be one of ${regionNames().join(', ')}; got ${JSON.stringify(o.region)}`);
    return { baseUrl: region.apiBaseUrl, tokenUrl: o.tokenUrl ?? `${region.loginBaseUrl}/oauth/token` };
  }
  throw configError('region', 'and baseUrl are both missing');
}

function appendQuery(url: string, query: Query | undefined): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
  }
  const qs = params.toString();
  return qs === '' ? url : `${url}${url.includes('?') ? '&' : '?'}${qs}`;
}

/**
 * Create a Genesys Cloud client.
 * @example
 * const gc = createGenesysClient({ region: 'eu-central-1', clientId, clientSecret });
 * const me = await gc.get<{ id: string }>('/api/v2/users/me');
 * // in-process against the emulator:
 * const local = createGenesysClient({ baseUrl: 'http://emulator.local', clientId, clientSecret, fetch: emulator.fetch });
 */
export function createGenesysClient(options: GenesysClientOptions): GenesysClient {
  if (!options.clientId) throw configError('clientId', 'is empty');
  if (!options.clientSecret) throw configError('clientSecret', 'is empty');
  const { baseUrl, tokenUrl } = resolveTarget(options);
  const apiOrigin = new URL(baseUrl).origin;
  const clock = options.clock ?? new SystemClock();
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 5));
  const custom = options.fetch;
  const settings: TransportSettings = {
    send: custom === undefined ? (u, i) => globalThis.fetch(u, i) : (u, i) => custom(u, i),
    clock,
    maxAttempts,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    maxRetryAfterMs: options.maxRetryAfterMs ?? 300_000,
    timeoutMs: options.timeoutMs,
    random: options.random ?? Math.random,
    logger: options.logger ?? silentLogger,
  };
  const rl = options.rateLimit;
  const bucket =
    rl === undefined || rl === false ? undefined : new TokenBucket(rl === true ? 300 : rl.perMinute, clock);
  const credentials = new ClientCredentials({
    tokenUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clock,
    send: (req) => exchange(settings, req),
  });

  const resolveUrl = (input: string): string =>
    /^[a-z][a-z0-9+.-]*:/i.test(input) ? input : `${baseUrl}${input.startsWith('/') ? '' : '/'}${input}`;

  const isOurs = (url: string): boolean =>
    url.startsWith(`${apiOrigin}/`) || url === apiOrigin || new URL(url).origin === apiOrigin;

  async function send(input: Request | string | URL, init?: GenesysRequestInit): Promise<Exchange> {
    let url: string;
    let method: string;
    let headers: Headers;
    let body: ReusableBody | undefined;
    let signal: AbortSignal | undefined;
    if (input instanceof Request) {
      const req = init === undefined ? input : new Request(input, init);
      url = req.url;
      method = req.method;
      headers = new Headers(req.headers);
      body = req.body === null ? undefined : await req.arrayBuffer();
      signal = req.signal;
    } else {
      url = typeof input === 'string' ? resolveUrl(input) : input.href;
      method = (init?.method ?? 'GET').toUpperCase();
      headers = new Headers(init?.headers);
      // A stream can be read once: buffer it so that a retry can send it again.
      body =
        init?.body instanceof ReadableStream ? await new Response(init.body).arrayBuffer() : (init?.body ?? undefined);
      signal = init?.signal ?? undefined;
    }
    const ours = isOurs(url) && !headers.has('Authorization');
    let used: string | undefined;
    const authorize = ours
      ? async (): Promise<Record<string, string>> => {
          used = await credentials.token();
          return { Authorization: `Bearer ${used}` };
        }
      : undefined;
    const outgoing = {
      method,
      url,
      headers,
      body,
      signal,
      // Not `Idempotency-Key` alone: a real org may ignore it, and a repeated create would place twice.
      repeatable: options.retryUnsafe === true || init?.retryUnsafe === true,
      authorize,
      bucket: ours ? bucket : undefined,
    };
    const first = await exchange(settings, outgoing);
    if (first.response.status !== 401 || !ours || used === undefined) return first;
    // The token was revoked or the org's session ended: fetch a new one and try once more.
    settings.logger.info({ method, url }, 'API answered 401; refreshing the token once');
    credentials.invalidate(used);
    await first.response.body?.cancel().catch(() => undefined);
    const second = await exchange(settings, outgoing);
    return { ...second, attempts: first.attempts + second.attempts };
  }

  async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
    const url = appendQuery(resolveUrl(path), opts.query);
    const headers = new Headers({ Accept: 'application/json', ...opts.headers });
    if (opts.idempotencyKey !== undefined) headers.set('Idempotency-Key', opts.idempotencyKey);
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    }
    const m = method.toUpperCase();
    const { response, attempts, retryAfterMs } = await send(url, {
      method: m,
      headers,
      body: payload,
      signal: opts.signal ?? null,
      retryUnsafe: opts.retryUnsafe === true,
    });
    if (!response.ok) throw await errorFromResponse(response, m, url, { attempts, retryAfterMs });
    const text = await response.text();
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      // A 2xx with a non-JSON body (rare; some export endpoints): hand back the text.
      return text as T;
    }
  }

  return {
    baseUrl,
    fetch: async (input, init) => (await send(input, init)).response,
    request,
    get: (path, o) => request('GET', path, undefined, o),
    post: (path, body, o) => request('POST', path, body, o),
    put: (path, body, o) => request('PUT', path, body, o),
    patch: (path, body, o) => request('PATCH', path, body, o),
    delete: (path, o) => request('DELETE', path, undefined, o),
    accessToken: () => credentials.token(),
    get tokenRequests() {
      return credentials.requests;
    },
  };
}
