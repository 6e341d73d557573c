/**
 * @module
 * Who may place a call: the Conversations API places a call from the caller's station (phone)
 * and refuses a caller who is not working. Both checks run on `POST /api/v2/conversations/calls`
 * and `/calls/user/{userId}`; the simulator control routes bypass them on purpose (they simulate
 * what happens, not what the API allows).
 *
 * The codes and messages are [INFERRED]: platform.md records neither. They follow Genesys's
 * `ErrorBody` conventions (dotted lowercase codes, `messageWithParams` + `messageParams`).
 */
import { ApiError } from '../../errors.ts';
import type { OrgState } from '../../provider-contract.ts';
import { presenceDefinitionOf } from '../presence/activity.ts';
import { systemPresence } from '../presence/naming.ts';
import type { SystemPresenceKey } from '../presence/naming.ts';
import { usersStore } from '../users/store.ts';

/** System presences from which no call is placed (the outbound issue: Offline, Meal, Break). */
const CALL_REFUSED_PRESENCES: readonly SystemPresenceKey[] = ['OFFLINE', 'MEAL', 'BREAK'];

/** [INFERRED] code of the 403 for a caller in a refused presence. */
export const PRESENCE_REFUSED_CODE = 'conversation.user.presence.not.allowed';

/** [INFERRED] code of the 400 for a caller without an associated station. */
export const NO_STATION_CODE = 'conversation.user.station.required';

/** The station associated with the user, if any. */
function associatedStationId(org: OrgState, userId: string): string | undefined {
  return Object.values(org.get(usersStore).stations).find((s) => s.userId === userId)?.id;
}

/**
 * Refuse a caller who cannot place a call now: presence first (the more actionable reason),
 * then the station.
 * @throws ApiError 403 {@link PRESENCE_REFUSED_CODE} naming the presence; 400 {@link NO_STATION_CODE}
 * @example
 * checkCaller(c.get('org'), userId); // then create the conversation
 */
export function checkCaller(org: OrgState, userId: string): void {
  const def = presenceDefinitionOf(org, userId);
  if (CALL_REFUSED_PRESENCES.includes(def.systemPresence)) {
    const presence = systemPresence(def.systemPresence).legacy;
    const refused = CALL_REFUSED_PRESENCES.map((k) => systemPresence(k).legacy).join(', ');
    throw new ApiError(
      403,
      PRESENCE_REFUSED_CODE,
      `User ${userId} cannot place a call while their presence is ${presence}; calls are refused in ${refused}`,
      {
        messageWithParams: 'User {userId} cannot place a call while their presence is {presence}',
        messageParams: { userId, presence },
        details: [{ errorCode: PRESENCE_REFUSED_CODE, entityId: userId, entityName: 'user' }],
      },
    );
  }
  if (associatedStationId(org, userId) === undefined) {
    throw new ApiError(
      400,
      NO_STATION_CODE,
      `User ${userId} has no associated station; a call is placed from the user's station, so associate one (a phone or WebRTC station) first`,
      {
        messageWithParams: 'User {userId} has no associated station',
        messageParams: { userId },
        details: [{ errorCode: NO_STATION_CODE, entityId: userId, entityName: 'user' }],
      },
    );
  }
}
