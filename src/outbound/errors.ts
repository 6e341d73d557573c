/**
 * @module
 * Error codes of outbound calls. Each pre-check failure maps to exactly one code, so a caller
 * (CLI, HTTP API, CRM integration) can tell the user what to fix.
 */
import { defineErrorCodes } from '../core/index.ts';

/** The outbound context's error codes. */
export const OutboundErrors = defineErrorCodes('outbound', {
  SB_OUTBOUND_BAD_NUMBER: {
    summary: 'The number to call is not a possible phone number.',
    retry: 'never',
    hint: 'Type the number in international form (+44 20 7946 0958) or set the default region for national numbers ((317) 555-1234 with region US).',
    status: 400,
  },
  SB_OUTBOUND_BAD_REQUEST: {
    summary: 'An outbound call request is malformed.',
    retry: 'never',
    hint: 'Check the field named in the message: `from` is a user id, an email or `station:<id>`; `to` is a phone number.',
    status: 400,
  },
  SB_OUTBOUND_USER_NOT_FOUND: {
    summary: 'The user to place the call for does not exist.',
    retry: 'never',
    hint: 'Check the user id or email (GET /api/v2/users/{id}); the user may have been deleted or belong to another org.',
    status: 404,
  },
  SB_OUTBOUND_USER_STATE: {
    summary: 'The user is in a presence from which calls are not placed (Offline, Meal, Break).',
    retry: 'never',
    hint: 'Ask the user to go Available (or another working presence) first, then place the call again.',
    status: 403,
  },
  SB_OUTBOUND_NO_STATION: {
    summary: 'The user has no station (phone) to place the call from.',
    retry: 'never',
    hint: 'Associate a station with the user (Genesys Cloud: the user selects a phone, or an admin assigns a default station).',
    status: 403,
  },
  SB_OUTBOUND_PERMISSION: {
    summary: 'The OAuth client lacks the permission the call route needs.',
    retry: 'never',
    hint: 'Give the client a role holding conversation:call:add (or conversation:agentlessCall:add) for calls on behalf of a user, or conversation:conference:add for a user token.',
    status: 403,
  },
  SB_OUTBOUND_RATE_LIMITED: {
    summary: 'Genesys Cloud kept answering 429 Too Many Requests after the bounded retries.',
    retry: 'after',
    hint: 'Wait for the Retry-After delay and place the call again with the same idempotency key, so it is never placed twice.',
    status: 429,
  },
  SB_OUTBOUND_IDEMPOTENCY_CONFLICT: {
    summary: 'An idempotency key was reused for a different call.',
    retry: 'never',
    hint: 'Use a fresh idempotency key for each distinct call; reuse a key only to retry the very same request.',
    status: 409,
  },
  SB_OUTBOUND_REFUSED: {
    summary: 'Genesys Cloud refused the call request as invalid (a 4xx other than 403, 404 and 429).',
    retry: 'never',
    hint: 'Read the Genesys message and code in the error: a queue id that does not exist, a caller id the org does not own…',
    status: 400,
  },
  SB_OUTBOUND_API: {
    summary: 'Genesys Cloud refused or failed the call request.',
    retry: 'backoff',
    hint: 'The message carries the Genesys status, code and correlation id; look the correlation id up in the org if it persists.',
    status: 502,
  },
  SB_OUTBOUND_CREATE_UNCERTAIN: {
    summary:
      'The call request failed without a clear answer (5xx or network error), and whether the call was placed could not be checked.',
    retry: 'never',
    hint: "Give the OAuth client analytics:conversationDetail:view so a lost answer can be reconciled, or look at the user's recent calls before placing it again.",
    status: 502,
  },
  SB_OUTBOUND_PROGRESS_TIMEOUT: {
    summary: 'The call did not reach a final state within the wait limit.',
    retry: 'never',
    hint: 'Raise the wait timeout, or follow the conversation with GET /api/v2/conversations/calls/{id}.',
    status: 504,
  },
});
