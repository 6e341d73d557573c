/**
 * @module
 * Access control of the console: bound to the loopback interface, no token is needed; bound to
 * any other address, every API request must carry the access token — `Authorization: Bearer`,
 * the `X-Switchboard-Token` header, or the cookie that `GET /?token=<token>` sets. The token
 * never appears in a response body or a log line. Either way, a browser page of another site
 * cannot drive the API (its `Origin` is refused), nor can a host name re-pointed at 127.0.0.1.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { SwitchboardError, browserAccessRefusal, isLoopback } from '../core/index.ts';
import { ConsoleErrors } from './errors.ts';

/** The cookie holding the access token in the browser (HttpOnly: page scripts never read it). */
export const TOKEN_COOKIE = 'switchboard_token';

/** The header a script or CLI can send the token in, besides `Authorization: Bearer`. */
export const TOKEN_HEADER = 'X-Switchboard-Token';

/** How the console guards its API. */
export interface AccessPolicy {
  /** The token every API request must carry; undefined when the console is loopback-only and none was given. */
  readonly token: string | undefined;
  /** True when the token was generated here (it must then be shown to the operator once). */
  readonly generated: boolean;
}

/** Whether a bind address only accepts local connections (the rule the emulator's control API shares). */
export { isLoopback };

/** A fresh random token (32 bytes, base64url). */
function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Decide the access policy for a bind address: a given token is always enforced; off loopback,
 * a missing token is generated.
 * @example
 * accessPolicy('0.0.0.0', undefined) // { token: '<random>', generated: true }
 */
export function accessPolicy(host: string, token: string | undefined): AccessPolicy {
  if (token !== undefined) {
    if (token.length < 16 || /\s/.test(token)) {
      throw new SwitchboardError(
        ConsoleErrors.SB_CONSOLE_CONFIG,
        'a console token must be at least 16 characters without spaces; the given token is too short or has spaces',
        { details: { option: 'token' } },
      );
    }
    return { token, generated: false };
  }
  return isLoopback(host) ? { token: undefined, generated: false } : { token: generateToken(), generated: true };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token a request presents, if any (header, bearer, or cookie). */
function presented(header: (name: string) => string | undefined, cookie: string | undefined): string | undefined {
  const direct = header(TOKEN_HEADER)?.trim();
  if (direct) return direct;
  const auth = /^Bearer\s+(\S+)$/i.exec(header('Authorization')?.trim() ?? '');
  if (auth) return auth[1];
  return cookie;
}

function forbidden(message: string, field: string): SwitchboardError {
  return new SwitchboardError(ConsoleErrors.SB_CONSOLE_FORBIDDEN, message, { details: { field } });
}

/**
 * Middleware: reject a request that does not present the policy's token, and any request a page
 * of another site makes through the browser (its `Origin` is not the console's). Without a token
 * (loopback), also one addressed to a host name that is not loopback: a site whose name was
 * re-pointed at 127.0.0.1 (DNS rebinding) would otherwise read and drive the API.
 * @example
 * app.use('/api/*', requireToken(policy));
 */
export function requireToken(policy: AccessPolicy): MiddlewareHandler {
  return async (c, next) => {
    const refusal = browserAccessRefusal(c.req.raw, {
      name: 'the console',
      loopbackHostOnly: policy.token === undefined,
      refuseSimplePosts: false,
    });
    if (refusal) throw forbidden(refusal.message, refusal.field);
    const expected = policy.token;
    if (expected !== undefined) {
      const got = presented((n) => c.req.header(n), getCookie(c, TOKEN_COOKIE));
      if (got === undefined || !sameToken(got, expected)) {
        throw new SwitchboardError(
          ConsoleErrors.SB_CONSOLE_UNAUTHORIZED,
          `a console request must carry the access token when the console is bound to a non-loopback address; ${got === undefined ? 'none was sent' : 'the token sent is not the right one'}`,
          { details: { field: 'token' } },
        );
      }
    }
    await next();
  };
}

/**
 * Middleware for `GET /`: a right `?token=` sets the HttpOnly cookie and redirects to the same
 * page without the token in the address bar (so it is not kept in history or shared by copy).
 */
export function tokenLanding(policy: AccessPolicy): MiddlewareHandler {
  return async (c, next) => {
    const expected = policy.token;
    const given = c.req.query('token');
    if (expected === undefined || given === undefined) return next();
    if (!sameToken(given, expected)) {
      throw new SwitchboardError(
        ConsoleErrors.SB_CONSOLE_UNAUTHORIZED,
        'the console link must carry the right access token; the ?token= given is not the right one',
        { details: { field: 'token' } },
      );
    }
    setCookie(c, TOKEN_COOKIE, expected, { httpOnly: true, sameSite: 'Strict', path: '/' });
    const url = new URL(c.req.url);
    url.searchParams.delete('token');
    return c.redirect(`${url.pathname}${url.search}`, 303);
  };
}
