/**
 * @module
 * The whole plan of the SDK contract test: the core calls, then each area's own.
 */
import { OUTBOUND_CHANGE, OUTBOUND_CREATE } from './sdk-calls-outbound.ts';
import { PARTICIPANT_CHANGE, PARTICIPANT_CREATE } from './sdk-calls-participants.ts';
import { CHANGE as CORE_CHANGE, CREATE as CORE_CREATE } from './sdk-calls.ts';
import { CONTACTS_CHANGE, CONTACTS_CREATE } from './sdk-calls-contacts.ts';
import { INTEGRATION_CHANGE, INTEGRATION_CREATE } from './sdk-calls-integrations.ts';
import type { Call } from './sdk-call-types.ts';
import { TASK_CHANGE, TASK_CREATE } from './sdk-calls-tasks.ts';
import { USER_ROUTING_CHANGE, USER_ROUTING_CREATE } from './sdk-calls-users.ts';

/** Every call that needs a body or creates what later calls use, in order. */
export const CREATE: readonly Call[] = [
  ...CORE_CREATE,
  ...INTEGRATION_CREATE,
  ...PARTICIPANT_CREATE,
  ...TASK_CREATE,
  ...OUTBOUND_CREATE,
  ...CONTACTS_CREATE,
  ...USER_ROUTING_CREATE,
];

/** Every call that changes or deletes, in order, after every GET. */
export const CHANGE: readonly Call[] = [
  ...CORE_CHANGE,
  ...INTEGRATION_CHANGE,
  ...PARTICIPANT_CHANGE,
  ...TASK_CHANGE,
  ...OUTBOUND_CHANGE,
  ...CONTACTS_CHANGE,
  ...USER_ROUTING_CHANGE,
];
