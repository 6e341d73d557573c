/**
 * @module
 * Requests from data actions to hosts other than Genesys Cloud: answered by a mocks file, passed
 * through to the real service for the hosts named, or refused with the mock entry to add.
 */
export { ThirdPartyErrors } from './errors.ts';
export { parseMocksText, validateMocks, MAX_MOCKS_FILE_BYTES } from './mocks-file.ts';
export type { MockSpec, MockReply } from './mocks-file.ts';
export { createThirdPartyFetch, ROUTE_HEADER, MOCK_HEADER } from './third-party-fetch.ts';
export type { ThirdParty, ThirdPartyOptions } from './third-party-fetch.ts';
export { compileUrlPattern, hostMatcher } from './url-pattern.ts';
export type { CompiledUrlPattern } from './url-pattern.ts';
