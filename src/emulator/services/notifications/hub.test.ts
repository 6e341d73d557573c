import { describe, expect, it } from 'vitest';
import { VirtualClock, seededIds, silentLogger } from '../../../core/index.ts';
import type { NotificationEvent } from '../../../core/index.ts';
import { EventBus, ServiceRegistry } from '../../provider-contract.ts';
import type { EmulatorServices, OrgState, Principal } from '../../provider-contract.ts';
import { toEventBridge, validSuffix } from './eventbridge.ts';
import { NotificationHub, TopicLimitError } from './hub.ts';
import type { ChannelSocket } from './hub.ts';
import { checkTopic, topicMatches } from './topics.ts';

const ORG = '5f1b2c3d-0000-4000-8000-0000000000a1';
const CONV = '2f7bf00a-0fc2-4d6a-9b56-92238191433e';
const USER = 'a11ce000-0000-4000-8000-000000000001';

function services(): { services: EmulatorServices; clock: VirtualClock } {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
  const registry = new ServiceRegistry();
  const services: EmulatorServices = {
    clock,
    ids: seededIds(5),
    logger: silentLogger,
    events: new EventBus(),
    thirdParty: () => Promise.reject(new Error('no third-party host here')),
    org: () => ({}) as OrgState,
    service: (decl) => registry.get(decl, services),
  };
  return { clock, services };
}

const principal = (clientId = 'client-1', token = 'tok-1'): Principal => ({
  orgId: ORG,
  clientId,
  token,
  permissions: new Set(),
});

class FakeSocket implements ChannelSocket {
  sent: Record<string, unknown>[] = [];
  closed: { code?: number; reason?: string } | undefined;
  send(text: string): void {
    this.sent.push(JSON.parse(text) as Record<string, unknown>);
  }
  close(code?: number, reason?: string): void {
    this.closed = { ...(code === undefined ? {} : { code }), ...(reason === undefined ? {} : { reason }) };
  }
  topics(): unknown[] {
    return this.sent.map((m) => m.topicName);
  }
}

const event = (topicName: string): NotificationEvent => ({
  topicName,
  version: '2',
  eventBody: { conversationId: CONV },
  metadata: { CorrelationId: 'c-1' },
});

describe('topics', () => {
  it('accepts Genesys topics and the emulator {id} wildcard; rejects unknown ones with a reason', () => {
    expect(checkTopic(`v2.detail.events.conversation.${CONV}.user.start`)).toEqual({ ok: true });
    expect(checkTopic('v2.detail.events.conversation.{id}.acd.start')).toEqual({ ok: true });
    expect(checkTopic(`v2.users.${USER}?presence&routingStatus`)).toEqual({ ok: true });
    expect(checkTopic(`v2.detail.events.conversation.${CONV}.user.begin`)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('names no detail event'),
    });
    expect(checkTopic('v2.detail.events.conversation.abc.user.start')).toMatchObject({ ok: false });
    expect(checkTopic('channel.metadata')).toMatchObject({ ok: false });
    expect(checkTopic('v2.system.socket_closing')).toMatchObject({ ok: false });
  });

  it('matches concrete, wildcard and combined subscriptions', () => {
    const t = `v2.detail.events.conversation.${CONV}.user.start`;
    expect(topicMatches(t, t)).toBe(true);
    expect(topicMatches('v2.detail.events.conversation.{id}.user.start', t)).toBe(true);
    expect(topicMatches('v2.detail.events.conversation.{id}.user.end', t)).toBe(false);
    expect(topicMatches(`v2.users.${USER}?presence&routingStatus`, `v2.users.${USER}.routingStatus`)).toBe(true);
    expect(topicMatches(`v2.users.${USER}?presence`, `v2.users.${USER}.activity`)).toBe(false);
  });
});

