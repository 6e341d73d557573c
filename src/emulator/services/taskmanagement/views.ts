/**
 * @module
 * The Task Management records as the API answers them (`Workbin`, `Worktype`, `WorkitemStatus`,
 * `Workitem`): references with their `selfUri`, optional fields omitted rather than null.
 *
 * [INFERRED] A reference a workitem holds (`type`, `workbin`, `status`, `queue`, `assignee`)
 * carries its `name` only when the request expands it (`expands=type,status…`), as the `expands`
 * parameter of GET workitem suggests; a worktype always names its default workbin and status, and
 * its `defaultQueue` and `flow` when expanded.
 */
import type { OrgState } from '../../provider-contract.ts';
import { routingStore } from '../routing/store.ts';
import { usersStore } from '../users/store.ts';
import type { StatusRecord, TaskManagementStore, WorkbinRecord, WorkitemRecord, WorktypeRecord } from './store.ts';

/** The base path of the API. */
export const TM = '/api/v2/taskmanagement';

type Json = Record<string, unknown>;

/** The fields of `source` whose value is not undefined. */
function defined(source: Json): Json {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined));
}

function division(org: OrgState, id: string): Json {
  const home = org.get(usersStore).division;
  return defined({
    id,
    name: id === home.id ? home.name : undefined,
    selfUri: `/api/v2/authorization/divisions/${id}`,
  });
}

const userRef = (id: string | undefined): Json | undefined =>
  id === undefined ? undefined : { id, selfUri: `/api/v2/users/${id}` };

const ref = (id: string, selfUri: string, name?: string): Json => defined({ id, name, selfUri });

/** The `selfUri` of a status. */
const statusUri = (s: Pick<StatusRecord, 'id' | 'worktypeId'>): string =>
  `${TM}/worktypes/${s.worktypeId}/statuses/${s.id}`;

function statusRef(store: TaskManagementStore, id: string | undefined, named: boolean): Json | undefined {
  const s = id === undefined ? undefined : store.statuses[id];
  return s === undefined ? undefined : ref(s.id, statusUri(s), named ? s.name : undefined);
}

function schemaOf(r: { schemaId?: string; schemaVersion?: number }): Json | undefined {
  return r.schemaId === undefined
    ? undefined
    : {
        id: r.schemaId,
        version: r.schemaVersion ?? 1,
        selfUri: `${TM}/workitems/schemas/${r.schemaId}`,
      };
}

/** A workbin as `Workbin`. */
export function toWorkbin(org: OrgState, w: WorkbinRecord): Json {
  return defined({
    id: w.id,
    name: w.name,
    division: division(org, w.divisionId),
    description: w.description,
    dateCreated: w.dateCreated,
    dateModified: w.dateModified,
    modifiedBy: userRef(w.modifiedById),
    selfUri: `${TM}/workbins/${w.id}`,
  });
}

/** A status as `WorkitemStatus`. */
export function toStatus(store: TaskManagementStore, s: StatusRecord): Json {
  const type = store.worktypes[s.worktypeId];
  return defined({
    id: s.id,
    name: s.name,
    category: s.category,
    destinationStatuses: s.destinationStatusIds.map((id) => statusRef(store, id, true)).filter(Boolean),
    description: s.description,
    defaultDestinationStatus: statusRef(store, s.defaultDestinationStatusId, true),
    statusTransitionDelaySeconds: s.statusTransitionDelaySeconds,
    statusTransitionTime: s.statusTransitionTime,
    worktype: ref(s.worktypeId, `${TM}/worktypes/${s.worktypeId}`, type?.name),
    autoTerminateWorkitem: s.autoTerminateWorkitem,
    selfUri: statusUri(s),
  });
}

/** The statuses of a worktype, in the order they were created. */
export function statusesOf(store: TaskManagementStore, worktypeId: string): StatusRecord[] {
  return Object.values(store.statuses).filter((s) => s.worktypeId === worktypeId);
}

/**
 * A worktype as `Worktype`; `expands` may hold `defaultQueue` and `flow` (name the queue, the flow).
 * `flow` is the worktype's workitem flow, when there is one.
 */
