/**
 * @module
 * Validation of a trigger body with the rules of the Process Automation API (platform.md §1.2).
 * Every broken rule is reported, each naming its field; numeric strings such as `"120"` are
 * coerced, enum values are matched case-insensitively (as the SDK does) and stored canonically.
 */
import { isSwitchboardError } from '../core/index.ts';
import { compileJsonPath } from './json-path.ts';
import { topicEntry } from './topic-catalogue.ts';
import { ID_SEGMENT, topicMatches } from './topics.ts';
import { LIST_OPERATORS, OPERATORS } from './types.ts';
import type { DataFormat, MatchCriterion, TriggerSpec, TriggerTarget, Violation } from './types.ts';
import { TOPIC_CATALOGUE } from './topic-catalogue.ts';

/** The outcome of {@link validateTrigger}. */
export type ValidationResult = { ok: true; spec: TriggerSpec } | { ok: false; violations: Violation[] };

/** Options of {@link validateTrigger}. */
export interface ValidateOptions {
  /** `update` also requires `version` (UpdateTriggerRequest). Default `create`. */
  mode?: 'create' | 'update';
}

const DATA_FORMATS: readonly DataFormat[] = ['TopLevelPrimitives', 'Json'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shown(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}

/** An integer from a number or a numeric string; `undefined` if it is neither. */
function toInteger(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return undefined;
}

function canonical<T extends string>(allowed: readonly T[], v: unknown): T | undefined {
  return typeof v === 'string' ? allowed.find((a) => a.toLowerCase() === v.toLowerCase()) : undefined;
}

function checkLength(
  out: Violation[],
  field: string,
  v: unknown,
  min: number,
  max: number,
  required: boolean,
): string | undefined {
  if (v === undefined || v === null) {
    if (required) out.push({ field, message: `${field} is required` });
    return undefined;
  }
  if (typeof v !== 'string') {
    out.push({ field, message: `${field} must be a string; got ${shown(v)}` });
    return undefined;
  }
  if (v.length < min || v.length > max) {
    out.push({
      field,
      message:
        min > 0
          ? `${field} must be between ${min} and ${max} characters; got ${v.length}`
          : `${field} must be at most ${max} characters; got ${v.length}`,
    });
    return undefined;
  }
  return v;
}

function checkTopic(out: Violation[], v: unknown): string | undefined {
  const topic = checkLength(out, 'topicName', v, 1, 256, true);
  if (topic === undefined || topicEntry(topic)) return topic;
  const template = TOPIC_CATALOGUE.find((t) => topicMatches(t.name, topic));
  out.push({
    field: 'topicName',
    message: template
      ? `topicName must keep the ${ID_SEGMENT} wildcard instead of an actual id; got "${topic}", use "${template.name}"`
      : `topicName must be one of the topics of /api/v2/processautomation/triggers/topics; got "${topic}"`,
  });
  return undefined;
}

function checkTarget(out: Violation[], v: unknown): TriggerTarget | undefined {
  if (!isObject(v)) {
    out.push({
      field: 'target',
      message: v === undefined ? 'target is required' : `target must be an object; got ${shown(v)}`,
    });
    return undefined;
  }
  const type = canonical(['Workflow'] as const, v.type);
  if (!type) out.push({ field: 'target.type', message: `target.type must be Workflow; got ${shown(v.type)}` });
  if (typeof v.id !== 'string' || v.id.trim() === '')
    out.push({ field: 'target.id', message: `target.id must be a workflow id; got ${shown(v.id)}` });
  let dataFormat: DataFormat | undefined;
  const settings = v.workflowTargetSettings;
  if (settings !== undefined && settings !== null) {
    if (!isObject(settings)) {
      out.push({
        field: 'target.workflowTargetSettings',
        message: `target.workflowTargetSettings must be an object; got ${shown(settings)}`,
      });
    } else if (settings.dataFormat !== undefined && settings.dataFormat !== null) {
      dataFormat = canonical(DATA_FORMATS, settings.dataFormat);
      if (!dataFormat) {
        out.push({
          field: 'target.workflowTargetSettings.dataFormat',
          message: `target.workflowTargetSettings.dataFormat must be one of ${DATA_FORMATS.join(', ')}; got ${shown(settings.dataFormat)}`,
        });
      }
    }
  }
  if (!type || typeof v.id !== 'string') return undefined;
  return { type, id: v.id, ...(dataFormat ? { workflowTargetSettings: { dataFormat } } : {}) };
}

function checkCriterion(out: Violation[], c: unknown, i: number): MatchCriterion | undefined {
  const at = `matchCriteria[${i}]`;
  if (!isObject(c)) {
    out.push({
      field: at,
      message: `${at} must be an object with jsonPath, operator and value or values; got ${shown(c)}`,
    });
    return undefined;
  }
  const before = out.length;
  let jsonPath: string | undefined;
  if (typeof c.jsonPath !== 'string' || c.jsonPath.trim() === '') {
    out.push({ field: `${at}.jsonPath`, message: `${at}.jsonPath is required; got ${shown(c.jsonPath)}` });
  } else {
    try {
      compileJsonPath(c.jsonPath);
      jsonPath = c.jsonPath;
    } catch (e) {
      out.push({ field: `${at}.jsonPath`, message: isSwitchboardError(e) ? `${at}.${e.message}` : String(e) });
    }
  }
  const operator = canonical(OPERATORS, c.operator);
  if (!operator)
    out.push({
      field: `${at}.operator`,
      message: `${at}.operator must be one of ${OPERATORS.join(', ')}; got ${shown(c.operator)}`,
    });
  const hasValue = c.value !== undefined && c.value !== null;
  const hasValues = c.values !== undefined && c.values !== null;
  let values: unknown[] | undefined;
  if (hasValue && hasValues) {
    out.push({ field: `${at}.values`, message: `${at}: only one of value and values can be included` });
  } else if (operator && LIST_OPERATORS.has(operator)) {
    // An array in `value` is accepted for list operators and stored as `values`: an older
    // BP-AUTOCB trigger wrote `"operator":"In","value":[…]` (platform.md §1.2).
    const list = hasValues ? c.values : c.value;
    if (!Array.isArray(list)) {
      out.push({
        field: `${at}.values`,
        message: `${at}.values must be a list for operator ${operator}; got ${shown(list)}`,
      });
    } else {
      values = list;
    }
  } else if (operator && hasValues) {
    out.push({ field: `${at}.value`, message: `${at}: operator ${operator} takes value, not values` });
  } else if (operator && !hasValue) {
    out.push({ field: `${at}.value`, message: `${at}.value is required for operator ${operator}` });
  }
  let value = c.value;
  if (operator === 'Exists' && hasValue && !hasValues) {
    const b = toBoolean(c.value);
    if (b === undefined)
      out.push({
        field: `${at}.value`,
        message: `${at}.value must be true or false for operator Exists; got ${shown(c.value)}`,
      });
    value = b;
  }
  if (out.length > before || !jsonPath || !operator) return undefined;
  return values ? { jsonPath, operator: operator, values } : { jsonPath, operator: operator, value };
}

function checkCriteria(out: Violation[], v: unknown): MatchCriterion[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) {
    out.push({ field: 'matchCriteria', message: `matchCriteria must be a list; got ${shown(v)}` });
    return undefined;
  }
  const list = v.map((c, i) => checkCriterion(out, c, i));
  return list.every((c) => c !== undefined) ? list : undefined;
}

