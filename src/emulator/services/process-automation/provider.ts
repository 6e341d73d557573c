/**
 * @module
 * Process Automation triggers (platform.md §1.1): CRUD with Genesys validation and optimistic
 * concurrency, the topic list, and the two test-mode routes built from the trigger engine's trace.
 *
 * | Method | Path | Permission (ANY of) |
 * |---|---|---|
 * | GET | `/api/v2/processautomation/triggers` | `processautomation:trigger:edit`, `…:view` |
 * | POST | `/api/v2/processautomation/triggers` | `processautomation:trigger:add` |
 * | GET | `/api/v2/processautomation/triggers/{triggerId}` | `…:edit`, `…:view` |
 * | PUT | `/api/v2/processautomation/triggers/{triggerId}` | `processautomation:trigger:edit` |
 * | DELETE | `/api/v2/processautomation/triggers/{triggerId}` | `processautomation:trigger:delete` |
 * | GET | `/api/v2/processautomation/triggers/topics` | `…:edit`, `…:view` |
 * | POST | `/api/v2/processautomation/triggers/{triggerId}/test` | `processautomation:trigger:test` |
 * | POST | `/api/v2/processautomation/triggers/topics/{topicName}/test` | `processautomation:trigger:test` |
 */
import type { Context } from 'hono';
import {
  TOPIC_CATALOGUE,
  TriggerIndex,
  matchTrigger,
  compileTrigger,
  toTestModeEventResults,
  toTestModeResults,
  topicMatches,
  validateEventBody,
  validateTrigger,
} from '../../../triggers/index.ts';
import type { TargetCheck, Trigger, TriggerSpec, Violation } from '../../../triggers/index.ts';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import type { EmulatorApp, EmulatorEnv, OrgState, Provider } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { cursorPage } from './listing.ts';
import { listTriggers, processAutomationStore } from './store.ts';

const BASE = '/api/v2/processautomation/triggers';
const VIEW = ['processautomation:trigger:edit', 'processautomation:trigger:view'];

/** Options of {@link createProcessAutomationProvider}. */
export interface ProcessAutomationOptions {
  /** Most triggers an org may hold (platform.md §1.6: unknown in Genesys; default 1000). */
  maxTriggers?: number;
  /**
   * Test mode's target check: whether the workflow exists and is active. By default only the
   * target's shape is checked (type Workflow and an id), as no flow registry is consulted.
   */
  checkTarget?: (org: OrgState, target: Trigger['target']) => TargetCheck;
}

function invalid(violations: Violation[]): ApiError {
  return new ApiError(400, 'bad.request', `The trigger is invalid: ${violations.map((v) => v.message).join('; ')}`, {
    details: violations.map((v) => ({ errorCode: 'invalid.value', fieldName: v.field })),
    errors: violations.map((v) => ({
      message: v.message,
      code: 'invalid.value',
      status: 400,
      details: [{ errorCode: 'invalid.value', fieldName: v.field }],
    })),
  });
}

function toTrigger(t: Trigger): Trigger {
  return { ...structuredClone(t), selfUri: `${BASE}/${t.id}` };
}

function stored(c: Context<EmulatorEnv>): Trigger {
  const id = c.req.param('triggerId')!;
  const t = c.get('org').get(processAutomationStore).triggers[id];
  if (!t) throw notFound('trigger', id);
  return t;
}

async function jsonBody(c: Context<EmulatorEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw badRequest('A JSON object request body is required; the body is empty');
  return JSON.parse(text) as unknown;
}

