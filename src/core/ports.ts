/**
 * @module
 * The ports every engine depends on instead of globals: fetch, clock, ids, logger.
 */

/**
 * The fetch-shaped seam to Genesys Cloud. The emulator's `app.fetch`, the Genesys client's
 * authenticated `fetch` and the global `fetch` all satisfy it.
 */
export type Fetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** The response header a third-party fetch sets to say who answered: `mock` or `passthrough`. */
export const THIRD_PARTY_ROUTE_HEADER = 'x-switchboard-route';
/** The response header naming the mock that answered a third-party request. */
export const THIRD_PARTY_MOCK_HEADER = 'x-switchboard-mock';
/**
 * The host suffix a catalogue integration's requests are addressed under:
 * `<integration type>.integration.invalid` (RFC 2606: never a real host), answered by mocks only.
 */
export const SERVICE_HOST_SUFFIX = '.integration.invalid';

/** A cancellable timer handle. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Time. Never read `Date.now()` in engines: take a Clock, so a virtual clock can skip ahead.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolve after `ms` of this clock's time (rejects with the signal's reason when aborted). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Call `fn` after `ms` of this clock's time. */
  setTimer(fn: () => void, ms: number): TimerHandle;
}

/** Identifier generation, injectable for deterministic tests. */
export interface Ids {
  /** A RFC 4122 v4-shaped UUID. */
  uuid(): string;
}

/** Object-first structured logging (pino's call shape). */
export interface Logger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
