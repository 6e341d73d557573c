/**
 * @module
 * The ten system presences and how each API surface spells them (platform.md §4.5): the legacy
 * `/presencedefinitions` title case ("On Queue"), the new `/presence/definitions` enum
 * ("OnQueue"), and the UPPER_CASE of notifications and analytics ("ON_QUEUE").
 */

/** A system presence, in the UPPER_CASE spelling used as the canonical key. */
export type SystemPresenceKey =
  'AVAILABLE' | 'BUSY' | 'AWAY' | 'BREAK' | 'MEAL' | 'MEETING' | 'TRAINING' | 'IDLE' | 'ON_QUEUE' | 'OFFLINE';

/** One system presence with its real id and its spellings. */
export interface SystemPresenceInfo {
  readonly key: SystemPresenceKey;
  /** The primary definition id, the same in every org (platform.md §4.5, TF-PRES). */
  readonly id: string;
  /** Legacy API and `UserPresence` spelling. */
  readonly legacy: string;
  /** New API (`/api/v2/presence/definitions`) spelling. */
  readonly api: string;
}

/** The ten system presences, in the order Genesys lists them. */
export const SYSTEM_PRESENCES: readonly SystemPresenceInfo[] = [
  { key: 'AVAILABLE', id: '6a3af858-942f-489d-9700-5f9bcdcdae9b', legacy: 'Available', api: 'Available' },
  { key: 'BUSY', id: '31fe3bac-dea6-44b7-bed7-47f91660a1a0', legacy: 'Busy', api: 'Busy' },
  { key: 'AWAY', id: '5e5c5c66-ea97-4e7f-ac41-6424784829f2', legacy: 'Away', api: 'Away' },
  { key: 'BREAK', id: '227b37e2-f1d0-4dd0-8f50-badd7cf6d158', legacy: 'Break', api: 'Break' },
  { key: 'MEAL', id: '3fd96123-badb-4f69-bc03-1b1ccc6d8014', legacy: 'Meal', api: 'Meal' },
  { key: 'MEETING', id: 'bbdff279-7ae1-48ea-bade-7831d7234c64', legacy: 'Meeting', api: 'Meeting' },
  { key: 'TRAINING', id: 'd2390a99-8546-bad9-8f0a-219548e8aeb0', legacy: 'Training', api: 'Training' },
  { key: 'IDLE', id: '7ffa01cd-7866-4ad7-8faa-31e11b42f51f', legacy: 'Idle', api: 'Idle' },
  { key: 'ON_QUEUE', id: 'e08eaf1b-ee47-4fa9-a231-1200e284798f', legacy: 'On Queue', api: 'OnQueue' },
  { key: 'OFFLINE', id: 'ccf3c10a-aa2c-4845-8e8d-f59fa48c58e5', legacy: 'Offline', api: 'Offline' },
];

/** System presence id by key, e.g. `SYSTEM_PRESENCE_IDS.ON_QUEUE`. */
export const SYSTEM_PRESENCE_IDS: Readonly<Record<SystemPresenceKey, string>> = Object.fromEntries(
  SYSTEM_PRESENCES.map((p) => [p.key, p.id]),
) as Record<SystemPresenceKey, string>;

/** The info of a system presence key. */
export function systemPresence(key: SystemPresenceKey): SystemPresenceInfo {
  return SYSTEM_PRESENCES.find((p) => p.key === key)!;
}
