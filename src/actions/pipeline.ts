/**
 * @module
 * The pure stages of an execution (platform spec §3.3): input check, request rendering, response
 * parsing, translation, success template and output validation. Each stage records what it did in
 * the trace before it can fail, so a failure's trace shows everything up to that point.
 */
import { SERVICE_HOST_SUFFIX, SwitchboardError, isPlainObject, isSwitchboardError } from '../core/index.ts';
import type { CompiledAction } from './compile.ts';
import { ActionErrors } from './errors.ts';
import { flattenOutputs } from './flatten.ts';
import { jsonDepth, parseJsonText } from './json-text.ts';
import { translate } from './translate.ts';
import type { ActionStage, ActionTrace, RequestTrace, ValidationIssue } from './types.ts';
import { renderTemplate } from './velocity/render.ts';
import type { TemplateTools } from './velocity/tools.ts';

/** HELP-REQ: "the depth of JSON objects is limited to 50 levels". */
const MAX_JSON_DEPTH = 50;

/** A stage failure: the error plus the stage and field it belongs to. */
export class StageFailure extends Error {
  constructor(
    readonly stage: ActionStage,
    readonly error: SwitchboardError,
  ) {
    super(error.message);
    this.name = 'StageFailure';
  }
}

/** A fresh trace for one execution. */
export function newTrace(action: CompiledAction, input: unknown): ActionTrace {
  return {
    action: action.definition.name,
    input,
    stages: [],
    inputErrors: [],
    translations: [],
    outputErrors: [],
    durationMs: 0,
  };
}

/**
 * Run one stage: record it in the trace and turn a SwitchboardError into a {@link StageFailure}.
 * @example
 * const url = runStage(trace, 'requestUrlTemplate', () => renderTemplate(action.url, ctx));
 */
function runStage<T>(trace: ActionTrace, stage: ActionStage, fn: () => T): T {
  try {
    const v = fn();
    trace.stages.push({ stage, ok: true });
    return v;
  } catch (e) {
    trace.stages.push({ stage, ok: false });
    if (e instanceof StageFailure) throw e;
    if (isSwitchboardError(e)) throw new StageFailure(stage, e);
    throw new StageFailure(
      stage,
      new SwitchboardError('SB_INTERNAL', `stage ${stage} failed unexpectedly: ${(e as Error).message}`, { cause: e }),
    );
  }
}

const issuesText = (issues: readonly ValidationIssue[]): string =>
  issues.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ');

/**
 * Validate the input against the input contract; returns the template `input` object
 * (the input plus `rawRequest`, its JSON serialization).
 */
export function checkInput(action: CompiledAction, input: unknown, trace: ActionTrace): Record<string, unknown> {
  return runStage(trace, 'input', () => {
    if (!isPlainObject(input)) {
      trace.inputErrors.push({ pointer: '', message: 'must be a JSON object' });
      throw new SwitchboardError(
        ActionErrors.SB_ACTION_INPUT_INVALID,
        `the input must be a JSON object; got ${Array.isArray(input) ? 'an array' : typeof input}`,
      );
    }
    const issues = action.validateInput(input);
    trace.inputErrors.push(...issues);
    if (issues.length > 0) {
      throw new SwitchboardError(
        ActionErrors.SB_ACTION_INPUT_INVALID,
        `the input must match the input contract; ${issuesText(issues)}`,
        {
          details: { issues },
        },
      );
    }
    return { ...input, rawRequest: JSON.stringify(input) };
  });
}

/** Render URL, headers and (for POST/PUT/PATCH) body; the result is stored in `trace.request`. */
export function renderRequest(
  action: CompiledAction,
  ctx: Record<string, unknown>,
  trace: ActionTrace,
  baseUrl?: string,
): RequestTrace {
  const method = action.definition.request.requestType;
  const type = action.definition.integrationType;
  const url = runStage(trace, 'requestUrlTemplate', () =>
    isServiceIntegration(type)
      ? serviceUrl(renderTemplate(action.url, ctx).trim(), type)
      : resolveUrl(renderTemplate(action.url, ctx).trim(), baseUrl),
  );
  const headers: Record<string, string> = {};
  trace.request = { method, url, headers };
  runStage(trace, 'headers', () => {
    for (const h of action.headers) headers[h.name] = renderTemplate(h.value, ctx);
  });
  // HELP-REQ: "GET requests do not use request templates"; DELETE sends no body either.
  if (method === 'GET' || method === 'DELETE') return trace.request;
  const body = runStage(trace, 'requestTemplate', () => renderTemplate(action.body, ctx));
  if (!hasHeader(headers, 'Content-Type')) headers['Content-Type'] = 'application/json';
  trace.request = { method, url, headers, body };
  return trace.request;
}

/** The integration types whose requests are Genesys Cloud's (a relative path) or any host's (web services). */
const HTTP_INTEGRATION_TYPES = new Set(['purecloud-data-actions', 'custom-rest-actions']);

/**
 * Whether an integration type is a catalogue integration (Salesforce, Zendesk, Microsoft Dynamics,
 * AWS Lambda, Genesys Functions …): its actions address the integration's own service, whose host
 * the action does not hold.
 */
function isServiceIntegration(type: string): boolean {
  return !HTTP_INTEGRATION_TYPES.has(type);
}