function checkTiming(out: Violation[], body: Record<string, unknown>): { ttl?: number; delay?: number } {
  const r: { ttl?: number; delay?: number } = {};
  if (body.eventTTLSeconds !== undefined && body.eventTTLSeconds !== null) {
    const n = toInteger(body.eventTTLSeconds);
    if (n === undefined || n < 10)
      out.push({
        field: 'eventTTLSeconds',
        message: `eventTTLSeconds must be an integer of at least 10; got ${shown(body.eventTTLSeconds)}`,
      });
    else r.ttl = n;
  }
  if (body.delayBySeconds !== undefined && body.delayBySeconds !== null) {
    const n = toInteger(body.delayBySeconds);
    if (n === undefined || n < 60 || n > 900)
      out.push({
        field: 'delayBySeconds',
        message: `delayBySeconds must be an integer between 60 and 900; got ${shown(body.delayBySeconds)}`,
      });
    else r.delay = n;
  }
  const both = [body.eventTTLSeconds, body.delayBySeconds].every((x) => x !== undefined && x !== null);
  if (both) out.push({ field: 'delayBySeconds', message: 'only one of eventTTLSeconds or delayBySeconds can be set' });
  return r;
}

/**
 * Validate a create (or update) trigger body. Never throws.
 * @example
 * const r = validateTrigger({ name: 'x', topicName: 'v2.detail.events.conversation.{id}.user.start',
 *   target: { type: 'Workflow', id: 'wf-1' }, enabled: true, delayBySeconds: 30 });
 * // r.ok === false; r.violations[0].field === 'delayBySeconds'
 */
export function validateTrigger(body: unknown, options: ValidateOptions = {}): ValidationResult {
  if (!isObject(body))
    return {
      ok: false,
      violations: [
        { field: '', message: `a trigger must be a JSON object; got ${Array.isArray(body) ? 'a list' : shown(body)}` },
      ],
    };
  const out: Violation[] = [];
  const name = checkLength(out, 'name', body.name, 1, 256, true);
  const topicName = checkTopic(out, body.topicName);
  const description = checkLength(out, 'description', body.description, 0, 512, false);
  const enabled = toBoolean(body.enabled);
  if (enabled === undefined)
    out.push({
      field: 'enabled',
      message: `enabled is required and must be true or false; got ${shown(body.enabled)}`,
    });
  const target = checkTarget(out, body.target);
  const criteria = checkCriteria(out, body.matchCriteria);
  const { ttl, delay } = checkTiming(out, body);
  let version: number | undefined;
  if (options.mode === 'update') {
    version = toInteger(body.version);
    if (version === undefined || version < 1)
      out.push({
        field: 'version',
        message: `version is required and must be a positive integer; got ${shown(body.version)}`,
      });
  }
  if (out.length > 0) return { ok: false, violations: out };
  const spec: TriggerSpec = {
    name: name!,
    topicName: topicName!,
    target: target!,
    enabled: enabled!,
    ...(criteria ? { matchCriteria: criteria } : {}),
    ...(ttl !== undefined ? { eventTTLSeconds: ttl } : {}),
    ...(delay !== undefined ? { delayBySeconds: delay } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(version !== undefined ? { version } : {}),
  };
  return { ok: true, spec };
}
