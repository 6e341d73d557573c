/**
 * @module
 * Worktypes: create, read (`expands=defaultQueue` names the queue), update, delete and query.
 *
 * A worktype is created with Genesys's default statuses "Open" (category Open) and "Closed"
 * (category Closed) unless `disableDefaultStatusCreation` is true (Genesys documents that default
 * statuses are created; the two names are those its CX as Code provider works with).
 * [INFERRED] "Open" becomes the worktype's `defaultStatus`, so that a workitem created without a
 * `statusId` gets it. A worktype lives in its default workbin's division (documented); its name is
 * unique [INFERRED, 409]. A worktype with workitems cannot be deleted (documented; [INFERRED] 409).
 * `null` in a PATCH clears an optional default [INFERRED]. Custom-attribute schemas are not
 * modeled: `schemaId` is kept as given, unchecked [INFERRED], `schemaVersion` 1 unless given.
 * `flow` is the worktype's workitem flow (flow-launch.ts); deleting a worktype deletes its flow
 * rules [INFERRED].
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { conflict } from '../../errors.ts';
import { readJsonBody } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, OrgState } from '../../provider-contract.ts';
import { requireAllPermissions, requirePermission } from '../../permissions.ts';
import {
  ID,
  PRIORITY,
  YEAR_SECONDS,
  checkQueue,
  expandsOf,
  fieldError,
  modifiedBy,
  nameTaken,
  now,
  tm,
  touch,
  worktypeOf,
} from './common.ts';
import { workitemFlowOf } from './flow-launch.ts';
import { deleteRulesOf } from './flow-rules.ts';
import { QueryBody, project, runQuery } from './query.ts';
import type { QuerySpec } from './query.ts';
import { createDefaultStatuses } from './statuses.ts';
import type { TaskManagementStore, WorktypeRecord } from './store.ts';
import { TM, statusesOf, toWorktype } from './views.ts';

const SECONDS = z.number().int().min(0).max(YEAR_SECONDS);

/** The optional defaults of a worktype, as WorktypeCreate and WorktypeUpdate name them. */
const DEFAULTS = {
  description: z.string().max(4096),
  defaultDurationSeconds: SECONDS,
  defaultExpirationSeconds: SECONDS,
  defaultDueDurationSeconds: SECONDS,
  defaultPriority: PRIORITY,
  defaultTtlSeconds: z.number().int().min(86_400).max(YEAR_SECONDS),
  defaultQueueId: ID,
  defaultLanguageId: ID,
  defaultSkillIds: z.array(ID).max(20),
  defaultScriptId: ID,
  ruleSettings: z.object({ flowRulesEnabled: z.boolean().optional() }).strict(),
  unassignedDivisionContactsEnabled: z.boolean(),
  schemaId: ID,
  schemaVersion: z.number().int().min(1),
} as const;
type DefaultKey = keyof typeof DEFAULTS;
const DEFAULT_KEYS = Object.keys(DEFAULTS) as DefaultKey[];
type Defaults = typeof DEFAULTS;

const optionalDefaults = Object.fromEntries(DEFAULT_KEYS.map((k) => [k, DEFAULTS[k].optional()])) as {
  [K in DefaultKey]: z.ZodOptional<Defaults[K]>;
};
const clearableDefaults = Object.fromEntries(DEFAULT_KEYS.map((k) => [k, DEFAULTS[k].nullable().optional()])) as {
  [K in DefaultKey]: z.ZodOptional<z.ZodNullable<Defaults[K]>>;
};

const NAME = z.string().trim().min(3, 'a name of 3 to 256 characters').max(256, 'a name of 3 to 256 characters');

const WorktypeCreate = z
  .object({
    name: NAME,
    defaultWorkbinId: ID,
    divisionId: ID.optional(),
    disableDefaultStatusCreation: z.boolean().optional(),
    assignmentEnabled: z.boolean().optional(),
    serviceLevelTarget: z.number().int().min(0).optional(),
    ...optionalDefaults,
  })
  .loose();

const WorktypeUpdate = z
  .object({
    name: NAME.optional(),
    defaultWorkbinId: ID.optional(),
    defaultStatusId: ID.optional(),
    assignmentEnabled: z.boolean().optional(),
    serviceLevelTarget: z.number().int().min(0).optional(),
    ...clearableDefaults,
  })
  .loose();

const SPEC: QuerySpec<WorktypeRecord> = {
  attrs: {
    id: { type: 'String', get: (w) => w.id },
    name: { type: 'String', get: (w) => w.name },
    description: { type: 'String', get: (w) => w.description },
    divisionId: { type: 'String', get: (w) => w.divisionId },
    defaultWorkbinId: { type: 'String', get: (w) => w.defaultWorkbinId },
    defaultStatusId: { type: 'String', get: (w) => w.defaultStatusId },
    defaultQueueId: { type: 'String', get: (w) => w.defaultQueueId },
    defaultPriority: { type: 'Int', get: (w) => w.defaultPriority },
    dateCreated: { type: 'String', date: true, get: (w) => w.dateCreated },
    dateModified: { type: 'String', date: true, get: (w) => w.dateModified },
  },
  sorts: ['dateModified', 'name'],
};

const ALIASES = {
  divisionId: 'division',
  defaultWorkbinId: 'defaultWorkbin',
  defaultStatusId: 'defaultStatus',
  defaultQueueId: 'defaultQueue',
  defaultLanguageId: 'defaultLanguage',
  defaultSkillIds: 'defaultSkills',
  defaultScriptId: 'defaultScript',
  schemaId: 'schema',
};

const EXPANDS = ['defaultQueue', 'defaultSkills', 'defaultLanguage', 'schema', 'flow'];

