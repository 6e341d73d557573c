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
  isDataActionDocument,
  DEFAULT_REQUEST_TEMPLATE,
  DEFAULT_SUCCESS_TEMPLATE,
} from './load.ts';
export { compileAction, validateAction } from './compile.ts';
export type { CompiledAction } from './compile.ts';
export { executeAction } from './execute.ts';
export { callsOtherService, createIntegrationAuth, WEB_SERVICE_CREDENTIAL_TYPES } from './web-services.ts';
export type { IntegrationAuth, WebServiceCredentialType } from './web-services.ts';
export type { ExecuteOptions } from './execute.ts';
export { toTestExecutionResult } from './test-result.ts';
export { formatTrace } from './format-trace.ts';
export { findActionByName, matchingActionFile, matchingActionName } from './names.ts';
export { redactValue } from './secure.ts';
export type { ActionDefinition, ActionResult, ActionTrace } from './types.ts';
