/**
 * @module
 * A worktype's flow rules: `/worktypes/{worktypeId}/flows/{oncreate|onattributechange|datebased}/rules`
 * (add, list, read, update, delete), which say when the worktype's workitem flow is launched
 * (flow-launch.ts).
 *
 * From the SDK: a rule's `type` is `OnCreate`, `OnAttributeChange` or `Date` and its `action.type`
 * `LaunchFlow` (the SDK's enums). An OnAttributeChange condition names an `attribute` of the SDK's
 * enum (statusId, priority, queueId, assigneeId, assignmentState, languageId, externalTag, wrapup);
 * `newValue` is required unless an `operator` (EQ, GT, LT, GTE, LTE) is set, which is for
 * `priority` only and requires a numeric `value` (documented). A Date condition names `dateDue`,
 * `dateExpires`, `ttl` or `dateCreated` and the minutes before (negative) or after it.
 *
 * [INFERRED] A name has 1 to 256 characters and is unique among the worktype's rules of the same
 * type (409); a status in an OnAttributeChange condition on `statusId` must be one of the
 * worktype's, a priority `newValue`/`oldValue` an integer; `relativeMinutesToInvocation` is at most
 * a year either way; a PATCH `condition` of an OnAttributeChange rule replaces the condition (the
 * SDK requires its `attribute`), a Date rule's is merged field by field; deleting a worktype
 * deletes its rules. Listings are in creation order, `pageSize` 1 to 200 (default 25), `after`
 * the opaque cursor a page returned. `wrapup` is accepted but never matches (wrap-up is not
 * modeled).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { conflict, notFound } from '../../errors.ts';
import { readJsonBody } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { afterContext, fieldError, nameTaken, tm, touch, worktypeOf } from './common.ts';
import { rulesChanged, rulesOf } from './flow-launch.ts';
import { CHANGE_ATTRIBUTES, DATE_ATTRIBUTES, PRIORITY_OPERATORS } from './store.ts';
import type { AttributeChangeCondition, DateCondition, FlowRuleRecord, TaskManagementStore } from './store.ts';
import { TM } from './views.ts';

type C = Context<EmulatorEnv>;
type RuleType = FlowRuleRecord['type'];

const NAME = z.string().trim().min(1, 'a name of 1 to 256 characters').max(256, 'a name of 1 to 256 characters');
const YEAR_MINUTES = 365 * 24 * 60;
const MINUTES = z.number().int().min(-YEAR_MINUTES).max(YEAR_MINUTES);

const ChangeCondition = z
  .object({
    attribute: z.enum(CHANGE_ATTRIBUTES),
    newValue: z.string().min(1).max(256).optional(),
    oldValue: z.string().min(1).max(256).optional(),
    operator: z.enum(PRIORITY_OPERATORS).optional(),
    value: z.number().int().optional(),
  })
  .loose();

const DateConditionBody = z
  .object({ attribute: z.enum(DATE_ATTRIBUTES), relativeMinutesToInvocation: MINUTES })
  .loose();

/** Each rule kind: its path segment, `type`, permission prefix and body schemas. */
const KINDS = [
  {
    segment: 'oncreate',
    type: 'OnCreate',
    permission: 'workitems:flowRuleOnCreate',
    entity: 'on-create rule',
    create: z.object({ name: NAME }).loose(),
    update: z.object({ name: NAME.optional() }).loose(),
  },
  {
    segment: 'onattributechange',
    type: 'OnAttributeChange',
    permission: 'workitems:flowRuleOnAttributeChange',
    entity: 'on-attribute-change rule',
    create: z.object({ name: NAME, condition: ChangeCondition }).loose(),
    update: z.object({ name: NAME.optional(), condition: ChangeCondition.optional() }).loose(),
  },
  {
    segment: 'datebased',
    type: 'Date',
    permission: 'workitems:flowRuleDateBased',
    entity: 'date based rule',
    create: z.object({ name: NAME, condition: DateConditionBody }).loose(),
    update: z
      .object({
        name: NAME.optional(),
        condition: z
          .object({ attribute: z.enum(DATE_ATTRIBUTES).optional(), relativeMinutesToInvocation: MINUTES.optional() })
          .loose()
          .optional(),
      })
      .loose(),
  },
] as const;
type Kind = (typeof KINDS)[number];

const ruleUri = (kind: Kind, r: Pick<FlowRuleRecord, 'id' | 'worktypeId'>): string =>
  `${TM}/worktypes/${r.worktypeId}/flows/${kind.segment}/rules/${r.id}`;

