/**
 * @module
 * What follows a stored workitem change: the `v2.taskmanagement.workitems.{id}` notification on the
 * org's event bus, then the worktype's flow rules (flow-launch.ts).
 *
 * The body is the SDK's `WorkitemsEventsNotificationWorkitem` with `operation` `add` (created),
 * `edit` (updated, terminated, disconnected) or `delete` (deleted), the SDK's enum values.
 * Genesys does not document which fields each operation carries: [INFERRED] every operation carries
 * the whole workitem (as it is after the change; as it was for `delete`), with `typeName`,
 * `workbinName` and `statusCategory`; an `edit` carries `changes`, one
 * `{ field, op, oldValue, newValue }` per changed attribute (`op` `add`, `remove` or `replace`,
 * the SDK's enum; values as strings, lists and objects as JSON; a custom field as
 * `customFields.<name>`), leaving out `dateModified` and `modifiedBy`. `customFields` are
 * `{ name: { dataType, value } }` with `dataType` `string`, `integer`, `number`, `boolean` or, for a
 * list or an object, `unknown` (its value as JSON).
 */
import type { NotificationEvent } from '../../../core/index.ts';
import type { RuleContext } from './flow-launch.ts';
import { workitemChanged, workitemCreated, workitemDeleted } from './flow-launch.ts';
import type { TaskManagementStore, WorkitemRecord } from './store.ts';
import { taskManagementStore } from './store.ts';

type Json = Record<string, unknown>;
type Operation = 'add' | 'edit' | 'delete';

/** A value as the notification's string fields carry it. */
function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function dataType(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return 'unknown';
}

/** The attributes an `edit` compares, custom fields one by one. */
function attributes(w: WorkitemRecord): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(w)) {
    if (k === 'customFields' || k === 'dateModified' || k === 'modifiedById' || k === 'id') continue;
    out.set(k, v);
  }
  for (const [k, v] of Object.entries(w.customFields ?? {})) out.set(`customFields.${k}`, v);
  return out;
}

/** One `WorkitemsEventsNotificationDelta` per attribute that differs. */
function changes(before: WorkitemRecord, after: WorkitemRecord): Json[] {
  const a = attributes(before);
  const b = attributes(after);
  const out: Json[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const oldValue = text(a.get(field));
    const newValue = text(b.get(field));
    if (oldValue === newValue) continue;
    const op = oldValue === undefined ? 'add' : newValue === undefined ? 'remove' : 'replace';
    out.push({
      field,
      op,
      ...(oldValue === undefined ? {} : { oldValue }),
      ...(newValue === undefined ? {} : { newValue }),
    });
  }
  return out;
}

/** The workitem as `WorkitemsEventsNotificationWorkitem`. */
function eventBody(store: TaskManagementStore, w: WorkitemRecord, operation: Operation, delta?: Json[]): Json {
  const body: Json = {
    id: w.id,
    name: w.name,
    typeId: w.typeId,
    typeName: store.worktypes[w.typeId]?.name,
    description: w.description,
    languageId: w.languageId,
    priority: w.priority,
    dateCreated: w.dateCreated,
    dateModified: w.dateModified,
    dateDue: w.dateDue,
    dateExpires: w.dateExpires,
    dateAssignmentStateChanged: w.dateAssignmentStateChanged,
    durationSeconds: w.durationSeconds,
    ttl: w.ttl,
    statusId: w.statusId,
    statusCategory: store.statuses[w.statusId]?.category,
    dateClosed: w.dateClosed,
    workbinId: w.workbinId,
    workbinName: store.workbins[w.workbinId]?.name,
    assigneeId: w.assigneeId,
    externalContactId: w.externalContactId,
    externalTag: w.externalTag,
    modifiedBy: w.modifiedById,
    operation,
    changes: delta,
    assignmentState: w.assignmentState,
    queueId: w.queueId,
    customFields:
      w.customFields === undefined
        ? undefined
        : Object.fromEntries(
            Object.entries(w.customFields).map(([k, v]) => [k, { dataType: dataType(v), value: text(v) }]),
          ),
    skillIds: w.skillIds,
    scriptId: w.scriptId,
    preferredAgentIds: w.preferredAgentIds,
    divisionId: w.divisionId,
    scoredAgents: w.scoredAgents,
    utilizationLabelId: w.utilizationLabelId,
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

function publish(ctx: RuleContext, w: WorkitemRecord, operation: Operation, delta?: Json[]): void {
  const event: NotificationEvent = {
    topicName: `v2.taskmanagement.workitems.${w.id}`,
    version: '2',
    eventBody: eventBody(ctx.org.get(taskManagementStore), w, operation, delta),
    metadata: { CorrelationId: ctx.services.ids.uuid() },
  };
  ctx.services.events.publish(ctx.org.orgId, event);
}

/** A stored workitem was created: notify (`add`), then run the OnCreate rules and arm the Date rules. */
export function afterCreate(ctx: RuleContext, w: WorkitemRecord): void {
  publish(ctx, w, 'add');
  workitemCreated(ctx, w);
}

/** A stored workitem changed: notify (`edit` with `changes`), then run the OnAttributeChange rules. */
export function afterUpdate(ctx: RuleContext, before: WorkitemRecord, after: WorkitemRecord): void {
  publish(ctx, after, 'edit', changes(before, after));
  workitemChanged(ctx, before, after);
}

/** A workitem was deleted: notify (`delete`) and drop its Date-rule timers. */
export function afterDelete(ctx: RuleContext, w: WorkitemRecord): void {
  publish(ctx, w, 'delete');
  workitemDeleted(ctx, w.id);
}
