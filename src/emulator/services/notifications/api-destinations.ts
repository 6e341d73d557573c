/**
 * @module
 * The emulator's EventBridge export as Amazon EventBridge API destinations deliver it: every
 * event of the org matching a destination's topics is wrapped as EventBridge wraps Genesys's
 * events (`eventbridge.ts`, platform.md §6.2), queued durably in the state file (`state/outbox.ts`)
 * and POSTed to the destination's URL, one event per request, until a 2xx (one attempt:
 * `delivery-attempt.ts`).
 *
 * Retries follow EventBridge's target retry policy (AWS EventBridge user guide, "How EventBridge
 * retries delivering events"): by default for 24 hours and up to 185 retries, with exponential
 * backoff and jitter; an event past either limit is dead-lettered (kept, listed by the control
 * API) instead of dropped. An endpoint must answer within 5 seconds (AWS knowledge center,
 * "EventBridge API destination target failure"), else the attempt counts as failed.
 * [INFERRED] which answers are retried: network errors, timeouts, 401, 407, 408, 409, 429 and
 * 5xx; any other answer dead-letters the event at once. A `Retry-After` on a retried answer is
 * waited out when it asks for longer than the backoff.
 *
 * [INFERRED] Failures pace the whole destination, not only the event: after a failed attempt the
 * destination waits its backoff and then probes with one request at a time until one succeeds,
 * so a runtime that is down is not flooded with the whole backlog at every retry; a success
 * restores full concurrency (`DELIVERY_CONCURRENCY` requests in flight, delivery-policy.ts).
 *
 * Retention and backoff run on real time (EventBridge lives outside the org's virtual clock);
 * the envelope's `time` is the event's time on the emulator's clock. Genesys's own queue towards
 * EventBridge (up to four days when the AWS account is unreachable, platform.md §6.2) is not
 * modeled: the emulator is always connected to its EventBridge.
 */
import type { Logger, NotificationEvent } from '../../../core/index.ts';
import type { EmulatorServices } from '../../provider-contract.ts';
import { declareService } from '../../provider-contract.ts';
import type {
  DeadLetter,
  DestinationSettings,
  QueuedEvent,
  SqliteOutbox,
  StoredDestination,
} from '../../state/outbox.ts';
import { toEventBridge } from './eventbridge.ts';
import { BACKOFF, DELIVERY_CONCURRENCY, DELIVERY_TIMEOUT_MS, destinationView } from './delivery-policy.ts';
import type { DestinationView } from './delivery-policy.ts';
import { deadLetter, postEnvelope, settleAttempt } from './delivery-attempt.ts';
import type { Worker } from './delivery-attempt.ts';
import { compileSubscription } from './topics.ts';

/** Options of {@link ApiDestinations}. */
export interface ApiDestinationsOptions {
  readonly services: EmulatorServices;
  readonly outbox: SqliteOutbox;
  readonly logger?: Logger;
  /** Sends the requests (default: the global fetch). */
  readonly fetch?: typeof globalThis.fetch;
  /** Real time (default `Date.now`). */
  readonly now?: () => number;
  /** Jitter source in [0, 1) (default `Math.random`). */
  readonly random?: () => number;
  readonly timeoutMs?: number;
  readonly concurrency?: number;
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
}

const key = (orgId: string, name: string): string => `${orgId}\u0000${name}`;

/**
 * The API destinations of one emulator: registration, durable queueing on publish, delivery.
 * @example
 * const d = new ApiDestinations({ services, outbox: file.outbox() });
 * d.resume(); // deliver what a previous run left queued
 * d.save(orgId, { name: 'runtime', url: 'http://127.0.0.1:3000/events', topics: [], headers: {}, suffix: 'switchboard', maxEventAgeSeconds: 86400, maxRetryAttempts: 185 });
 */
export class ApiDestinations {
  readonly #o: Required<Omit<ApiDestinationsOptions, 'logger'>> & { logger: Logger | undefined };
  readonly #workers = new Map<string, Worker>();
  readonly #tracked = new Map<string, () => void>();
  #closed = false;

