/**
 * @module
 * The Notifications API's channels (platform spec §6.1), one hub per emulator: channels with
 * their topic subscriptions, the one socket each may have, heartbeats, 24 h expiry on the clock,
 * the 20-channels-per-client and 1,000-topics-per-channel limits, and a bounded per-org event log
 * (the source of the EventBridge export). Channels live in memory: like Genesys's, they do not
 * outlive the service, and events are never queued for a closed socket.
 */
import type { Clock, Ids, NotificationEvent, TimerHandle } from '../../../core/index.ts';
import type { EmulatorServices, Principal } from '../../provider-contract.ts';
import { declareService } from '../../provider-contract.ts';
import { checkTopic, compileSubscription } from './topics.ts';
import type { TopicMatcher } from './topics.ts';

/** The server side of one websocket. */
export interface ChannelSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

/** One topic of a channel, as `ChannelTopic` shows it. */
export interface ChannelTopic {
  id: string;
  state: 'Permitted' | 'Rejected';
  rejectionReason?: string;
}

/** A notification channel. */
export interface ChannelRecord {
  readonly id: string;
  readonly orgId: string;
  readonly owner: string;
  readonly clientId: string;
  readonly token: string;
  readonly connectUri: string;
  expires: number;
  lastUsed: number;
  topics: ChannelTopic[];
  /** The permitted topics, compiled for delivery. */
  matchers: TopicMatcher[];
  socket?: ChannelSocket;
  expiry?: TimerHandle;
  heartbeat?: TimerHandle;
}

/** A logged event with the time it was published. */
export interface LoggedEvent {
  readonly event: NotificationEvent;
  readonly at: number;
}

/** Limits and timings of the hub (defaults: Genesys's). */
export interface HubOptions {
  readonly channelTtlMs: number;
  readonly heartbeatMs: number;
  readonly maxChannelsPerClient: number;
  readonly maxTopicsPerChannel: number;
  readonly eventLogSize: number;
}

const DEFAULTS: HubOptions = {
  channelTtlMs: 24 * 3_600_000,
  heartbeatMs: 30_000,
  maxChannelsPerClient: 20,
  maxTopicsPerChannel: 1_000,
  eventLogSize: 1_000,
};

/** Options of {@link NotificationHub.subscribe}. */
export interface SubscribeOptions {
  /** `?ignoreErrors=true`: topics that fail their checks are left out instead of kept as `Rejected`. */
  readonly ignoreErrors?: boolean;
}

/** Thrown when a subscription change would exceed the per-channel topic limit. */
export class TopicLimitError extends Error {
  readonly limit: number;
  constructor(limit: number, requested: number) {
    super(`A channel can hold at most ${limit} topics; this request would make it ${requested}`);
    this.name = 'TopicLimitError';
    this.limit = limit;
  }
}

const message = (topicName: string, text: string): string =>
  JSON.stringify({ topicName, eventBody: { message: text } });

/** Channels, sockets and the event log of one emulator. */
export class NotificationHub {
  readonly options: HubOptions;
  readonly #clock: Clock;
  readonly #ids: Ids;
  readonly #services: EmulatorServices;
  readonly #channels = new Map<string, ChannelRecord>();
  readonly #logs = new Map<string, LoggedEvent[]>();
  readonly #tracked = new Map<string, () => void>();

  constructor(services: EmulatorServices, options: Partial<HubOptions> = {}) {
    this.#services = services;
    this.#clock = services.clock;
    this.#ids = services.ids;
    this.options = { ...DEFAULTS, ...options };
  }

  /** Start listening to an org's events (idempotent): they are logged and delivered to its channels. */
  track(orgId: string): void {
    if (this.#tracked.has(orgId)) return;
    this.#tracked.set(
      orgId,
      this.#services.events.subscribe(orgId, (e) => this.#deliver(orgId, e)),
    );
  }

