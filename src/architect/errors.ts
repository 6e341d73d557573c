/**
 * @module
 * Error codes of the Architect context: import, validation, expressions and flow runs.
 */
import { defineErrorCodes } from '../core/index.ts';

/** Error codes raised while importing, validating or running an Architect flow. */
export const ArchitectErrors = defineErrorCodes('architect', {
  SB_ARCHITECT_EXPORT_CORRUPT: {
    summary: 'An .i3WorkFlow export cannot be decoded (base64 of URI-encoded JSON).',
    retry: 'never',
    hint: 'Export the workflow again from Architect; the file must hold one base64 line and nothing else.',
    status: 400,
  },
  SB_ARCHITECT_YAML_INVALID: {
    summary: 'An Archy YAML workflow does not parse or lacks the workflow structure.',
    retry: 'never',
    hint: 'Check the YAML at the reported line; it must start with a `workflow:` mapping.',
    status: 400,
  },
  SB_ARCHITECT_FLOW_TYPE_UNSUPPORTED: {
    summary:
      'The file is an Architect flow of another type than a workflow, a workitem flow or a common module (inbound call, inbound message, bot …); Switchboard runs workflows, workitem flows and the common modules they call.',
    retry: 'never',
    hint: 'Run the workflows of the project; a flow of this type runs in Genesys Cloud itself.',
    status: 400,
  },
  SB_ARCHITECT_COMMON_MODULE_MISSING: {
    summary:
      'A Call Common Module names a common module the workflow was not given (Architect snapshots the module into the workflow when it publishes).',
    retry: 'never',
    hint: 'Put the common module (Archy YAML "commonModule:") in the same folder or bundle as the workflow, or pass it to `flow run` with --module <file>.',
    status: 400,
  },
  SB_ARCHITECT_PARAM_MISSING: {
    summary: 'An Archy YAML `{{name}}` placeholder has no substitution value.',
    retry: 'never',
    hint: 'Pass every placeholder named in the message as a parameter (as Terraform `substitutions` does).',
    status: 400,
  },
  SB_ARCHITECT_FLOW_INVALID: {
    summary:
      'A flow breaks an import rule (unknown action, dangling id, undeclared variable, type mismatch, unavailable data action).',
    retry: 'never',
    hint: 'Fix each issue listed in details.issues; every issue names the flow, the action and the rule.',
    status: 400,
  },
  SB_ARCHITECT_EXPR_SYNTAX: {
    summary: 'An Architect expression does not parse.',
    retry: 'never',
    hint: 'Fix the expression at the reported column.',
    status: 400,
  },
  SB_ARCHITECT_EXPR_TYPE: {
    summary: 'An Architect expression applied an operator or function to values of the wrong type.',
    retry: 'never',
    hint: 'Convert the operands (ToInt, ToString…) so that the types agree.',
    status: 400,
  },
  SB_ARCHITECT_NOT_SET: {
    summary: 'A NOT_SET value reached an operator or function that does not accept NOT_SET.',
    retry: 'never',
    hint: 'Guard the value with IsSet(…) or If(IsSet(x), x, default).',
    status: 400,
  },
  SB_ARCHITECT_VALUE_INVALID: {
    summary: 'A value is out of range for the operation (index, substring, conversion, division by zero).',
    retry: 'never',
    hint: 'Check the value named in the message before using it.',
    status: 400,
  },
  SB_ARCHITECT_INPUT_INVALID: {
    summary: 'A workflow input does not fit the type of its input variable.',
    retry: 'never',
    hint: 'Send the input with the type the workflow declares: a DateTime as ISO-8601 text, a Duration as PT5M or milliseconds, a User, Queue or other platform object as an object with an id, a collection as an array.',
    status: 400,
  },
  SB_ARCHITECT_MAX_ACTIONS: {
    summary: 'A flow run executed more actions than the per-invocation limit (10,000 in Genesys Cloud).',
    retry: 'never',
    hint: 'Look for a loop that never exits; raise maxActions only for local experiments.',
    status: 400,
  },
  SB_ARCHITECT_WAIT_TOO_LONG: {
    summary: 'A Wait action would run past the maximum running time (or the 72-hour Wait limit) without trimming.',
    retry: 'never',
    hint: 'Shorten the wait or set trimDurationNearMaxRunningTime to true.',
    status: 400,
  },
  SB_ARCHITECT_MAX_RUNNING_TIME: {
    summary: 'A flow run went past its maximum running time.',
    retry: 'never',
    hint: 'Shorten the waits or let Wait actions trim their duration near the maximum running time.',
    status: 400,
  },
  SB_ARCHITECT_DATA_ACTION_UNRESOLVED: {
    summary: 'A flow calls a data action that is not loaded, so the call could only fail.',
    retry: 'never',
    hint: 'Pass --actions <folder> holding the data actions the flow calls (their .custom.json exports); a data action renamed on import is re-bound with --rebind \'{"<name in the flow>":"<action name>"}\'.',
    status: 400,
  },
  SB_ARCHITECT_ACTION_FAILED: {
    summary: 'A step of the flow failed in a way that the flow does not handle, so error handling ended the workflow.',
    retry: 'never',
    hint: 'Read the cause in the message and the run history.',
    status: 500,
  },
});