/** The test body: raw JSON, or (as the SDK types it) a JSON string holding the event. Never throws. */
async function eventBody(
  c: Context<EmulatorEnv>,
): Promise<{ ok: true; body: unknown } | { ok: false; reason: string }> {
  const text = await c.req.text();
  if (text.trim() === '') return { ok: false, reason: 'the event body is empty' };
  try {
    let body = JSON.parse(text) as unknown;
    if (typeof body === 'string' && /^\s*[[{]/.test(body)) body = JSON.parse(body) as unknown;
    return { ok: true, body };
  } catch (e) {
    return { ok: false, reason: `the event body is not valid JSON: ${(e as Error).message}` };
  }
}

function boolQuery(c: Context<EmulatorEnv>, name: string): boolean | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (raw !== 'true' && raw !== 'false')
    throw badRequest(
      `${name} must be true or false; got "${raw}"`,
      [{ errorCode: 'invalid.value', fieldName: name }],
      'invalid.value',
    );
  return raw === 'true';
}

function specOf(spec: TriggerSpec): Omit<TriggerSpec, 'version'> {
  const { version: _v, ...rest } = spec;
  return rest;
}

const shapeOnly = (_org: OrgState, target: Trigger['target']): TargetCheck =>
  target.type === 'Workflow' && target.id !== ''
    ? { matches: true }
    : { matches: false, details: ['the target must be a workflow id'] };

/**
 * Build the Process Automation provider.
 * @example
 * createEmulator({ providers: [...PROVIDERS, createProcessAutomationProvider({ maxTriggers: 50 })] })
 */
export function createProcessAutomationProvider(options: ProcessAutomationOptions = {}): Provider {
  const maxTriggers = options.maxTriggers ?? 1000;
  const checkTarget = options.checkTarget ?? shapeOnly;
  return {
    name: 'processautomation',
    register(app: EmulatorApp): void {
      // Static `/triggers/topics…` routes first, so they are not taken for a trigger id.
      app.get(`${BASE}/topics`, requirePermission(...VIEW), (c) =>
        c.json(
          cursorPage(
            c,
            TOPIC_CATALOGUE.map((t) => t.name),
            (n) => n,
            `${BASE}/topics`,
          ),
        ),
      );

      app.post(`${BASE}/topics/:topicName/test`, requirePermission('processautomation:trigger:test'), async (c) => {
        const topic = c.req.param('topicName');
        if (!TOPIC_CATALOGUE.some((t) => topicMatches(t.name, topic))) {
          throw badRequest(
            `topicName must be one of the topics of ${BASE}/topics; got "${topic}"`,
            [{ errorCode: 'invalid.value', fieldName: 'topicName' }],
            'invalid.value',
          );
        }
        const index = new TriggerIndex();
        for (const t of listTriggers(c.get('org'))) if (topicMatches(t.topicName, topic)) index.add(t);
        const parsed = await eventBody(c);
        const now = c.get('services').clock.now();
        if (!parsed.ok) {
          // No body to match: every trigger of the topic is unmatched, for the reason given.
          const trace = index.evaluate(topic, undefined, now);
          return c.json(
            toTestModeEventResults({
              topic,
              template: trace.template,
              schema: { matches: false, details: [parsed.reason] },
              triggers: trace.triggers,
              fired: [],
              droppedTtl: 0,
            }),
          );
        }
        return c.json(toTestModeEventResults(index.evaluate(topic, parsed.body, now)));
      });

      app.get(BASE, requirePermission(...VIEW), (c) => {
        const topics = c.req
          .query('topicName')
          ?.split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
        const enabled = boolQuery(c, 'enabled');
        const hasDelayBy = boolQuery(c, 'hasDelayBy');
        const all = listTriggers(c.get('org')).filter(
          (t) =>
            (!topics || topics.includes(t.topicName)) &&
            (enabled === undefined || t.enabled === enabled) &&
            (hasDelayBy === undefined || (t.delayBySeconds !== undefined) === hasDelayBy),
        );
        const filters = {
          topicName: c.req.query('topicName'),
          enabled: c.req.query('enabled'),
          hasDelayBy: c.req.query('hasDelayBy'),
        };
        return c.json(cursorPage(c, all.map(toTrigger), (t) => t.id, BASE, filters));
      });

      app.post(BASE, requirePermission('processautomation:trigger:add'), async (c) => {
        const result = validateTrigger(await jsonBody(c));
        if (!result.ok) throw invalid(result.violations);
        const org = c.get('org');
        const state = org.get(processAutomationStore);
        if (state.order.length >= maxTriggers) {
          throw new ApiError(
            400,
            'limit.exceeded',
            `An org may hold at most ${maxTriggers} triggers; delete one first`,
            {
              limit: { namespace: 'event.orchestration', key: 'triggers', value: maxTriggers },
            },
          );
        }
        const id = c.get('services').ids.uuid();
        const trigger: Trigger = { id, ...specOf(result.spec), version: 1 };
        state.triggers[id] = trigger;
        state.order.push(id);
        org.touch(processAutomationStore);
        return c.json(toTrigger(trigger));
      });

      app.get(`${BASE}/:triggerId`, requirePermission(...VIEW), (c) => c.json(toTrigger(stored(c))));

      app.put(`${BASE}/:triggerId`, requirePermission('processautomation:trigger:edit'), async (c) => {
        const current = stored(c);
        const result = validateTrigger(await jsonBody(c), { mode: 'update' });
        if (!result.ok) throw invalid(result.violations);
        if (result.spec.topicName !== current.topicName) {
          throw invalid([
            {
              field: 'topicName',
              message: `topicName cannot be updated, a new trigger must be created to use a new topicName; must match "${current.topicName}"`,
            },
          ]);
        }
        if (result.spec.version !== current.version) {
          // Terraform re-reads and retries on this 409 (TF util_retries.go IsVersionMismatch).
          throw new ApiError(
            409,
            'conflict',
            `The version ${result.spec.version} does not match the current version ${current.version} of trigger ${current.id}`,
            {
              entityId: current.id,
              entityName: current.name,
            },
          );
        }
        const org = c.get('org');
        const next: Trigger = { id: current.id, ...specOf(result.spec), version: current.version + 1 };
        org.get(processAutomationStore).triggers[current.id] = next;
        org.touch(processAutomationStore);
        return c.json(toTrigger(next));
      });

      app.delete(`${BASE}/:triggerId`, requirePermission('processautomation:trigger:delete'), (c) => {
        const t = stored(c);
        const org = c.get('org');
        const state = org.get(processAutomationStore);
        delete state.triggers[t.id];
        state.order = state.order.filter((id) => id !== t.id);
        org.touch(processAutomationStore);
        return c.body(null, 204);
      });

      app.post(`${BASE}/:triggerId/test`, requirePermission('processautomation:trigger:test'), async (c) => {
        const trigger = stored(c);
        const compiled = compileTrigger(trigger);
        const target = checkTarget(c.get('org'), trigger.target);
        const parsed = await eventBody(c);
        const now = c.get('services').clock.now();
        if (!parsed.ok) {
          const schema = { matches: false, details: [parsed.reason] };
          return c.json(toTestModeResults(matchTrigger(compiled, undefined, now, { schema }), schema, target));
        }
        const schema = validateEventBody(trigger.topicName, parsed.body);
        return c.json(toTestModeResults(matchTrigger(compiled, parsed.body, now, { schema }), schema, target));
      });
    },
  };
}

/** The Process Automation provider with default options. */
export const processAutomationProvider: Provider = createProcessAutomationProvider();