  /** The org's recent events, oldest first. */
  eventLog(orgId: string): readonly LoggedEvent[] {
    return (this.#logs.get(orgId) ?? []).slice(-this.options.eventLogSize);
  }

  /** Create a channel for the caller; the 21st channel of a client evicts its least recently used one. */
  create(principal: Principal, wsBase: string): ChannelRecord {
    this.track(principal.orgId);
    const owner = `${principal.clientId}|${principal.userId ?? ''}`;
    const mine = [...this.#channels.values()].filter((ch) => ch.owner === owner);
    if (mine.length >= this.options.maxChannelsPerClient) {
      // Genesys removes the channel with the oldest last use, unconnected channels first (§6.1).
      const victim = mine.sort(
        (a, b) => Number(a.socket !== undefined) - Number(b.socket !== undefined) || a.lastUsed - b.lastUsed,
      )[0]!;
      this.remove(victim.id, 'channel evicted: too many channels for this client');
    }
    const id = `streaming-0-${BigInt(`0x${this.#ids.uuid().replace(/-/g, '')}`)
      .toString(36)
      .padStart(25, '0')}`;
    const now = this.#clock.now();
    const ch: ChannelRecord = {
      id,
      orgId: principal.orgId,
      owner,
      clientId: principal.clientId,
      token: principal.token,
      connectUri: `${wsBase}/channels/${id}`,
      expires: now + this.options.channelTtlMs,
      lastUsed: now,
      topics: [],
      matchers: [],
    };
    this.#channels.set(id, ch);
    this.#armExpiry(ch);
    return ch;
  }

  /** Whether a channel exists (any org). */
  has(channelId: string): boolean {
    return this.#channels.has(channelId);
  }

  /** A channel of the org, if it exists. */
  get(orgId: string, channelId: string): ChannelRecord | undefined {
    const ch = this.#channels.get(channelId);
    return ch && ch.orgId === orgId ? ch : undefined;
  }

  /** The channels a token (or its whole OAuth client) created. */
  list(principal: Principal, scope: 'token' | 'oauthclient'): ChannelRecord[] {
    return [...this.#channels.values()].filter(
      (ch) =>
        ch.orgId === principal.orgId &&
        (scope === 'token' ? ch.token === principal.token : ch.clientId === principal.clientId),
    );
  }

  /**
   * Add (or with `replace`, set) topics. Unknown topics are kept as `Rejected` with a reason, or
   * with `ignoreErrors` left out. Subscribing renews the channel's 24 h lifetime. Throws
   * {@link TopicLimitError} when more than the limit of topics would be permitted.
   */
  subscribe(
    ch: ChannelRecord,
    topics: readonly string[],
    replace: boolean,
    options: SubscribeOptions = {},
  ): ChannelTopic[] {
    const next = replace ? [] : [...ch.topics];
    const seen = new Set(next.map((t) => t.id));
    for (const id of topics) {
      if (seen.has(id)) continue;
      seen.add(id);
      const check = checkTopic(id);
      if (check.ok) next.push({ id, state: 'Permitted' });
      // ignoreErrors suppresses the failed checks (platform.md §6.1): the topic is omitted, not listed as Rejected.
      else if (options.ignoreErrors !== true) next.push({ id, state: 'Rejected', rejectionReason: check.reason });
    }
    const permitted = next.filter((t) => t.state === 'Permitted');
    // [INFERRED] The limit is on the topics a channel receives ("subscribe to more than 1,000
    // topics", §6.1): a Rejected topic is no subscription, so it does not count.
    if (permitted.length > this.options.maxTopicsPerChannel)
      throw new TopicLimitError(this.options.maxTopicsPerChannel, permitted.length);
    ch.topics = next;
    ch.matchers = permitted.map((t) => compileSubscription(t.id));
    ch.lastUsed = this.#clock.now();
    ch.expires = ch.lastUsed + this.options.channelTtlMs;
    this.#armExpiry(ch);
    return ch.topics;
  }

  /** Remove every topic. */
  unsubscribeAll(ch: ChannelRecord): void {
    ch.topics = [];
    ch.matchers = [];
    ch.lastUsed = this.#clock.now();
  }

  /** A socket connects to a channel; a previous socket of the same channel is closed. False when the channel is unknown. */
  connect(channelId: string, socket: ChannelSocket): boolean {
    const ch = this.#channels.get(channelId);
    if (!ch) return false;
    const previous = ch.socket;
    ch.socket = socket;
    ch.lastUsed = this.#clock.now();
    if (previous) previous.close(4000, 'another websocket connected to this channel');
    this.#armHeartbeat(ch);
    return true;
  }

  /** A socket went away (closed by the client or replaced). */
  disconnected(channelId: string, socket: ChannelSocket): void {
    const ch = this.#channels.get(channelId);
    if (!ch || ch.socket !== socket) return;
    delete ch.socket;
    ch.heartbeat?.cancel();
  }

  /** A client message: `{"message":"ping"}` gets a `channel.metadata` pong. */
  receive(channelId: string, socket: ChannelSocket, text: string): void {
    const ch = this.#channels.get(channelId);
    if (!ch || ch.socket !== socket) return;
    ch.lastUsed = this.#clock.now();
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof msg === 'object' && msg !== null && (msg as { message?: unknown }).message === 'ping') {
      socket.send(message('channel.metadata', 'pong'));
    }
  }

  /** Delete a channel, telling its socket to go (`v2.system.socket_closing`) first. */
  remove(channelId: string, reason = 'channel removed'): void {
    const ch = this.#channels.get(channelId);
    if (!ch) return;
    this.#channels.delete(channelId);
    ch.expiry?.cancel();
    ch.heartbeat?.cancel();
    if (ch.socket) {
      ch.socket.send(message('v2.system.socket_closing', reason));
      ch.socket.close(1000, reason);
    }
  }

  /** Close every socket and forget every channel (emulator shutdown). */
  closeAll(): void {
    for (const id of [...this.#channels.keys()]) this.remove(id, 'the notification service is shutting down');
    for (const unsubscribe of this.#tracked.values()) unsubscribe();
    this.#tracked.clear();
  }

  #deliver(orgId: string, event: NotificationEvent): void {
    let log = this.#logs.get(orgId);
    if (!log) this.#logs.set(orgId, (log = []));
    log.push({ event, at: this.#clock.now() });
    // Trimmed in batches, so a full log does not shift its whole array on every event.
    if (log.length >= 2 * this.options.eventLogSize) log.splice(0, log.length - this.options.eventLogSize);
    let text: string | undefined;
    const segments = event.topicName.split('.');
    for (const ch of this.#channels.values()) {
      if (ch.orgId !== orgId || !ch.socket) continue;
      if (!ch.matchers.some((m) => m(segments))) continue;
      text ??= JSON.stringify(event);
      ch.socket.send(text);
    }
  }

  #armExpiry(ch: ChannelRecord): void {
    ch.expiry?.cancel();
    ch.expiry = this.#clock.setTimer(() => {
      if (this.#channels.get(ch.id) === ch) this.remove(ch.id, 'channel expired after 24 hours; create a new channel');
    }, ch.expires - this.#clock.now());
  }

  #armHeartbeat(ch: ChannelRecord): void {
    ch.heartbeat?.cancel();
    const beat = (): void => {
      if (!ch.socket || this.#channels.get(ch.id) !== ch) return;
      ch.socket.send(message('channel.metadata', 'WebSocket Heartbeat'));
      ch.heartbeat = this.#clock.setTimer(beat, this.options.heartbeatMs);
    };
    ch.heartbeat = this.#clock.setTimer(beat, this.options.heartbeatMs);
  }
}

/** The notification hub is one per emulator; its channels' sockets close with the emulator. */
const hubService = declareService('notifications', (services) => new NotificationHub(services), {
  close: (hub) => hub.closeAll(),
});

/**
 * The notification hub of an emulator (created on first use).
 * @example
 * notificationHub(services).track(orgId);
 */
export function notificationHub(services: EmulatorServices): NotificationHub {
  return services.service(hubService);
}