/** A rule as `WorkitemOnCreateRule`, `WorkitemOnAttributeChangeRule` or `WorkitemDateBasedRule`. */
function toRule(store: TaskManagementStore, kind: Kind, r: FlowRuleRecord): Record<string, unknown> {
  const type = store.worktypes[r.worktypeId];
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    action: { type: 'LaunchFlow' },
    worktype: {
      id: r.worktypeId,
      ...(type ? { name: type.name } : {}),
      selfUri: `${TM}/worktypes/${r.worktypeId}`,
    },
    ...(r.type === 'OnCreate' ? {} : { condition: { ...r.condition } }),
    selfUri: ruleUri(kind, r),
  };
}

/** 400 naming the part of an OnAttributeChange condition that breaks a rule. */
function checkChange(store: TaskManagementStore, worktypeId: string, c: AttributeChangeCondition): void {
  if (c.operator !== undefined && c.attribute !== 'priority')
    throw fieldError('condition.operator', 'condition.operator is supported for the priority attribute only');
  if (c.operator !== undefined && c.value === undefined)
    throw fieldError('condition.value', 'condition.value is required when condition.operator is set');
  if (c.operator === undefined && c.value !== undefined)
    throw fieldError('condition.operator', 'condition.value needs a condition.operator');
  if (c.operator === undefined && c.newValue === undefined)
    throw fieldError('condition.newValue', 'condition.newValue is required when condition.operator is not set');
  for (const f of ['newValue', 'oldValue'] as const) {
    const v = c[f];
    if (v === undefined) continue;
    if (c.attribute === 'statusId' && store.statuses[v]?.worktypeId !== worktypeId)
      throw fieldError(`condition.${f}`, `condition.${f}: ${v} is not a status of worktype ${worktypeId}`);
    if (c.attribute === 'priority' && !/^-?\d{1,8}$/.test(v))
      throw fieldError(`condition.${f}`, `condition.${f}: a priority is an integer; got "${v}"`);
  }
}

/** The condition a body gives, without the fields the SDK does not define. */
function changeCondition(body: z.infer<typeof ChangeCondition>): AttributeChangeCondition {
  const { attribute, newValue, oldValue, operator, value } = body;
  return {
    attribute,
    ...(newValue === undefined ? {} : { newValue }),
    ...(oldValue === undefined ? {} : { oldValue }),
    ...(operator === undefined ? {} : { operator }),
    ...(value === undefined ? {} : { value }),
  };
}

/** The rule a create body describes. */
function newRule(c: C, kind: Kind, worktypeId: string, body: Record<string, unknown>): FlowRuleRecord {
  const base = { id: c.get('services').ids.uuid(), worktypeId, name: body.name as string };
  if (kind.type === 'OnCreate') return { ...base, type: 'OnCreate' };
  if (kind.type === 'OnAttributeChange') {
    const condition = changeCondition(body.condition as z.infer<typeof ChangeCondition>);
    checkChange(tm(c), worktypeId, condition);
    return { ...base, type: 'OnAttributeChange', condition };
  }
  const { attribute, relativeMinutesToInvocation } = body.condition as DateCondition;
  return { ...base, type: 'Date', condition: { attribute, relativeMinutesToInvocation } };
}

/** The rule a PATCH body makes of `current`. */
function updatedRule(c: C, current: FlowRuleRecord, body: Record<string, unknown>): FlowRuleRecord {
  const next = structuredClone(current);
  if (typeof body.name === 'string') next.name = body.name;
  const cond = body.condition as Record<string, unknown> | undefined;
  if (cond === undefined) return next;
  if (next.type === 'OnAttributeChange') {
    next.condition = changeCondition(cond as z.infer<typeof ChangeCondition>);
    checkChange(tm(c), next.worktypeId, next.condition);
  } else if (next.type === 'Date') {
    const d = cond as Partial<DateCondition>;
    if (d.attribute !== undefined) next.condition.attribute = d.attribute;
    if (d.relativeMinutesToInvocation !== undefined)
      next.condition.relativeMinutesToInvocation = d.relativeMinutesToInvocation;
  }
  return next;
}

/** The rules of a worktype of one type, in creation order. */
const rulesOfType = (store: TaskManagementStore, worktypeId: string, type: RuleType): FlowRuleRecord[] =>
  Object.values(rulesOf(store)).filter((r) => r.worktypeId === worktypeId && r.type === type);

