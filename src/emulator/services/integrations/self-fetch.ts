/**
 * @module
 * The fetch an integration's actions run with: requests go back into this emulator's own gateway
 * (auth, rate limit, faults, permissions all apply), authenticated with a client-credentials token
 * of the integration's OAuth client, obtained from `/oauth/token` like any Genesys client would.
 */
import type { Clock, Fetch } from '../../../core/index.ts';
import { ApiError } from '../../errors.ts';
import type { EmulatorApp } from '../../provider-contract.ts';

const ORIGIN = 'http://emulator.local';

/** The URL of a request into this org: its path and query on the emulator's own origin. */
function inOrg(input: string | URL | Request): URL {
  const url = new URL(input instanceof Request ? input.url : String(input), ORIGIN);
  return new URL(`${url.pathname}${url.search}`, ORIGIN);
}

/** Tokens cached per OAuth client of one emulator app. */
export class IntegrationTokens {
  #tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly app: EmulatorApp,
    private readonly clock: Clock,
  ) {}

  /**
   * A fetch acting as the OAuth client `clientId`. A Genesys Cloud API host's URL is this org's
   * (the action's host is the region's API; the emulator is that API).
   */
  fetchAs(clientId: string, clientSecret: string): Fetch {
    return async (input, init) => {
      const token = await this.token(clientId, clientSecret);
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${token}`);
      return this.app.fetch(new Request(inOrg(input), { ...init, headers }));
    };
  }

  /** A fetch into this org that adds nothing (a web services action sets its own headers). */
  fetchPlain(): Fetch {
    return async (input, init) => this.app.fetch(new Request(inOrg(input), init));
  }

  private async token(clientId: string, clientSecret: string): Promise<string> {
    const cached = this.#tokens.get(clientId);
    if (cached && cached.expiresAt > this.clock.now()) return cached.token;
    const res = await this.app.fetch(
      new Request(`${ORIGIN}/oauth/token`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      }),
    );
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error_description?: string;
    };
    if (!res.ok || !body.access_token) {
      throw new ApiError(
        400,
        'bad.request',
        `The integration's OAuth client ${clientId} cannot log in: ${body.error_description ?? `HTTP ${res.status}`}`,
        {
          details: [{ errorCode: 'ACTION.CREDENTIALS', fieldName: 'credentials' }],
        },
      );
    }
    this.#tokens.set(clientId, {
      token: body.access_token,
      expiresAt: this.clock.now() + Math.max(0, (body.expires_in ?? 60) - 60) * 1000,
    });
    return body.access_token;
  }
}
