/**
 * @module
 * Error codes of the workflows context.
 */
import { defineErrorCodes } from '../core/index.ts';

/** The workflow engine's error codes. */
export const WorkflowErrors = defineErrorCodes('workflows', {
  SB_WORKFLOW_DETERMINISM: {
    summary: 'On replay, the workflow called a different step than its journal recorded at that point.',
    retry: 'never',
    hint: 'Workflow code must call the same steps in the same order on every replay: put time, randomness and I/O inside step.run/step.action, and do not edit a code-first workflow while runs of it are waiting (deploy it under a new name instead); runs of an Architect flow resume on the version they started with.',
    status: 500,
  },
  SB_WORKFLOW_MAX_ACTIONS: {
    summary: 'A run executed more steps than its limit allows (Architect: 10,000 actions per flow invocation).',
    retry: 'never',
    hint: 'Look for a loop that never ends, or raise limits.maxActions on the workflow.',
    status: 500,
  },
  SB_WORKFLOW_MAX_RUNNING_TIME: {
    summary: 'A run was still not finished when its maximum running time elapsed.',
    retry: 'never',
    hint: 'Shorten the waits, or raise limits.maxRunningTimeMs on the workflow.',
    status: 500,
  },
  SB_WORKFLOW_STEP_FAILED: {
    summary: 'A step.run function threw; the error is journaled and thrown again on every replay.',
    retry: 'never',
    hint: 'Catch the error in the workflow to take another path, or fix the step; details.stepId names it.',
    status: 500,
  },
  SB_WORKFLOW_FAILED: {
    summary: 'The workflow function threw an error that no step caught.',
    retry: 'never',
    hint: 'Read the message and the step history (`switchboard runs show <id>`) to see where it failed.',
    status: 500,
  },
  SB_WORKFLOW_UNKNOWN: {
    summary: 'No workflow with this name is registered.',
    retry: 'never',
    hint: 'Register the workflow with the worker (its `workflows` option) or check the name for typos.',
    status: 404,
  },
  SB_WORKFLOW_INVALID: {
    summary: 'A workflow definition breaks a rule.',
    retry: 'never',
    hint: 'Fix the field named in the message.',
    status: 400,
  },
  SB_WORKFLOW_INPUT_INVALID: {
    summary: "A run's input does not match the workflow's input schema.",
    retry: 'never',
    hint: 'Pass an input that matches the `inputs` schema of the workflow; details.issues lists what is wrong.',
    status: 400,
  },
  SB_WORKFLOW_DURATION_INVALID: {
    summary: 'A sleep duration cannot be read.',
    retry: 'never',
    hint: 'Use milliseconds (300000), a short form ("5m", "1h30m", "200ms"), ISO 8601 ("PT5M") or { minutes: 5 }.',
    status: 400,
  },
  SB_WORKFLOW_ACTION_RESULT_INVALID: {
    summary: 'The action invoker returned something that is not an action result.',
    retry: 'never',
    hint: 'An ActionInvoker must resolve to { status: "success" | "failure" | "timeout", outputs: {...} }.',
    status: 500,
  },
  SB_WORKFLOW_ACTION_FAILED: {
    summary: 'The action invoker threw instead of returning a failure result.',
    retry: 'backoff',
    hint: 'The step took its failure path; the message says what the invoker threw.',
    status: 502,
  },
  SB_WORKFLOW_NO_INVOKER: {
    summary: 'A workflow called step.action but the worker has no action invoker.',
    retry: 'never',
    hint: 'Pass `invoker` to createWorker (the runtime wires the data-action executor there).',
    status: 500,
  },
  SB_WORKFLOW_RETRY_INVALID: {
    summary: 'A retry policy (step.action, the worker, or a bundle manifest) breaks its schema.',
    retry: 'never',
    hint: 'attempts is 1-10; backoff { initialMs, maxMs, factor }; honourRetryAfter a boolean; on a list of 429, "5xx", "timeout". details.field names the field.',
    status: 400,
  },
  SB_WORKFLOW_NO_GENESYS: {
    summary: 'A workflow called step.api but the worker has no Genesys Cloud client for it.',
    retry: 'never',
    hint: 'Pass `genesys` to createWorker (the runtime gives every workflow its client), or call the API through a data action.',
    status: 500,
  },
  SB_WORKFLOW_API_REQUEST_INVALID: {
    summary: 'A step.api request breaks a rule (method, a relative /api/v2/ path, a JSON body).',
    retry: 'never',
    hint: 'Call step.api(id, { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: "/api/v2/...", body? }).',
    status: 400,
  },
  SB_WORKFLOW_API_FAILED: {
    summary:
      'A step.api request got no answer (network error or timeout); an HTTP error answer is returned, not thrown.',
    retry: 'backoff',
    hint: 'The error is journaled and thrown again on replay; catch it in the workflow to take another path.',
    status: 502,
  },
  SB_WORKFLOW_CHILD_FAILED: {
    summary: 'A child workflow started with step.child failed or was cancelled.',
    retry: 'never',
    hint: 'details.childRunId names the child run; its error is in details.cause. Catch the error in the parent to take another path.',
    status: 500,
  },
  SB_WORKFLOW_WAIT_INVALID: {
    summary: 'A step.waitForEvent call breaks a rule (topic, match, timeout).',
    retry: 'never',
    hint: 'Call step.waitForEvent(id, { topic: "v2.detail.events.conversation.{id}.user.end", match: { conversationId }, timeout: "30m" }).',
    status: 400,
  },
});
