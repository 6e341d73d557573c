/**
 * @module
 * The SDK contract test's calls of the Task Management API (work types, workbins, workitems).
 */
import type { Call } from './sdk-calls.ts';

/** The Task Management calls that need a body or create what later calls use, after the core ones. */
export const TASK_CREATE: readonly Call[] = [];

/** The Task Management calls that change or delete, after the core ones. */
export const TASK_CHANGE: readonly Call[] = [];
