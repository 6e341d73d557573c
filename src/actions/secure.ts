/**
 * @module
 * Secure data actions (Genesys "Call Secure Data Action", HELP-CDA): their inputs and outputs are
 * kept out of logs and execution history. The trace of a secure action keeps its structure (keys,
 * stages, status codes, timings, error codes and positions) and replaces every value that may
 * carry input or response data with {@link SECURE_MARKER}; the caller still gets the real outputs.
 */
import type { ErrorBody } from '../core/index.ts';
import type { ActionDefinition, ActionFailure, ActionTrace } from './types.ts';

/** What stands in for a hidden value. */
export const SECURE_MARKER = '[secure]';

// Response headers that describe the exchange rather than carry its data.
const STRUCTURAL_HEADERS = new Set(['content-type', 'content-length', 'inin-correlation-id', 'date']);

/**
 * The same shape with every leaf value replaced by the marker: keys and array lengths stay.
 * @example
 * redactValue({ card: '4111', tags: ['a'] }) // → { card: '[secure]', tags: ['[secure]'] }
 */
export function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v)]));
  return SECURE_MARKER;
}

/** A template that renders only itself (no Velocity reference or directive) cannot carry input. */
const isStatic = (template: string): boolean => !/[$#]/.test(template);

/**
 * The trace of a secure action as it may be stored or shown. Static request parts (a URL or
 * header with no Velocity in its template) stay; a rendered URL shows its template instead.
 * @example
 * if (definition.secure) result = { ...result, trace: redactTrace(result.trace, definition) };
 */
export function redactTrace(trace: ActionTrace, definition: ActionDefinition): ActionTrace {
  const { request, response, failure, renderedSuccess: _rendered, ...rest } = trace;
  const urlTemplate = definition.request.requestUrlTemplate;
  return {
    ...rest,
    secure: true,
    input: redactValue(trace.input),
    stages: trace.stages.map((s) => ({ ...s })),
    inputErrors: [...trace.inputErrors],
    outputErrors: [...trace.outputErrors],
    translations: trace.translations.map((t) => ({ ...t, ...(t.value === undefined ? {} : { value: SECURE_MARKER }) })),
    ...(request
      ? {
          request: {
            method: request.method,
            url: isStatic(urlTemplate) ? request.url : urlTemplate,
            headers: Object.fromEntries(
              Object.entries(request.headers).map(([k, v]) => {
                const template = definition.request.headers[k];
                return [k, template === undefined || isStatic(template) ? v : SECURE_MARKER];
              }),
            ),
            ...(request.body === undefined ? {} : { body: SECURE_MARKER }),
          },
        }
      : {}),
    ...(response
      ? {
          response: {
            status: response.status,
            durationMs: response.durationMs,
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([k, v]) => [
                k,
                STRUCTURAL_HEADERS.has(k.toLowerCase()) ? v : SECURE_MARKER,
              ]),
            ),
            body: SECURE_MARKER,
          },
        }
      : {}),
    ...(trace.renderedSuccess === undefined ? {} : { renderedSuccess: SECURE_MARKER }),
    ...(failure ? { failure: redactFailure(failure) } : {}),
  };
}

/** Messages read "the rule; the specific failure": the rule stays, the specifics may quote data. */
const redactMessage = (message: string): string => {
  const cut = message.indexOf(';');
  return `${cut === -1 ? message : message.slice(0, cut)}; ${SECURE_MARKER}`;
};

function redactFailure(f: ActionFailure): ActionFailure {
  const body = f.errorBody;
  const errorBody: ErrorBody = {
    message: redactMessage(body.message ?? f.message),
    ...(body.code === undefined ? {} : { code: body.code }),
    ...(body.status === undefined ? {} : { status: body.status }),
    ...(body.contextId === undefined ? {} : { contextId: body.contextId }),
    details: (body.details ?? []).map((d) => ({
      ...(d.errorCode === undefined ? {} : { errorCode: d.errorCode }),
      ...(d.fieldName === undefined ? {} : { fieldName: d.fieldName }),
    })),
    errors: [],
  };
  return { ...f, message: redactMessage(f.message), errorBody };
}
