/**
 * @module
 * The event source port: how events reach a runtime, and whether they can right now. Each source
 * hands every message to `ingest` and reports its health; `createRuntime` opens one at `start()`
 * and closes it at `stop()`. Three sources exist:
 *
 * - `bus` — an embedded emulator's in-process event bus (nothing can be missed);
 * - `websocket` — a Notifications API channel (`websocket-source.ts`). Like Genesys's
 *   (platform.md §6.1: "When a WebSocket is closed … any events generated are not queued or
 *   retried"), what is published while the socket is down is lost;
 * - `push` — events arrive at `POST /events` (EventBridge API destinations, `push-source.ts`);
 *   on an emulator URL the source registers this runtime as the emulator's API destination, which
 *   queues and retries, so nothing is lost while the runtime is down or restarting.
 */
import type { Logger } from '../core/index.ts';
import type { Emulator } from '../emulator/index.ts';
import type { GenesysClient } from '../genesys/index.ts';
import type { SourceTopics } from './source-topics.ts';
import type { EventSourceKind, IngestResult } from './types.ts';
import { openWebsocketSource } from './websocket-source.ts';

/** Whether a source delivers events now. */
export interface SourceHealth {
  /** `degraded`: events cannot reach the runtime now (they may be queued elsewhere, or lost: see the source). */
  readonly status: 'ok' | 'degraded';
  /** Why it is degraded, for humans. */
  readonly reason?: string;
  /** Since when it is in this status (epoch ms, real time). */
  readonly since: number;
  /** Source-specific facts (the destination's queue, the channel id…). */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** What a source is given when it opens. */
interface SourceContext {
  /** Take in one message (parsed JSON, or text that is not); resolves once it is logged and dispatched. */
  readonly ingest: (raw: unknown, from: string) => Promise<IngestResult>;
  readonly logger: Logger;
  /** The topics the triggers listen to (`required`) and those only logged (`extra`). */
  readonly topics: SourceTopics;
}

/** An open source. */
export interface OpenSource {
  health(): SourceHealth;
  close(): Promise<void>;
}

/** An event source: opened once by a runtime's `start()`. */
export interface EventSourcePort {
  readonly kind: EventSourceKind;
  /** Resolves once events published from now on reach `ingest` (or, for push, once registered). */
  open(context: SourceContext): Promise<OpenSource>;
}

/** Tracks a health status and the time it last changed. */
export class HealthTracker {
  readonly #now: () => number;
  #health: SourceHealth;

  constructor(now: () => number = Date.now) {
    this.#now = now;
    this.#health = { status: 'ok', since: now() };
  }

  /** The current health. */
  get(): SourceHealth {
    return this.#health;
  }

  /** Set ok (keeps `since` while it stays ok) with optional detail. */
  ok(detail?: Readonly<Record<string, unknown>>): boolean {
    const changed = this.#health.status !== 'ok';
    this.#health = { status: 'ok', since: changed ? this.#now() : this.#health.since, ...(detail ? { detail } : {}) };
    return changed;
  }

  /** Set degraded with a reason (keeps `since` while it stays degraded); true when it just became degraded. */
  degraded(reason: string, detail?: Readonly<Record<string, unknown>>): boolean {
    const changed = this.#health.status !== 'degraded';
    this.#health = {
      status: 'degraded',
      reason,
      since: changed ? this.#now() : this.#health.since,
      ...(detail ? { detail } : {}),
    };
    return changed;
  }
}

/**
 * The embedded emulator's bus: every event of the org, in process.
 * @example
 * const source = await busSource(emulator).open({ ingest, logger, topics });
 */
export function busSource(emulator: Emulator): EventSourcePort {
  return {
    kind: 'bus',
    async open(context) {
      // Every event of the org is logged; only topics with triggers are evaluated (dispatch.ts).
      const unsubscribe = emulator.services.events.subscribe(
        emulator.orgId,
        (event) => void context.ingest(event, 'bus'),
      );
      const since = Date.now();
      return { health: () => ({ status: 'ok', since }), close: async () => unsubscribe() };
    },
  };
}

/**
 * A Notifications API channel: subscribed to the context's topics, reconnected when it drops.
 * Degraded while the socket is down; events published meanwhile are lost (as on Genesys).
 * @example
 * const source = await websocketSource(() => credentials.client({ name: 'events', permissions: [] }).then((c) => c.client)).open(context);
 */
export function websocketSource(client: () => Promise<GenesysClient>): EventSourcePort {
  return {
    kind: 'websocket',
    async open(context) {
      const health = new HealthTracker();
      const socket = await openWebsocketSource({
        client: await client(),
        topics: context.topics.required,
        extraTopics: context.topics.extra,
        logger: context.logger,
        onMessage: (text) => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = text;
          }
          void context.ingest(parsed, 'websocket');
        },
      });
      return {
        health() {
          if (socket.connected) health.ok({ channelId: socket.channelId });
          else
            health.degraded(
              'the notification websocket is disconnected (reconnecting); events published meanwhile are lost, as on Genesys',
              { channelId: socket.channelId },
            );
          return health.get();
        },
        close: () => socket.close(),
      };
    },
  };
}
