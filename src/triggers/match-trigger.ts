/**
 * @module
 * Test mode: one trigger matched against one event, through the same trace as the trigger index
 * (`traceTrigger`), with its schema check and decision.
 */
import { eventOrigin } from './match.ts';
import type { CompiledTrigger } from './model.ts';
import { validateEventBody } from './topics.ts';
import { traceTrigger } from './trace-views.ts';
import type { SchemaResult, TriggerTrace } from './types.ts';

/** Options of {@link matchTrigger}. */
export interface MatchOptions {
  /** When the event was received (epoch ms); the TTL's origin for events without `eventTime`. Defaults to `now`. */
  receivedAt?: number;
  /** A schema result already computed for this event (the index computes it once per event). */
  schema?: SchemaResult;
}

/**
 * Match one trigger against an event body. Never throws: a body that is not an object, or does
 * not fit the topic's schema, is reported in `schema` and does not match. Disabled triggers are
 * evaluated too (test mode) and get `decision: skip-disabled` when they match.
 * @example
 * const trace = matchTrigger(compileTrigger(trigger), { mediaType: 'CALLBACK', eventTime: now }, now);
 * trace.matches // true
 * trace.criteria[0].extracted // [{ value: 'CALLBACK', path: "$['mediaType']" }]
 */
export function matchTrigger(t: CompiledTrigger, body: unknown, now: number, options: MatchOptions = {}): TriggerTrace {
  const schema = options.schema ?? validateEventBody(t.topicName, body);
  return traceTrigger(t, body, schema, eventOrigin(body, options.receivedAt ?? now), now).toJSON();
}
