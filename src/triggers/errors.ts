/**
 * @module
 * Error codes of the trigger engine.
 */
import { defineErrorCodes } from '../core/index.ts';

/** The trigger context's error codes. */
export const TriggerErrors = defineErrorCodes('triggers', {
  SB_TRIGGER_INVALID: {
    summary: 'A trigger breaks one or more validation rules of the Process Automation API.',
    retry: 'never',
    hint: 'Fix every field listed in the details (name/topicName 1-256 chars, eventTTLSeconds >= 10, delayBySeconds 60-900, a known operator, value vs values).',
    status: 400,
  },
  SB_TRIGGER_JSONPATH: {
    summary: 'A match criterion holds a JSONPath that cannot be compiled.',
    retry: 'never',
    hint: "Use a Jayway JSONPath: a field name (`mediaType`), dot/bracket notation, [*], .., indexes, slices or filters [?(@.a == 'x')].",
    status: 400,
  },
  SB_TRIGGER_EVENT_INVALID: {
    summary: 'An event file is not a JSON object, a notification or an EventBridge envelope.',
    retry: 'never',
    hint: 'Give a bare event body, {"topicName","eventBody"} or an EventBridge envelope with detail.eventBody.',
    status: 400,
  },
});
