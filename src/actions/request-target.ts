/**
 * @module
 * Where a rendered request goes: Genesys Cloud (the integration's client: the emulator or the
 * org) or a third-party host (the caller's third-party fetch: mocks, passthrough). Pure.
 */

// Only the Platform API host is the org's client's: `apps.` (a chat webhook's URL) and `login.`
// are Genesys hosts that take no Platform API token, so a request for them is a third-party one
// (mocked, passed through, a chat webhook answered offline, or refused naming the host).
const GENESYS_HOST = /^(api\.(mypurecloud\.(com|ie|de|jp|com\.au)|[a-z0-9-]+\.pure\.cloud)|emulator\.local)$/i;

/**
 * Whether a rendered request URL is for the Genesys Cloud Platform API: a relative path, the
 * origin of the caller's base URL, or a Genesys Cloud API host (a look-alike such as `api.mypurecloud.com.evil.example` is not).
 * @example
 * isGenesysUrl('https://api.example.com/v1/x', 'https://api.mypurecloud.com') // false
 */
export function isGenesysUrl(url: string, baseUrl?: string): boolean {
  if (!/^https?:\/\//i.test(url)) return true;
  const u = new URL(url);
  if (baseUrl !== undefined && new URL(baseUrl).origin === u.origin) return true;
  return GENESYS_HOST.test(u.hostname);
}
