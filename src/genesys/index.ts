/**
 * @module
 * The Genesys Cloud client: regions, CX as Code-style configuration, client-credentials tokens,
 * 429/5xx retries with the injected Clock, and typed errors carrying Genesys's `ErrorBody`.
 * Its `fetch` is the seam the data-action engine and the runtime call Genesys (or the emulator) through.
 */
export { createGenesysClient } from './client.ts';
export type { GenesysClient, GenesysClientOptions, GenesysRequestInit } from './client.ts';
export { genesysConfigFromEnv, GENESYS_ENV } from './config.ts';
export type { GenesysConfig } from './config.ts';
export { GenesysApiError } from './errors.ts';
