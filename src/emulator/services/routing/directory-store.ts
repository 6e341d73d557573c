/**
 * @module
 * Routing directory state beside queues and groups: skills, languages, wrap-up codes, which users
 * hold which skills and languages, and which wrap-up codes a queue offers.
 */
import { declareStore } from '../../provider-contract.ts';

/** A routing skill or language (`RoutingSkill` / `Language`). */
export interface NamedRoutingEntity {
  id: string;
  name: string;
  dateModified: string;
  state: 'active' | 'inactive' | 'deleted';
  version: number;
}

/** A wrap-up code. */
interface WrapupCodeRecord {
  id: string;
  name: string;
  description?: string;
  dateCreated: string;
}

/** A user's proficiency in a skill or language (0–5, as Genesys rates it). */
export interface Proficiency {
  id: string;
  proficiency: number;
}

/** The routing directory of one org. */
export interface RoutingDirectoryStore {
  skills: Record<string, NamedRoutingEntity>;
  languages: Record<string, NamedRoutingEntity>;
  wrapupCodes: Record<string, WrapupCodeRecord>;
  /** userId → skills. */
  userSkills: Record<string, Proficiency[]>;
  /** userId → languages. */
  userLanguages: Record<string, Proficiency[]>;
  /** queueId → wrap-up code ids. */
  queueWrapupCodes: Record<string, string[]>;
}

/** Skills, languages and wrap-up codes. */
export const routingDirectoryStore = declareStore<RoutingDirectoryStore>('routingDirectory', () => ({
  skills: {},
  languages: {},
  wrapupCodes: {},
  userSkills: {},
  userLanguages: {},
  queueWrapupCodes: {},
}));
