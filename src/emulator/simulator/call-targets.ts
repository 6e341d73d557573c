/**
 * @module
 * Where a simulated call goes: its destination (a phone number, user, group or queue) resolved
 * against the org's directory, and the causes recorded when a far end does not connect.
 */
import type { DisconnectType } from '../../core/index.ts';
import { invalidError, notFoundError, stateError } from './conversation-engine.ts';
import { toE164 } from './test-numbers.ts';
import type { CallTarget, Directory, SimSegment } from './types.ts';

/** A resolved destination. */
export type ResolvedTarget =
  | { kind: 'pstn'; e164: string }
  | { kind: 'user'; id: string; name: string }
  | { kind: 'group'; id: string; name: string; memberIds: readonly string[] }
  | { kind: 'queue'; id: string; name: string };

/** Causes recorded on a far end that did not connect (SIP status, Q.850 cause). */
export const FAR_END_CAUSES: Record<
  'busy' | 'failure' | 'no-answer',
  { type: DisconnectType; causes: Partial<SimSegment> }
> = {
  busy: { type: 'ENDPOINT', causes: { sipResponseCodes: [486], q850ResponseCodes: [17] } },
  failure: { type: 'ERROR', causes: { sipResponseCodes: [503], q850ResponseCodes: [41] } },
  'no-answer': { type: 'TIMEOUT', causes: { sipResponseCodes: [480], q850ResponseCodes: [19] } },
};

/** A call's destination resolved against the org's directory, or the error a caller gets. */
export function resolveTarget(
  to: CallTarget,
  callerId: string,
  org: {
    user(id: string, field: string): { id: string; name: string };
    queue(id: string, field: string): { id: string; name: string };
    readonly directory: Directory;
  },
): ResolvedTarget {
  const keys = Object.keys(to).filter((k) => (to as Record<string, unknown>)[k] !== undefined);
  if (keys.length !== 1) {
    throw invalidError(
      'to',
      `a call needs exactly one destination (phoneNumber, userId, groupId or queueId); got ${keys.length === 0 ? 'none' : keys.join(', ')}`,
    );
  }
  if ('phoneNumber' in to) return { kind: 'pstn', e164: toE164(to.phoneNumber, 'phoneNumber') };
  if ('userId' in to) {
    const u = org.user(to.userId, 'userId');
    if (u.id === callerId) throw invalidError('userId', `a user cannot call themself; userId ${u.id} is the caller`);
    return { kind: 'user', ...u };
  }
  if ('groupId' in to) {
    const g = org.directory.group(to.groupId);
    if (!g) throw notFoundError('group', to.groupId, 'groupId');
    const memberIds = g.memberIds.filter((m) => m !== callerId && org.directory.user(m));
    if (memberIds.length === 0)
      throw stateError(`a group call needs a member to ring; group ${g.id} has no member besides the caller`, {
        groupId: g.id,
      });
    return { kind: 'group', id: g.id, name: g.name, memberIds };
  }
  return { kind: 'queue', ...org.queue(to.queueId, 'queueId') };
}
