/**
 * @module
 * The SDK contract test's calls of the Task Management API (work types and their flow rules,
 * workbins, workitems).
 */
import { DEMO } from '../../src/emulator/index.ts';
import type { Call, Ids } from './sdk-call-types.ts';

const byType = (ids: Ids) => ({
  filters: [{ name: 'typeId', type: 'String', operator: 'EQ', values: [ids.worktypeId] }],
  sort: { name: 'priority', ascending: false },
  expands: ['type', 'status'],
  pageSize: 10,
});

/** The `ruleId` of each kind of flow rule, by the SDK operation's kind. */
const RULE_ID = {
  Oncreate: (ids: Ids) => ({ ruleId: ids.onCreateRuleId! }),
  Onattributechange: (ids: Ids) => ({ ruleId: ids.onAttributeChangeRuleId! }),
  Datebased: (ids: Ids) => ({ ruleId: ids.dateBasedRuleId! }),
};
const KINDS = Object.keys(RULE_ID) as (keyof typeof RULE_ID)[];

/** The reads of one rule of each kind (their path names a `ruleId` the kinds do not share). */
const RULE_GETS: readonly Call[] = KINDS.map((k) => ({
  op: `getTaskmanagementWorktypeFlows${k}Rule`,
  params: RULE_ID[k],
}));

/** The Task Management calls that need a body or create what later calls use, after the core ones. */
export const TASK_CREATE: readonly Call[] = [
  {
    op: 'postTaskmanagementWorkbins',
    body: () => ({ name: 'Contract bin', description: 'contract' }),
    capture: (r, ids) => (ids.workbinId = r.id),
  },
  {
    op: 'postTaskmanagementWorktypes',
    body: (ids) => ({
      name: 'Contract type',
      defaultWorkbinId: ids.workbinId,
      defaultPriority: 5,
      defaultDueDurationSeconds: 86_400,
      defaultQueueId: DEMO.queues.support,
      schemaId: '7d3f0a9e-0c54-4a43-9d0a-4ad2d7f5a001',
    }),
    capture: (r, ids) => (ids.worktypeId = r.id),
  },
  {
    op: 'postTaskmanagementWorktypeStatuses',
    body: () => ({ name: 'Waiting on customer', category: 'Waiting', description: 'contract' }),
    capture: (r, ids) => (ids.statusId = r.id),
  },
  {
    op: 'postTaskmanagementWorktypeFlowsOncreateRules',
    body: () => ({ name: 'Contract on create' }),
    capture: (r, ids) => (ids.onCreateRuleId = r.id),
  },
  {
    op: 'postTaskmanagementWorktypeFlowsOnattributechangeRules',
    body: (ids) => ({ name: 'Contract on status', condition: { attribute: 'statusId', newValue: ids.statusId } }),
    capture: (r, ids) => (ids.onAttributeChangeRuleId = r.id),
  },
  {
    op: 'postTaskmanagementWorktypeFlowsDatebasedRules',
    body: () => ({
      name: 'Contract before due',
      condition: { attribute: 'dateDue', relativeMinutesToInvocation: -60 },
    }),
    capture: (r, ids) => (ids.dateBasedRuleId = r.id),
  },
  ...RULE_GETS,
  {
    op: 'postTaskmanagementWorkitems',
    body: (ids) => ({
      name: 'Contract item',
      typeId: ids.worktypeId,
      assigneeId: DEMO.users.alice,
      externalTag: 'contract',
      customFields: { order_text: 'A-100', amount_decimal: 12.5 },
    }),
    capture: (r, ids) => (ids.workitemId = r.id),
  },
  { op: 'postTaskmanagementWorkitemsQuery', body: byType },
  { op: 'postTaskmanagementWorkbinsQuery', body: () => ({ filters: [], sort: { name: 'name' } }) },
  {
    op: 'postTaskmanagementWorktypesQuery',
    body: () => ({ filters: [{ name: 'name', type: 'String', operator: 'EQ', values: ['Contract type'] }] }),
  },
];

/** The Task Management calls that change or delete, after the core ones. */
export const TASK_CHANGE: readonly Call[] = [
  { op: 'patchTaskmanagementWorkbin', body: () => ({ description: 'changed' }) },
  { op: 'patchTaskmanagementWorktype', body: () => ({ description: 'changed', defaultPriority: 7 }) },
  { op: 'patchTaskmanagementWorktypeStatus', body: () => ({ description: 'changed' }) },
  { op: 'patchTaskmanagementWorktypeFlowsOncreateRule', params: RULE_ID.Oncreate, body: () => ({ name: 'Renamed' }) },
  {
    op: 'patchTaskmanagementWorktypeFlowsOnattributechangeRule',
    params: RULE_ID.Onattributechange,
    body: () => ({ condition: { attribute: 'priority', operator: 'GTE', value: 10 } }),
  },
  {
    op: 'patchTaskmanagementWorktypeFlowsDatebasedRule',
    params: RULE_ID.Datebased,
    body: () => ({ condition: { relativeMinutesToInvocation: 30 } }),
  },
  { op: 'patchTaskmanagementWorkitem', body: (ids) => ({ statusId: ids.statusId, priority: 9 }) },
  { op: 'patchTaskmanagementWorkitemAssignment', body: () => ({ id: DEMO.users.bob }) },
  { op: 'postTaskmanagementWorkitemDisconnect' },
  { op: 'postTaskmanagementWorkitemTerminate', body: () => ({}) },
  { op: 'deleteTaskmanagementWorkitem' },
  { op: 'deleteTaskmanagementWorktypeStatus' },
  ...KINDS.map((k) => ({ op: `deleteTaskmanagementWorktypeFlows${k}Rule`, params: RULE_ID[k] })),
  { op: 'deleteTaskmanagementWorktype' },
  { op: 'deleteTaskmanagementWorkbin' },
];
