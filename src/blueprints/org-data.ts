/**
 * @module
 * The objects of the org a project creates besides its automation — Architect data tables with
 * their rows, routing queues, groups, wrap-up codes and Task Management objects (task-management.ts)
 * — read from its Terraform resources, so `up` can create them in the emulator before the flows
 * that look them up run. Pure.
 */
import { isPlainObject, tryParseJson } from '../core/index.ts';
import { taskManagementCount, taskManagementLines, taskManagementOf } from './task-management.ts';
import type { TaskManagementData } from './task-management.ts';

/** A data table column besides `key`. */
interface DataTableColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean';
  readonly title?: string;
  readonly default?: string | number | boolean;
}

/** A `genesyscloud_architect_datatable` and its `genesyscloud_architect_datatable_row`s. */
export interface DataTableSpec {
  readonly address: string;
  /** The id references to the table evaluate to (synthetic: the org gives the real one). */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly columns: readonly DataTableColumn[];
  readonly rows: ReadonlyArray<{ readonly key: string; readonly values: Readonly<Record<string, unknown>> }>;
}

/** A named object of the org, with the id references to it evaluate to (synthetic). */
export interface NamedOrgObject {
  readonly name: string;
  readonly id: string;
}

/** What a project creates in the org besides triggers, flows, integrations and actions. */
export interface OrgData {
  readonly dataTables: readonly DataTableSpec[];
  readonly queues: readonly NamedOrgObject[];
  readonly groups: readonly NamedOrgObject[];
  readonly wrapupCodes: readonly NamedOrgObject[];
  readonly taskManagement: TaskManagementData;
}

/** The part of a Terraform resource this reads. */
interface ResourceLike {
  readonly address: string;
  readonly type: string;
  readonly id: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

const COLUMN_TYPES = new Set(['string', 'integer', 'number', 'boolean']);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function columnsOf(attributes: Readonly<Record<string, unknown>>): DataTableColumn[] {
  return asList(attributes.properties)
    .filter(isPlainObject)
    .flatMap((p): DataTableColumn[] => {
      const name = text(p.name);
      const type = String(p.type ?? 'string');
      if (!name || name === 'key' || !COLUMN_TYPES.has(type)) return [];
      const def = p.default;
      return [
        {
          name,
          type: type as DataTableColumn['type'],
          ...(text(p.title) ? { title: p.title as string } : {}),
          // The provider takes the default as text; the table holds it in the column's type.
          ...(def === undefined || def === null || def === ''
            ? {}
            : { default: type === 'string' ? String(def) : type === 'boolean' ? String(def) === 'true' : Number(def) }),
        },
      ];
    });
}

/**
 * The org objects among a project's resources. A row belongs to the table whose id its
 * `datatable_id` evaluates to; a row whose `properties_json` is not a JSON object keeps only its key.
 * @example
 * const data = orgDataOf(project.resources);
 */
export function orgDataOf(resources: readonly ResourceLike[]): OrgData {
  const tables = resources.filter((r) => r.type === 'genesyscloud_architect_datatable');
  const rowsOf = (tableId: string) =>
    resources
      .filter((r) => r.type === 'genesyscloud_architect_datatable_row' && r.attributes.datatable_id === tableId)
      .flatMap((r) => {
        const key = text(r.attributes.key_value);
        if (!key) return [];
        const raw = r.attributes.properties_json;
        const parsed = typeof raw === 'string' ? tryParseJson(raw) : { ok: true as const, value: raw };
        const values = parsed.ok && isPlainObject(parsed.value) ? parsed.value : {};
        return [{ key, values }];
      });
  const names = (type: string): NamedOrgObject[] =>
    resources
      .filter((r) => r.type === type)
      .flatMap((r) => (text(r.attributes.name) ? [{ name: r.attributes.name as string, id: r.id }] : []));
  return {
    dataTables: tables.flatMap((t) => {
      const name = text(t.attributes.name);
      if (!name) return [];
      const description = text(t.attributes.description);
      return [
        {
          address: t.address,
          id: t.id,
          name,
          ...(description ? { description } : {}),
          columns: columnsOf(t.attributes),
          rows: rowsOf(t.id),
        },
      ];
    }),
    queues: names('genesyscloud_routing_queue'),
    groups: names('genesyscloud_group'),
    wrapupCodes: names('genesyscloud_routing_wrapupcode'),
    taskManagement: taskManagementOf(resources),
  };
}

/**
 * One line per object, as the inferred bundle lists what it found.
 * @example
 * orgDataLines(data) // ['data table   genesyscloud_architect_datatable.t  "Map" (2 rows)', 'queue        "Claims"']
 */
export function orgDataLines(data: OrgData): string[] {
  return [
    ...data.dataTables.map((t) => `data table   ${t.address}  "${t.name}" (${t.rows.length} rows)`),
    ...data.queues.map((q) => `queue        "${q.name}"`),
    ...data.groups.map((g) => `group        "${g.name}"`),
    ...data.wrapupCodes.map((w) => `wrap-up code "${w.name}"`),
    ...taskManagementLines(data.taskManagement),
  ];
}

/** Whether there is anything to create. */
export function hasOrgData(data: OrgData | undefined): data is OrgData {
  return (
    data !== undefined &&
    data.dataTables.length +
      data.queues.length +
      data.groups.length +
      data.wrapupCodes.length +
      taskManagementCount(data.taskManagement) >
      0
  );
}

/** A value with every string holding a key of `ids` rewritten to its value. */
function replaceIds<T>(value: T, ids: Readonly<Record<string, string>>, pattern: RegExp): T {
  if (typeof value === 'string') return value.replace(pattern, (id) => ids[id]!) as T;
  if (Array.isArray(value)) return value.map((v) => replaceIds(v, ids, pattern)) as T;
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceIds(v, ids, pattern)])) as T;
  return value;
}

/**
 * The bundle with the synthetic ids of the objects it created in the org replaced by the ids the
 * org gave them, in its triggers' criteria and its workflows (a trigger matching a queue's id
 * must match the queue the org holds).
 * @example
 * const bound = withOrgIds(bundle, { [syntheticQueueId]: createdQueueId });
 */
export function withOrgIds<B extends { readonly triggers: readonly unknown[]; readonly workflows: readonly unknown[] }>(
  bundle: B,
  ids: Readonly<Record<string, string>>,
): B {
  const keys = Object.keys(ids).filter((k) => ids[k] !== k);
  if (keys.length === 0) return bundle;
  const pattern = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return {
    ...bundle,
    triggers: replaceIds(bundle.triggers, ids, pattern),
    workflows: replaceIds(bundle.workflows, ids, pattern),
  };
}
