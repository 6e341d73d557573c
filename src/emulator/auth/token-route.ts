/**
 * @module
 * `POST /oauth/token`: the client-credentials grant of `login.{env}` (platform.md §4.7).
 *
 * Errors here use the OAuth shape (RFC 6749 §5.2) that login hosts answer with, not the Platform
 * API's `ErrorBody`: `{error, description, error_description}`. Genesys's login host sends
 * `description`; RFC-following clients read `error_description`; both are set so either parses.
 */
import type { Context } from 'hono';
import type { EmulatorEnv } from '../provider-contract.ts';
import type { OAuthClientInfo, OAuthRegistry } from './registry.ts';

/** An OAuth error response. */
function oauthError(c: Context<EmulatorEnv>, status: 400 | 401, error: string, description: string): Response {
  return c.json({ error, description, error_description: description }, status);
}

/** The credentials of an HTTP Basic `Authorization` header, if well-formed. */
function parseBasicAuth(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  return { id: decoded.slice(0, i), secret: decoded.slice(i + 1) };
}

/**
 * The `/oauth/token` handler: Basic client credentials (or `client_id`/`client_secret` form
 * fields) and `grant_type=client_credentials`. `apiClients` finds the OAuth clients made through
 * the Platform API (`POST /api/v2/oauth/clients`), which hold the permissions of their roles.
 * @example
 * app.post('/oauth/token', tokenHandler(registry));
 */
export function tokenHandler(registry: OAuthRegistry, apiClients?: (clientId: string) => OAuthClientInfo | undefined) {
  return async (c: Context<EmulatorEnv>): Promise<Response> => {
    const form = new URLSearchParams(await c.req.text());
    const grant = form.get('grant_type');
    if (grant === null || grant === '') {
      return oauthError(
        c,
        400,
        'invalid_request',
        'grant_type is required; send grant_type=client_credentials as a form field',
      );
    }
    if (grant !== 'client_credentials') {
      return oauthError(
        c,
        400,
        'unsupported_grant_type',
        `grant type "${grant}" is not supported by the emulator; use client_credentials`,
      );
    }
    const basic = parseBasicAuth(c.req.header('Authorization'));
    const id = basic?.id ?? form.get('client_id');
    const secret = basic?.secret ?? form.get('client_secret');
    if (!id || secret === null) {
      c.header('WWW-Authenticate', 'Basic realm="oauth"');
      return oauthError(
        c,
        401,
        'invalid_client',
        'client authentication is required: send HTTP Basic base64(clientId:clientSecret)',
      );
    }
    const api = apiClients?.(id);
    const client = registry.authenticate(id, secret) ?? (api && api.clientSecret === secret ? api : undefined);
    if (!client) {
      c.header('WWW-Authenticate', 'Basic realm="oauth"');
      return oauthError(c, 401, 'invalid_client', 'client not found or wrong secret');
    }
    return c.json(registry.issueClientToken(client));
  };
}
