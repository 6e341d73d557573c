/**
 * @module
 * Workitems: create, read (`expands`), update and delete.
 *
 * A new workitem takes from its worktype (`typeId`, which must exist: 400 naming `typeId`) what
 * the body leaves out: the default status, the default workbin, and the defaults Genesys documents
 * ("for Workitems created from the Worktype"): priority, due date, expiration, duration, time to
 * live, queue, language, skills, script and schema ([INFERRED] a date is now plus the worktype's
 * seconds, `ttl` is epoch seconds: now plus `defaultTtlSeconds`). Documented bounds: a name of 3
 * to 256 characters, a description of 512, a priority within ±25,000,000, dates, `ttl` and
 * durations at most 365 days ahead, 20 scored agents. A status change must be one of the current
 * status's destinations when it lists some (documented). Queues, users (assignee, preferred and
 * scored agents) and external contacts must exist. `dateCreated`, `dateModified` and
 * `dateStatusChanged` come from the emulator's clock.
 *
 * [INFERRED] `customFields` are kept as given: Genesys checks them against the worktype's schema,
 * the emulator models no schema and checks nothing but their number (200). A PATCH merges
 * `customFields` key by key (a null value removes the key) and `null` clears an optional field;
 * moving to a Closed status stamps `dateClosed`, leaving one clears it; a workitem without
 * `priority` and a worktype without `defaultPriority` has priority 0. `wrapupCode`,
 * `assignmentState` and `assignmentOperation` (ACD assignment) are not modeled: 400 naming them.
 *
 * Each stored change is notified and runs the worktype's flow rules (workitem-events.ts).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { readJsonBody } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import {
  DATE_TIME,
  afterContext,
  ID,
  PRIORITY,
  YEAR_SECONDS,
  checkContact,
  checkQueue,
  checkUsers,
  checkWithinYear,
  expandsOf,
  fieldError,
  modifiedBy,
  now,
  refuseUnmodeled,
  tm,
  touch,
  workitemOf,
} from './common.ts';
import type { TaskManagementStore, WorkitemRecord } from './store.ts';
import { TM, WORKITEM_EXPANDS, toWorkitem } from './views.ts';
import { afterCreate, afterDelete, afterUpdate } from './workitem-events.ts';

type C = Context<EmulatorEnv>;

const NAME = z.string().trim().min(3, 'a name of 3 to 256 characters').max(256, 'a name of 3 to 256 characters');
const FIELDS = {
  description: z.string().max(512),
  dateDue: DATE_TIME,
  dateExpires: DATE_TIME,
  durationSeconds: z.number().int().min(0).max(YEAR_SECONDS),
  ttl: z.number().int().min(0),
  queueId: ID,
  assigneeId: ID,
  externalContactId: ID,
  externalTag: z.string().max(1_000),
  languageId: ID,
  utilizationLabelId: ID,
  scriptId: ID,
  skillIds: z.array(ID).max(50),
  preferredAgentIds: z.array(ID).max(50),
  scoredAgents: z.array(z.object({ id: ID, score: z.number().int().min(0) }).strict()).max(20),
} as const;
type FieldKey = keyof typeof FIELDS;
const FIELD_KEYS = Object.keys(FIELDS) as FieldKey[];
type Fields = typeof FIELDS;

const CUSTOM_FIELDS = z
  .record(z.string().min(1).max(200), z.unknown())
  .refine((m) => Object.keys(m).length <= 200, 'at most 200 custom fields');

const WorkitemCreate = z
  .object({
    name: NAME,
    typeId: ID,
    statusId: ID.optional(),
    workbinId: ID.optional(),
    priority: PRIORITY.optional(),
    autoStatusTransition: z.boolean().optional(),
    customFields: CUSTOM_FIELDS.optional(),
    ...(Object.fromEntries(FIELD_KEYS.map((k) => [k, FIELDS[k].optional()])) as {
      [K in FieldKey]: z.ZodOptional<Fields[K]>;
    }),
  })
  .loose();

const WorkitemUpdate = z
  .object({
    name: NAME.optional(),
    statusId: ID.optional(),
    workbinId: ID.optional(),
    priority: PRIORITY.optional(),
    autoStatusTransition: z.boolean().optional(),
    dateClosed: DATE_TIME.nullable().optional(),
    customFields: z.record(z.string().min(1).max(200), z.unknown()).nullable().optional(),
    ...(Object.fromEntries(FIELD_KEYS.map((k) => [k, FIELDS[k].nullable().optional()])) as {
      [K in FieldKey]: z.ZodOptional<z.ZodNullable<Fields[K]>>;
    }),
  })
  .loose();

/** 400 naming `statusId` unless the status is one of the worktype's. */
function checkStatusOfType(store: TaskManagementStore, typeId: string, statusId: string): void {
  if (store.statuses[statusId]?.worktypeId !== typeId)
    throw fieldError('statusId', `statusId: ${statusId} is not a status of worktype ${typeId}`);
}

