/**
 * @module
 * The Notifications API event source (platform.md §6.1): create a channel, subscribe it to the
 * trigger topics (and the extra topics whose events are only logged), read the websocket,
 * reconnect when it drops. Against the emulator the topics use
 * its `{id}` wildcard (every conversation); a real org accepts per-conversation topics only, so
 * there detail events are pushed in instead (`POST /events`).
 */
import { WebSocket } from 'ws';
import type { Clock, Logger, TimerHandle } from '../core/index.ts';
import { SwitchboardError } from '../core/index.ts';
import type { GenesysClient } from '../genesys/index.ts';
import { RuntimeErrors } from './errors.ts';

/** What the websocket source needs. */
export interface WebsocketSourceOptions {
  /** An authenticated client of the target (any permissions: channels need none). */
  readonly client: GenesysClient;
  /** Topics to subscribe (templates with `{id}`, or concrete); each must be accepted. */
  readonly topics: readonly string[];
  /** Topics subscribed too, whose rejection is only logged (events kept for the log, no trigger). */
  readonly extraTopics?: readonly string[];
  /** Every message text of the socket. */
  readonly onMessage: (text: string) => void;
  readonly logger: Logger;
  /** Real-time reconnect delays; default 250 ms doubling to 5 s. */
  readonly reconnect?: { readonly initialMs?: number; readonly maxMs?: number };
  /** Timers for reconnecting (real time even when the runtime's clock is virtual). */
  readonly timers?: Pick<Clock, 'setTimer'>;
}

/** A connected source. */
export interface WebsocketSource {
  /** The channel currently used. */
  readonly channelId: string | undefined;
  readonly connected: boolean;
  close(): Promise<void>;
}

const realTimers: Pick<Clock, 'setTimer'> = {
  setTimer(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

async function openChannel(
  client: GenesysClient,
  topics: readonly string[],
  extra: readonly string[],
  logger: Logger,
): Promise<{ id: string; connectUri: string }> {
  const channel = await client.post<{ id: string; connectUri: string }>('/api/v2/notifications/channels');
  const subs = await client.put<{ entities: { id: string; state: string; rejectionReason?: string }[] }>(
    `/api/v2/notifications/channels/${channel.id}/subscriptions`,
    [...topics, ...extra].map((id) => ({ id })),
  );
  const required = new Set(topics);
  const rejected = subs.entities.filter((t) => t.state !== 'Permitted');
  const fatal = rejected.filter((t) => required.has(t.id));
  const describe = (list: typeof rejected): string =>
    list.map((t) => `${t.id} (${t.rejectionReason ?? 'no reason'})`).join(', ');
  if (fatal.length > 0) {
    throw new SwitchboardError(
      RuntimeErrors.SB_RUNTIME_EVENT_SOURCE,
      `every trigger topic must be subscribable; rejected: ${describe(fatal)}`,
      {
        details: { rejected: fatal },
      },
    );
  }
  if (rejected.length > 0)
    logger.warn({ rejected: describe(rejected) }, 'some logged-only topics were refused; their events will not appear');
  return channel;
}

function connect(uri: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(uri);
    ws.once('open', () => {
      ws.off('error', reject);
      resolve(ws);
    });
    ws.once('error', reject);
  });
}

/**
 * Open the source: resolves once the first channel is subscribed and its socket is open (so no
 * event published afterwards is missed); later drops reconnect in the background.
 * @example
 * const source = await openWebsocketSource({ client, topics: ['v2.detail.events.conversation.{id}.user.start'], onMessage, logger });
 */
export async function openWebsocketSource(options: WebsocketSourceOptions): Promise<WebsocketSource> {
  const timers = options.timers ?? realTimers;
  const initial = options.reconnect?.initialMs ?? 250;
  const max = options.reconnect?.maxMs ?? 5_000;
  let ws: WebSocket | undefined;
  let channelId: string | undefined;
  let closed = false;
  let retry: TimerHandle | undefined;
  let delay = initial;

  const attach = (socket: WebSocket): void => {
    ws = socket;
    socket.on('message', (data: Buffer | string) => {
      const text = typeof data === 'string' ? data : data.toString('utf8');
      if (text.includes('"v2.system.socket_closing"'))
        options.logger.info({ channelId }, 'notification socket closing; reconnecting');
      options.onMessage(text);
    });
    socket.on('error', (e) => options.logger.warn({ channelId, err: e.message }, 'notification socket error'));
    socket.on('close', () => {
      if (ws === socket) ws = undefined;
      if (!closed) schedule();
    });
  };

  const establish = async (): Promise<void> => {
    const channel = await openChannel(options.client, options.topics, options.extraTopics ?? [], options.logger);
    channelId = channel.id;
    const socket = await connect(channel.connectUri);
    // close() came while this (re)connection was being made: nothing may keep listening.
    if (closed) return void socket.close(1000, 'runtime stopping');
    attach(socket);
    delay = initial;
  };

  const schedule = (): void => {
    retry?.cancel();
    retry = timers.setTimer(() => {
      retry = undefined;
      if (closed) return;
      establish().catch((e: unknown) => {
        options.logger.warn(
          { err: e instanceof Error ? e.message : String(e), retryInMs: delay },
          'notification channel unavailable; retrying',
        );
        delay = Math.min(max, delay * 2);
        schedule();
      });
    }, delay);
  };

  try {
    await establish();
  } catch (e) {
    if (e instanceof SwitchboardError) throw e;
    throw new SwitchboardError(
      RuntimeErrors.SB_RUNTIME_EVENT_SOURCE,
      `the notification channel must open; ${options.client.baseUrl}: ${e instanceof Error ? e.message : String(e)}`,
      {
        details: { baseUrl: options.client.baseUrl },
        cause: e,
      },
    );
  }

  return {
    get channelId() {
      return channelId;
    },
    get connected() {
      return ws?.readyState === WebSocket.OPEN;
    },
    async close() {
      closed = true;
      retry?.cancel();
      const socket = ws;
      ws = undefined;
      if (!socket || socket.readyState === WebSocket.CLOSED) return;
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close(1000, 'runtime stopping');
        setTimeout(() => {
          socket.terminate();
          resolve();
        }, 1_000).unref();
      });
    },
  };
}
