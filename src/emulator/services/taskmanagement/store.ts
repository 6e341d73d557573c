/**
 * @module
 * Task Management state of one org: workbins, worktypes with their statuses, and workitems.
 */
import { declareStore } from '../../provider-contract.ts';

/** `WorkitemStatus.category` values (the SDK's enum). */
export const STATUS_CATEGORIES = ['Open', 'InProgress', 'Waiting', 'Closed', 'Unknown'] as const;

/** The category of a status. */
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

/** When a record was created and last changed, and by which user (absent for a client-credentials caller). */
interface Stamp {
  id: string;
  dateCreated: string;
  dateModified: string;
  modifiedById?: string;
}

/** A workbin: a container of workitems. */
export interface WorkbinRecord extends Stamp {
  name: string;
  description?: string;
  divisionId: string;
}

/** A worktype: the defaults and statuses of the workitems created from it. */
export interface WorktypeRecord extends Stamp {
  name: string;
  description?: string;
  divisionId: string;
  defaultWorkbinId: string;
  defaultStatusId?: string;
  defaultDurationSeconds?: number;
  defaultExpirationSeconds?: number;
  defaultDueDurationSeconds?: number;
  defaultPriority?: number;
  defaultTtlSeconds?: number;
  defaultQueueId?: string;
  defaultLanguageId?: string;
  defaultSkillIds?: string[];
  defaultScriptId?: string;
  assignmentEnabled: boolean;
  serviceLevelTarget: number;
  ruleSettings?: { flowRulesEnabled?: boolean };
  unassignedDivisionContactsEnabled?: boolean;
  schemaId?: string;
  schemaVersion?: number;
}

/** A status of a worktype. */
export interface StatusRecord {
  id: string;
  worktypeId: string;
  name: string;
  category: StatusCategory;
  description?: string;
  /** Empty: a workitem in this status may move to any status of the worktype. */
  destinationStatusIds: string[];
  defaultDestinationStatusId?: string;
  statusTransitionDelaySeconds?: number;
  statusTransitionTime?: string;
  autoTerminateWorkitem: boolean;
}

/** A workitem. */
export interface WorkitemRecord extends Stamp {
  name: string;
  typeId: string;
  workbinId: string;
  statusId: string;
  divisionId: string;
  priority: number;
  description?: string;
  dateDue?: string;
  dateExpires?: string;
  durationSeconds?: number;
  ttl?: number;
  dateStatusChanged: string;
  dateClosed?: string;
  queueId?: string;
  assigneeId?: string;
  externalContactId?: string;
  externalTag?: string;
  languageId?: string;
  utilizationLabelId?: string;
  scriptId?: string;
  skillIds?: string[];
  preferredAgentIds?: string[];
  scoredAgents?: { id: string; score: number }[];
  autoStatusTransition: boolean;
  customFields?: Record<string, unknown>;
  assignmentState?: 'Disconnected' | 'Terminated';
  dateAssignmentStateChanged?: string;
  schemaId?: string;
  schemaVersion?: number;
}

/** The Task Management store of one org. */
export interface TaskManagementStore {
  workbins: Record<string, WorkbinRecord>;
  worktypes: Record<string, WorktypeRecord>;
  statuses: Record<string, StatusRecord>;
  workitems: Record<string, WorkitemRecord>;
}

/** Workbins, worktypes, statuses and workitems by id. */
export const taskManagementStore = declareStore<TaskManagementStore>('taskmanagement', () => ({
  workbins: {},
  worktypes: {},
  statuses: {},
  workitems: {},
}));
