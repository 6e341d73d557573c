/**
 * @module
 * Loading a data action from any of its three published shapes into one {@link ActionDefinition}:
 * the `.custom.json` export, the `/api/v2/integrations/actions` body (`Action` / `PostActionInput`)
 * and Terraform `genesyscloud_integration_action` attributes (JSON-encoded contracts).
 */
import { SwitchboardError, isPlainObject } from '../core/index.ts';
import { ActionErrors } from './errors.ts';
import { parseJsonText } from './json-text.ts';
import type { ActionDefinition, ActionSourceFormat, HttpMethod, JsonSchema, ValidationIssue } from './types.ts';

const METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'];

/** HELP-REQ: "The requestTemplate field shows a default value of `${input.rawRequest}`". */
export const DEFAULT_REQUEST_TEMPLATE = '${input.rawRequest}';
/** The pass-through success template. */
export const DEFAULT_SUCCESS_TEMPLATE = '${rawResult}';

/**
 * Which of the three shapes a parsed document is.
 * @example
 * detectActionFormat({ contract_input: '{}', config_request: {} }) // → 'terraform'
 */
export function detectActionFormat(doc: Record<string, unknown>): ActionSourceFormat {
  if ('config_request' in doc || 'contract_input' in doc || 'config_response' in doc || 'integration_id' in doc)
    return 'terraform';
  if ('integrationType' in doc || 'actionType' in doc) return 'custom-json';
  return 'api';
}

/**
 * Whether a parsed JSON document is a data action in one of the three shapes (a `.custom.json`
 * export, a plain `.json` export or an integrations-API body, which all carry `config.request`,
 * or a Terraform-style document), as opposed to a trigger, a Postman collection or anything else.
 * Recognised by shape, not by file name.
 * @example
 * isDataActionDocument({ name: 'x', config: { request: {} } }) // → true
 */
export function isDataActionDocument(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const d = doc as Record<string, unknown>;
  if ('config_request' in d && 'contract_input' in d) return true;
  const config = d.config;
  return typeof config === 'object' && config !== null && 'request' in config && typeof d.name === 'string';
}

/**
 * Load a data action from JSON text (any of the three shapes). Throws `SB_ACTION_INVALID` listing
 * every structural problem with its JSON pointer; `file` names the source in messages.
 * @example
 * const def = loadActionText(readFileSync('Get-Callback-Priority.custom.json', 'utf8'), 'Get-Callback-Priority.custom.json');
 */
export function loadActionText(text: string, file = 'action'): ActionDefinition {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    throw new SwitchboardError(
      ActionErrors.SB_ACTION_INVALID,
      `a data action must be JSON; ${file} line ${parsed.line} column ${parsed.column}: ${parsed.message}`,
      { details: { file, line: parsed.line, column: parsed.column } },
    );
  }
  return loadAction(parsed.value, file);
}

/**
 * Load a data action from a parsed document (any of the three shapes).
 * @example
 * const def = loadAction({ name: 'Get User', integrationType: 'purecloud-data-actions', config: {...}, contract: {...} });
 */
export function loadAction(doc: unknown, file = 'action'): ActionDefinition {
  if (!isPlainObject(doc)) {
    throw new SwitchboardError(
      ActionErrors.SB_ACTION_INVALID,
      `a data action must be a JSON object; ${file} holds ${kind(doc)}`,
      {
        details: { file },
      },
    );
  }
  const issues: ValidationIssue[] = [];
  const format = detectActionFormat(doc);
  const def = format === 'terraform' ? fromTerraform(doc, issues) : fromApiShape(doc, format, issues);
  if (issues.length > 0) {
    const list = issues.map((i) => `${i.pointer || '/'}: ${i.message}`).join('; ');
    throw new SwitchboardError(
      ActionErrors.SB_ACTION_INVALID,
      `a data action must have a valid structure; ${file}: ${list}`,
      {
        details: { file, format, issues },
      },
    );
  }
  return def;
}

