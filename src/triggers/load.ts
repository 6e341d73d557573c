/**
 * @module
 * Load a trigger written either as an API body (`CreateTriggerRequest` / `Trigger`) or with the
 * attribute names of the Terraform resource `genesyscloud_processautomation_trigger`
 * (`topic_name`, `match_criteria` as a JSON string, `event_ttl_seconds`, `delay_by_seconds`,
 * `target.workflow_target_settings.data_format`).
 */
import { tryParseJson } from '../core/index.ts';
import { validateTrigger } from './validate.ts';
import type { Trigger, Violation } from './types.ts';

/** Which notation a trigger was written in. */
type TriggerFormat = 'api' | 'terraform';

/** The outcome of {@link loadTrigger}. */
export type LoadResult =
  { ok: true; format: TriggerFormat; trigger: Trigger } | { ok: false; format: TriggerFormat; violations: Violation[] };

const TF_ONLY = ['topic_name', 'match_criteria', 'event_ttl_seconds', 'delay_by_seconds'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Terraform blocks appear as an object, or (in state and plan JSON) as a list of one object. */
function block(v: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(v)) return v.length === 1 && isObject(v[0]) ? v[0] : undefined;
  return isObject(v) ? v : undefined;
}

/** Whether an object uses the Terraform attribute names. */
function isTerraformTrigger(v: unknown): boolean {
  return isObject(v) && TF_ONLY.some((k) => k in v);
}

/**
 * Convert Terraform attributes to an API body. `match_criteria` is the JSON string
 * `jsonencode([...])` produces; a string that is not JSON is reported as a violation.
 * @example
 * fromTerraform({ name: 'n', topic_name: 't', enabled: true, match_criteria: '[]', target: { id: 'w', type: 'Workflow' } })
 * // { body: { name: 'n', topicName: 't', enabled: true, matchCriteria: [], target: { id: 'w', type: 'Workflow' } }, violations: [] }
 */
export function fromTerraform(attrs: Record<string, unknown>): {
  body: Record<string, unknown>;
  violations: Violation[];
} {
  const violations: Violation[] = [];
  const body: Record<string, unknown> = {};
  const copy = (from: string, to: string): void => {
    if (attrs[from] !== undefined && attrs[from] !== null) body[to] = attrs[from];
  };
  copy('name', 'name');
  copy('topic_name', 'topicName');
  copy('enabled', 'enabled');
  copy('description', 'description');
  copy('event_ttl_seconds', 'eventTTLSeconds');
  copy('delay_by_seconds', 'delayBySeconds');
  copy('id', 'id');
  const mc = attrs.match_criteria;
  if (typeof mc === 'string') {
    const parsed = tryParseJson(mc);
    if (parsed.ok) body.matchCriteria = parsed.value;
    else
      violations.push({
        field: 'match_criteria',
        message: `match_criteria must be a JSON string (jsonencode of a list); ${parsed.error}`,
      });
  } else if (mc !== undefined && mc !== null) {
    body.matchCriteria = mc;
  }
  const target = block(attrs.target);
  if (target) {
    const settings = block(target.workflow_target_settings);
    body.target = {
      id: target.id,
      type: target.type,
      ...(settings ? { workflowTargetSettings: { dataFormat: settings.data_format } } : {}),
    };
  } else if (attrs.target !== undefined) {
    body.target = attrs.target;
  }
  return { body, violations };
}

/**
 * Load and validate a trigger in either notation. A stored trigger keeps its `id` and `version`;
 * one without gets `id: "local"` and `version: 1`.
 * @example
 * const r = loadTrigger(JSON.parse(readFileSync('trigger.json', 'utf8')));
 * if (!r.ok) for (const v of r.violations) console.error(`${v.field}: ${v.message}`);
 */
export function loadTrigger(input: unknown): LoadResult {
  const format: TriggerFormat = isTerraformTrigger(input) ? 'terraform' : 'api';
  let body = input;
  const violations: Violation[] = [];
  if (format === 'terraform') {
    const converted = fromTerraform(input as Record<string, unknown>);
    body = converted.body;
    violations.push(...converted.violations);
  }
  const result = validateTrigger(body);
  if (!result.ok || violations.length > 0) {
    return { ok: false, format, violations: [...violations, ...(result.ok ? [] : result.violations)] };
  }
  const raw = body as Record<string, unknown>;
  const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : 'local';
  const version = typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version > 0 ? raw.version : 1;
  return { ok: true, format, trigger: { ...result.spec, id, version } };
}