/** 400 unless the workbin exists; its division. */
function workbinDivision(store: TaskManagementStore, id: string): string {
  const bin = store.workbins[id];
  if (!bin) throw fieldError('defaultWorkbinId', `defaultWorkbinId: workbin ${id} does not exist`);
  return bin.divisionId;
}

/** Apply the optional defaults a body names (a null clears one). */
function applyDefaults(org: OrgState, target: WorktypeRecord, body: Record<string, unknown>): void {
  for (const k of DEFAULT_KEYS) {
    const v = body[k];
    if (v === null) delete target[k];
    else if (v !== undefined) (target as unknown as Record<string, unknown>)[k] = v;
  }
  checkQueue(org, target.defaultQueueId, 'defaultQueueId');
  if (target.schemaVersion !== undefined && target.schemaId === undefined)
    throw fieldError('schemaVersion', 'schemaVersion needs a schemaId');
}

/** A worktype as the API answers it, with its workitem flow. */
function view(c: Context<EmulatorEnv>, w: WorktypeRecord, expands?: ReadonlySet<string>): Record<string, unknown> {
  const org = c.get('org');
  return toWorktype(org, tm(c), w, expands, workitemFlowOf(c.get('services'), org.orgId, w.name));
}

/** Register the worktype routes (their statuses: statuses.ts). */
export function registerWorktypes(app: EmulatorApp): void {
  app.post(`${TM}/worktypes`, requirePermission('workitems:worktype:add'), async (c) => {
    const body = await readJsonBody(c, WorktypeCreate, 'worktype');
    const store = tm(c);
    const org = c.get('org');
    const division = workbinDivision(store, body.defaultWorkbinId);
    if (body.divisionId !== undefined && body.divisionId !== division)
      throw fieldError('divisionId', `divisionId: a worktype must be in its default workbin's division, ${division}`);
    if (nameTaken(Object.values(store.worktypes), body.name))
      throw conflict(`A worktype named "${body.name}" already exists`);
    const at = now(c);
    const record: WorktypeRecord = {
      id: c.get('services').ids.uuid(),
      name: body.name,
      divisionId: division,
      defaultWorkbinId: body.defaultWorkbinId,
      assignmentEnabled: body.assignmentEnabled ?? false,
      serviceLevelTarget: body.serviceLevelTarget ?? 100,
      dateCreated: at,
      dateModified: at,
      ...modifiedBy(c),
    };
    applyDefaults(org, record, body);
    store.worktypes[record.id] = record;
    if (body.disableDefaultStatusCreation !== true) record.defaultStatusId = createDefaultStatuses(c, record.id);
    touch(c);
    return c.json(view(c, record));
  });

  app.post(`${TM}/worktypes/query`, requireAllPermissions('workitems:worktype:view'), async (c) => {
    const q = await readJsonBody(c, QueryBody, 'worktype query');
    const store = tm(c);
    const r = runQuery(Object.values(store.worktypes), q, SPEC);
    if (q.select === 'Count') return c.json({ count: r.count });
    return c.json({
      entities: r.page.map((w) => project(view(c, w), q.attributes, ALIASES)),
      ...(r.after !== undefined ? { after: r.after } : {}),
    });
  });

  app.get(`${TM}/worktypes/:worktypeId`, requirePermission('workitems:worktype:view'), (c) => {
    const type = worktypeOf(c, c.req.param('worktypeId'));
    return c.json(view(c, type, expandsOf(c, EXPANDS)));
  });

  app.patch(`${TM}/worktypes/:worktypeId`, requireAllPermissions('workitems:worktype:edit'), async (c) => {
    const current = worktypeOf(c, c.req.param('worktypeId'));
    const body = await readJsonBody(c, WorktypeUpdate, 'worktype');
    const store = tm(c);
    if (body.name !== undefined && nameTaken(Object.values(store.worktypes), body.name, current.id))
      throw conflict(`A worktype named "${body.name}" already exists`);
    if (body.defaultWorkbinId !== undefined && workbinDivision(store, body.defaultWorkbinId) !== current.divisionId)
      throw fieldError('defaultWorkbinId', `defaultWorkbinId: the workbin must be in the worktype's division`);
    if (body.defaultStatusId !== undefined && store.statuses[body.defaultStatusId]?.worktypeId !== current.id)
      throw fieldError('defaultStatusId', `defaultStatusId: ${body.defaultStatusId} is not a status of this worktype`);
    const next: WorktypeRecord = {
      ...structuredClone(current),
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.defaultWorkbinId !== undefined ? { defaultWorkbinId: body.defaultWorkbinId } : {}),
      ...(body.defaultStatusId !== undefined ? { defaultStatusId: body.defaultStatusId } : {}),
      ...(body.assignmentEnabled !== undefined ? { assignmentEnabled: body.assignmentEnabled } : {}),
      ...(body.serviceLevelTarget !== undefined ? { serviceLevelTarget: body.serviceLevelTarget } : {}),
      dateModified: now(c),
      ...modifiedBy(c),
    };
    applyDefaults(c.get('org'), next, body);
    store.worktypes[current.id] = next;
    touch(c);
    return c.json(view(c, next));
  });

  app.delete(`${TM}/worktypes/:worktypeId`, requirePermission('workitems:worktype:delete'), (c) => {
    const type = worktypeOf(c, c.req.param('worktypeId'));
    const store = tm(c);
    if (Object.values(store.workitems).some((w) => w.typeId === type.id))
      throw conflict(`Worktype "${type.name}" has workitems; a worktype with workitems cannot be deleted`);
    for (const s of statusesOf(store, type.id)) delete store.statuses[s.id];
    deleteRulesOf(store, type.id);
    delete store.worktypes[type.id];
    touch(c);
    return c.body(null, 204);
  });
}
