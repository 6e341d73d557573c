/**
 * @module
 * Switchboard's public SDK door.
 */
export * as core from './core/index.ts';
