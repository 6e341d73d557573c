/**
 * @module
 * Update Workitem: its statements assign the workitem's own attributes (`Workitem.Workitem.priority`,
 * `…status`, `…customFields.<key>`), sent as one `PATCH /api/v2/taskmanagement/workitems/{id}`
 * [INFERRED: the request and the statement form; Genesys documents the action, not its request].
 * A NOT_SET value clears the attribute (`null`) [INFERRED].
 */
import { isArchObject } from './data-types.ts';
import type { ArchValue } from './model.ts';

/** How each attribute a statement may assign is sent: the request field and its value. */
const FIELDS: Readonly<Record<string, { field: string; value: 'text' | 'number' | 'id' }>> = {
  name: { field: 'name', value: 'text' },
  description: { field: 'description', value: 'text' },
  priority: { field: 'priority', value: 'number' },
  durationseconds: { field: 'durationSeconds', value: 'number' },
  datedue: { field: 'dateDue', value: 'text' },
  dateexpires: { field: 'dateExpires', value: 'text' },
  externaltag: { field: 'externalTag', value: 'text' },
  status: { field: 'statusId', value: 'id' },
  assignee: { field: 'assigneeId', value: 'id' },
  queue: { field: 'queueId', value: 'id' },
  externalcontact: { field: 'externalContactId', value: 'id' },
  language: { field: 'languageId', value: 'id' },
};

const PREFIX = /^Workitem\.Workitem\.(.+)$/i;

/** The id of a platform object value (Queue, Skill, User, WorktypeStatus…), or of a String holding one. */
export function idOf(v: ArchValue): string | undefined {
  if (typeof v === 'string') return v;
  return isArchObject(v) && typeof v.id === 'string' ? v.id : undefined;
}

/** Why a statement's target is not an attribute Update Workitem sets, or undefined when it is one. */
export function updateTargetProblem(variable: string): string | undefined {
  const attr = PREFIX.exec(variable)?.[1];
  if (attr === undefined)
    return `Update Workitem assigns the workitem's attributes (Workitem.Workitem.<attribute>); got ${variable}`;
  if (/^customFields\.[^.]+$/i.test(attr) || FIELDS[attr.toLowerCase()]) return undefined;
  return `Update Workitem cannot set ${variable} (it sets ${Object.values(FIELDS)
    .map((f) => f.field.replace(/Id$/, ''))
    .join(', ')} and customFields.<key>)`;
}

/** A value as JSON for a custom field: a JSON value's document, an object value's id, else itself. */
function plain(v: ArchValue): unknown {
  if (v === null || !isArchObject(v)) return v;
  return v.$type === 'JSON' ? v.value : (v.id ?? null);
}

/**
 * The PATCH body of the statements' values (each already evaluated), or why a value does not fit.
 * @example
 * updateBody([['Workitem.Workitem.priority', 5]]); // { ok: true, body: { priority: 5 } }
 */
export function updateBody(
  assigned: ReadonlyArray<readonly [string, ArchValue]>,
): { ok: true; body: Record<string, unknown> } | { ok: false; reason: string } {
  const body: Record<string, unknown> = {};
  for (const [variable, v] of assigned) {
    const attr = PREFIX.exec(variable)?.[1] ?? '';
    const custom = /^customFields\.(.+)$/i.exec(attr)?.[1];
    if (custom !== undefined) {
      body.customFields = { ...(body.customFields as object | undefined), [custom]: plain(v) };
      continue;
    }
    const spec = FIELDS[attr.toLowerCase()];
    if (!spec) return { ok: false, reason: updateTargetProblem(variable) ?? variable };
    if (v === null) body[spec.field] = null;
    else if (spec.value === 'id') {
      const id = idOf(v);
      if (id === undefined)
        return { ok: false, reason: `${variable} takes an object with an id; got ${JSON.stringify(v)}` };
      body[spec.field] = id;
    } else if (spec.value === 'number') {
      if (typeof v !== 'number') return { ok: false, reason: `${variable} takes a number; got ${JSON.stringify(v)}` };
      body[spec.field] = v;
    } else body[spec.field] = typeof v === 'string' ? v : String(v);
  }
  return { ok: true, body };
}