function fromApiShape(
  doc: Record<string, unknown>,
  format: ActionSourceFormat,
  issues: ValidationIssue[],
): ActionDefinition {
  const config = obj(doc, 'config', '/config', issues);
  const request = obj(config, 'request', '/config/request', issues);
  const response = optObj(config, 'response', '/config/response', issues);
  const contract = obj(doc, 'contract', '/contract', issues);
  const input = obj(contract, 'input', '/contract/input', issues);
  const output = obj(contract, 'output', '/contract/output', issues);
  return {
    name: name(doc.name, '/name', issues),
    ...optStr(doc, 'category', '/category', issues, 'category'),
    ...optStr(doc, 'integrationId', '/integrationId', issues, 'integrationId'),
    integrationType: str(doc.integrationType ?? 'purecloud-data-actions', '/integrationType', issues),
    actionType: str(doc.actionType ?? 'custom', '/actionType', issues),
    secure: bool(doc.secure, '/secure', issues),
    ...timeout(config.timeoutSeconds, '/config/timeoutSeconds', issues),
    request: {
      requestUrlTemplate: required(request.requestUrlTemplate, '/config/request/requestUrlTemplate', issues),
      requestType: method(request.requestType, '/config/request/requestType', issues),
      headers: stringMap(request.headers, '/config/request/headers', issues),
      requestTemplate: str(
        request.requestTemplate ?? DEFAULT_REQUEST_TEMPLATE,
        '/config/request/requestTemplate',
        issues,
      ),
    },
    response: {
      translationMap: stringMap(response.translationMap, '/config/response/translationMap', issues),
      translationMapDefaults: stringMap(
        response.translationMapDefaults,
        '/config/response/translationMapDefaults',
        issues,
      ),
      successTemplate: str(
        response.successTemplate ?? DEFAULT_SUCCESS_TEMPLATE,
        '/config/response/successTemplate',
        issues,
      ),
    },
    contract: {
      input: schema(input.inputSchema, '/contract/input/inputSchema', issues),
      output: schema(output.successSchema, '/contract/output/successSchema', issues),
    },
    source: format,
  };
}

function fromTerraform(doc: Record<string, unknown>, issues: ValidationIssue[]): ActionDefinition {
  const request = block(doc, 'config_request', issues);
  const response = block(doc, 'config_response', issues, true);
  return {
    name: name(doc.name, '/name', issues),
    ...optStr(doc, 'category', '/category', issues, 'category'),
    ...optStr(doc, 'integration_id', '/integration_id', issues, 'integrationId'),
    // Not an attribute of the resource: the Terraform reader adds the type of the integration
    // `integration_id` refers to, which decides where a relative URL goes.
    integrationType: typeof doc.integration_type === 'string' ? doc.integration_type : 'purecloud-data-actions',
    actionType: 'custom',
    secure: bool(doc.secure, '/secure', issues),
    ...timeout(doc.config_timeout_seconds, '/config_timeout_seconds', issues),
    request: {
      requestUrlTemplate: required(request.request_url_template, '/config_request/request_url_template', issues),
      requestType: method(request.request_type, '/config_request/request_type', issues),
      headers: stringMap(request.headers, '/config_request/headers', issues),
      requestTemplate: str(
        request.request_template ?? DEFAULT_REQUEST_TEMPLATE,
        '/config_request/request_template',
        issues,
      ),
    },
    response: {
      translationMap: stringMap(response.translation_map, '/config_response/translation_map', issues),
      translationMapDefaults: stringMap(
        response.translation_map_defaults,
        '/config_response/translation_map_defaults',
        issues,
      ),
      successTemplate: str(
        response.success_template ?? DEFAULT_SUCCESS_TEMPLATE,
        '/config_response/success_template',
        issues,
      ),
    },
    contract: {
      input: encodedSchema(doc.contract_input, '/contract_input', issues),
      output: encodedSchema(doc.contract_output, '/contract_output', issues),
    },
    source: 'terraform',
  };
}

// Terraform blocks appear as an object in plan/config JSON and as a one-element list in state.
function block(
  doc: Record<string, unknown>,
  key: string,
  issues: ValidationIssue[],
  optional = false,
): Record<string, unknown> {
  let v = doc[key];
  if (Array.isArray(v) && v.length <= 1) v = v[0];
  if (v === undefined && optional) return {};
  if (!isPlainObject(v)) {
    issues.push({ pointer: `/${key}`, message: `must be an object (a Terraform block); got ${kind(v)}` });
    return {};
  }
  return v;
}

function encodedSchema(v: unknown, pointer: string, issues: ValidationIssue[]): JsonSchema {
  if (typeof v !== 'string') return schema(v, pointer, issues);
  const parsed = parseJsonText(v);
  if (!parsed.ok) {
    issues.push({
      pointer,
      message: `must be JSON-encoded (jsonencode); line ${parsed.line} column ${parsed.column}: ${parsed.message}`,
    });
    return {};
  }
  return schema(parsed.value, pointer, issues);
}

function obj(
  parent: Record<string, unknown>,
  key: string,
  pointer: string,
  issues: ValidationIssue[],
): Record<string, unknown> {
  const v = parent[key];
  if (isPlainObject(v)) return v;
  issues.push({ pointer, message: `must be an object; got ${kind(v)}` });
  return {};
}

