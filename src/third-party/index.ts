/**
 * @module
 * Requests from data actions to hosts other than Genesys Cloud: answered by a mocks file, passed
 * through to the real service for the hosts named, or refused with the mock entry to add.
 */
export { parseMocksText } from './mocks-file.ts';
export type { MockSpec } from './mocks-file.ts';
export { createThirdPartyFetch } from './third-party-fetch.ts';
export type { ThirdParty } from './third-party-fetch.ts';
export { hostMatcher } from './url-pattern.ts';