function ruleOf(c: C, kind: Kind): FlowRuleRecord {
  const type = worktypeOf(c, c.req.param('worktypeId')!);
  const id = c.req.param('ruleId')!;
  const r = rulesOf(tm(c))[id];
  if (!r || r.worktypeId !== type.id || r.type !== kind.type) throw notFound(kind.entity, id);
  return r;
}

/** 409 when another rule of the same worktype and type has the name. */
function checkName(store: TaskManagementStore, r: FlowRuleRecord): void {
  if (nameTaken(rulesOfType(store, r.worktypeId, r.type), r.name, r.id))
    throw conflict(`A ${r.type} rule named "${r.name}" already exists on this worktype`);
}

const cursor = (id: string): string => Buffer.from(`r:${id}`).toString('base64url');

/** One page of rules: `pageSize` 1 to 200 (default 25), `after` the cursor the last page returned. */
function page(c: C, kind: Kind, all: FlowRuleRecord[], base: string): Record<string, unknown> {
  const rawSize = c.req.query('pageSize');
  const size = rawSize === undefined ? 25 : Number(rawSize);
  if (!Number.isInteger(size) || size < 1 || size > 200)
    throw fieldError('pageSize', `pageSize must be an integer from 1 to 200; got "${rawSize}"`);
  const after = c.req.query('after');
  let start = 0;
  if (after !== undefined && after !== '') {
    const id = /^r:(.+)$/.exec(Buffer.from(after, 'base64url').toString('utf8'))?.[1];
    const i = id === undefined ? -1 : all.findIndex((r) => r.id === id);
    if (i < 0) throw fieldError('after', `after "${after.slice(0, 40)}" is not a cursor this listing returned`);
    start = i + 1;
  }
  const entities = all.slice(start, start + size);
  const more = start + size < all.length;
  const last = entities[entities.length - 1];
  const store = tm(c);
  return {
    entities: entities.map((r) => toRule(store, kind, r)),
    ...(more && last ? { after: cursor(last.id), nextUri: `${base}?pageSize=${size}&after=${cursor(last.id)}` } : {}),
    selfUri: base,
  };
}

function registerKind(app: EmulatorApp, kind: Kind): void {
  const base = `${TM}/worktypes/:worktypeId/flows/${kind.segment}/rules`;
  app.post(base, requirePermission(`${kind.permission}:add`), async (c) => {
    const type = worktypeOf(c, c.req.param('worktypeId')!);
    const body = (await readJsonBody(c, kind.create, kind.entity)) as Record<string, unknown>;
    const store = tm(c);
    const rule = newRule(c, kind, type.id, body);
    checkName(store, rule);
    rulesOf(store)[rule.id] = rule;
    touch(c);
    if (rule.type === 'Date') rulesChanged(afterContext(c), type.id);
    return c.json(toRule(store, kind, rule));
  });

  app.get(base, requirePermission(`${kind.permission}:view`), (c) => {
    const type = worktypeOf(c, c.req.param('worktypeId')!);
    const all = rulesOfType(tm(c), type.id, kind.type);
    return c.json(page(c, kind, all, `${TM}/worktypes/${type.id}/flows/${kind.segment}/rules`));
  });

  app.get(`${base}/:ruleId`, requirePermission(`${kind.permission}:view`), (c) =>
    c.json(toRule(tm(c), kind, ruleOf(c, kind))),
  );

  app.patch(`${base}/:ruleId`, requirePermission(`${kind.permission}:edit`), async (c) => {
    const current = ruleOf(c, kind);
    const body = (await readJsonBody(c, kind.update, kind.entity)) as Record<string, unknown>;
    const store = tm(c);
    const next = updatedRule(c, current, body);
    checkName(store, next);
    rulesOf(store)[next.id] = next;
    touch(c);
    if (next.type === 'Date') rulesChanged(afterContext(c), next.worktypeId);
    return c.json(toRule(store, kind, next));
  });

  app.delete(`${base}/:ruleId`, requirePermission(`${kind.permission}:delete`), (c) => {
    const rule = ruleOf(c, kind);
    delete rulesOf(tm(c))[rule.id];
    touch(c);
    if (rule.type === 'Date') rulesChanged(afterContext(c), rule.worktypeId);
    return c.body(null, 204);
  });
}

/** Register the routes of the worktypes' flow rules. */
export function registerFlowRules(app: EmulatorApp): void {
  for (const kind of KINDS) registerKind(app, kind);
}

/** Delete a worktype's rules (the worktype is being deleted). */
export function deleteRulesOf(store: TaskManagementStore, worktypeId: string): void {
  const rules = rulesOf(store);
  for (const r of Object.values(rules)) if (r.worktypeId === worktypeId) delete rules[r.id];
}
