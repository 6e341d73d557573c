/**
 * @module
 * Genesys Cloud regions (platform.md §4.7, from the SDK's region-host table): each region has an
 * environment host; the API lives on `api.<env>` and tokens are issued by `login.<env>`.
 */

/** One Genesys Cloud region. */
export interface GenesysRegion {
  /** The SDK key, e.g. `us_east_1`. */
  readonly key: string;
  /** The AWS-style name used by CX as Code, e.g. `us-east-1`. */
  readonly name: string;
  /** The environment host, e.g. `mypurecloud.com`. */
  readonly env: string;
  /** `https://api.<env>` */
  readonly apiBaseUrl: string;
  /** `https://login.<env>` */
  readonly loginBaseUrl: string;
}

const ENV_BY_KEY: ReadonlyArray<readonly [string, string]> = [
  ['us_east_1', 'mypurecloud.com'],
  ['us_east_2', 'use2.us-gov-pure.cloud'],
  ['us_west_2', 'usw2.pure.cloud'],
  ['ca_central_1', 'cac1.pure.cloud'],
  ['sa_east_1', 'sae1.pure.cloud'],
  ['mx_central_1', 'mxc1.pure.cloud'],
  ['eu_west_1', 'mypurecloud.ie'],
  ['eu_west_2', 'euw2.pure.cloud'],
  ['eu_central_1', 'mypurecloud.de'],
  ['eu_central_2', 'euc2.pure.cloud'],
  ['eusc_de_east_1', 'edee1.eusc-pure.cloud'],
  ['me_central_1', 'mec1.pure.cloud'],
  ['ap_south_1', 'aps1.pure.cloud'],
  ['ap_southeast_1', 'apse1.pure.cloud'],
  ['ap_southeast_2', 'mypurecloud.com.au'],
  ['ap_northeast_1', 'mypurecloud.jp'],
  ['ap_northeast_2', 'apne2.pure.cloud'],
  ['ap_northeast_3', 'apne3.pure.cloud'],
];

/** Every Genesys Cloud region, in the SDK's order. */
export const GENESYS_REGIONS: readonly GenesysRegion[] = ENV_BY_KEY.map(([key, env]) => ({
  key,
  name: key.replace(/_/g, '-'),
  env,
  apiBaseUrl: `https://api.${env}`,
  loginBaseUrl: `https://login.${env}`,
}));

const LOOKUP = new Map<string, GenesysRegion>();
for (const r of GENESYS_REGIONS) {
  for (const alias of [r.key, r.name, r.env, `api.${r.env}`, `login.${r.env}`]) LOOKUP.set(alias, r);
}

/**
 * Find a region by SDK key (`us_east_1`), CX as Code name (`us-east-1`) or environment host
 * (`mypurecloud.com`, also `api.mypurecloud.com`); case-insensitive. `undefined` when unknown.
 * @example
 * findRegion('eu-central-1')?.apiBaseUrl; // 'https://api.mypurecloud.de'
 */
export function findRegion(nameOrHost: string): GenesysRegion | undefined {
  const key = nameOrHost
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  return LOOKUP.get(key);
}

/** The accepted region names, for error messages and help text. */
export function regionNames(): string[] {
  return GENESYS_REGIONS.map((r) => r.name);
}
