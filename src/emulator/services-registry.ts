/**
 * @module
 * What every provider of one emulator instance shares: the clock, ids, logger, event bus, org
 * state, and the per-emulator services (`declareService`: the call simulators, the notification
 * hub, the attached flow launcher…), each created on first use, with reset and close hooks the
 * emulator calls when an org's state is replaced and when it closes.
 */
import type { Clock, Fetch, Ids, Logger } from '../core/index.ts';
import type { EventBus } from './event-bus.ts';
import type { OrgState } from './org-state.ts';

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
  /**
   * Where a data action run by the org (`…/execute`, a deployed flow) sends a request for a host
   * other than Genesys Cloud: a mocks file, passthrough hosts, or a refusal naming the host.
   */
  readonly thirdParty: Fetch;
  /** The state of an org (created on first use). */
  org(orgId: string): OrgState;
  /** This emulator's instance of a declared service (created on first use). */
  service<T>(decl: ServiceDecl<T>): T;
}

/** A per-emulator service: how to create it, and what to do when orgs are replaced or the emulator closes. */
export interface ServiceDecl<T> {
  readonly name: string;
  create(services: EmulatorServices): T;
  /** The state of these orgs was reset or restored: drop what belongs to the state replaced. */
  reset?(service: T, orgIds: readonly string[]): void;
  /** The emulator closes. */
  close?(service: T): void | Promise<void>;
}

/**
 * Declare a per-emulator service.
 * @example
 * const hubService = declareService('notifications', (s) => new NotificationHub(s), { close: (hub) => hub.closeAll() });
 * services.service(hubService).track(orgId);
 */
export function declareService<T>(
  name: string,
  create: (services: EmulatorServices) => T,
  hooks: Pick<ServiceDecl<T>, 'reset' | 'close'> = {},
): ServiceDecl<T> {
  return { name, create, ...hooks };
}

/** The services one emulator has created, in creation order, and their lifecycle. */
export class ServiceRegistry {
  readonly #made = new Map<ServiceDecl<unknown>, unknown>();

  /** The instance of `decl`, created with `services` on first use. */
  get<T>(decl: ServiceDecl<T>, services: EmulatorServices): T {
    if (!this.#made.has(decl)) this.#made.set(decl, decl.create(services));
    return this.#made.get(decl) as T;
  }

  /** Tell every created service that these orgs' state was replaced. */
  reset(orgIds: readonly string[]): void {
    for (const [decl, service] of this.#made) decl.reset?.(service, orgIds);
  }

  /** Close every created service, newest first. */
  async close(): Promise<void> {
    for (const [decl, service] of [...this.#made].reverse()) await decl.close?.(service);
    this.#made.clear();
  }
}
