/**
 * @module
 * The Genesys Cloud client: regions, CX as Code-style configuration, client-credentials tokens,
 * 429/5xx retries with the injected Clock, and typed errors carrying Genesys's `ErrorBody`.
 * Its `fetch` is the seam the data-action engine and the runtime call Genesys (or the emulator) through.
 */
export { createGenesysClient } from './client.ts';
export type { GenesysClient, GenesysClientOptions, GenesysRequestInit, RequestOptions, Query } from './client.ts';
export { genesysConfigFromEnv, GENESYS_ENV } from './config.ts';
export type { GenesysConfig } from './config.ts';
export { GENESYS_REGIONS, findRegion, regionNames } from './regions.ts';
export type { GenesysRegion } from './regions.ts';
export { GenesysErrors, GenesysApiError } from './errors.ts';
export type { GenesysApiErrorInit } from './errors.ts';
export { refreshMarginMs } from './auth.ts';
export { TokenBucket } from './rate-limit.ts';
export { DEFAULT_BACKOFF, backoffDelayMs, retryAfterMs, isIdempotentMethod } from './retry.ts';
export type { BackoffPolicy } from './retry.ts';
