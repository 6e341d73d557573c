/**
 * @module
 * Which topics the websocket event source subscribes (pure). The runtime logs every event its
 * source delivers, so on an emulator (whose `{id}` wildcard receives a topic of every
 * conversation or user) the channel takes every conversation detail topic of the trigger topic
 * catalogue and the users' presence, activity and routing-status topics, beside the trigger
 * topics. A real org accepts per-conversation topics only (platform.md §6.1): there only the
 * trigger topics are asked for.
 */
import { TOPIC_CATALOGUE } from '../triggers/index.ts';

/** The Notifications API's limit of topics on one channel (platform.md §6.1). */
export const MAX_TOPICS_PER_CHANNEL = 1000;

const CONVERSATION_DETAIL = 'v2.detail.events.conversation.{id}.';
const USER_TOPICS = ['v2.users.{id}.presence', 'v2.users.{id}.activity', 'v2.users.{id}.routingStatus'];

/** The topics of a channel: `required` ones must be accepted; `extra` ones are logged only, a rejection is tolerated. */
export interface SourceTopics {
  readonly required: readonly string[];
  readonly extra: readonly string[];
  /** Topics left out to stay within {@link MAX_TOPICS_PER_CHANNEL}. */
  readonly omitted: readonly string[];
}

/**
 * The topics to subscribe: the trigger topic templates first, then (with the emulator's
 * wildcard) the catalogue's conversation detail topics and the user topics, up to the limit.
 * @example
 * sourceTopics(['v2.detail.events.conversation.{id}.user.start'], true).extra
 * // ['v2.detail.events.conversation.{id}.acd.end', 'v2.detail.events.conversation.{id}.acd.start', …, 'v2.users.{id}.presence', …]
 */
export function sourceTopics(
  triggerTopics: Iterable<string>,
  wildcard: boolean,
  max = MAX_TOPICS_PER_CHANNEL,
): SourceTopics {
  const all = [...new Set(triggerTopics)];
  const seen = new Set(all);
  const extra: string[] = [];
  if (wildcard) {
    const candidates = [
      ...TOPIC_CATALOGUE.map((t) => t.name).filter((n) => n.startsWith(CONVERSATION_DETAIL)),
      ...USER_TOPICS,
    ];
    for (const t of candidates) {
      if (seen.has(t)) continue;
      seen.add(t);
      extra.push(t);
    }
  }
  const required = all.slice(0, max);
  const room = Math.max(0, max - required.length);
  return { required, extra: extra.slice(0, room), omitted: [...all.slice(max), ...extra.slice(room)] };
}
