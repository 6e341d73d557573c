/**
 * @module
 * `createEmulator()`: an embedded Genesys Cloud org — in-process through `fetch`, or on a real
 * port through `listen()` — with OAuth clients, fault injection and persisted state.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { SwitchboardError, SystemClock, randomIds, silentLogger } from '../core/index.ts';
import type { Clock, Fetch, Ids, Logger } from '../core/index.ts';
import { EmulatorErrors } from './errors.ts';
import { OAuthRegistry } from './auth/registry.ts';
import type { CreateClientOptions, IssuedToken, OAuthClientInfo } from './auth/registry.ts';
import { registerControl } from './control.ts';
import { FaultInjector } from './faults.ts';
import { DEFAULT_EMULATOR_MAX_BODY_BYTES, createGateway } from './gateway.ts';
import { EventBus, ServiceRegistry } from './provider-contract.ts';
import type { EmulatorApp, EmulatorBindings, EmulatorServices, Provider } from './provider-contract.ts';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, RateLimiter } from './rate-limit.ts';
import type { RouteInfo } from './routes.ts';
import { PROVIDERS } from './services/index.ts';
import type { AttachedAutomation, EmulatorAutomation } from './automation.ts';
import { apiClientCredentials } from './services/authorization/store.ts';
import { EMULATOR_ORG_ID, seedOrg } from './services/seed.ts';
import type { SeedName } from './services/seed.ts';
import { usersStore } from './services/users/store.ts';
import { simulatorFor } from './services/conversations/simulators.ts';
import { attachNotificationSocket } from './services/notifications/socket.ts';
import { ApiDestinations, attachApiDestinations } from './services/notifications/api-destinations.ts';
import type { ApiDestinationsOptions } from './services/notifications/api-destinations.ts';
import { attachFlowLauncher } from './services/flows/provider.ts';
import type { FlowLauncher } from './services/flows/launcher.ts';
import type { Simulator } from './simulator/index.ts';
import { OrgRegistry } from './state/org-registry.ts';
import type { StateSnapshot } from './state/org-registry.ts';
import { SqliteState } from './state/sqlite-state.ts';

/** The bindings of a request made through `emulator.fetch` (no browser can make one). */
const IN_PROCESS: EmulatorBindings = { inProcess: true };

/** Options of {@link createEmulator}. */
export interface EmulatorOptions {
  /** Time source for token expiry, latency faults and timestamps (default: system clock). */
  readonly clock?: Clock;
  /** Id source for entities and correlation ids (default: random). */
  readonly ids?: Ids;
  /** Initial data of a new org (default `demo`). */
  readonly seed?: SeedName;
  /** SQLite state file (default `':memory:'`; the CLI defaults to `.switchboard/emulator.sqlite`). */
  readonly statePath?: string;
  /**
   * How long changes to a state file are coalesced before they are written, ms (default 500; 0 =
   * the next turn of the event loop). Every change is also written by `persist()` and `close()`.
   */
  readonly persistDelayMs?: number;
  /** Requests per minute per token (default 300; `0` or `Infinity` disables the limit). */
  readonly rateLimitPerMinute?: number;
  /** Fixed credentials of the admin client (random when absent). */
  readonly adminClient?: { readonly id: string; readonly secret: string };
  readonly logger?: Logger;
  /** Seed of the fault injector's random 5xx sequence (default 1). */
  readonly faultSeed?: number;
  /** Providers to register (default: every built-in provider). */
  readonly providers?: readonly Provider[];
  /** Runs workflows for `POST /api/v2/flows/executions` (without one, launches answer 501). */
  readonly flowLauncher?: FlowLauncher;
  /** The largest request body accepted, in bytes (default 10 MiB); a larger one is answered 413. */
  readonly maxBodyBytes?: number;
  /**
   * How EventBridge API destinations deliver (defaults: EventBridge's, see
   * `services/notifications/api-destinations.ts`); for tests that cannot wait a second.
   */
  readonly apiDestinations?: Partial<
    Pick<ApiDestinationsOptions, 'timeoutMs' | 'concurrency' | 'backoff' | 'random' | 'fetch' | 'now'>
  >;
  /**
   * What runs what is deployed to the org (the runtime's `orgAutomation()`): attached once the
   * emulator is built, closed before it.
   */
  readonly automation?: EmulatorAutomation;
  /**
   * Where the org's data actions send requests for hosts other than Genesys Cloud (a web services
   * integration's API): the third-party fetch of a mocks file and passthrough hosts. Without it
   * such a request is refused with `SB_EMULATOR_FOREIGN_HOST` naming the host.
   */
  readonly thirdParty?: Fetch;
}

