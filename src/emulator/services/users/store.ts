/**
 * @module
 * Directory state: users, their stations and their routing status.
 */
import { declareStore } from '../../provider-contract.ts';

/** `RoutingStatus.status` values (platform.md §4.3). */
export const ROUTING_STATUSES = ['OFF_QUEUE', 'IDLE', 'INTERACTING', 'NOT_RESPONDING', 'COMMUNICATING'] as const;

/** A routing status. */
export type RoutingStatusValue = (typeof ROUTING_STATUSES)[number];

/** A user of the directory. */
export interface UserRecord {
  id: string;
  name: string;
  email: string;
  username: string;
  state: 'active' | 'inactive' | 'deleted';
  department?: string;
  title?: string;
  divisionId: string;
  version: number;
}

/** A WebRTC (or other) station; `userId` is the associated user, if any. */
export interface StationRecord {
  id: string;
  name: string;
  type: string;
  userId?: string;
  associatedDate?: string;
}

/** A user's routing status. */
export interface RoutingStatusRecord {
  status: RoutingStatusValue;
  startTime: string;
}

/** The users store of one org. */
export interface UsersStore {
  users: Record<string, UserRecord>;
  stations: Record<string, StationRecord>;
  routingStatus: Record<string, RoutingStatusRecord>;
  /** The org's home division. */
  division: { id: string; name: string };
}

/** Users, stations and routing statuses. */
export const usersStore = declareStore<UsersStore>('users', () => ({
  users: {},
  stations: {},
  routingStatus: {},
  division: { id: '00000000-0000-4000-8000-000000000d1d', name: 'Home' },
}));
