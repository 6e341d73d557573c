/**
 * @module
 * Where a rendered request goes: Genesys Cloud (the integration's client: the emulator or the
 * org) or a third-party host (the caller's third-party fetch: mocks, passthrough). Pure.
 */

const GENESYS_HOST =
  /^((api|apps|login)\.(mypurecloud\.(com|ie|de|jp|com\.au)|[a-z0-9-]+\.pure\.cloud)|emulator\.local)$/i;

/**
 * Whether a rendered request URL is for Genesys Cloud: a relative path, the origin of the
 * caller's base URL, or a Genesys Cloud host (a look-alike such as `api.mypurecloud.com.evil.example` is not).
 * @example
 * isGenesysUrl('https://api.example.com/v1/x', 'https://api.mypurecloud.com') // false
 */
export function isGenesysUrl(url: string, baseUrl?: string): boolean {
  if (!/^https?:\/\//i.test(url)) return true;
  const u = new URL(url);
  if (baseUrl !== undefined && new URL(baseUrl).origin === u.origin) return true;
  return GENESYS_HOST.test(u.hostname);
}
