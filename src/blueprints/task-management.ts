/**
 * @module
 * The Task Management objects of a project — workbins, workitem schemas, worktypes, their statuses
 * and status transitions, and worktype flow rules — read from its Terraform resources (the
 * `genesyscloud_task_management_*` resources of the CX as Code provider), as the bodies of the API
 * requests that create them. Ids stay the synthetic ids references evaluated to: whoever creates
 * the objects maps them to the ids the org gives. Pure.
 */
import { isPlainObject, tryParseJson } from '../core/index.ts';

/** A `genesyscloud_task_management_workbin`. */
interface WorkbinSpec {
  readonly address: string;
  readonly id: string;
  readonly name: string;
  readonly description?: string;
}

/** A `genesyscloud_task_management_workitem_schema`: `properties` is its decoded `jsonencode(…)`. */
interface WorkitemSchemaSpec {
  readonly address: string;
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly enabled: boolean;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A `genesyscloud_task_management_worktype`: `body` is its WorktypeCreate, ids synthetic. */
interface WorktypeSpec {
  readonly address: string;
  readonly id: string;
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>> & { readonly defaultWorkbinId: string };
}

/** A `genesyscloud_task_management_worktype_status` (`default`: it is its worktype's default status). */
interface WorktypeStatusSpec {
  readonly address: string;
  readonly id: string;
  readonly worktypeId: string;
  readonly name: string;
  readonly category: string;
  readonly default: boolean;
  readonly description?: string;
  readonly autoTerminateWorkitem?: boolean;
}

/**
 * The transition fields of a status (a WorkitemStatusUpdate, ids synthetic), from a
 * `genesyscloud_task_management_worktype_status_transition` or the deprecated same fields of the
 * status resource itself.
 */
interface StatusTransitionSpec {
  readonly address: string;
  readonly worktypeId: string;
  readonly statusId: string;
  readonly destinationStatusIds?: readonly string[];
  readonly defaultDestinationStatusId?: string;
  readonly statusTransitionDelaySeconds?: number;
  readonly statusTransitionTime?: string;
}

/** The kinds of worktype flow rules, as the API paths name them. */
type WorktypeRuleKind = 'oncreate' | 'onattributechange' | 'datebased';

/** A `genesyscloud_task_management_worktype_flow_*_rule`: `condition` as the API names it, ids synthetic. */
interface WorktypeRuleSpec {
  readonly address: string;
  readonly kind: WorktypeRuleKind;
  readonly worktypeId: string;
  readonly name: string;
  readonly condition?: Readonly<Record<string, string | number>>;
}

/** The Task Management objects of a project, in the order they are created. */
export interface TaskManagementData {
  readonly workbins: readonly WorkbinSpec[];
  readonly schemas: readonly WorkitemSchemaSpec[];
  readonly worktypes: readonly WorktypeSpec[];
  readonly statuses: readonly WorktypeStatusSpec[];
  readonly transitions: readonly StatusTransitionSpec[];
  readonly rules: readonly WorktypeRuleSpec[];
  /** One line per resource not read because an argument it needs is not known. */
  readonly unread: readonly string[];
}

/** The part of a Terraform resource this reads. */
interface ResourceLike {
  readonly address: string;
  readonly type: string;
  readonly id: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

const TM = 'genesyscloud_task_management_';
const RULE_KINDS: readonly WorktypeRuleKind[] = ['oncreate', 'onattributechange', 'datebased'];

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
// A variable typed string may carry a number or a bool as text; the provider's schema converts it.
const int = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined;
const bool = (v: unknown): boolean | undefined =>
  typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined;
const ids = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : undefined;
const firstBlock = (v: unknown): Record<string, unknown> | undefined => {
  const b: unknown = Array.isArray(v) ? v[0] : v;
  return isPlainObject(b) ? b : undefined;
};

/** The entries whose value is defined (an optional argument not set is left out of the body). */
function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

/** The WorktypeCreate a worktype resource gives (provider argument → API field). */
function worktypeBody(a: Readonly<Record<string, unknown>>, name: string, workbinId: string): WorktypeSpec['body'] {
  const flowRules = bool(a.flow_rules_enabled);
  // division_id is not sent: the worktype takes its default workbin's division, the only one an
  // emulated org has [INFERRED].
  return {
    ...defined({
      name,
      description: text(a.description),
      defaultWorkbinId: workbinId,
      defaultQueueId: text(a.default_queue_id),
      defaultPriority: int(a.default_priority),
      defaultDurationSeconds: int(a.default_duration_seconds),
      defaultExpirationSeconds: int(a.default_expiration_seconds),
      defaultDueDurationSeconds: int(a.default_due_duration_seconds),
      defaultTtlSeconds: int(a.default_ttl_seconds),
      defaultLanguageId: text(a.default_language_id),
      defaultSkillIds: ids(a.default_skills_ids),
      defaultScriptId: text(a.default_script_id),
      assignmentEnabled: bool(a.assignment_enabled),
      // [INFERRED] service_level_target is not in every provider version's schema; read when set.
      serviceLevelTarget: int(a.service_level_target),
      schemaId: text(a.schema_id),
      schemaVersion: int(a.schema_version),
      disableDefaultStatusCreation: bool(a.disable_default_status_creation),
      ruleSettings: flowRules === undefined ? undefined : { flowRulesEnabled: flowRules },
    }),
    defaultWorkbinId: workbinId,
  };
}

/** The transition fields a status or transition resource sets, or undefined when it sets none. */
function transitionOf(
  address: string,
  worktypeId: string,
  statusId: string,
  a: Readonly<Record<string, unknown>>,
): StatusTransitionSpec | undefined {
  const fields = defined({
    destinationStatusIds: ids(a.destination_status_ids),
    defaultDestinationStatusId: text(a.default_destination_status_id),
    statusTransitionDelaySeconds: int(a.status_transition_delay_seconds),
    statusTransitionTime: text(a.status_transition_time),
  });
  return Object.keys(fields).length === 0 ? undefined : { address, worktypeId, statusId, ...fields };
}

/** The API condition of a rule resource's `condition` block (snake_case → camelCase). */
function conditionOf(
  kind: WorktypeRuleKind,
  block: Record<string, unknown> | undefined,
): WorktypeRuleSpec['condition'] {
  if (kind === 'oncreate' || !block) return undefined;
  const c = defined({
    attribute: text(block.attribute),
    ...(kind === 'onattributechange'
      ? { oldValue: text(block.old_value), newValue: text(block.new_value) }
      : { relativeMinutesToInvocation: int(block.relative_minutes_to_invocation) }),
  });
  return c as Record<string, string | number>;
}

/**
 * The Task Management objects among a project's resources. A resource without an argument the
 * API requires (a name, a worktype, a status's category) is not read, and says so in `unread`.
 * @example
 * const tm = taskManagementOf(project.resources);
 */
export function taskManagementOf(resources: readonly ResourceLike[]): TaskManagementData {
  const unread: string[] = [];
  const of = (type: string) => resources.filter((r) => r.type === `${TM}${type}`);
  /** The values of the named arguments, or undefined (and a line in `unread`) when one is not known. */
  const required = (r: ResourceLike, names: readonly string[]): string[] | undefined => {
    const values = names.map((n) => text(r.attributes[n]));
    const missing = names.filter((_, i) => values[i] === undefined);
    if (missing.length === 0) return values as string[];
    unread.push(`${r.address}: ${missing.join(', ')} not known, so it is not created`);
    return undefined;
  };

  const workbins = of('workbin').flatMap((r): WorkbinSpec[] => {
    const [name] = required(r, ['name']) ?? [];
    if (!name) return [];
    const description = text(r.attributes.description);
    return [{ address: r.address, id: r.id, name, ...(description ? { description } : {}) }];
  });
  const schemas = of('workitem_schema').flatMap((r): WorkitemSchemaSpec[] => {
    const [name] = required(r, ['name']) ?? [];
    if (!name) return [];
    const raw = r.attributes.properties;
    const parsed = typeof raw === 'string' ? tryParseJson(raw) : { ok: true as const, value: raw };
    const description = text(r.attributes.description);
    return [
      {
        address: r.address,
        id: r.id,
        name,
        ...(description ? { description } : {}),
        enabled: bool(r.attributes.enabled) ?? true,
        properties: parsed.ok && isPlainObject(parsed.value) ? parsed.value : {},
      },
    ];
  });
  const worktypes = of('worktype').flatMap((r): WorktypeSpec[] => {
    const [name, workbinId] = required(r, ['name', 'default_workbin_id']) ?? [];
    if (!name || !workbinId) return [];
    return [{ address: r.address, id: r.id, name, body: worktypeBody(r.attributes, name, workbinId) }];
  });
  const transitions: StatusTransitionSpec[] = [];
  const statuses = of('worktype_status').flatMap((r): WorktypeStatusSpec[] => {
    const [worktypeId, name, category] = required(r, ['worktype_id', 'name', 'category']) ?? [];
    if (!worktypeId || !name || !category) return [];
    // The deprecated transition fields of the status resource apply after every status exists.
    const own = transitionOf(r.address, worktypeId, r.id, r.attributes);
    if (own) transitions.push(own);
    const description = text(r.attributes.description);
    const autoTerminate = bool(r.attributes.auto_terminate_workitem);
    return [
      {
        address: r.address,
        id: r.id,
        worktypeId,
        name,
        category,
        default: bool(r.attributes.default) ?? false,
        ...(description ? { description } : {}),
        ...(autoTerminate === undefined ? {} : { autoTerminateWorkitem: autoTerminate }),
      },
    ];
  });
  for (const r of of('worktype_status_transition')) {
    const [worktypeId, statusId] = required(r, ['worktype_id', 'status_id']) ?? [];
    if (!worktypeId || !statusId) continue;
    // A transition resource that sets nothing clears nothing either: the status keeps its defaults.
    const t = transitionOf(r.address, worktypeId, statusId, r.attributes);
    if (t) transitions.push(t);
  }
  const rules = RULE_KINDS.flatMap((kind) =>
    of(`worktype_flow_${kind}_rule`).flatMap((r): WorktypeRuleSpec[] => {
      const [worktypeId, name] = required(r, ['worktype_id', 'name']) ?? [];
      if (!worktypeId || !name) return [];
      const condition = conditionOf(kind, firstBlock(r.attributes.condition));
      return [{ address: r.address, kind, worktypeId, name, ...(condition ? { condition } : {}) }];
    }),
  );
  return { workbins, schemas, worktypes, statuses, transitions, rules, unread };
}

/**
 * One line per object, as the inferred bundle lists what it found.
 * @example
 * taskManagementLines(tm) // ['worktype     genesyscloud_task_management_worktype.claim  "Claim" (3 statuses, 1 rule)']
 */
export function taskManagementLines(tm: TaskManagementData): string[] {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    ...tm.workbins.map((w) => `workbin      ${w.address}  "${w.name}"`),
    ...tm.schemas.map((s) => `workitem schema ${s.address}  "${s.name}"`),
    ...tm.worktypes.map((w) => {
      const statuses = tm.statuses.filter((s) => s.worktypeId === w.id).length;
      const rules = tm.rules.filter((r) => r.worktypeId === w.id).length;
      return `worktype     ${w.address}  "${w.name}" (${count(statuses, 'status', 'statuses')}, ${count(rules, 'rule', 'rules')})`;
    }),
  ];
}

/** How many Task Management objects there are to create. */
export function taskManagementCount(tm: TaskManagementData): number {
  return tm.workbins.length + tm.schemas.length + tm.worktypes.length + tm.statuses.length + tm.rules.length;
}

/**
 * Each worktype with the names of its statuses: the project's, and Genesys's own Open and Closed
 * unless the worktype sets `disable_default_status_creation` (the provider creates them).
 */
export function worktypeStatusNames(tm: TaskManagementData): Array<{ name: string; statuses: string[] }> {
  return tm.worktypes.map((w) => ({
    name: w.name,
    statuses: [
      ...(w.body.disableDefaultStatusCreation === true ? [] : ['Open', 'Closed']),
      ...tm.statuses.filter((s) => s.worktypeId === w.id).map((s) => s.name),
    ],
  }));
}