function optObj(
  parent: Record<string, unknown>,
  key: string,
  pointer: string,
  issues: ValidationIssue[],
): Record<string, unknown> {
  return parent[key] === undefined ? {} : obj(parent, key, pointer, issues);
}

function name(v: unknown, pointer: string, issues: ValidationIssue[]): string {
  if (typeof v === 'string' && v.length >= 1 && v.length <= 256) return v;
  issues.push({ pointer, message: `must be a string of 1-256 characters; got ${kind(v)}` });
  return typeof v === 'string' ? v : '';
}

function str(v: unknown, pointer: string, issues: ValidationIssue[]): string {
  if (typeof v === 'string') return v;
  issues.push({ pointer, message: `must be a string; got ${kind(v)}` });
  return '';
}

function required(v: unknown, pointer: string, issues: ValidationIssue[]): string {
  if (typeof v === 'string' && v.trim() !== '') return v;
  issues.push({ pointer, message: `is required (a non-empty string); got ${kind(v)}` });
  return '';
}

function optStr<K extends string>(
  doc: Record<string, unknown>,
  key: string,
  pointer: string,
  issues: ValidationIssue[],
  as: K,
): Partial<Record<K, string>> {
  const v = doc[key];
  if (v === undefined || v === null) return {};
  return { [as]: str(v, pointer, issues) } as Partial<Record<K, string>>;
}

function bool(v: unknown, pointer: string, issues: ValidationIssue[]): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  issues.push({ pointer, message: `must be a boolean; got ${kind(v)}` });
  return false;
}

function timeout(v: unknown, pointer: string, issues: ValidationIssue[]): { timeoutSeconds?: number } {
  if (v === undefined || v === null) return {};
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 60) return { timeoutSeconds: v };
  issues.push({ pointer, message: `must be an integer from 1 to 60 (seconds); got ${JSON.stringify(v)}` });
  return {};
}

function method(v: unknown, pointer: string, issues: ValidationIssue[]): HttpMethod {
  const m = typeof v === 'string' ? v.toUpperCase() : v;
  if (METHODS.includes(m as HttpMethod)) return m as HttpMethod;
  issues.push({ pointer, message: `must be one of ${METHODS.join(', ')}; got ${JSON.stringify(v) ?? 'nothing'}` });
  return 'GET';
}

function stringMap(v: unknown, pointer: string, issues: ValidationIssue[]): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isPlainObject(v)) {
    issues.push({ pointer, message: `must be an object of strings; got ${kind(v)}` });
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (typeof val === 'string') out[k] = val;
    else issues.push({ pointer: `${pointer}/${escapePointer(k)}`, message: `must be a string; got ${kind(val)}` });
  }
  return out;
}

function schema(v: unknown, pointer: string, issues: ValidationIssue[]): JsonSchema {
  if (isPlainObject(v)) return v;
  issues.push({ pointer, message: `must be a JSON Schema object; got ${kind(v)}` });
  return {};
}

/** Escape one JSON-pointer segment (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function kind(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `a ${typeof v}`;
}

const OPEN_OBJECT = { type: 'object', properties: {}, additionalProperties: true };

/**
 * Load an integration's custom auth action (User Defined (OAuth)). Genesys gives it no editable
 * contract (Terraform's `genesyscloud_integration_custom_auth_action` has none), so a missing one
 * is an open object in and out.
 * @example
 * const auth = loadAuthAction({ name: 'Auth', config: { request: { requestUrlTemplate: '${credentials.loginUrl}', requestType: 'POST' } } });
 */
export function loadAuthAction(doc: unknown, file = 'auth action'): ActionDefinition {
  if (!isPlainObject(doc)) return loadAction(doc, file);
  const format = detectActionFormat(doc);
  if (format === 'terraform') {
    return loadAction(
      {
        contract_input: JSON.stringify(OPEN_OBJECT),
        contract_output: JSON.stringify(OPEN_OBJECT),
        ...doc,
        name: doc.name ?? 'Custom Auth',
      },
      file,
    );
  }
  const contract = isPlainObject(doc.contract) ? doc.contract : {};
  return loadAction(
    {
      ...doc,
      name: doc.name ?? 'Custom Auth',
      integrationType: doc.integrationType ?? 'custom-rest-actions',
      contract: { input: { inputSchema: OPEN_OBJECT }, output: { successSchema: OPEN_OBJECT }, ...contract },
    },
    file,
  );
}