// [INFERRED] A catalogue integration's path (a Salesforce `/services/data/...`, a Lambda ARN) is
// addressed at `https://<type>.integration.invalid/<path>`, so that a mock can answer it.
function serviceUrl(rendered: string, type: string): string {
  if (/^https?:\/\//i.test(rendered)) return rendered;
  const slug = type.toLowerCase().replace(/[^a-z0-9-]+/g, '-') || 'integration';
  return `https://${slug}${SERVICE_HOST_SUFFIX}${rendered.startsWith('/') ? '' : '/'}${rendered}`;
}

/** Whether a header is set, whatever the case of its name. */
export function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  const wanted = name.toLowerCase();
  return Object.keys(headers).some((h) => h.toLowerCase() === wanted);
}

function resolveUrl(path: string, baseUrl: string | undefined): string {
  if (/^https?:\/\//i.test(path)) return path;
  if (!path.startsWith('/')) {
    throw new SwitchboardError(
      ActionErrors.SB_ACTION_TEMPLATE,
      `requestUrlTemplate must render an absolute URL or a /api/v2/... path; got ${JSON.stringify(path.slice(0, 120))}`,
      {
        details: { template: 'requestUrlTemplate' },
      },
    );
  }
  return baseUrl ? new URL(path, baseUrl).toString() : path;
}

/**
 * Parse a 2xx response body (empty counts as `{}`), enforcing the JSON depth limit.
 * @example
 * parseResponseBody('{"a":1}', trace) // → { a: 1 }
 */
export function parseResponseBody(body: string, trace: ActionTrace): unknown {
  return runStage(trace, 'response', () => {
    if (body.trim() === '') return {};
    const parsed = parseJsonText(body);
    if (!parsed.ok) {
      throw new SwitchboardError(
        ActionErrors.SB_ACTION_RESPONSE_INVALID,
        `the response must be JSON; body line ${parsed.line} column ${parsed.column}: ${parsed.message}`,
        {
          details: { field: 'response.body', line: parsed.line, column: parsed.column },
        },
      );
    }
    if (jsonDepth(parsed.value, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH) {
      throw new SwitchboardError(
        ActionErrors.SB_ACTION_RESPONSE_INVALID,
        `the response must nest at most ${MAX_JSON_DEPTH} levels; the body is deeper`,
        {
          details: { field: 'response.body' },
        },
      );
    }
    return parsed.value;
  });
}

/**
 * Translate, render the success template, parse it and validate it against the success schema.
 * Returns the resolved output object and its flattened form.
 */
export function resolveOutput(
  action: CompiledAction,
  response: unknown,
  rawBody: string,
  input: Record<string, unknown>,
  tools: TemplateTools,
  trace: ActionTrace,
): { outputs: Record<string, unknown>; flattened: Record<string, unknown> } {
  const { vars, trace: translations } = runStage(trace, 'translationMap', () =>
    translate(action.translations, response),
  );
  trace.translations = translations;
  const rendered = runStage(trace, 'successTemplate', () => {
    // An empty 2xx body (202/204) passes through `${rawResult}` as an empty object.
    trace.renderedSuccess = renderTemplate(action.success, {
      ...tools,
      ...vars,
      input,
      rawResult: rawBody.trim() === '' ? '{}' : rawBody,
    });
    return parseSuccess(trace.renderedSuccess, trace, action.definition.contract.output.type === 'array');
  });
  runStage(trace, 'successSchema', () => {
    const issues = action.validateOutput(rendered);
    trace.outputErrors.push(...issues);
    if (issues.length > 0) {
      throw new SwitchboardError(
        ActionErrors.SB_ACTION_OUTPUT_INVALID,
        `the output must match the success schema; ${issuesText(issues)}`,
        {
          details: { field: 'successSchema', issues },
        },
      );
    }
  });
  // [INFERRED] A success schema whose top level is an array (Genesys's Salesforce search actions)
  // reaches Architect as its item's properties, single-valued: published flows bind such an
  // action's `Id` to a String variable. The first item is the output; an empty array, none.
  const outputs = Array.isArray(rendered) ? (rendered.find((x) => isPlainObject(x)) ?? {}) : rendered;
  return { outputs, flattened: flattenOutputs(outputs) };
}

function parseSuccess(rendered: string, trace: ActionTrace, arraySchema: boolean): Record<string, unknown> | unknown[] {
  const parsed = parseJsonText(rendered);
  if (!parsed.ok) {
    const suspects = trace.translations
      .filter((t) => t.source === 'unresolved' || (t.value !== undefined && !parseJsonText(t.value).ok))
      .map((t) =>
        t.source === 'unresolved'
          ? `${t.name} resolved nothing and has no default`
          : `${t.name} = ${t.source} ${JSON.stringify(t.value)}, which is not JSON text`,
      );
    const why = suspects.length > 0 ? ` (${suspects.join('; ')})` : '';
    throw new SwitchboardError(
      ActionErrors.SB_ACTION_OUTPUT_INVALID,
      `the success template must render valid JSON; successTemplate output line ${parsed.line} column ${parsed.column}: ${parsed.message}${why}`,
      { details: { field: 'successTemplate', line: parsed.line, column: parsed.column } },
    );
  }
  if (!isPlainObject(parsed.value) && !(arraySchema && Array.isArray(parsed.value))) {
    throw new SwitchboardError(
      ActionErrors.SB_ACTION_OUTPUT_INVALID,
      `the success template must render a JSON object${arraySchema ? ' or array (the success schema is an array)' : ''}; got ${Array.isArray(parsed.value) ? 'an array' : typeof parsed.value}`,
      {
        details: { field: 'successTemplate' },
      },
    );
  }
  if (jsonDepth(parsed.value, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH) {
    throw new SwitchboardError(
      ActionErrors.SB_ACTION_OUTPUT_INVALID,
      `the output must nest at most ${MAX_JSON_DEPTH} levels`,
      { details: { field: 'successTemplate' } },
    );
  }
  return parsed.value;
}