/** 400 naming the field of a workitem that breaks a documented bound or names what does not exist. */
function checkWorkitem(c: C, w: WorkitemRecord, given: Record<string, unknown>, at: string): void {
  const org = c.get('org');
  checkQueue(org, w.queueId, 'queueId');
  checkUsers(org, w.assigneeId === undefined ? [] : [w.assigneeId], 'assigneeId');
  checkUsers(org, w.preferredAgentIds, 'preferredAgentIds');
  checkUsers(
    org,
    w.scoredAgents?.map((a) => a.id),
    'scoredAgents',
  );
  checkContact(org, w.externalContactId, 'externalContactId');
  if (!tm(c).workbins[w.workbinId]) throw fieldError('workbinId', `workbinId: workbin ${w.workbinId} does not exist`);
  for (const k of ['dateDue', 'dateExpires'] as const) if (given[k] !== undefined) checkWithinYear(w[k], at, k);
  if (typeof given.ttl === 'number' && given.ttl > Date.parse(at) / 1000 + YEAR_SECONDS)
    throw fieldError('ttl', 'ttl (epoch seconds) can not be more than 365 days from now');
  if (w.customFields !== undefined && Object.keys(w.customFields).length > 200)
    throw fieldError('customFields', 'at most 200 custom fields');
}

/** Drop the keys whose value is undefined, so that the stored record has none. */
function compact(w: WorkitemRecord): WorkitemRecord {
  for (const [k, v] of Object.entries(w)) if (v === undefined) delete (w as unknown as Record<string, unknown>)[k];
  return w;
}

/** The new workitem a create body describes, with its worktype's defaults. */
function newWorkitem(c: C, body: z.infer<typeof WorkitemCreate>, at: string): WorkitemRecord {
  const store = tm(c);
  const type = store.worktypes[body.typeId];
  if (!type) throw fieldError('typeId', `typeId: worktype ${body.typeId} does not exist`);
  const statusId = body.statusId ?? type.defaultStatusId;
  if (statusId === undefined)
    throw fieldError('statusId', `statusId is required: worktype "${type.name}" has no default status`);
  checkStatusOfType(store, type.id, statusId);
  const later = (seconds: number | undefined): string | undefined =>
    seconds === undefined ? undefined : new Date(Date.parse(at) + seconds * 1000).toISOString();
  const w: WorkitemRecord = {
    id: c.get('services').ids.uuid(),
    name: body.name,
    typeId: type.id,
    workbinId: body.workbinId ?? type.defaultWorkbinId,
    statusId,
    divisionId: type.divisionId,
    priority: body.priority ?? type.defaultPriority ?? 0,
    dateCreated: at,
    dateModified: at,
    dateStatusChanged: at,
    autoStatusTransition: body.autoStatusTransition ?? true,
    dateDue: later(type.defaultDueDurationSeconds),
    dateExpires: later(type.defaultExpirationSeconds),
    durationSeconds: type.defaultDurationSeconds,
    ttl: type.defaultTtlSeconds === undefined ? undefined : Math.floor(Date.parse(at) / 1000) + type.defaultTtlSeconds,
    queueId: type.defaultQueueId,
    languageId: type.defaultLanguageId,
    skillIds: type.defaultSkillIds,
    scriptId: type.defaultScriptId,
    schemaId: type.schemaId,
    schemaVersion: type.schemaId === undefined ? undefined : (type.schemaVersion ?? 1),
    customFields: body.customFields,
    ...modifiedBy(c),
  };
  for (const k of FIELD_KEYS) if (body[k] !== undefined) Object.assign(w, { [k]: body[k] });
  if (store.statuses[statusId]?.category === 'Closed') w.dateClosed = at;
  return compact(w);
}

