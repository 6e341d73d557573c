/**
 * @module
 * The pure logic of the simulator's workitems panel: the workitems of a worktype with their status
 * names, the statuses a workitem can be moved to, and the create form checked before it is sent.
 */
import type { SimWorkitem, SimWorktype } from './types.ts';

/** One workitem as the panel lists it. */
export interface WorkitemRow {
  readonly id: string;
  readonly name: string;
  readonly priority: number;
  readonly statusId: string;
  /** The status's name, or its id when the worktype does not list it. */
  readonly statusName: string;
  /** The status's category (Open, Waiting, InProgress, Closed), empty when unknown. */
  readonly statusCategory: string;
  readonly dateCreated: string;
}

/** A workitem's name is at most this long (the Platform API's rule). */
const MAX_NAME = 256;
/** A workitem's priority is within ± this (the Platform API's rule). */
const MAX_PRIORITY = 25_000_000;

/** The worktype the panel shows: the one chosen, else the first that has a workitem flow, else the first (pure). */
export function pickWorktype(worktypes: readonly SimWorktype[], chosenId: string): SimWorktype | undefined {
  return worktypes.find((t) => t.id === chosenId) ?? worktypes.find((t) => t.flow !== undefined) ?? worktypes[0];
}

/** The workitems of `worktype`, newest first, each with its status's name and category (pure). */
export function workitemRows(worktype: SimWorktype, workitems: readonly SimWorkitem[]): WorkitemRow[] {
  const statuses = new Map(worktype.statuses.map((s) => [s.id, s]));
  return workitems
    .filter((w) => w.type.id === worktype.id)
    .map((w) => ({
      id: w.id,
      name: w.name,
      priority: w.priority,
      statusId: w.status.id,
      statusName: statuses.get(w.status.id)?.name ?? w.status.id,
      statusCategory: statuses.get(w.status.id)?.category ?? '',
      dateCreated: w.dateCreated,
    }))
    .sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
}

/** The statuses of `worktype` a workitem in `statusId` can be sent to: every other one (pure). */
export function moveTargets(worktype: SimWorktype, statusId: string): SimWorktype['statuses'] {
  return worktype.statuses.filter((s) => s.id !== statusId);
}

/** The body of `POST /api/simulator/workitems`. */
interface WorkitemCreateBody {
  readonly name: string;
  readonly typeId: string;
  readonly priority?: number;
}

/**
 * The create form as a request body, or the problem to show instead (pure): a name of 1 to 256
 * characters, and a priority left empty or a whole number within ±25,000,000.
 */
export function workitemCreateBody(
  typeId: string,
  form: { readonly name: string; readonly priority: string },
): { readonly body: WorkitemCreateBody } | { readonly problem: string } {
  const name = form.name.trim();
  if (name === '') return { problem: 'name: give the workitem a name' };
  if (name.length > MAX_NAME) return { problem: `name: at most ${MAX_NAME} characters (${name.length} given)` };
  const raw = form.priority.trim();
  if (raw === '') return { body: { name, typeId } };
  const priority = Number(raw);
  if (!Number.isInteger(priority) || Math.abs(priority) > MAX_PRIORITY) {
    return { problem: `priority: a whole number from -${MAX_PRIORITY} to ${MAX_PRIORITY}, or empty ("${raw}" given)` };
  }
  return { body: { name, typeId, priority } };
}
