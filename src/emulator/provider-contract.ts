/**
 * @module
 * The contract between the emulator's gateway and its providers: the request variables every
 * provider can read, the Hono app it registers routes on, and its lifecycle hooks. One provider
 * folder per API area (`services/<area>/provider.ts` + `store.ts`) registers its routes. Per-org
 * state (`org-state.ts`), the event bus (`event-bus.ts`) and the shared services
 * (`services-registry.ts`) are re-exported here, so a provider imports its contract from one place.
 */
import type { Hono } from 'hono';
import type { EmulatorServices, Principal } from './services-registry.ts';
import type { OrgState } from './org-state.ts';

export { OrgState, declareStore } from './org-state.ts';
export { EventBus } from './event-bus.ts';
export { ServiceRegistry, declareService } from './services-registry.ts';
export type { EmulatorServices, Principal } from './services-registry.ts';

/** Hono variables set by the gateway before a provider runs. */
interface EmulatorVars {
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
 * A provider: registers its routes (each declares the permissions it needs with the gateway's
 * `requirePermission(...anyOf)` middleware), and may hook the emulator's lifecycle.
 */
export interface Provider {
  readonly name: string;
  register(app: EmulatorApp): void;
  /** The emulator is built and about to serve. */
  start?(services: EmulatorServices): void;
  /** The state of these orgs was reset or restored. */
  reset?(services: EmulatorServices, orgIds: readonly string[]): void;
  /** The emulator closes. */
  close?(services: EmulatorServices): void | Promise<void>;
}