/** A server started by {@link Emulator.listen}. */
export interface ListeningEmulator {
  readonly port: number;
  /** `http://host:port`, the base of both `/oauth/token` and `/api/v2`. */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** A running emulator. */
export interface Emulator {
  readonly app: EmulatorApp;
  /** In-process fetch: a `Request`, an absolute URL or a path such as `/api/v2/users`. */
  readonly fetch: Fetch;
  readonly orgId: string;
  readonly services: EmulatorServices;
  /** The admin client (role `admin`). */
  readonly admin: { readonly clientId: string; readonly clientSecret: string };
  readonly faults: FaultInjector;
  /** Every emulated operation with its permissions. */
  readonly routes: readonly RouteInfo[];
  /** Register an OAuth client holding roles and/or permissions. */
  createClient(opts: CreateClientOptions): OAuthClientInfo;
  /** A bearer token acting as a user of the org (default permissions: all). */
  issueUserToken(userId: string, permissions?: readonly string[]): string;
  /** A client-credentials token of the admin client. */
  adminToken(): string;
  /** Put the org back to its seed. */
  reset(): void;
  /** Every store of every org, as JSON. */
  snapshot(): StateSnapshot;
  /** Replace the state with a snapshot. */
  restore(snapshot: unknown): void;
  /** Write dirty state now (it is otherwise written within `persistDelayMs` of a change, and on close). */
  persist(): void;
  /** The call simulator of this emulator's org (drives conversations and emits detail events). */
  readonly simulator: Simulator;
  /** Attach the workflow launcher after creation (the runtime is built after its emulator); `undefined` detaches it. */
  attachFlowLauncher(launcher: FlowLauncher | undefined): void;
  /** Run `fn` on every HTTP server this emulator listens on (now and in the future), before it accepts connections. */
  attachToServer(fn: (server: Server) => void): void;
  listen(port?: number, host?: string): Promise<ListeningEmulator>;
  /** Stop every server and close the state file. */
  close(): Promise<void>;
}

/** The answer to a request for a host the emulator is not: a coded refusal naming it. */
const refuseForeignHost: Fetch = (input, init) => {
  const req = input instanceof Request ? input : new Request(String(input), init);
  const { hostname: host, pathname } = new URL(req.url);
  return Promise.reject(
    new SwitchboardError(
      EmulatorErrors.SB_EMULATOR_FOREIGN_HOST,
      `the embedded emulator answers Genesys Cloud only; ${req.method} ${pathname} is for ${host}`,
      { details: { host, method: req.method, path: pathname } },
    ),
  );
};

/** Hosts the in-process fetch answers: its own name, loopback, and Genesys Cloud's API hosts [INFERRED list]. */
const EMULATED_HOSTS =
  /^(emulator\.local|localhost|127\.0\.0\.1|\[::1\]|api\.(mypurecloud\.[a-z.]+|[a-z0-9-]+\.pure\.cloud))$/i;

/**
 * Create an emulator.
 * @example
 * const emu = createEmulator({ clock: new VirtualClock(), statePath: ':memory:' });
 * const res = await emu.fetch('/api/v2/users', { headers: { Authorization: `Bearer ${emu.adminToken()}` } });
 */
export function createEmulator(opts: EmulatorOptions = {}): Emulator {
  const clock = opts.clock ?? new SystemClock();
  const ids = opts.ids ?? randomIds;
  const logger = opts.logger ?? silentLogger;
  const seed = opts.seed ?? 'demo';
  const orgId = EMULATOR_ORG_ID;
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_EMULATOR_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      `an emulator body limit must be a whole number of bytes, at least 1; got ${maxBodyBytes}`,
      { details: { option: 'maxBodyBytes' } },
    );
  }
  const providers = opts.providers ?? PROVIDERS;
  // The per-emulator services (simulators, notification hub, attached launcher…), with their lifecycle.
  const registry = new ServiceRegistry();
  const file = SqliteState.open(opts.statePath ?? ':memory:');
  let orgs: OrgRegistry;
  try {
    orgs = new OrgRegistry(file, (org) => seedOrg(org, seed), {
      flushDelayMs: opts.persistDelayMs,
      onError: (err) => logger.error({ err }, 'emulator state could not be written'),
      // Timers of calls in the replaced state must not fire into the new one: providers and
      // services drop what belongs to the state replaced.
      onReplace: (orgIds) => {
        for (const p of providers) p.reset?.(services, orgIds);
        registry.reset(orgIds);
      },
    });
  } catch (e) {
    file.close();
    throw e;
  }
  const services: EmulatorServices = {
    clock,
    ids,
    logger,
    events: new EventBus(),
    thirdParty: opts.thirdParty ?? refuseForeignHost,
    org: (id) => orgs.get(id),
    service: (decl) => registry.get(decl, services),
  };
  if (opts.flowLauncher) attachFlowLauncher(services, opts.flowLauncher);
  // EventBridge API destinations resume what an earlier run of this state file left queued.
  const destinations = new ApiDestinations({ ...opts.apiDestinations, services, outbox: file.outbox(), logger });
  attachApiDestinations(services, destinations);
  // OAuth clients and tokens are kept in the state file, so a restart keeps every caller signed in.
  const oauth = new OAuthRegistry(clock, orgId, file.oauth());
  const admin = oauth.adminClient(opts.adminClient);
  const faults = new FaultInjector(clock, opts.faultSeed);
  const limiter = new RateLimiter(clock, opts.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE);
  const servers = new Set<Server>();
  const hooks: ((server: Server) => void)[] = [];
  let routes: readonly RouteInfo[] = [];
  let closed = false;

  const issueUserTokenResponse = (userId: string, permissions?: readonly string[]): IssuedToken => {
    if (!orgs.get(orgId).get(usersStore).users[userId]) {
      throw new SwitchboardError(
        'SB_INPUT_INVALID',
        `a user token needs a user of the org; user ${userId} does not exist`,
        { details: { field: 'userId' } },
      );
    }
    return oauth.issueUserToken(userId, permissions);
  };

  const emulator: Emulator = {
    app: undefined as unknown as EmulatorApp,
    fetch: undefined as unknown as Fetch,
    orgId,
    services,
    admin: { clientId: admin.clientId, clientSecret: admin.clientSecret },
    faults,
    get routes() {
      return routes;
    },
    createClient: (o) => oauth.createClient(o),
    issueUserToken: (userId, permissions) => issueUserTokenResponse(userId, permissions).access_token,
    adminToken: () => oauth.issueClientToken(admin).access_token,
    reset: () => orgs.reset(orgId),
    snapshot: () => orgs.snapshot(),
    restore: (s) => orgs.restore(s),
    persist: () => orgs.persist(),
    get simulator() {
      return simulatorFor(services, orgId);
    },
    attachFlowLauncher: (launcher) => attachFlowLauncher(services, launcher),
    attachToServer(fn) {
      hooks.push(fn);
      for (const s of servers) fn(s);
    },
    listen: (port = 0, host = '127.0.0.1') => listen(port, host),
    async close() {
      await Promise.all([...servers].map(closeServer));
      if (closed) return;
      closed = true;
      await attached?.close();
      for (const p of providers) await p.close?.(services);
      await registry.close();
      destinations.close();
      orgs.close();
    },
  };

  const gateway = createGateway({
    maxBodyBytes,
    services,
    oauth,
    limiter,
    faults,
    providers,
    control: (app) => registerControl(app, { ...emulator, issueUserTokenResponse, routes: () => routes }),
    logger,
    apiClients: (id) => apiClientCredentials(services.org(orgId), id),
  });
  routes = gateway.routes;
  const app = gateway.app;
  const fetch: Fetch = (input, init) => {
    const req =
      input instanceof Request
        ? init
          ? new Request(input, init)
          : input
        : new Request(new URL(String(input), 'http://emulator.local'), init);
    // The emulator is Genesys Cloud: a request for another host is not answered as if it were ours.
    if (!EMULATED_HOSTS.test(new URL(req.url).hostname)) return refuseForeignHost(req);
    const answer = Promise.resolve(app.fetch(req, IN_PROCESS));
    // Node's Request follows the caller's signal only while the Request itself is reachable, and
    // a request parked in a hang or latency fault is reachable from nothing else: without this
    // reference a garbage collection would make it deaf to the caller's abort.
    const callerSignal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (callerSignal && !callerSignal.aborted) {
      const keep = (): void => void req.signal.aborted;
      callerSignal.addEventListener('abort', keep, { once: true });
      void answer.finally(() => callerSignal.removeEventListener('abort', keep)).catch(() => undefined);
    }
    return answer;
  };
  Object.assign(emulator, { app, fetch });
  // The Notifications API websocket (`connectUri` of a channel) lives on the emulator's own port.
  emulator.attachToServer((server) => attachNotificationSocket(server, services));
  orgs.get(orgId);
  for (const p of providers) p.start?.(services);
  destinations.resume();
  const attached: AttachedAutomation | undefined = opts.automation?.(emulator);

  function closeServer(server: Server): Promise<void> {
    servers.delete(server);
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  async function listen(port: number, host: string): Promise<ListeningEmulator> {
    const server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;
    for (const fn of hooks) fn(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    servers.add(server);
    const actual = (server.address() as AddressInfo).port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
    // debug: the commands that listen print the URL themselves.
    logger.debug({ url }, 'emulator listening');
    return { port: actual, url, server, close: () => closeServer(server) };
  }

  return emulator;
}

/**
 * The operations the emulator serves (method, path template, permissions), for docs and tooling.
 * @example
 * emulatedRoutes().filter((r) => r.path.startsWith('/api/v2/users'))
 */
export async function emulatedRoutes(): Promise<readonly RouteInfo[]> {
  const emu = createEmulator({ seed: 'empty' });
  const routes = emu.routes;
  await emu.close();
  return routes;
}
