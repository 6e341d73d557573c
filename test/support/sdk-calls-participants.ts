/**
 * @module
 * The SDK contract test's calls of the media-specific participant routes and of SCIM.
 */
import type { Call } from './sdk-calls.ts';

/** The participant and SCIM calls that need a body or create what later calls use, after the core ones. */
export const PARTICIPANT_CREATE: readonly Call[] = [];

/** The participant and SCIM calls that change or delete, after the core ones. */
export const PARTICIPANT_CHANGE: readonly Call[] = [];
