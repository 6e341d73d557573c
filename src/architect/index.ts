/**
 * @module
 * Architect flows: import of `.i3WorkFlow` exports and Archy YAML into one flow model, validation at
 * import, the Architect expression language, and an interpreter that drives an injected step API.
 */
export { ArchitectErrors } from './errors.ts';
export { walkActions, childSequences, scopesOf } from './model.ts';
export type { Action, ActionType, Flow, ValueSource, VariableDecl } from './model.ts';
export { callGenesysApi, platformPermissions } from './platform-actions.ts';
export type { GenesysRequest } from './platform-actions.ts';
export { importArchyYaml, substitute } from './import/archy-yaml.ts';
export { importFlowFile } from './import/by-file-name.ts';
export { validateFlow } from './validate.ts';
export { withCommonModules } from './common-modules.ts';
export { rebindDataActions } from './rebind.ts';
export { formatIssue, invalidFlowError } from './issues.ts';
export type { FlowIssue } from './issues.ts';
export type { ExprNode } from './expr/ast.ts';
export { parseExpression } from './expr/parser.ts';
export { runFlow } from './interpreter.ts';
export type { ActionCallResult, FlowStepTools, FlowResult, StepRecord } from './run-types.ts';
export { architectPalette } from './palette.ts';
