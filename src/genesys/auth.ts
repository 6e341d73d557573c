/**
 * @module
 * OAuth client-credentials tokens (platform.md §4.7): `POST /oauth/token` with Basic auth and a
 * form body, cached until shortly before `expires_in` runs out, one request shared by all callers.
 */
import { CORRELATION_HEADER } from '../core/index.ts';
import type { Clock } from '../core/index.ts';
import { GenesysApiError, GenesysErrors, errorFromResponse } from './errors.ts';
import type { Exchange, OutgoingRequest } from './transport.ts';

/** What the token source needs. */
export interface ClientCredentialsOptions {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly clock: Clock;
  /** Sends the token request (the client's retrying transport). */
  readonly send: (req: OutgoingRequest) => Promise<Exchange>;
}

interface CachedToken {
  readonly value: string;
  readonly expiresAt: number;
  readonly refreshAt: number;
}

/** "If this field is omitted, a default of 24 hours will be applied" (SDK `OAuthClient`). */
const DEFAULT_LIFETIME_S = 86_400;
const MAX_REFRESH_MARGIN_MS = 60_000;

/**
 * When to replace a token of `lifetimeMs`: 60 s before it expires, or 10 % of its lifetime before
 * for short-lived tokens, so a request never leaves with a token that dies in flight.
 * @example
 * refreshMarginMs(86_399_000); // 60000
 * refreshMarginMs(300_000);    // 30000
 */
function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(MAX_REFRESH_MARGIN_MS, Math.floor(lifetimeMs / 10));
}

/**
 * A cached client-credentials token.
 * @example
 * const creds = new ClientCredentials({ tokenUrl, clientId, clientSecret, clock, send });
 * const token = await creds.token(); // one POST /oauth/token, then cached
 */
export class ClientCredentials {
  readonly #opts: ClientCredentialsOptions;
  #cached: CachedToken | undefined;
  #inflight: Promise<string> | undefined;
  #requests = 0;

  constructor(opts: ClientCredentialsOptions) {
    this.#opts = opts;
  }

  /** How many token requests were sent (for diagnostics and tests). */
  get requests(): number {
    return this.#requests;
  }

  /** A valid access token, fetched when none is cached or the cached one is due for refresh. */
  token(): Promise<string> {
    const c = this.#cached;
    if (c && this.#opts.clock.now() < c.refreshAt) return Promise.resolve(c.value);
    this.#inflight ??= this.#request().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  /** Forget the token (after the API answered 401 to it); a newer token is kept. */
  invalidate(value: string): void {
    if (this.#cached?.value === value) this.#cached = undefined;
  }

  async #request(): Promise<string> {
    const { tokenUrl, clientId, clientSecret, clock, send } = this.#opts;
    this.#requests++;
    const headers = new Headers({
      Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    });
    const body = new TextEncoder().encode('grant_type=client_credentials').buffer;
    // Asking for a token has no side effect, so it is safe to repeat like an idempotent request.
    const { response, attempts, retryAfterMs } = await send({
      method: 'POST',
      url: tokenUrl,
      headers,
      body,
      repeatable: true,
    });
    if (!response.ok) {
      const code =
        response.status === 429
          ? GenesysErrors.SB_GENESYS_RATE_LIMITED
          : response.status >= 500
            ? GenesysErrors.SB_GENESYS_UNAVAILABLE
            : GenesysErrors.SB_GENESYS_AUTH;
      throw await errorFromResponse(response, 'POST', tokenUrl, { code, attempts, retryAfterMs });
    }
    const text = await response.text();
    let json: { access_token?: unknown; expires_in?: unknown } = {};
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      // handled below: no access_token
    }
    if (typeof json.access_token !== 'string' || json.access_token === '') {
      throw new GenesysApiError({
        code: GenesysErrors.SB_GENESYS_AUTH,
        method: 'POST',
        url: tokenUrl,
        status: response.status,
        rawBody: `token response must carry access_token; got ${text.slice(0, 200)}`,
        contextId: response.headers.get(CORRELATION_HEADER) ?? undefined,
      });
    }
    const lifetimeS = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : DEFAULT_LIFETIME_S;
    const now = clock.now();
    const lifetimeMs = lifetimeS * 1000;
    this.#cached = {
      value: json.access_token,
      expiresAt: now + lifetimeMs,
      refreshAt: now + lifetimeMs - refreshMarginMs(lifetimeMs),
    };
    return json.access_token;
  }
}
