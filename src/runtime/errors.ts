/**
 * @module
 * Error codes of the runtime (composition, event intake, its JSON API).
 */
import { defineErrorCodes } from '../core/index.ts';

/** The runtime's error codes. */
export const RuntimeErrors = defineErrorCodes('runtime', {
  SB_RUNTIME_CONFIG: {
    summary: 'The runtime options are incomplete or contradict each other.',
    retry: 'never',
    hint: 'Check the option named in the message: a target, bundles whose workflow and trigger names are unique, an event source the target supports.',
    status: 400,
  },
  SB_RUNTIME_EVENT_INVALID: {
    summary: 'An event pushed to the runtime is not a Genesys notification.',
    retry: 'never',
    hint: 'Send a JSON body: a NotificationEvent `{topicName, eventBody, metadata: {CorrelationId}}`, an EventBridge envelope whose `detail` is one, or an array of them.',
    status: 400,
  },
  SB_RUNTIME_NOT_FOUND: {
    summary: 'The run, trigger or workflow asked for does not exist in this runtime.',
    retry: 'never',
    hint: 'List what exists: GET /api/runs, /api/triggers, /api/bundles.',
    status: 404,
  },
  SB_RUNTIME_RUN_STATE: {
    summary: 'The run is not in a state that allows the action: only a pending or waiting run can be cancelled.',
    retry: 'never',
    hint: 'Read the run (GET /api/runs/{id}): a running run settles by itself; a settled one can be run again (POST /api/runs/{id}/rerun).',
    status: 409,
  },
  SB_RUNTIME_BAD_REQUEST: {
    summary: 'A query of the runtime API is malformed.',
    retry: 'never',
    hint: 'Fix the query parameter named in the message; query numbers are integers, statuses are pending|running|waiting|completed|failed|cancelled.',
    status: 400,
  },
  SB_RUNTIME_BAD_BODY: {
    summary: 'A request body to the runtime API is not JSON, or not the shape the route takes.',
    retry: 'never',
    hint: 'Send a JSON body (Content-Type: application/json) with the fields the route takes; the message names the field at fault.',
    status: 400,
  },
  SB_RUNTIME_METHOD_NOT_ALLOWED: {
    summary: 'The runtime API route exists, but not with this HTTP method.',
    retry: 'never',
    hint: 'Use one of the methods the Allow header of the answer lists (POST /events to push events, GET /api/runs to read runs).',
    status: 405,
  },
  SB_RUNTIME_EVENT_SOURCE: {
    summary: 'The event source could not connect (notification channel or websocket).',
    retry: 'backoff',
    hint: 'Check that the emulator is reachable at the target URL; the runtime reconnects on its own.',
    status: 503,
  },
  SB_RUNTIME_ORG_CONTROL: {
    summary: 'A request the runtime made to drive the org (the simulator, a presence) was refused.',
    retry: 'backoff',
    hint: 'Read the status and body in the message: the emulator must be reachable and the simulator request valid.',
    status: 502,
  },
  SB_RUNTIME_ORG_DATA: {
    summary:
      'An object a project creates in the emulated org besides its automation (a data table or its row, a queue, a group, a wrap-up code, a Task Management workbin, worktype, status or rule) could not be created.',
    retry: 'never',
    hint: 'Read the answer in the message and fix the Terraform resource it names (a row must fit its table’s columns), or create the object in the org yourself.',
    status: 502,
  },
  SB_RUNTIME_BUSY: {
    summary: 'The event intake is full: more pushed events are being written and dispatched than it takes at once.',
    retry: 'after',
    hint: 'Send again after the Retry-After delay (EventBridge API destinations do so by themselves), or raise maxPendingEvents.',
    status: 429,
  },
  SB_RUNTIME_INTAKE_UNAVAILABLE: {
    summary: 'A pushed event could not be written (the store failed, or the runtime is stopping), so it was not taken.',
    retry: 'after',
    hint: 'Send it again after the Retry-After delay (EventBridge API destinations do so by themselves); a redelivered event starts nothing twice. If it persists, check the store (disk, database) in the runtime log.',
    status: 503,
  },
  SB_RUNTIME_STOPPED: {
    summary: 'The runtime is stopped.',
    retry: 'never',
    hint: 'Start it again, or create a new runtime.',
    status: 503,
  },
});