  constructor(options: ApiDestinationsOptions) {
    this.#o = {
      services: options.services,
      outbox: options.outbox,
      logger: options.logger,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
      timeoutMs: options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
      concurrency: options.concurrency ?? DELIVERY_CONCURRENCY,
      backoff: options.backoff ?? BACKOFF,
    };
  }

  /**
   * Start delivering to every stored destination: what an earlier run of the emulator left
   * queued is tried at once, whatever backoff it was in.
   */
  resume(): void {
    for (const d of this.#o.outbox.destinations()) {
      this.#o.outbox.dueNow(d.orgId, d.settings.name, this.#o.now());
      this.#start(d.orgId, d.settings);
    }
  }

  /**
   * Register or update a destination (its queue and counters stay) and start delivering.
   * [INFERRED] emulator extension: registering again says the receiver is back, so what is
   * queued is tried at once instead of after its backoff (EventBridge cannot know).
   */
  save(orgId: string, settings: DestinationSettings): DestinationView {
    const stored = this.#o.outbox.saveDestination(orgId, settings, this.#o.now());
    this.#o.outbox.dueNow(orgId, settings.name, this.#o.now());
    this.#start(orgId, stored.settings);
    return this.view(orgId, settings.name)!;
  }

  /** Remove a destination, its queue and dead letters; false when unknown. */
  remove(orgId: string, name: string): boolean {
    const w = this.#workers.get(key(orgId, name));
    if (w) this.#stop(w);
    this.#workers.delete(key(orgId, name));
    return this.#o.outbox.removeDestination(orgId, name);
  }

  /** A destination's settings, counters and delivery state. */
  view(orgId: string, name: string): DestinationView | undefined {
    const stored = this.#o.outbox.destination(orgId, name);
    return stored ? this.#view(stored) : undefined;
  }

  /** Every destination of an org. */
  list(orgId: string): DestinationView[] {
    return this.#o.outbox
      .destinations()
      .filter((d) => d.orgId === orgId)
      .map((d) => this.#view(d));
  }

  /** The newest dead letters of a destination. */
  deadLetters(orgId: string, name: string, limit = 100): DeadLetter[] {
    return this.#o.outbox.deadLetters(orgId, name, limit);
  }

  /** Stop delivering (requests in flight are aborted; their events stay queued for the next run). */
  close(): void {
    this.#closed = true;
    for (const w of this.#workers.values()) this.#stop(w);
    this.#workers.clear();
    for (const unsubscribe of this.#tracked.values()) unsubscribe();
    this.#tracked.clear();
  }

  #view(d: StoredDestination): DestinationView {
    const w = this.#workers.get(key(d.orgId, d.settings.name));
    return destinationView(d, w, this.#o.outbox.queued(d.orgId, d.settings.name));
  }

  #start(orgId: string, settings: DestinationSettings): void {
    if (this.#closed) return;
    const k = key(orgId, settings.name);
    const existing = this.#workers.get(k);
    const matchers = settings.topics.map(compileSubscription);
    if (existing) {
      existing.settings = settings;
      existing.matchers = matchers;
      // A destination registered again (its receiver restarted) is tried at once.
      existing.failures = 0;
      existing.blockedUntil = 0;
      this.#schedule(existing, 0);
    } else {
      const w: Worker = {
        orgId,
        settings,
        matchers,
        inFlight: new Map(),
        failures: 0,
        blockedUntil: 0,
        lastError: undefined,
        lastDeliveredAt: undefined,
        timer: undefined,
        pumping: false,
      };
      this.#workers.set(k, w);
      this.#schedule(w, 0);
    }
    this.#track(orgId);
  }

  #stop(w: Worker): void {
    if (w.timer) clearTimeout(w.timer);
    w.timer = undefined;
    for (const ac of w.inFlight.values()) ac.abort();
    w.inFlight.clear();
  }

  #track(orgId: string): void {
    if (this.#tracked.has(orgId)) return;
    this.#tracked.set(
      orgId,
      this.#o.services.events.subscribe(orgId, (e) => this.#publish(orgId, e)),
    );
  }

  /** Queue an event for every destination of its org whose topics match, in the turn it is published. */
  #publish(orgId: string, event: NotificationEvent): void {
    const segments = event.topicName.split('.');
    const byEnvelope = new Map<string, Worker[]>();
    const at = this.#o.services.clock.now();
    for (const w of this.#workers.values()) {
      if (w.orgId !== orgId) continue;
      if (w.matchers.length > 0 && !w.matchers.some((m) => m(segments))) continue;
      const list = byEnvelope.get(w.settings.suffix) ?? [];
      list.push(w);
      byEnvelope.set(w.settings.suffix, list);
    }
    if (byEnvelope.size === 0) return;
    const eventId = event.metadata.CorrelationId;
    const queuedAt = this.#o.now();
    for (const [suffix, workers] of byEnvelope) {
      const envelope = JSON.stringify(toEventBridge(event, { orgId, suffix }, { id: eventId, at }));
      try {
        this.#o.outbox.enqueue(
          orgId,
          workers.map((w) => w.settings.name),
          eventId,
          envelope,
          queuedAt,
        );
      } catch (e) {
        // The state file is closing or broken: the event cannot be kept; say so loudly.
        this.#o.logger?.error({ err: (e as Error).message, eventId }, 'an EventBridge event could not be queued');
        continue;
      }
      for (const w of workers) if (w.failures === 0) this.#schedule(w, 0);
    }
  }

  #schedule(w: Worker, delayMs: number): void {
    if (this.#closed) return;
    if (w.timer) {
      if (delayMs > 0) return;
      clearTimeout(w.timer);
    }
    w.timer = setTimeout(
      () => {
        w.timer = undefined;
        this.#pump(w);
      },
      Math.max(0, delayMs),
    );
    w.timer.unref();
  }

  #pump(w: Worker): void {
    if (this.#closed || this.#workers.get(key(w.orgId, w.settings.name)) !== w) return;
    const now = this.#o.now();
    if (now < w.blockedUntil) return this.#schedule(w, w.blockedUntil - now);
    // After a failure, one request at a time probes the destination until one succeeds.
    const slots = (w.failures > 0 ? 1 : this.#o.concurrency) - w.inFlight.size;
    if (slots <= 0) return;
    let rows: QueuedEvent[];
    try {
      rows = this.#o.outbox
        .due(w.orgId, w.settings.name, now, slots + w.inFlight.size)
        .filter((r) => !w.inFlight.has(r.seq))
        .slice(0, slots);
    } catch (e) {
      this.#o.logger?.error(
        { err: (e as Error).message, destination: w.settings.name },
        'the EventBridge outbox could not be read',
      );
      return;
    }
    for (const row of rows) {
      if (now - row.firstAt > w.settings.maxEventAgeSeconds * 1000) {
        deadLetter(
          w,
          row,
          row.attempts,
          `not delivered within the retention window of ${w.settings.maxEventAgeSeconds} s${row.lastError ? `; last error: ${row.lastError}` : ''}`,
          this.#o,
        );
        continue;
      }
      void this.#send(w, row);
    }
    if (w.inFlight.size === 0) {
      const next = this.#o.outbox.nextDue(w.orgId, w.settings.name);
      if (next !== undefined) this.#schedule(w, Math.max(next - now, rows.length > 0 ? 0 : 1));
    }
  }

  async #send(w: Worker, row: QueuedEvent): Promise<void> {
    const ac = new AbortController();
    w.inFlight.set(row.seq, ac);
    const outcome = await postEnvelope(w.settings, row.envelope, ac, this.#o);
    w.inFlight.delete(row.seq);
    // Closed (or the destination removed) while in flight: the event stays queued as it was.
    if (this.#closed || this.#workers.get(key(w.orgId, w.settings.name)) !== w) return;
    settleAttempt(w, row, outcome, this.#o);
    this.#schedule(w, 0);
  }
}

/** The API destinations of an emulator, attached by `createEmulator` (which also closes them). */
const destinationsService = declareService('api destinations', () => ({
  destinations: undefined as ApiDestinations | undefined,
}));

/** Attach an emulator's API destinations to its services (done by `createEmulator`). */
export function attachApiDestinations(services: EmulatorServices, destinations: ApiDestinations): void {
  services.service(destinationsService).destinations = destinations;
}

/** The API destinations of an emulator, if attached. */
export function apiDestinationsOf(services: EmulatorServices): ApiDestinations | undefined {
  return services.service(destinationsService).destinations;
}
