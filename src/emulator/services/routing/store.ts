/**
 * @module
 * Routing directory state: queues and groups with their members.
 */
import { declareStore } from '../../provider-contract.ts';

/** An ACD queue. */
export interface QueueRecord {
  id: string;
  name: string;
  description: string;
  memberIds: string[];
  /** Members who have unjoined the queue: still members, but not offered its interactions. */
  unjoinedIds?: string[];
  divisionId: string;
  dateCreated: string;
}

/** A group of users. */
export interface GroupRecord {
  id: string;
  name: string;
  description: string;
  memberIds: string[];
  type: 'official' | 'social';
  visibility: 'public' | 'owners' | 'members';
  dateModified: string;
}

/** The routing store of one org. */
export interface RoutingStore {
  queues: Record<string, QueueRecord>;
  groups: Record<string, GroupRecord>;
}

/** Queues and groups. */
export const routingStore = declareStore<RoutingStore>('routing', () => ({ queues: {}, groups: {} }));

/** The members of a queue who are joined to it (offered its interactions). */
export function joinedMemberIds(q: QueueRecord): string[] {
  const unjoined = new Set(q.unjoinedIds ?? []);
  return q.memberIds.filter((id) => !unjoined.has(id));
}