export function toWorktype(
  org: OrgState,
  store: TaskManagementStore,
  w: WorktypeRecord,
  expands: ReadonlySet<string> = new Set(),
  flow?: { readonly id: string; readonly name: string },
): Json {
  const bin = store.workbins[w.defaultWorkbinId];
  const queue = w.defaultQueueId === undefined ? undefined : org.get(routingStore).queues[w.defaultQueueId];
  return defined({
    id: w.id,
    name: w.name,
    division: division(org, w.divisionId),
    description: w.description,
    dateCreated: w.dateCreated,
    dateModified: w.dateModified,
    defaultWorkbin: ref(w.defaultWorkbinId, `${TM}/workbins/${w.defaultWorkbinId}`, bin?.name),
    defaultStatus: statusRef(store, w.defaultStatusId, true),
    statuses: statusesOf(store, w.id).map((s) => toStatus(store, s)),
    defaultDurationSeconds: w.defaultDurationSeconds,
    defaultExpirationSeconds: w.defaultExpirationSeconds,
    defaultDueDurationSeconds: w.defaultDueDurationSeconds,
    defaultPriority: w.defaultPriority,
    defaultLanguage:
      w.defaultLanguageId === undefined
        ? undefined
        : ref(w.defaultLanguageId, `/api/v2/routing/languages/${w.defaultLanguageId}`),
    defaultTtlSeconds: w.defaultTtlSeconds,
    modifiedBy: userRef(w.modifiedById),
    defaultQueue:
      w.defaultQueueId === undefined
        ? undefined
        : ref(
            w.defaultQueueId,
            `/api/v2/routing/queues/${w.defaultQueueId}`,
            expands.has('defaultQueue') ? queue?.name : undefined,
          ),
    defaultSkills: w.defaultSkillIds?.map((id) => ref(id, `/api/v2/routing/skills/${id}`)),
    assignmentEnabled: w.assignmentEnabled,
    schema: schemaOf(w),
    serviceLevelTarget: w.serviceLevelTarget,
    ruleSettings: w.ruleSettings,
    defaultScript:
      w.defaultScriptId === undefined ? undefined : ref(w.defaultScriptId, `/api/v2/scripts/${w.defaultScriptId}`),
    unassignedDivisionContactsEnabled: w.unassignedDivisionContactsEnabled,
    flow:
      flow === undefined
        ? undefined
        : ref(flow.id, `/api/v2/flows/${flow.id}`, expands.has('flow') ? flow.name : undefined),
    selfUri: `${TM}/worktypes/${w.id}`,
  });
}

/** The `expands` a workitem answer may name. */
export const WORKITEM_EXPANDS = ['type', 'workbin', 'status', 'queue', 'assignee', 'reporter'] as const;

/** A workitem as `Workitem`; `expands` names the references that carry their name. */
export function toWorkitem(
  org: OrgState,
  store: TaskManagementStore,
  w: WorkitemRecord,
  expands: ReadonlySet<string> = new Set(),
): Json {
  const status = store.statuses[w.statusId];
  const queue = w.queueId === undefined ? undefined : org.get(routingStore).queues[w.queueId];
  const assignee = w.assigneeId === undefined ? undefined : org.get(usersStore).users[w.assigneeId];
  return defined({
    id: w.id,
    name: w.name,
    division: division(org, w.divisionId),
    type: ref(
      w.typeId,
      `${TM}/worktypes/${w.typeId}`,
      expands.has('type') ? store.worktypes[w.typeId]?.name : undefined,
    ),
    description: w.description,
    language: w.languageId === undefined ? undefined : ref(w.languageId, `/api/v2/routing/languages/${w.languageId}`),
    utilizationLabel:
      w.utilizationLabelId === undefined
        ? undefined
        : ref(w.utilizationLabelId, `/api/v2/routing/utilization/labels/${w.utilizationLabelId}`),
    priority: w.priority,
    dateCreated: w.dateCreated,
    dateModified: w.dateModified,
    dateDue: w.dateDue,
    dateExpires: w.dateExpires,
    durationSeconds: w.durationSeconds,
    ttl: w.ttl,
    status: statusRef(store, w.statusId, expands.has('status')),
    statusCategory: status?.category,
    dateStatusChanged: w.dateStatusChanged,
    dateClosed: w.dateClosed,
    workbin: ref(
      w.workbinId,
      `${TM}/workbins/${w.workbinId}`,
      expands.has('workbin') ? store.workbins[w.workbinId]?.name : undefined,
    ),
    assignee:
      w.assigneeId === undefined
        ? undefined
        : ref(w.assigneeId, `/api/v2/users/${w.assigneeId}`, expands.has('assignee') ? assignee?.name : undefined),
    externalContact:
      w.externalContactId === undefined
        ? undefined
        : ref(w.externalContactId, `/api/v2/externalcontacts/contacts/${w.externalContactId}`),
    externalTag: w.externalTag,
    modifiedBy: userRef(w.modifiedById),
    queue:
      w.queueId === undefined
        ? undefined
        : ref(w.queueId, `/api/v2/routing/queues/${w.queueId}`, expands.has('queue') ? queue?.name : undefined),
    assignmentState: w.assignmentState,
    dateAssignmentStateChanged: w.dateAssignmentStateChanged,
    skills: w.skillIds?.map((id) => ref(id, `/api/v2/routing/skills/${id}`)),
    preferredAgents: w.preferredAgentIds?.map(userRef),
    autoStatusTransition: w.autoStatusTransition,
    schema: schemaOf(w),
    customFields: w.customFields,
    scoredAgents: w.scoredAgents?.map((a) => ({ agent: userRef(a.id), score: a.score })),
    script: w.scriptId === undefined ? undefined : ref(w.scriptId, `/api/v2/scripts/${w.scriptId}`),
    selfUri: `${TM}/workitems/${w.id}`,
  });
}
