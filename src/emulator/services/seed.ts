/**
 * @module
 * Seed data. `demo`: a small contact center (agents with emails and WebRTC stations, two queues,
 * a group, an org presence "Lunch" under Away). `empty`: just the system presences and the home
 * division. Ids are fixed, so tests and demos can refer to them through {@link DEMO}.
 */
import type { OrgState } from '../provider-contract.ts';
import { SYSTEM_PRESENCE_IDS } from './presence/naming.ts';
import { presenceStore } from './presence/store.ts';
import { routingDirectoryStore } from './routing/directory-store.ts';
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
  skills: {
    billing: '5c111000-0000-4000-8000-000000000001',
    retention: '5c111000-0000-4000-8000-000000000002',
  },
  languages: {
    english: '1a000000-0000-4000-8000-000000000001',
    spanish: '1a000000-0000-4000-8000-000000000002',
  },
  wrapupCodes: {
    resolved: '3a990000-0000-4000-8000-000000000001',
    followUp: '3a990000-0000-4000-8000-000000000002',
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
    users.users[id] = {
      id,
      name: p.name,
      email,
      username: email,
      state: 'active',
      title: p.title,
      department: p.department,
      divisionId: DEMO.divisionId,
      version: 1,
    };
  }
  for (const key of ['alice', 'bob', 'carol'] as const) {
    const id = DEMO.stations[key];
    users.stations[id] = {
      id,
      name: `${key.charAt(0).toUpperCase()}${key.slice(1)} WebRTC`,
      type: 'inin_webrtc_softphone',
      userId: DEMO.users[key],
      associatedDate: SEED_TIME,
    };
  }
  users.stations[DEMO.stations.spare] = {
    id: DEMO.stations.spare,
    name: 'Spare WebRTC',
    type: 'inin_webrtc_softphone',
  };
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
  const at = (definitionId: string): { definitionId: string; message: string; modifiedDate: string } => ({
    definitionId,
    message: '',
    modifiedDate: SEED_TIME,
  });
  presence.users[DEMO.users.alice] = at(SYSTEM_PRESENCE_IDS.ON_QUEUE);
  presence.users[DEMO.users.bob] = at(SYSTEM_PRESENCE_IDS.AVAILABLE);
  presence.users[DEMO.users.carol] = at(SYSTEM_PRESENCE_IDS.AVAILABLE);
  presence.users[DEMO.users.dave] = at(SYSTEM_PRESENCE_IDS.OFFLINE);
  org.touch(presenceStore);

  const routing = org.get(routingStore);
  routing.queues[DEMO.queues.support] = {
    id: DEMO.queues.support,
    name: 'Support',
    description: 'Inbound support calls',
    memberIds: [DEMO.users.alice, DEMO.users.bob, DEMO.users.dave],
    divisionId: DEMO.divisionId,
    dateCreated: SEED_TIME,
  };
  routing.queues[DEMO.queues.sales] = {
    id: DEMO.queues.sales,
    name: 'Sales',
    description: 'Inbound sales calls and callbacks',
    memberIds: [DEMO.users.carol],
    divisionId: DEMO.divisionId,
    dateCreated: SEED_TIME,
  };
  routing.groups[DEMO.groups.pickup] = {
    id: DEMO.groups.pickup,
    name: 'Call Pickup',
    description: "Agents who may pick up each other's calls",
    memberIds: [DEMO.users.alice, DEMO.users.bob],
    type: 'official',
    visibility: 'public',
    dateModified: SEED_TIME,
  };
  org.touch(routingStore);

  const dir = org.get(routingDirectoryStore);
  const entity = (id: string, name: string) => ({
    id,
    name,
    dateModified: SEED_TIME,
    state: 'active' as const,
    version: 1,
  });
  dir.skills[DEMO.skills.billing] = entity(DEMO.skills.billing, 'Billing');
  dir.skills[DEMO.skills.retention] = entity(DEMO.skills.retention, 'Retention');
  dir.languages[DEMO.languages.english] = entity(DEMO.languages.english, 'English');
  dir.languages[DEMO.languages.spanish] = entity(DEMO.languages.spanish, 'Spanish');
  dir.wrapupCodes[DEMO.wrapupCodes.resolved] = {
    id: DEMO.wrapupCodes.resolved,
    name: 'Resolved',
    dateCreated: SEED_TIME,
  };
  dir.wrapupCodes[DEMO.wrapupCodes.followUp] = {
    id: DEMO.wrapupCodes.followUp,
    name: 'Follow-up needed',
    dateCreated: SEED_TIME,
  };
  dir.userSkills[DEMO.users.alice] = [{ id: DEMO.skills.billing, proficiency: 4 }];
  dir.userSkills[DEMO.users.carol] = [{ id: DEMO.skills.retention, proficiency: 5 }];
  dir.userLanguages[DEMO.users.alice] = [
    { id: DEMO.languages.english, proficiency: 5 },
    { id: DEMO.languages.spanish, proficiency: 3 },
  ];
  dir.userLanguages[DEMO.users.carol] = [{ id: DEMO.languages.english, proficiency: 5 }];
  dir.queueWrapupCodes[DEMO.queues.support] = [DEMO.wrapupCodes.resolved, DEMO.wrapupCodes.followUp];
  dir.queueWrapupCodes[DEMO.queues.sales] = [DEMO.wrapupCodes.resolved];
  org.touch(routingDirectoryStore);
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
