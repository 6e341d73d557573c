/**
 * @module
 * What the schedule, schedule-group and emergency-group routes share: the org's division as
 * Genesys shows it on each object, the `?name=` filter of their lists, and the stamp of a record.
 */
import type { OrgState } from '../../provider-contract.ts';
import { usersStore } from '../users/store.ts';

/** The org's (home) division, as an Architect object references it. */
export function division(org: OrgState): Record<string, string> {
  const d = org.get(usersStore).division;
  return { id: d.id, name: d.name, selfUri: `/api/v2/authorization/divisions/${d.id}` };
}

/** A list filtered by `?name=` (case-insensitive substring, `*` ignored) and sorted by name. */
export const byName = <T extends { name: string }>(items: T[], name: string | undefined): T[] => {
  const q = name?.toLowerCase().replace(/\*/g, '');
  return items.filter((x) => !q || x.name.toLowerCase().includes(q)).sort((a, b) => a.name.localeCompare(b.name));
};

/** The identity and versioning of a stored schedule or group. */
export interface Stamp {
  id: string;
  version: number;
  dateCreated: string;
  dateModified: string;
}
