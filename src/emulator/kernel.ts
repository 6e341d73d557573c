/**
 * @module
 * The contract between the emulator's gateway and its providers: per-org state stores, the event
 * bus, and the request variables every provider can read. One provider folder per API area
 * (`services/<area>/provider.ts` + `store.ts`) registers its routes on the gateway's Hono app.
 */
import type { Hono } from 'hono';
import type { Clock, Ids, Logger, NotificationEvent } from '../core/index.ts';

/**
 * A provider's declared state: a JSON-serializable value per org, created by `init` and
 * persisted by the emulator (snapshot / restore / reset work on every declared store).
 */
export interface StoreDecl<S> {
  readonly name: string;
  init(): S;
}

/** Declare a provider store. */
export function declareStore<S>(name: string, init: () => S): StoreDecl<S> {
  return { name, init };
}

/** The state of one org: one value per declared store. */
export class OrgState {
  readonly orgId: string;
  #stores = new Map<string, unknown>();
  #dirty = new Set<string>();
  readonly #changed: ((org: OrgState) => void) | undefined;

  /** `changed` is told every time a store is marked dirty (the emulator schedules a write). */
  constructor(orgId: string, changed?: (org: OrgState) => void) {
    this.orgId = orgId;
    this.#changed = changed;
  }

  /** The store's value for this org (created on first use). Call {@link touch} after mutating. */
  get<S>(decl: StoreDecl<S>): S {
    let value = this.#stores.get(decl.name);
    if (value === undefined && !this.#stores.has(decl.name)) this.#stores.set(decl.name, (value = decl.init()));
    return value as S;
  }

  /** Mark a store as changed, so it is persisted. */
  touch(decl: StoreDecl<unknown>): void {
    this.#dirty.add(decl.name);
    this.#changed?.(this);
  }

  /** Names of the stores changed since the last call (and clear the set). */
  takeDirty(): string[] {
    if (this.#dirty.size === 0) return [];
    const d = [...this.#dirty];
    this.#dirty.clear();
    return d;
  }

  /** Mark stores as changed again by name (a write that failed is retried with the next one). */
  markDirty(names: readonly string[]): void {
    for (const n of names) this.#dirty.add(n);
    if (names.length > 0) this.#changed?.(this);
  }

  /** The live value of a store by name, `undefined` when it does not exist (never created, or reset). */
  peek(name: string): unknown {
    return this.#stores.get(name);
  }

  /** A deep copy of every store. */
  snapshot(): Record<string, unknown> {
    return Object.fromEntries([...this.#stores].map(([k, v]) => [k, structuredClone(v)]));
  }

  /** Replace every store with the snapshot's values. */
  restore(snapshot: Record<string, unknown>): void {
    this.#stores = new Map(Object.entries(snapshot).map(([k, v]) => [k, structuredClone(v)]));
    this.markDirty([...this.#stores.keys()]);
  }

  /** Forget everything (stores re-initialize on next use). */
  reset(): void {
    this.markDirty([...this.#stores.keys()]);
    this.#stores.clear();
  }
}

/** A subscriber of an org's notification events. */
export type EventListener = (event: NotificationEvent) => void;

/** Fan-out of notification events (detail events, presence…) to in-process subscribers. */
export class EventBus {
  #listeners = new Map<string, Set<EventListener>>();

  /** Subscribe to every event of an org; returns the unsubscribe function. */
  subscribe(orgId: string, listener: EventListener): () => void {
    let set = this.#listeners.get(orgId);
    if (!set) this.#listeners.set(orgId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Deliver an event; a throwing listener never stops the others. */
  publish(orgId: string, event: NotificationEvent): void {
    for (const l of this.#listeners.get(orgId) ?? []) {
      try {
        l(event);
      } catch {
        // A subscriber's failure is its own; delivery to the others goes on.
      }
    }
  }
}

/** Who is calling: resolved by the gateway's auth step from the bearer token. */
export interface Principal {
  readonly orgId: string;
  readonly clientId: string;
  /** Set for user tokens (and tokens minted for a user in tests); absent for client credentials. */
  readonly userId?: string;
  readonly permissions: ReadonlySet<string>;
  readonly token: string;
}

/** Services shared by every provider of one emulator instance. */
export interface EmulatorServices {
  readonly clock: Clock;
  readonly ids: Ids;
  readonly logger: Logger;
  readonly events: EventBus;
  /** The state of an org (created on first use). */
  org(orgId: string): OrgState;
}

/** Hono variables set by the gateway before a provider runs. */
export interface EmulatorVars {
  services: EmulatorServices;
  principal: Principal;
  org: OrgState;
  correlationId: string;
}

/** The Hono environment of emulator routes. */
/**
 * What the server hands each request: the Node request when it came over a socket
 * (`@hono/node-server`), `inProcess` when it came through `emulator.fetch`; neither when an app
 * calls `app.fetch` itself (treated like a request from the network).
 */
export interface EmulatorBindings {
  readonly inProcess?: boolean;
  readonly incoming?: { readonly socket?: { readonly localAddress?: string | undefined } };
}

export interface EmulatorEnv {
  Bindings: EmulatorBindings;
  Variables: EmulatorVars;
}

/** The app type providers register routes on. */
export type EmulatorApp = Hono<EmulatorEnv>;

/**
 * A provider: registers its routes. Each route declares the permissions it needs with the
 * gateway's `requirePermission(...anyOf)` middleware.
 */
export interface Provider {
  readonly name: string;
  register(app: EmulatorApp): void;
}
