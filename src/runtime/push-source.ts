/**
 * @module
 * The push event source: events arrive at the runtime's `POST /events` (`api.ts`), which answers
 * 202 only once each is written, and 429/503 with `Retry-After` when it cannot take them now.
 * That is the contract of an EventBridge API destination, the path Genesys events take to a
 * service of one's own (platform.md §6.2), and EventBridge retries for 24 hours.
 *
 * On an emulator URL the source registers this runtime as the emulator's API destination
 * (`PUT /_switchboard/eventbridge/destinations/{name}`) with the topics of the triggers and the
 * logged-only topics, then checks the registration every few seconds: while the emulator does
 * not answer the source is `degraded`; when the emulator answers without the destination (its
 * state was lost) the source registers again. The destination is kept when the runtime stops, so
 * the emulator queues what happens while the runtime is down or restarting and delivers it
 * afterwards; a redelivered event starts no second run (its idempotency key,
 * `<event id>:<trigger id>`, is in the store).
 */
import { SwitchboardError } from '../core/index.ts';
import { RuntimeErrors } from './errors.ts';
import { HealthTracker } from './event-source.ts';
import type { EventSourcePort, OpenSource } from './event-source.ts';

/** How a runtime registers itself as an emulator's EventBridge API destination. */
export interface DestinationRegistration {
  /** The emulator's base URL (`switchboard emulator`). */
  readonly emulatorUrl: string;
  /** Where the emulator POSTs events: this runtime's `POST /events` URL. */
  readonly url: string;
  /** The destination's name; default derived from {@link url} (one destination per runtime address). */
  readonly name?: string;
  /** Headers the emulator sends with each event (the runtime API's access token, off loopback). */
  readonly headers?: Readonly<Record<string, string>>;
  /** How often the registration is checked, real ms. Default 2,000. */
  readonly checkMs?: number;
  readonly fetch?: typeof globalThis.fetch;
}

/** The default check interval of a registration, ms. */
const DEFAULT_DESTINATION_CHECK_MS = 2_000;

/**
 * The destination name of a runtime address: `switchboard-<host>-<port>`, in the characters an
 * API destination name allows.
 * @example
 * destinationName('http://127.0.0.1:3000/events') // 'switchboard-127.0.0.1-3000'
 */
function destinationName(url: string): string {
  const u = new URL(url);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return `switchboard-${u.hostname}-${port}${u.pathname === '/events' ? '' : u.pathname}`
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 64);
}

interface DestinationState {
  url?: string;
  queued?: number;
  deadLettered?: number;
  delivered?: number;
  state?: string;
  lastError?: string;
}

function errorText(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}

/**
 * The push source; with a registration, this runtime becomes the emulator's API destination.
 * @example
 * const source = pushSource({ emulatorUrl: 'http://127.0.0.1:8080', url: 'http://127.0.0.1:3000/events' });
 */
export function pushSource(registration?: DestinationRegistration): EventSourcePort {
  return {
    kind: 'push',
    async open(context): Promise<OpenSource> {
      const since = Date.now();
      if (!registration)
        return {
          health: () => ({ status: 'ok', since, detail: { endpoint: 'POST /events' } }),
          close: async () => undefined,
        };
      const send = registration.fetch ?? ((input, init) => globalThis.fetch(input, init));
      const base = registration.emulatorUrl.replace(/\/+$/, '');
      const name = registration.name ?? destinationName(registration.url);
      const at = `${base}/_switchboard/eventbridge/destinations/${encodeURIComponent(name)}`;
      const topics = [...context.topics.required, ...context.topics.extra];
      const health = new HealthTracker();
      let deadLettered: number | undefined;

      const register = async (): Promise<void> => {
        const res = await send(at, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ url: registration.url, topics, headers: registration.headers ?? {} }),
          signal: AbortSignal.timeout(5_000),
        });
        const text = await res.text();
        if (res.status !== 200 && res.status !== 201) {
          throw new SwitchboardError(
            RuntimeErrors.SB_RUNTIME_EVENT_SOURCE,
            `the emulator must take this runtime as its EventBridge destination; PUT ${at} answered ${res.status} ${text.slice(0, 300)}`,
            {
              details: { url: at, status: res.status },
            },
          );
        }
        const state = JSON.parse(text) as DestinationState;
        deadLettered = state.deadLettered;
        health.ok({ destination: name, queued: state.queued ?? 0 });
      };

      try {
        await register();
      } catch (e) {
        if (e instanceof SwitchboardError) throw e;
        throw new SwitchboardError(
          RuntimeErrors.SB_RUNTIME_EVENT_SOURCE,
          `the emulator must be reachable to register this runtime as its EventBridge destination; PUT ${at}: ${errorText(e)}`,
          {
            details: { url: at },
            cause: e,
          },
        );
      }
      context.logger.debug(
        { destination: name, url: registration.url, topics: topics.length },
        "registered as the emulator's EventBridge destination",
      );

      let checking = false;
      const check = async (): Promise<void> => {
        if (checking) return;
        checking = true;
        try {
          const res = await send(at, { signal: AbortSignal.timeout(5_000) });
          if (res.status === 404) {
            await res.body?.cancel();
            await register();
            context.logger.warn(
              { destination: name },
              "the emulator did not know this runtime's EventBridge destination (its state was lost); registered again",
            );
            return;
          }
          const text = await res.text();
          if (!res.ok) {
            if (
              health.degraded(`the emulator answered ${res.status} about this runtime's EventBridge destination`, {
                destination: name,
              })
            )
              context.logger.warn({ status: res.status, body: text.slice(0, 300) }, 'event source degraded');
            return;
          }
          const state = JSON.parse(text) as DestinationState;
          if (state.url !== registration.url) {
            await register();
            context.logger.warn(
              { destination: name, was: state.url },
              "this runtime's EventBridge destination pointed elsewhere; registered again",
            );
            return;
          }
          if (deadLettered !== undefined && (state.deadLettered ?? 0) > deadLettered) {
            context.logger.error(
              { destination: name, deadLettered: state.deadLettered, lastError: state.lastError },
              'the emulator gave up on events for this runtime (dead letters: GET …/dead-letters)',
            );
          }
          deadLettered = state.deadLettered;
          const detail = {
            destination: name,
            queued: state.queued ?? 0,
            delivered: state.delivered ?? 0,
            deadLettered: state.deadLettered ?? 0,
            ...(state.state === 'retrying' && state.lastError ? { lastError: state.lastError } : {}),
          };
          if (health.ok(detail))
            context.logger.info({ destination: name }, 'event source recovered: the emulator answers again');
        } catch (e) {
          if (
            health.degraded(
              `the emulator at ${base} is unreachable (${errorText(e)}); it queues events for this runtime and delivers them once both are up`,
              { destination: name },
            )
          ) {
            context.logger.warn({ url: base, err: errorText(e) }, 'event source degraded: the emulator is unreachable');
          }
        } finally {
          checking = false;
        }
      };
      const timer = setInterval(() => void check(), registration.checkMs ?? DEFAULT_DESTINATION_CHECK_MS);
      timer.unref();
      return {
        health: () => health.get(),
        // The destination stays registered: the emulator keeps queueing for this runtime while it is down.
        close: async () => clearInterval(timer),
      };
    },
  };
}
