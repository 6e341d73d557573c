/**
 * @module
 * Connection settings from environment variables, with CX as Code's names. Pure: the environment
 * record is passed in (`process.env` by default at the call site).
 */
import { SwitchboardError } from '../core/index.ts';
import { GenesysErrors } from './errors.ts';
import { findRegion, regionNames } from './regions.ts';
import type { GenesysRegion } from './regions.ts';

/** The environment variables read by {@link genesysConfigFromEnv}. */
export const GENESYS_ENV = {
  clientId: 'GENESYSCLOUD_OAUTHCLIENT_ID',
  clientSecret: 'GENESYSCLOUD_OAUTHCLIENT_SECRET',
  region: 'GENESYSCLOUD_REGION',
  apiUrl: 'GENESYSCLOUD_API_URL',
} as const;

/** Where and as whom to connect; accepted as-is by `createGenesysClient`. */
export interface GenesysConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The API base URL, e.g. `https://api.mypurecloud.de` or a custom URL. */
  readonly baseUrl: string;
  /** The token endpoint, e.g. `https://login.mypurecloud.de/oauth/token`. */
  readonly tokenUrl: string;
  /** The region, unless a custom base URL was given. */
  readonly region?: GenesysRegion;
}

/** CX as Code's default when `GENESYSCLOUD_REGION` is unset. */
const DEFAULT_REGION = 'us-east-1';

function configError(variable: string, problem: string): SwitchboardError {
  return new SwitchboardError(
    GenesysErrors.SB_GENESYS_CONFIG,
    `Genesys Cloud connection settings must be complete and valid; ${variable} ${problem}`,
    { details: { variable } },
  );
}

function required(env: Readonly<Record<string, string | undefined>>, variable: string): string {
  const v = env[variable]?.trim();
  if (v === undefined || v === '') throw configError(variable, 'is not set');
  return v;
}

/**
 * Strip trailing slashes and check that a custom API base URL is absolute http(s).
 * @returns the normalized URL, or `undefined` when it is not a usable base URL
 */
export function normalizeBaseUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (u.search !== '' || u.hash !== '') return undefined;
  return u.href.replace(/\/+$/, '');
}

/**
 * Read the connection settings. `GENESYSCLOUD_API_URL`, when set, wins over the region, and its
 * token endpoint is `<API_URL>/oauth/token` (how the emulator and proxies are reached).
 * @throws SwitchboardError `SB_GENESYS_CONFIG` naming the missing or invalid variable
 * @example
 * const client = createGenesysClient(genesysConfigFromEnv(process.env));
 */
export function genesysConfigFromEnv(env: Readonly<Record<string, string | undefined>>): GenesysConfig {
  const clientId = required(env, GENESYS_ENV.clientId);
  const clientSecret = required(env, GENESYS_ENV.clientSecret);
  const apiUrl = env[GENESYS_ENV.apiUrl]?.trim();
  if (apiUrl !== undefined && apiUrl !== '') {
    const baseUrl = normalizeBaseUrl(apiUrl);
    if (baseUrl === undefined) {
      throw configError(
        GENESYS_ENV.apiUrl,
        `must be an absolute http(s) URL without query; got ${JSON.stringify(apiUrl)}`,
      );
    }
    return { clientId, clientSecret, baseUrl, tokenUrl: `${baseUrl}/oauth/token` };
  }
  const regionRaw = env[GENESYS_ENV.region]?.trim() || DEFAULT_REGION;
  const region = findRegion(regionRaw);
  if (region === undefined) {
    throw configError(
      GENESYS_ENV.region,
      `must be a Genesys Cloud region (${regionNames().join(', ')}); got ${JSON.stringify(regionRaw)}`,
    );
  }
  return { clientId, clientSecret, baseUrl: region.apiBaseUrl, tokenUrl: `${region.loginBaseUrl}/oauth/token`, region };
}
