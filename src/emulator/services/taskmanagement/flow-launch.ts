/**
 * @module
 * Launching a worktype's workitem flow when one of its rules matches (developer.genesys.cloud,
 * "Workitem flows"): OnCreate rules when a workitem is created, OnAttributeChange rules when an
 * attribute changes from `oldValue` (when given) to `newValue`, Date rules at
 * `relativeMinutesToInvocation` minutes from a date attribute.
 *
 * A worktype's flow is the flow of type WORKITEM whose worktype is named like it (case-insensitive)
 * among those of the attached {@link FlowLauncher} (Genesys maps one workitem flow to one worktype).
 * Rules run only when the worktype has a flow and `ruleSettings.flowRulesEnabled` is not false
 * ([INFERRED] default on). The flow gets the inputs Genesys's published workitem flows read:
 * `Workitem.Workitem` (the workitem as GET returns it with `expands=type,status,queue,assignee`),
 * `Workitem.EventType` and `Workitem.EventData` `{ rule: { name, id, type } }`.
 *
 * [INFERRED] One launch per matching rule; `Workitem.EventType` is `workitemCreated` (OnCreate),
 * `workitemStatusChanged` (a rule on `statusId`), `workitemAttributeChanged` (a rule on another
 * attribute), `workitemDateBased` (a Date rule). A launch runs after the change is stored and never
 * fails the request that caused it: a launcher that throws is logged (warn), the change stays.
 * Each launch is recorded like `POST /api/v2/flows/executions`'s, so its execution can be read.
 */
import type { Clock, TimerHandle } from '../../../core/index.ts';
import type { EmulatorServices, OrgState } from '../../provider-contract.ts';
import { declareService } from '../../provider-contract.ts';
import type { LaunchableFlow } from '../flows/launcher.ts';
import { flowLauncherOf } from '../flows/provider.ts';
import { flowsStore, rememberExecution } from '../flows/store.ts';
import { DATE_ATTRIBUTES } from './store.ts';
import type { FlowRuleRecord, TaskManagementStore, WorkitemRecord } from './store.ts';
import { taskManagementStore } from './store.ts';
import { toWorkitem } from './views.ts';

/** What a launch needs from the request that caused it (it may run after the response). */
export interface RuleContext {
  readonly services: EmulatorServices;
  readonly org: OrgState;
}

type EventType = 'workitemCreated' | 'workitemStatusChanged' | 'workitemAttributeChanged' | 'workitemDateBased';

/** The rules of the org, by id. */
export function rulesOf(store: TaskManagementStore): Record<string, FlowRuleRecord> {
  return (store.rules ??= {});
}

/** The workitem flow of a worktype (by its name), among the attached launcher's flows. */
export function workitemFlowOf(
  services: EmulatorServices,
  orgId: string,
  worktypeName: string,
): LaunchableFlow | undefined {
  const name = worktypeName.trim().toLowerCase();
  return flowLauncherOf(services)
    ?.flows?.(orgId)
    .find((f) => (f.type ?? '').toUpperCase() === 'WORKITEM' && f.worktype?.name.trim().toLowerCase() === name);
}

/** The execution's name: [INFERRED] the flow, the rule and the workitem, at most 200 characters. */
const executionName = (flow: LaunchableFlow, rule: FlowRuleRecord, w: WorkitemRecord): string =>
  `${flow.name} (${rule.type} rule "${rule.name}", workitem ${w.id})`.slice(0, 200);