/** The workitem a PATCH body makes of `current`. */
function updated(c: C, current: WorkitemRecord, body: z.infer<typeof WorkitemUpdate>, at: string): WorkitemRecord {
  const store = tm(c);
  const next = structuredClone(current);
  if (body.name !== undefined) next.name = body.name;
  if (body.priority !== undefined) next.priority = body.priority;
  if (body.autoStatusTransition !== undefined) next.autoStatusTransition = body.autoStatusTransition;
  if (body.workbinId !== undefined) next.workbinId = body.workbinId;
  for (const k of FIELD_KEYS) {
    if (body[k] === null) delete next[k];
    else if (body[k] !== undefined) Object.assign(next, { [k]: body[k] });
  }
  if (body.customFields === null) delete next.customFields;
  else if (body.customFields !== undefined) {
    const merged = { ...next.customFields };
    for (const [k, v] of Object.entries(body.customFields)) {
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    next.customFields = merged;
  }
  if (body.statusId !== undefined && body.statusId !== current.statusId) {
    checkStatusOfType(store, current.typeId, body.statusId);
    const from = store.statuses[current.statusId];
    if (from && from.destinationStatusIds.length > 0 && !from.destinationStatusIds.includes(body.statusId)) {
      const names = from.destinationStatusIds.map((id) => `"${store.statuses[id]?.name ?? id}"`).join(', ');
      throw fieldError('statusId', `statusId: a workitem in status "${from.name}" can move to ${names} only`);
    }
    next.statusId = body.statusId;
    next.dateStatusChanged = at;
    if (store.statuses[body.statusId]?.category === 'Closed') next.dateClosed = at;
    else delete next.dateClosed;
  }
  if (body.dateClosed === null) delete next.dateClosed;
  else if (body.dateClosed !== undefined) next.dateClosed = body.dateClosed;
  next.dateModified = at;
  Object.assign(next, modifiedBy(c));
  return next;
}

/** Create a workitem from a request body (the Platform API's POST, and the simulator's). */
export async function createWorkitem(c: C): Promise<Response> {
  const body = await readJsonBody(c, WorkitemCreate, 'workitem');
  refuseUnmodeled(body, ['wrapupCode']);
  const at = now(c);
  const w = newWorkitem(c, body, at);
  checkWorkitem(c, w, body, at);
  const store = tm(c);
  store.workitems[w.id] = w;
  touch(c);
  afterCreate(afterContext(c), w);
  return c.json(toWorkitem(c.get('org'), store, w));
}

/** Change a workitem from a request body (the Platform API's PATCH, and the simulator's). */
export async function updateWorkitem(c: C, workitemId: string): Promise<Response> {
  const current = workitemOf(c, workitemId);
  const body = await readJsonBody(c, WorkitemUpdate, 'workitem');
  refuseUnmodeled(body, ['assignmentState', 'assignmentOperation']);
  const at = now(c);
  const next = updated(c, current, body, at);
  checkWorkitem(c, next, body, at);
  const store = tm(c);
  store.workitems[next.id] = next;
  touch(c);
  afterUpdate(afterContext(c), current, next);
  return c.json(toWorkitem(c.get('org'), store, next));
}

/** Register the workitem routes (query, terminate, disconnect: workitem-actions.ts). */
export function registerWorkitems(app: EmulatorApp): void {
  app.post(`${TM}/workitems`, requirePermission('workitems:workitem:add'), (c) => createWorkitem(c));

  app.get(`${TM}/workitems/:workitemId`, requirePermission('workitems:workitem:view'), (c) => {
    const w = workitemOf(c, c.req.param('workitemId'));
    return c.json(toWorkitem(c.get('org'), tm(c), w, expandsOf(c, WORKITEM_EXPANDS)));
  });

  app.patch(
    `${TM}/workitems/:workitemId`,
    requirePermission('workitems:workitem:edit', 'workitems:workitem:accept'),
    (c) => updateWorkitem(c, c.req.param('workitemId')),
  );

  app.delete(`${TM}/workitems/:workitemId`, requirePermission('workitems:workitem:delete'), (c) => {
    const w = workitemOf(c, c.req.param('workitemId'));
    delete tm(c).workitems[w.id];
    touch(c);
    afterDelete(afterContext(c), w);
    return c.body(null, 204);
  });
}
