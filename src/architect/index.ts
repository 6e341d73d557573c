/**
 * @module
 * Architect flows: import of `.i3WorkFlow` exports and Archy YAML into one flow model, validation at
 * import, the Architect expression language, and an interpreter that drives an injected step API.
 */
export { ArchitectErrors } from './errors.ts';
export { FAILURE_OUTPUTS, failureOutputType, typeName, walkActions, childSequences } from './model.ts';
export type {
  Action,
  ActionType,
  ArchType,
  ArchValue,
  BaseType,
  CallDataAction,
  DecisionAction,
  EndWorkflowAction,
  ExitLoopAction,
  Flow,
  FlowState,
  GetParticipantDataAction,
  LookupAction,
  LookupKind,
  LoopAction,
  ArchObject,
  PrimitiveType,
  SetParticipantDataAction,
  SwitchAction,
  UpdateDataAction,
  UpdateStatement,
  ValueSource,
  VariableDecl,
  WaitAction,
} from './model.ts';
export { DATA_TYPES, typeOfI3, typeOfYamlKind, resolveName, toOutsideValue } from './data-types.ts';
export type { DataTypeInfo } from './data-types.ts';
export { LOOKUPS, PARTICIPANT_DATA_PERMISSIONS, callGenesysApi, platformPermissions } from './platform-actions.ts';
export type { GenesysRequest, GenesysResponse, LookupSpec } from './platform-actions.ts';
export { parseDuration, durationFromYaml, formatDuration } from './duration.ts';
export { decodeI3WorkFlow, importI3WorkFlow, importI3WorkFlowDocument } from './import/i3workflow.ts';
export { importArchyYaml, substitute } from './import/archy-yaml.ts';
export type { ArchyImportOptions } from './import/archy-yaml.ts';
export type { ImportOptions } from './import/options.ts';
export { importFlowFile } from './import/by-file-name.ts';
export { validateFlow } from './validate.ts';
export { rebindDataActions } from './rebind.ts';
export type { ValidateOptions } from './validate.ts';
export { formatIssue, invalidFlowError } from './issues.ts';
export type { FlowIssue, IssueRule } from './issues.ts';
export { ExprError } from './expr/ast.ts';
export type { ExprNode, BinaryOp } from './expr/ast.ts';
export { parseExpression } from './expr/parser.ts';
export { evaluate } from './expr/evaluate.ts';
export type { EvalEnv } from './expr/evaluate.ts';
export { checkExpression } from './expr/check.ts';
export type { CheckEnv } from './expr/check.ts';
export { functionNames } from './expr/functions.ts';
export { archToString, archEquals } from './expr/values.ts';
export { flattenOutputs, toVariableValue } from './bindings.ts';
export { runFlow } from './interpreter.ts';
export { MAX_WAIT_MS, TRIM_MARGIN_MS } from './run-types.ts';
export type { ActionCallResult, FlowStepTools, FlowResult, FlowRunError, RunOptions, StepRecord } from './run-types.ts';
