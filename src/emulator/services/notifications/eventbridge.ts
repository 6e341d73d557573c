/**
 * @module
 * Amazon EventBridge envelopes of notification events (platform spec §6.2): `detail-type` is the
 * topic template, `source` the partner event source `aws.partner/genesys.com/cloud/<orgId>/<suffix>`,
 * `detail` the notification with a `timestamp`.
 */
import { topicTemplate } from '../../../core/index.ts';
import type { EventBridgeEnvelope, NotificationEvent } from '../../../core/index.ts';

/** Settings of the (emulated) EventBridge integration. */
export interface EventBridgeSettings {
  readonly orgId: string;
  /** `eventSourceSuffix`: up to 64 of letters, digits, `.`, `-`, `_`. */
  readonly suffix: string;
  readonly account?: string;
  readonly region?: string;
}

/** Whether an event source suffix is valid (platform spec §6.2). */
export function validSuffix(suffix: string): boolean {
  return /^[A-Za-z0-9._-]{1,64}$/.test(suffix);
}

/**
 * Wrap a notification event as EventBridge delivers it.
 * @example
 * toEventBridge(event, { orgId, suffix: 'switchboard' }, { id: ids.uuid(), at: clock.now() })['detail-type']
 * // → 'v2.detail.events.conversation.{id}.user.start'
 */
export function toEventBridge<B>(
  event: NotificationEvent<B>,
  settings: EventBridgeSettings,
  delivery: { id: string; at: number },
): EventBridgeEnvelope<B> {
  const at = new Date(delivery.at).toISOString();
  return {
    version: '0',
    id: delivery.id,
    'detail-type': topicTemplate(event.topicName),
    source: `aws.partner/genesys.com/cloud/${settings.orgId}/${settings.suffix}`,
    account: settings.account ?? '000000000000',
    // EventBridge's `time` has second precision ("2021-06-25T15:11:52Z"); detail.timestamp keeps ms.
    time: `${at.slice(0, 19)}Z`,
    region: settings.region ?? 'us-east-1',
    resources: [],
    detail: { ...event, timestamp: at },
  };
}
