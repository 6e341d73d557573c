/**
 * @module
 * Presence state: the org's presence definitions (the ten system ones plus secondary org
 * presences) and each user's current PURECLOUD presence.
 */
import { declareStore } from '../../provider-contract.ts';
import type { SystemPresenceKey } from './naming.ts';
import { SYSTEM_PRESENCES } from './naming.ts';

/** A presence definition. */
export interface PresenceDefinitionRecord {
  id: string;
  systemPresence: SystemPresenceKey;
  /** Locale → label, e.g. `{ en_US: 'Lunch' }`. */
  languageLabels: Record<string, string>;
  /** True for the ten system definitions. */
  primary: boolean;
  deactivated: boolean;
  divisionId: string;
  createdDate: string;
}

/** A user's current presence. */
export interface UserPresenceRecord {
  definitionId: string;
  message: string;
  modifiedDate: string;
}

/** The presence store of one org. */
export interface PresenceStore {
  definitions: Record<string, PresenceDefinitionRecord>;
  users: Record<string, UserPresenceRecord>;
}

/** The ten system definitions, as every org has them. */
function systemDefinitions(createdDate: string): Record<string, PresenceDefinitionRecord> {
  return Object.fromEntries(
    SYSTEM_PRESENCES.map((p) => [
      p.id,
      {
        id: p.id,
        systemPresence: p.key,
        languageLabels: { en_US: p.legacy },
        primary: true,
        deactivated: false,
        divisionId: '*',
        createdDate,
      },
    ]),
  );
}

/** Presence definitions and user presences. */
export const presenceStore = declareStore<PresenceStore>('presence', () => ({
  definitions: systemDefinitions('2016-01-01T00:00:00.000Z'),
  users: {},
}));
