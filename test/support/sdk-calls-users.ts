/**
 * @module
 * The SDK contract test's calls of a user's routing: its queues (join and unjoin) and its skills
 * and languages (add, re-rate, remove).
 */
import { DEMO } from '../../src/emulator/index.ts';
import type { Call } from './sdk-call-types.ts';

/** The user-routing calls that need a body, after the core ones. */
export const USER_ROUTING_CREATE: readonly Call[] = [
  { op: 'postUserRoutingskills', body: () => ({ id: DEMO.skills.retention, proficiency: 3 }) },
  { op: 'postUserRoutinglanguages', body: () => ({ id: DEMO.languages.english, proficiency: 4 }) },
  { op: 'patchUserRoutingskillsBulk', body: () => [{ id: DEMO.skills.retention, proficiency: 2 }] },
  { op: 'patchUserRoutinglanguagesBulk', body: () => [{ id: DEMO.languages.english, proficiency: 5 }] },
];

/** The user-routing calls that change or delete, after the core ones. */
export const USER_ROUTING_CHANGE: readonly Call[] = [
  {
    op: 'patchUserQueue',
    // The SDK takes (queueId, userId), the reverse of the path's order the plan fills positions from.
    params: () => ({ userId: DEMO.queues.support, queueId: DEMO.users.alice }),
    body: () => ({ joined: false }),
  },
  { op: 'patchUserQueues', body: () => [{ id: DEMO.queues.support, joined: true }] },
  { op: 'putUserRoutingskill', body: () => ({ proficiency: 5 }) },
  { op: 'deleteUserRoutingskill', params: () => ({ skillId: DEMO.skills.retention }) },
  { op: 'deleteUserRoutinglanguage' },
];
