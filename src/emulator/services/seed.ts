/**
 * @module
 * Seed data. `demo`: a small contact center (agents with emails and WebRTC stations, two queues,
 * a group, an org presence "Lunch" under Away). `empty`: just the system presences and the home
 * division. Ids are fixed, so tests and demos can refer to them through {@link DEMO}.
 */
import type { OrgState } from '../kernel.ts';
import { SYSTEM_PRESENCE_IDS } from './presence/naming.ts';
import { presenceStore } from './presence/store.ts';
import { routingStore } from './routing/store.ts';
import { usersStore } from './users/store.ts';

/** The seed names. */
export type SeedName = 'demo' | 'empty';

/** The org every emulator serves. */
export const EMULATOR_ORG_ID = '5f1b2c3d-0000-4000-8000-0000000000a1';

/** Fixed ids of the demo seed. */
export const DEMO = {
  orgId: EMULATOR_ORG_ID,
  divisionId: '00000000-0000-4000-8000-000000000d1d',
  users: {
    alice: 'a11ce000-0000-4000-8000-000000000001',
    bob: 'b0b00000-0000-4000-8000-000000000002',
    carol: 'ca201000-0000-4000-8000-000000000003',
    dave: 'da7e0000-0000-4000-8000-000000000004',
  },
  stations: {
    alice: '57a71011-0000-4000-8000-000000000001',
    bob: '57a71011-0000-4000-8000-000000000002',
    carol: '57a71011-0000-4000-8000-000000000003',
    spare: '57a71011-0000-4000-8000-000000000009',
  },
  queues: {
    support: '90e0e000-0000-4000-8000-000000000001',
    sales: '90e0e000-0000-4000-8000-000000000002',
  },
  groups: {
    pickup: '9a0b0000-0000-4000-8000-000000000001',
  },
  presences: {
    lunch: '1c4c0000-0000-4000-8000-000000000001',
  },
} as const;

const SEED_TIME = '2026-01-05T08:00:00.000Z';

function seedDemo(org: OrgState): void {
  const users = org.get(usersStore);
  const people = [
    { key: 'alice', name: 'Alice Anders', title: 'Agent', department: 'Support' },
    { key: 'bob', name: 'Bob Brandt', title: 'Agent', department: 'Support' },
    { key: 'carol', name: 'Carol Chen', title: 'Agent', department: 'Sales' },
    { key: 'dave', name: 'Dave Duarte', title: 'Supervisor', department: 'Support' },
  ] as const;
  for (const p of people) {
    const id = DEMO.users[p.key];
    const email = `${p.key}@example.com`;
    users.users[id] = { id, name: p.name, email, username: email, state: 'active', title: p.title, department: p.department, divisionId: DEMO.divisionId, version: 1 };
  }
  for (const key of ['alice', 'bob', 'carol'] as const) {
    const id = DEMO.stations[key];
    users.stations[id] = { id, name: `${key.charAt(0).toUpperCase()}${key.slice(1)} WebRTC`, type: 'inin_webrtc_softphone', userId: DEMO.users[key], associatedDate: SEED_TIME };
  }
  users.stations[DEMO.stations.spare] = { id: DEMO.stations.spare, name: 'Spare WebRTC', type: 'inin_webrtc_softphone' };
  users.routingStatus[DEMO.users.alice] = { status: 'IDLE', startTime: SEED_TIME };
  org.touch(usersStore);

  const presence = org.get(presenceStore);
  presence.definitions[DEMO.presences.lunch] = {
    id: DEMO.presences.lunch,
    systemPresence: 'AWAY',
    languageLabels: { en_US: 'Lunch' },
    primary: false,
    deactivated: false,
    divisionId: '*',
    createdDate: SEED_TIME,
  };
  const at = (definitionId: string): { definitionId: string; message: string; modifiedDate: string } => ({ definitionId, message: '', modifiedDate: SEED_TIME });
  presence.users[DEMO.users.alice] = at(SYSTEM_PRESENCE_IDS.ON_QUEUE);
  presence.users[DEMO.users.bob] = at(SYSTEM_PRESENCE_IDS.AVAILABLE);
  presence.users[DEMO.users.carol] = at(SYSTEM_PRESENCE_IDS.AVAILABLE);
  presence.users[DEMO.users.dave] = at(SYSTEM_PRESENCE_IDS.OFFLINE);
  org.touch(presenceStore);

  const routing = org.get(routingStore);
  routing.queues[DEMO.queues.support] = {
    id: DEMO.queues.support, name: 'Support', description: 'Inbound support calls', memberIds: [DEMO.users.alice, DEMO.users.bob, DEMO.users.dave], divisionId: DEMO.divisionId, dateCreated: SEED_TIME,
  };
  routing.queues[DEMO.queues.sales] = {
    id: DEMO.queues.sales, name: 'Sales', description: 'Inbound sales calls and callbacks', memberIds: [DEMO.users.carol], divisionId: DEMO.divisionId, dateCreated: SEED_TIME,
  };
  routing.groups[DEMO.groups.pickup] = {
    id: DEMO.groups.pickup, name: 'Call Pickup', description: 'Agents who may pick up each other\'s calls', memberIds: [DEMO.users.alice, DEMO.users.bob], type: 'official', visibility: 'public', dateModified: SEED_TIME,
  };
  org.touch(routingStore);
}

function seedEmpty(org: OrgState): void {
  org.get(usersStore);
  org.get(presenceStore);
  org.touch(usersStore);
  org.touch(presenceStore);
}

/**
 * Fill a fresh org with a seed.
 * @example
 * seedOrg(org, 'demo'); // DEMO.users.alice now exists
 */
export function seedOrg(org: OrgState, seed: SeedName): void {
  if (seed === 'demo') seedDemo(org);
  else seedEmpty(org);
}
