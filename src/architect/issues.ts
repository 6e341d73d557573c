/**
 * @module
 * Import and validation issues: each names the flow, the action and the broken rule.
 */
import { SwitchboardError } from '../core/index.ts';
import { ArchitectErrors } from './errors.ts';

/** The rules a flow is checked against at import. */
export type IssueRule =
  | 'unknown-action-type'
  | 'unsupported'
  | 'dangling-id'
  | 'duplicate-reference'
  | 'structure'
  | 'duplicate-variable'
  | 'undeclared-variable'
  | 'type-mismatch'
  | 'expression-syntax'
  | 'unavailable-data-action'
  | 'unavailable-common-module'
  | 'exit-loop-outside-loop';

/** One broken rule. */
export interface FlowIssue {
  readonly rule: IssueRule;
  readonly flow: string;
  /** The action, as `"<name>" (<id>)`, when the issue belongs to one. */
  readonly action?: string;
  readonly message: string;
  readonly expression?: string;
  /** 1-based column inside `expression`. */
  readonly column?: number;
}

/** Render an action reference the way issues and errors name it. */
export function actionLabel(name: string, id: string): string {
  return `"${name}" (${id})`;
}

/** Render one issue as a line: flow, action, rule, failure. */
export function formatIssue(i: FlowIssue): string {
  const where = i.action ? `flow "${i.flow}", action ${i.action}` : `flow "${i.flow}"`;
  const expr =
    i.expression === undefined
      ? ''
      : ` in expression \`${i.expression}\`${i.column === undefined ? '' : ` at column ${i.column}`}`;
  return `${where}: [${i.rule}] ${i.message}${expr}`;
}

/**
 * The error thrown when a flow has issues; `details.issues` lists all of them.
 * @example
 * throw invalidFlowError('My flow', issues);
 */
export function invalidFlowError(flow: string, issues: readonly FlowIssue[], file?: string): SwitchboardError {
  const head = `flow "${flow}"${file ? ` (${file})` : ''} breaks ${issues.length} import rule${issues.length === 1 ? '' : 's'}`;
  const lines = issues.slice(0, 10).map((i) => `  - ${formatIssue(i)}`);
  if (issues.length > 10) lines.push(`  - … and ${issues.length - 10} more`);
  return new SwitchboardError(ArchitectErrors.SB_ARCHITECT_FLOW_INVALID, `${head}:\n${lines.join('\n')}`, {
    details: { flow, ...(file ? { file } : {}), issues },
  });
}