describe('NotificationHub', () => {
  it('delivers only subscribed topics to the connected socket and logs every event', () => {
    const { services: s } = services();
    const hub = new NotificationHub(s);
    const ch = hub.create(principal(), 'ws://127.0.0.1:9');
    expect(ch.connectUri).toBe(`ws://127.0.0.1:9/channels/${ch.id}`);
    expect(ch.id).toMatch(/^streaming-0-[0-9a-z]+$/);
    const sock = new FakeSocket();
    expect(hub.connect(ch.id, sock)).toBe(true);
    const subs = hub.subscribe(ch, ['v2.detail.events.conversation.{id}.user.start', 'v2.nope'], false);
    expect(subs).toEqual([
      { id: 'v2.detail.events.conversation.{id}.user.start', state: 'Permitted' },
      { id: 'v2.nope', state: 'Rejected', rejectionReason: expect.any(String) },
    ]);
    s.events.publish(ORG, event(`v2.detail.events.conversation.${CONV}.user.start`));
    s.events.publish(ORG, event(`v2.detail.events.conversation.${CONV}.user.end`));
    s.events.publish('another-org', event(`v2.detail.events.conversation.${CONV}.user.start`));
    expect(sock.topics()).toEqual([`v2.detail.events.conversation.${CONV}.user.start`]);
    expect(sock.sent[0]).toEqual(event(`v2.detail.events.conversation.${CONV}.user.start`));
    expect(hub.eventLog(ORG).map((l) => l.event.topicName.split('.').at(-1))).toEqual(['start', 'end']);
  });

  it('sends heartbeats on the clock, answers ping, and a second socket closes the first', async () => {
    const { services: s, clock } = services();
    const hub = new NotificationHub(s, { heartbeatMs: 30_000 });
    const ch = hub.create(principal(), 'ws://h');
    const first = new FakeSocket();
    hub.connect(ch.id, first);
    await clock.advance(60_000);
    expect(first.sent).toEqual([
      { topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } },
      { topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } },
    ]);
    hub.receive(ch.id, first, '{"message":"ping"}');
    expect(first.sent.at(-1)).toEqual({ topicName: 'channel.metadata', eventBody: { message: 'pong' } });
    const second = new FakeSocket();
    hub.connect(ch.id, second);
    expect(first.closed?.code).toBe(4000);
    hub.subscribe(ch, [`v2.detail.events.conversation.${CONV}.acw`], false);
    s.events.publish(ORG, event(`v2.detail.events.conversation.${CONV}.acw`));
    expect(first.topics().filter((t) => t !== 'channel.metadata')).toEqual([]);
    expect(second.topics()).toEqual([`v2.detail.events.conversation.${CONV}.acw`]);
  });

  it('expires a channel after 24 h (socket_closing), unless a subscription renewed it', async () => {
    const { services: s, clock } = services();
    const hub = new NotificationHub(s, { heartbeatMs: 3_600_000 });
    const ch = hub.create(principal(), 'ws://h');
    const sock = new FakeSocket();
    hub.connect(ch.id, sock);
    await clock.advance(23 * 3_600_000);
    hub.subscribe(ch, ['v2.detail.events.conversation.{id}.user.start'], true);
    await clock.advance(23 * 3_600_000);
    expect(hub.has(ch.id)).toBe(true);
    await clock.advance(3_600_000);
    expect(hub.has(ch.id)).toBe(false);
    expect(sock.sent.at(-1)).toMatchObject({ topicName: 'v2.system.socket_closing' });
    expect(sock.closed?.code).toBe(1000);
  });

  it('keeps 20 channels per client, evicting the least recently used unconnected one; 1,000 topics per channel', () => {
    const { services: s } = services();
    const hub = new NotificationHub(s);
    const chans = Array.from({ length: 20 }, () => hub.create(principal(), 'ws://h'));
    hub.connect(chans[0]!.id, new FakeSocket());
    const other = hub.create(principal('client-2', 'tok-2'), 'ws://h');
    expect(hub.has(other.id)).toBe(true);
    hub.create(principal(), 'ws://h');
    expect(hub.has(chans[0]!.id)).toBe(true);
    expect(hub.has(chans[1]!.id)).toBe(false);
    expect(hub.list(principal(), 'token')).toHaveLength(20);
    const many = Array.from(
      { length: 1_001 },
      (_, i) => `v2.users.${USER.slice(0, -4)}${String(i).padStart(4, '0')}.presence`,
    );
    expect(() => hub.subscribe(other, many, false)).toThrow(TopicLimitError);
    expect(other.topics).toEqual([]);
    expect(hub.subscribe(other, many.slice(0, 1_000), false)).toHaveLength(1_000);
  });

  it('ignoreErrors leaves rejected topics out; rejected topics never count toward the 1,000-topic limit', () => {
    const { services: s } = services();
    const hub = new NotificationHub(s);
    const ch = hub.create(principal(), 'ws://h');
    const start = 'v2.detail.events.conversation.{id}.user.start';
    expect(hub.subscribe(ch, [start, 'v2.nope', 'v2.system.socket_closing'], false, { ignoreErrors: true })).toEqual([
      { id: start, state: 'Permitted' },
    ]);
    expect(ch.topics).toEqual([{ id: start, state: 'Permitted' }]);
    // Without the flag the same request keeps them, as Rejected with a reason.
    expect(hub.subscribe(ch, ['v2.nope'], false).map((t) => t.state)).toEqual(['Permitted', 'Rejected']);

    const users = Array.from(
      { length: 999 },
      (_, i) => `v2.users.${USER.slice(0, -4)}${String(i).padStart(4, '0')}.presence`,
    );
    const rejected = Array.from({ length: 5 }, (_, i) => `v2.nope${i}`);
    // 1,000 permitted (start + 999 users) and 6 rejected: within the limit.
    const topics = hub.subscribe(ch, [...users, ...rejected], false);
    expect(topics.filter((t) => t.state === 'Permitted')).toHaveLength(1_000);
    expect(topics.filter((t) => t.state === 'Rejected')).toHaveLength(6);
    expect(() => hub.subscribe(ch, ['v2.users.{id}.activity'], false)).toThrow(TopicLimitError);
    expect(ch.topics).toHaveLength(1_006);
  });
});

describe('EventBridge envelope', () => {
  it('wraps a notification as §6.2 shows it: template detail-type, partner source, detail with timestamp', () => {
    const e = event(`v2.detail.events.conversation.${CONV}.customer.end`);
    const env = toEventBridge(
      e,
      { orgId: ORG, suffix: 'test-event-bus' },
      { id: 'id-1', at: Date.UTC(2022, 5, 14, 16, 12, 11, 13) },
    );
    expect(env).toEqual({
      version: '0',
      id: 'id-1',
      'detail-type': 'v2.detail.events.conversation.{id}.customer.end',
      source: `aws.partner/genesys.com/cloud/${ORG}/test-event-bus`,
      account: '000000000000',
      time: '2022-06-14T16:12:11Z',
      region: 'us-east-1',
      resources: [],
      detail: { ...e, timestamp: '2022-06-14T16:12:11.013Z' },
    });
    expect(validSuffix('a'.repeat(64))).toBe(true);
    expect(validSuffix('a'.repeat(65))).toBe(false);
    expect(validSuffix('bad/suffix')).toBe(false);
  });
});