/** Launch the workitem's flow for one rule; never throws. */
async function launchFor(ctx: RuleContext, w: WorkitemRecord, rule: FlowRuleRecord, event: EventType): Promise<void> {
  const { services, org } = ctx;
  const store = org.get(taskManagementStore);
  const type = store.worktypes[w.typeId];
  const launcher = flowLauncherOf(services);
  if (!type || type.ruleSettings?.flowRulesEnabled === false || !launcher) return;
  const flow = workitemFlowOf(services, org.orgId, type.name);
  if (!flow) return;
  const log = services.logger.child({ component: 'taskmanagement', orgId: org.orgId });
  const at = { workitemId: w.id, ruleId: rule.id, ruleType: rule.type, flowId: flow.id };
  const name = executionName(flow, rule, w);
  const inputData = {
    'Workitem.Workitem': toWorkitem(org, store, w, new Set(['type', 'status', 'queue', 'assignee'])),
    'Workitem.EventType': event,
    'Workitem.EventData': { rule: { name: rule.name, id: rule.id, type: rule.type } },
  };
  try {
    const dateLaunched = new Date(services.clock.now()).toISOString();
    const { executionId } = await launcher.launch(org.orgId, flow.id, inputData, { name, clientId: 'taskmanagement' });
    rememberExecution(org.get(flowsStore), {
      id: executionId,
      flowId: flow.id,
      name,
      flowVersion: flow.version ?? '1.0',
      dateLaunched,
      clientId: 'taskmanagement',
    });
    org.touch(flowsStore);
    log.info({ ...at, executionId }, 'workitem flow launched');
  } catch (err) {
    log.warn({ ...at, err }, 'workitem flow launch failed; the workitem change is kept');
  }
}

const ruleList = (store: TaskManagementStore, worktypeId: string, type: FlowRuleRecord['type']): FlowRuleRecord[] =>
  Object.values(rulesOf(store)).filter((r) => r.worktypeId === worktypeId && r.type === type);

/** A workitem attribute as a rule condition compares it. */
function attributeValue(w: WorkitemRecord, attribute: string): string | undefined {
  const v = (w as unknown as Record<string, unknown>)[attribute];
  return v === undefined || v === null ? undefined : String(v);
}

const COMPARE = {
  EQ: (a: number, b: number) => a === b,
  GT: (a: number, b: number) => a > b,
  LT: (a: number, b: number) => a < b,
  GTE: (a: number, b: number) => a >= b,
  LTE: (a: number, b: number) => a <= b,
} as const;

/** Whether an OnAttributeChange rule matches the change from `before` to `after`. */
function changeMatches(rule: FlowRuleRecord, before: WorkitemRecord, after: WorkitemRecord): boolean {
  if (rule.type !== 'OnAttributeChange') return false;
  const c = rule.condition;
  const from = attributeValue(before, c.attribute);
  const to = attributeValue(after, c.attribute);
  if (from === to) return false;
  if (c.oldValue !== undefined && from !== c.oldValue) return false;
  if (c.operator !== undefined) return c.value !== undefined && COMPARE[c.operator](after.priority, c.value);
  if (c.attribute === 'priority') return c.newValue !== undefined && Number(c.newValue) === after.priority;
  return to === c.newValue;
}

/** A workitem was created: launch for each OnCreate rule, schedule the Date rules. */
export function workitemCreated(ctx: RuleContext, w: WorkitemRecord): void {
  const store = ctx.org.get(taskManagementStore);
  for (const rule of ruleList(store, w.typeId, 'OnCreate')) void launchFor(ctx, w, rule, 'workitemCreated');
  scheduleDateRules(ctx, w);
}

/** A workitem changed: launch for each OnAttributeChange rule that matches, reschedule the Date rules. */
export function workitemChanged(ctx: RuleContext, before: WorkitemRecord, after: WorkitemRecord): void {
  const store = ctx.org.get(taskManagementStore);
  for (const rule of ruleList(store, after.typeId, 'OnAttributeChange')) {
    if (!changeMatches(rule, before, after)) continue;
    const onStatus = rule.type === 'OnAttributeChange' && rule.condition.attribute === 'statusId';
    void launchFor(ctx, after, rule, onStatus ? 'workitemStatusChanged' : 'workitemAttributeChanged');
  }
  scheduleDateRules(ctx, after);
}

/** A workitem was deleted: its Date rules no longer run. */
export function workitemDeleted(ctx: RuleContext, workitemId: string): void {
  timersOf(ctx).cancelWorkitem(workitemId);
}

/** A worktype's rules changed: reschedule the Date rules of its workitems. */
export function rulesChanged(ctx: RuleContext, worktypeId: string): void {
  const store = ctx.org.get(taskManagementStore);
  for (const w of Object.values(store.workitems)) if (w.typeId === worktypeId) scheduleDateRules(ctx, w);
}

