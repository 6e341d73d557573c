/**
 * @module
 * Reading an incoming event (pure): a Notifications API message, an EventBridge envelope
 * (platform.md §6.1, §6.2) or a bare `{ topicName, eventBody }`, into the topic, body and the id
 * that makes a redelivery recognizable.
 */
import { createHash } from 'node:crypto';
import { isPlainObject } from '../core/index.ts';

/** An event the runtime can dispatch. */
interface IncomingEvent {
  readonly topic: string;
  readonly body: Record<string, unknown>;
  /** The notification's CorrelationId (or the envelope id); a content hash when it has neither. */
  readonly id: string;
}

/** The outcome of reading an event. */
export type ReadEvent =
  | { readonly ok: true; readonly event: IncomingEvent }
  /** `control`: a channel heartbeat or socket notice, not an event to log. */
  | { readonly ok: false; readonly control: true; readonly topic: string }
  | { readonly ok: false; readonly control?: false; readonly error: string };

/** Topics of the Notifications API that are about the channel, not the org. */
const CONTROL_TOPICS = new Set(['channel.metadata', 'v2.system.socket_closing']);

const TOPIC = /^v2\.[A-Za-z0-9_.{}-]+$/;

function contentId(topic: string, body: unknown): string {
  return `sha1-${createHash('sha1')
    .update(topic)
    .update('\0')
    .update(JSON.stringify(body) ?? '')
    .digest('hex')}`;
}

/** What a value is, for messages: `null`, `an array`, `an object`, `a number`… */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Read one event. Never throws: a malformed one gives `{ ok: false, error }` naming the field.
 * @example
 * readEvent({ topicName: 'v2.detail.events.conversation.c1.user.start', eventBody: { conversationId: 'c1' }, metadata: { CorrelationId: 'x' } })
 * // → { ok: true, event: { topic: 'v2.detail.events.conversation.c1.user.start', body: { conversationId: 'c1' }, id: 'x' } }
 */
export function readEvent(raw: unknown): ReadEvent {
  if (!isPlainObject(raw)) return { ok: false, error: `an event must be a JSON object; got ${describe(raw)}` };
  let message: Record<string, unknown> = raw;
  let envelopeId: string | undefined;
  if ('detail' in raw && 'detail-type' in raw) {
    if (!isPlainObject(raw.detail))
      return {
        ok: false,
        error: `an EventBridge envelope's detail must be an object; ${raw.detail === undefined ? 'it has none' : `got ${describe(raw.detail)}`}`,
      };
    message = raw.detail;
    if (typeof raw.id === 'string' && raw.id !== '') envelopeId = raw.id;
  }
  const topic = message.topicName;
  if (typeof topic !== 'string' || topic === '')
    return {
      ok: false,
      error: `an event needs a topicName string; ${topic === undefined ? 'it has none' : topic === '' ? 'it is empty' : `got ${describe(topic)}`}`,
    };
  if (CONTROL_TOPICS.has(topic)) return { ok: false, control: true, topic };
  if (!TOPIC.test(topic))
    return {
      ok: false,
      error: `an event's topicName must be a Genesys topic such as v2.detail.events.conversation.<id>.user.start; got "${topic.slice(0, 200)}"`,
    };
  const body = message.eventBody;
  if (!isPlainObject(body))
    return {
      ok: false,
      error: `an event needs an eventBody object; ${topic} has ${body === undefined ? 'none' : describe(body)}`,
    };
  const metadata = message.metadata;
  const correlation =
    isPlainObject(metadata) && typeof metadata.CorrelationId === 'string' && metadata.CorrelationId !== ''
      ? metadata.CorrelationId
      : undefined;
  return { ok: true, event: { topic, body, id: correlation ?? envelopeId ?? contentId(topic, body) } };
}

/**
 * The events of a `POST /events` body: one event, or an array of them (a batch).
 * @example
 * eventsOf([a, b]) // [a, b]
 */
export function eventsOf(payload: unknown): unknown[] {
  return Array.isArray(payload) ? payload : [payload];
}
