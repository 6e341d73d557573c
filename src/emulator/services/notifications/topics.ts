/**
 * @module
 * Notification topics: which subscriptions the emulator accepts and which concrete topics they
 * receive (platform spec §6.1).
 *
 * Genesys subscribes detail events per conversation id (`v2.detail.events.conversation.<id>.user.start`)
 * and has no way to receive every conversation over a websocket. **Emulator extension:** a topic
 * may hold the literal `{id}` in place of an id — `v2.detail.events.conversation.{id}.user.start`
 * receives that event of every conversation, `v2.users.{id}.presence` every user's presence.
 * Combined topics (`v2.users.<id>?presence&routingStatus`) are supported as in Genesys.
 */

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DETAIL_KINDS = new Set([
  'customer.start',
  'customer.end',
  'acd.start',
  'acd.end',
  'user.start',
  'user.end',
  'acw',
  'wrapup',
  'outbound',
  'attributes',
  'contact',
  'voicemail.start',
  'voicemail.end',
  'flow.start',
  'flow.end',
  'flow.outcome',
]);
const SEGMENT = /^(?:[A-Za-z0-9_-]+|\{id\})$/;

/** The verdict on one requested topic. */
export type TopicCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Whether a topic can be subscribed: `v2.` dotted segments, a known detail-event kind for detail
 * topics, optional `?a&b` combination; the system topics cannot be subscribed.
 * @example
 * checkTopic('v2.detail.events.conversation.{id}.user.start') // { ok: true } (emulator extension)
 */
export function checkTopic(topic: string): TopicCheck {
  const [base = '', combined] = topic.split('?', 2);
  const segs = base.split('.');
  if (segs[0] !== 'v2' || segs.length < 3 || !segs.every((s) => SEGMENT.test(s))) {
    return { ok: false, reason: `"${topic}" is not a notification topic (v2.<area>.<id>.<event>)` };
  }
  if (segs[1] === 'system')
    return { ok: false, reason: `"${topic}" is a system topic; it is delivered without subscribing` };
  if (combined !== undefined && !/^[A-Za-z0-9_]+(?:&[A-Za-z0-9_]+)*$/.test(combined)) {
    return { ok: false, reason: `"${topic}" has a malformed combination after "?" (expected a&b&c)` };
  }
  if (base.startsWith('v2.detail.events.conversation.')) {
    const id = segs[4] ?? '';
    const kind = segs.slice(5).join('.');
    if (!UUID.test(id) && id !== '{id}')
      return { ok: false, reason: `"${topic}" needs a conversation id (or the emulator's {id} wildcard)` };
    if (!DETAIL_KINDS.has(kind))
      return { ok: false, reason: `"${topic}" names no detail event (${[...DETAIL_KINDS].join(', ')})` };
  }
  return { ok: true };
}

/** A compiled subscription: tests a concrete topic already split on `.`. */
export type TopicMatcher = (segments: readonly string[]) => boolean;

function simpleMatcher(pattern: string): TopicMatcher {
  const p = pattern.split('.');
  if (!p.includes('{id}')) return (t) => t.length === p.length && p.every((seg, i) => seg === t[i]);
  return (t) => t.length === p.length && p.every((seg, i) => seg === t[i] || (seg === '{id}' && UUID.test(t[i]!)));
}

/**
 * Compile a subscription (concrete, `{id}` wildcard or `base?a&b` combined) once, for delivery.
 * @example
 * compileSubscription('v2.users.{id}?presence&routingStatus')('v2.users.2f7bf00a-0fc2-4d6a-9b56-92238191433e.presence'.split('.')) // true
 */
export function compileSubscription(subscription: string): TopicMatcher {
  const q = subscription.indexOf('?');
  if (q < 0) return simpleMatcher(subscription);
  const base = subscription.slice(0, q);
  const parts = subscription
    .slice(q + 1)
    .split('&')
    .map((part) => simpleMatcher(`${base}.${part}`));
  return (t) => parts.some((m) => m(t));
}

/**
 * Whether a subscription receives a concrete topic.
 * @example
 * topicMatches('v2.users.{id}?presence&routingStatus', 'v2.users.2f7bf00a-0fc2-4d6a-9b56-92238191433e.presence') // true
 */
export function topicMatches(subscription: string, topic: string): boolean {
  return compileSubscription(subscription)(topic.split('.'));
}
