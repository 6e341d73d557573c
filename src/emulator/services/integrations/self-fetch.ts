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

/** Tokens cached per OAuth client of one emulator app. */
export class IntegrationTokens {
  #tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly app: EmulatorApp,
    private readonly clock: Clock,
  ) {}

  /** A fetch acting as the OAuth client `clientId`. Absolute URLs outside the org go out as they are. */
  fetchAs(clientId: string, clientSecret: string): Fetch {
    return async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (/^https?:\/\//i.test(url) && !url.startsWith(ORIGIN)) return fetch(input, init);
      const token = await this.token(clientId, clientSecret);
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${token}`);
      return this.app.fetch(new Request(new URL(url, ORIGIN), { ...init, headers }));
    };
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
