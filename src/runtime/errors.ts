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
    hint: 'Send a NotificationEvent `{topicName, eventBody, metadata: {CorrelationId}}` or an EventBridge envelope whose `detail` is one.',
    status: 400,
  },
  SB_RUNTIME_NOT_FOUND: {
    summary: 'The run, trigger or workflow asked for does not exist in this runtime.',
    retry: 'never',
    hint: 'List what exists: GET /api/runs, /api/triggers, /api/bundles.',
    status: 404,
  },
  SB_RUNTIME_BAD_REQUEST: {
    summary: 'A request to the runtime API is malformed.',
    retry: 'never',
    hint: 'Fix the field named in the message; query numbers are integers, statuses are pending|running|waiting|completed|failed|cancelled.',
    status: 400,
  },
  SB_RUNTIME_EVENT_SOURCE: {
    summary: 'The event source could not connect (notification channel or websocket).',
    retry: 'backoff',
    hint: 'Check that the emulator is reachable at the target URL; the runtime reconnects on its own.',
    status: 503,
  },
  SB_RUNTIME_STOPPED: {
    summary: 'The runtime is stopped.',
    retry: 'never',
    hint: 'Start it again, or create a new runtime.',
    status: 503,
  },
});
