/**
 * @module
 * Task Management state of one org: workbins, worktypes with their statuses and flow rules, and
 * workitems.
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

/** `WorkitemOnAttributeChangeCondition.attribute` values (the SDK's enum). */
export const CHANGE_ATTRIBUTES = [
  'statusId',
  'priority',
  'queueId',
  'assigneeId',
  'assignmentState',
  'languageId',
  'externalTag',
  'wrapup',
] as const;

/** `WorkitemDateBasedCondition.attribute` values (the SDK's enum). */
export const DATE_ATTRIBUTES = ['dateDue', 'dateExpires', 'ttl', 'dateCreated'] as const;

/** `WorkitemOnAttributeChangeCondition.operator` values (the SDK's enum; priority only). */
export const PRIORITY_OPERATORS = ['EQ', 'GT', 'LT', 'GTE', 'LTE'] as const;

/** An OnAttributeChange rule's condition. */
export interface AttributeChangeCondition {
  attribute: (typeof CHANGE_ATTRIBUTES)[number];
  newValue?: string;
  oldValue?: string;
  operator?: (typeof PRIORITY_OPERATORS)[number];
  value?: number;
}

/** A Date rule's condition: minutes before (negative) or after a date attribute. */
export interface DateCondition {
  attribute: (typeof DATE_ATTRIBUTES)[number];
  relativeMinutesToInvocation: number;
}

/** A flow rule of a worktype: when to launch the worktype's workitem flow. */
export type FlowRuleRecord = { id: string; worktypeId: string; name: string } & (
  | { type: 'OnCreate' }
  | { type: 'OnAttributeChange'; condition: AttributeChangeCondition }
  | { type: 'Date'; condition: DateCondition }
);

/** The Task Management store of one org. */
export interface TaskManagementStore {
  workbins: Record<string, WorkbinRecord>;
  worktypes: Record<string, WorktypeRecord>;
  statuses: Record<string, StatusRecord>;
  workitems: Record<string, WorkitemRecord>;
  /** The worktypes' flow rules (absent in state saved before they were modeled). */
  rules?: Record<string, FlowRuleRecord>;
}

/** Workbins, worktypes, statuses and workitems by id. */
export const taskManagementStore = declareStore<TaskManagementStore>('taskmanagement', () => ({
  workbins: {},
  worktypes: {},
  statuses: {},
  workitems: {},
  rules: {},
}));
