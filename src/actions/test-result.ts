/**
 * @module
 * The `/test` view of an execution: Genesys's `TestExecutionResult` (platform spec §3.2), with one
 * operation per pipeline step and its intermediate result, built from the trace.
 */
import type { ErrorBody } from '../core/index.ts';
import { redactValue } from './secure.ts';
import type { ActionResult, ActionStage } from './types.ts';

/** One step of a test execution. */
interface TestExecutionOperationResult {
  step: number;
  name: string;
  success: boolean;
  result?: unknown;
  error?: ErrorBody;
}

/** Genesys's `TestExecutionResult`. */
export interface TestExecutionResult {
  operations: TestExecutionOperationResult[];
  error?: ErrorBody;
  finalResult?: unknown;
  success: boolean;
}

const NAMES: Record<ActionStage, string> = {
  input: 'Validate input against the input contract',
  requestUrlTemplate: 'Resolve request URL template',
  headers: 'Resolve request headers',
  requestTemplate: 'Resolve request body template',
  http: 'Execute HTTP request',
  response: 'Parse response body',
  translationMap: 'Resolve translation map',
  successTemplate: 'Resolve success template',
  successSchema: 'Validate output against the success schema',
};

/**
 * Build a `TestExecutionResult` from an execution result. For a secure action every intermediate
 * result and the final result are redacted, as its trace is ([INFERRED]: Genesys hides secure
 * actions' data from execution history; the test view is assumed to follow).
 * @example
 * toTestExecutionResult(await executeAction(action, input, opts)).operations.map((o) => o.name)
 */
export function toTestExecutionResult(result: ActionResult): TestExecutionResult {
  const t = result.trace;
  const failure = t.failure;
  const outputs = t.secure ? redactValue(result.outputs) : result.outputs;
  const operations = t.stages.map(({ stage, ok }, i): TestExecutionOperationResult => {
    const op: TestExecutionOperationResult = { step: i + 1, name: NAMES[stage], success: ok };
    const value = stageResult(result, stage, outputs);
    if (value !== undefined) op.result = value;
    if (!ok && failure) op.error = failure.errorBody;
    return op;
  });
  return {
    operations,
    success: result.status === 'success',
    ...(result.status === 'success' ? { finalResult: outputs } : {}),
    ...(failure ? { error: failure.errorBody } : {}),
  };
}

function stageResult(result: ActionResult, stage: ActionStage, outputs: unknown): unknown {
  const t = result.trace;
  switch (stage) {
    case 'input':
      return t.input;
    case 'requestUrlTemplate':
      return t.request?.url;
    case 'headers':
      return t.request?.headers;
    case 'requestTemplate':
      return t.request?.body;
    case 'http':
      return t.response
        ? { method: t.request?.method, url: t.request?.url, status: t.response.status, body: t.response.body }
        : undefined;
    case 'response':
      return undefined;
    case 'translationMap':
      return Object.fromEntries(t.translations.map((v) => [v.name, v.value ?? null]));
    case 'successTemplate':
      return t.renderedSuccess;
    case 'successSchema':
      return result.status === 'success' ? outputs : t.outputErrors;
  }
}