/** Longest wait of one timer: a system clock's `setTimeout` overflows past 2^31-1 ms, so longer waits re-arm. */
const MAX_WAIT_MS = 2_147_483_647;

/** When a Date rule is due for a workitem (epoch ms), if its date attribute is set. */
function dueAt(w: WorkitemRecord, rule: FlowRuleRecord): number | undefined {
  if (rule.type !== 'Date' || !(DATE_ATTRIBUTES as readonly string[]).includes(rule.condition.attribute)) return;
  const { attribute, relativeMinutesToInvocation } = rule.condition;
  const base = attribute === 'ttl' ? (w.ttl === undefined ? NaN : w.ttl * 1000) : Date.parse(w[attribute] ?? '');
  return Number.isNaN(base) ? undefined : base + relativeMinutesToInvocation * 60_000;
}

/** The Date-rule timers of one org: by workitem, by rule; and the (rule, due time) pairs already launched. */
class OrgTimers {
  readonly #timers = new Map<string, Map<string, TimerHandle>>();
  readonly #fired = new Set<string>();

  set(workitemId: string, ruleId: string, handle: TimerHandle): void {
    let byRule = this.#timers.get(workitemId);
    if (!byRule) this.#timers.set(workitemId, (byRule = new Map()));
    byRule.get(ruleId)?.cancel();
    byRule.set(ruleId, handle);
  }

  cancelWorkitem(workitemId: string): void {
    for (const h of this.#timers.get(workitemId)?.values() ?? []) h.cancel();
    this.#timers.delete(workitemId);
  }

  cancelAll(): void {
    for (const id of [...this.#timers.keys()]) this.cancelWorkitem(id);
    this.#fired.clear();
  }

  /** Whether this (workitem, rule, due time) launched already; marks it launched. */
  firstFiring(key: string): boolean {
    if (this.#fired.has(key)) return false;
    this.#fired.add(key);
    return true;
  }
}

/** The Date-rule timers of an emulator, per org; a reset or restore of an org's state cancels its timers. */
const timersService = declareService('taskmanagement date rules', () => new Map<string, OrgTimers>(), {
  reset: (byOrg, orgIds) => {
    for (const id of orgIds) byOrg.get(id)?.cancelAll();
  },
  close: (byOrg) => {
    for (const t of byOrg.values()) t.cancelAll();
  },
});

function timersOf(ctx: RuleContext): OrgTimers {
  const byOrg = ctx.services.service(timersService);
  let t = byOrg.get(ctx.org.orgId);
  if (!t) byOrg.set(ctx.org.orgId, (t = new OrgTimers()));
  return t;
}

/** Arm a timer for each Date rule of the workitem's worktype whose time is now or later. */
function scheduleDateRules(ctx: RuleContext, w: WorkitemRecord): void {
  const timers = timersOf(ctx);
  timers.cancelWorkitem(w.id);
  const clock: Clock = ctx.services.clock;
  for (const rule of ruleList(ctx.org.get(taskManagementStore), w.typeId, 'Date')) {
    const due = dueAt(w, rule);
    // [INFERRED] a time already past when the workitem or rule is saved launches nothing.
    if (due === undefined || due < clock.now()) continue;
    timers.set(
      w.id,
      rule.id,
      clock.setTimer(() => fire(ctx, w.id, rule.id), Math.min(due - clock.now(), MAX_WAIT_MS)),
    );
  }
}

/** A Date-rule timer fired: launch if the rule and workitem still say it is due now, else re-arm. */
function fire(ctx: RuleContext, workitemId: string, ruleId: string): void {
  const store = ctx.org.get(taskManagementStore);
  const w = store.workitems[workitemId];
  const rule = rulesOf(store)[ruleId];
  if (!w || !rule || rule.worktypeId !== w.typeId) return;
  const due = dueAt(w, rule);
  if (due === undefined) return;
  if (due > ctx.services.clock.now()) return scheduleDateRules(ctx, w);
  if (timersOf(ctx).firstFiring(`${workitemId}|${ruleId}|${due}`)) void launchFor(ctx, w, rule, 'workitemDateBased');
}
