/**
 * @module
 * Architect schedules and schedule groups of one org.
 */
import { declareStore } from '../../provider-contract.ts';

/** A schedule: a local start and end (no zone: the group's time zone applies) and an RRULE. */
export interface ScheduleRecord {
  id: string;
  name: string;
  description?: string;
  /** `YYYY-MM-DDTHH:mm:ss.SSS`, local to the time zone of the group that uses it. */
  start: string;
  end: string;
  rrule?: string;
  version: number;
  dateCreated: string;
  dateModified: string;
}

/** A schedule group: a time zone and the schedules it opens, closes and marks as holidays. */
export interface ScheduleGroupRecord {
  id: string;
  name: string;
  description?: string;
  timeZone: string;
  openScheduleIds: string[];
  closedScheduleIds: string[];
  holidayScheduleIds: string[];
  version: number;
  dateCreated: string;
  dateModified: string;
}

/** An emergency group: when enabled, Evaluate Schedule Group takes its Emergency path. */
export interface EmergencyGroupRecord {
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  /** As posted: `[{ emergencyFlow: { id }, ivrs: [{ id }] }]`. */
  emergencyCallFlows: unknown[];
  version: number;
  dateCreated: string;
  dateModified: string;
}

/** The schedules store of one org. */
export interface SchedulesStore {
  schedules: Record<string, ScheduleRecord>;
  groups: Record<string, ScheduleGroupRecord>;
  emergencyGroups: Record<string, EmergencyGroupRecord>;
}

/** Schedules, schedule groups and emergency groups. */
export const schedulesStore = declareStore<SchedulesStore>('schedules', () => ({
  schedules: {},
  groups: {},
  emergencyGroups: {},
}));
