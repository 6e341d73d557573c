/**
 * @module
 * The data-action engine: load a Genesys data action (`.custom.json`, the integrations API body
 * or Terraform attributes), compile it once, and execute it against the emulator or a real org
 * exactly as Genesys does — Velocity templates with Java semantics, Jayway translation maps,
 * draft-04 contracts, Architect's flattened outputs, and a trace of every step.
 */
export { ActionErrors } from './errors.ts';
export {
  loadAction,
  loadAuthAction,
  loadActionText,
  detectActionFormat,
  isDataActionDocument,
  DEFAULT_REQUEST_TEMPLATE,
  DEFAULT_SUCCESS_TEMPLATE,
} from './load.ts';
export { compileAction, validateAction } from './compile.ts';
export type { CompiledAction, ActionIssue } from './compile.ts';
export { executeAction, DEFAULT_TIMEOUT_SECONDS, DEFAULT_MAX_RESPONSE_BYTES } from './execute.ts';
export { isGenesysUrl } from './request-target.ts';
export { callsOtherService, createIntegrationAuth, WEB_SERVICE_CREDENTIAL_TYPES } from './web-services.ts';
export type { IntegrationAuth, IntegrationAuthSpec, WebServiceCredentialType } from './web-services.ts';
export type { ExecuteOptions } from './execute.ts';
export { FAILURE_OUTPUT_NAMES, failureOutputs, flattenFailure } from './failure.ts';
export { flattenOutputs } from './flatten.ts';
export { toTestExecutionResult } from './test-result.ts';
export type { TestExecutionResult, TestExecutionOperationResult } from './test-result.ts';
export { formatTrace } from './format-trace.ts';
export { exportedBaseName, findActionByName, matchingActionName } from './names.ts';
export { SECURE_MARKER, redactTrace, redactValue } from './secure.ts';
export type {
  TransientFailure,
  ActionDefinition,
  ActionRequestConfig,
  ActionResponseConfig,
  ActionSourceFormat,
  ActionResult,
  ActionTrace,
  ActionFailure,
  ActionStage,
  HttpMethod,
  JsonSchema,
  RequestTrace,
  ResponseTrace,
  TranslationTrace,
  TranslationSource,
  ValidationIssue,
} from './types.ts';
