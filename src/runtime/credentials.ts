/**
 * @module
 * Who the runtime is towards Genesys Cloud: one OAuth client per integration of a bundle (on an
 * emulator, created with exactly the permissions the bundle declares; on a real org, the
 * integration's credentials from the options, or the shared client), one for outbound calls and
 * one for the notification channel.
 */
import { createHash } from 'node:crypto';
import type { Clock, Fetch, Logger } from '../core/index.ts';
import { SwitchboardError } from '../core/index.ts';
import { BUILT_IN_ROLES } from '../emulator/index.ts';
import { createGenesysClient } from '../genesys/index.ts';
import type { GenesysClient } from '../genesys/index.ts';
import { RuntimeErrors } from './errors.ts';
import type { RuntimeTarget } from './types.ts';

/** What an integration's client needs, as the bundle says it. */
interface ClientRequest {
  /** Shown in the emulator's client list, e.g. `terminate-no-queue / Terminate Outbound Conversations`. */
  readonly name: string;
  readonly permissions?: readonly string[] | undefined;
  /** A role name; used when it is one of the emulator's built-in roles and no permissions are given. */
  readonly role?: string | undefined;
  /** The integration name, to find its credentials on a real org. */
  readonly integration?: string;
  /**
   * Attempts per request. Data actions use 1: Genesys hands a 429 or 5xx to the flow as the
   * Failure path instead of retrying behind its back. Default: the client's (5).
   */
  readonly maxAttempts?: number;
}

/** An authenticated client and how it was obtained. */
interface Credentialed {
  readonly client: GenesysClient;
  /** For humans: `emulator client with 3 permissions`, `shared org client`. */
  readonly description: string;
}

/** Makes authenticated clients for one target. */
export interface Credentials {
  /** The API base URL (`http://emulator.local` in process). */
  readonly baseUrl: string;
  client(request: ClientRequest): Promise<Credentialed>;
}

/** Permissions the outbound client holds on an emulator: place calls, read users, presences and call details. */
export const OUTBOUND_PERMISSIONS: readonly string[] = [
  'conversation:call:add',
  'directory:user:view',
  'conversation:communication:view',
  'analytics:conversationDetail:view',
];

/** The in-process base URL of an embedded emulator. */
export const IN_PROCESS_BASE_URL = 'http://emulator.local';

function attempts(request: ClientRequest): { maxAttempts?: number } {
  return request.maxAttempts === undefined ? {} : { maxAttempts: request.maxAttempts };
}

function grants(request: ClientRequest): { roles?: string[]; permissions?: string[]; description: string } {
  if (request.permissions !== undefined) {
    return {
      permissions: [...request.permissions],
      description: `emulator client with ${request.permissions.length} permission${request.permissions.length === 1 ? '' : 's'}`,
    };
  }
  if (request.role !== undefined && request.role in BUILT_IN_ROLES)
    return { roles: [request.role], description: `emulator client with role ${request.role}` };
  return { roles: ['admin'], description: 'emulator client with role admin (the bundle declares no permissions)' };
}

/**
 * A fetch for an emulator URL whose token requests carry the current credentials and, when the
 * emulator answers `invalid_client` (it lost its state), make the client again once and re-send.
 */
function recreatingFetch(
  tokenUrl: string,
  initial: { clientId: string; clientSecret: string },
  recreate: () => Promise<{ clientId: string; clientSecret: string }>,
  send: Fetch,
): Fetch {
  let current = initial;
  let inflight: Promise<void> | undefined;
  const withCredentials = (request: Request): Request => {
    const headers = new Headers(request.headers);
    headers.set(
      'Authorization',
      `Basic ${Buffer.from(`${current.clientId}:${current.clientSecret}`, 'utf8').toString('base64')}`,
    );
    return new Request(request, { headers });
  };
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    if (request.url !== tokenUrl) return send(request);
    const spare = request.clone();
    const used = current;
    const res = await send(withCredentials(request));
    if (res.status !== 401 || !(await res.clone().text()).includes('invalid_client')) return res;
    // One re-creation for every token request that failed with the same credentials.
    if (current === used) {
      inflight ??= recreate()
        .then((c) => void (current = c))
        .finally(() => {
          inflight = undefined;
        });
      await inflight;
    }
    return send(withCredentials(spare));
  };
}

/**
 * The id and secret a runtime asks an emulator in another process for, the same for every process
 * of the same integration: as in an org, where every runtime uses the integration's one OAuth
 * client, an `Idempotency-Key` re-sent by a restarted process is then recognised (the emulator
 * scopes keys per client). The secret is derived, not secret: the emulator's control API is open
 * to anyone on the machine anyway.
 */
function stableClient(baseUrl: string, name: string): { clientId: string; clientSecret: string } {
  const digest = createHash('sha256').update(`switchboard runtime client\n${baseUrl}\n${name}`).digest('hex');
  return { clientId: `switchboard-${digest.slice(0, 24)}`, clientSecret: digest.slice(24) };
}

/**
 * The credentials of a target.
 * @example
 * const creds = targetCredentials({ kind: 'emulator', emulator }, clock, logger);
 * const { client } = await creds.client({ name: 'presence', permissions: ['presence:userPresence:edit'] });
 */
export function targetCredentials(
  target: RuntimeTarget,
  clock: Clock,
  logger: Logger,
  send: Fetch = (u, i) => globalThis.fetch(u, i),
): Credentials {
  switch (target.kind) {
    case 'emulator': {
      const emulator = target.emulator;
      return {
        baseUrl: IN_PROCESS_BASE_URL,
        async client(request) {
          const g = grants(request);
          const c = emulator.createClient({
            name: request.name,
            ...(g.roles ? { roles: g.roles } : {}),
            ...(g.permissions ? { permissions: g.permissions } : {}),
          });
          const client = createGenesysClient({
            baseUrl: IN_PROCESS_BASE_URL,
            clientId: c.clientId,
            clientSecret: c.clientSecret,
            fetch: emulator.fetch,
            clock,
            logger,
            ...attempts(request),
          });
          return { client, description: g.description };
        },
      };
    }
    case 'emulator-url': {
      const baseUrl = target.url.replace(/\/+$/, '');
      const create = async (
        request: ClientRequest,
        g: ReturnType<typeof grants>,
      ): Promise<{ clientId: string; clientSecret: string }> => {
        let res: Response;
        try {
          res = await send(`${baseUrl}/_switchboard/clients`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              name: request.name,
              ...stableClient(baseUrl, request.name),
              ...(g.roles ? { roles: g.roles } : {}),
              ...(g.permissions ? { permissions: g.permissions } : {}),
            }),
          });
        } catch (e) {
          throw new SwitchboardError(
            RuntimeErrors.SB_RUNTIME_CONFIG,
            `an emulator target must be reachable; POST ${baseUrl}/_switchboard/clients failed: ${(e as Error).message}`,
            { details: { url: baseUrl } },
          );
        }
        if (res.status !== 201) {
          throw new SwitchboardError(
            RuntimeErrors.SB_RUNTIME_CONFIG,
            `an emulator target must create OAuth clients for the integrations; ${baseUrl} answered ${res.status} ${(await res.text()).slice(0, 300)} for "${request.name}"`,
            {
              details: { url: baseUrl, integration: request.name },
            },
          );
        }
        return (await res.json()) as { clientId: string; clientSecret: string };
      };
      return {
        baseUrl,
        async client(request) {
          const g = grants(request);
          const c = await create(request, g);
          // An emulator that lost its state (restarted without its file) no longer knows the
          // client: it is created again, with the same grants, and the token request re-sent.
          const fetch = recreatingFetch(
            `${baseUrl}/oauth/token`,
            c,
            async () => {
              const again = await create(request, g);
              logger.warn(
                { client: request.name },
                'the emulator did not know this OAuth client (its state was lost); created it again',
              );
              return again;
            },
            send,
          );
          return {
            client: createGenesysClient({
              baseUrl,
              clientId: c.clientId,
              clientSecret: c.clientSecret,
              fetch,
              clock,
              logger,
              ...attempts(request),
            }),
            description: g.description,
          };
        },
      };
    }
    case 'org': {
      return {
        baseUrl: target.config.baseUrl,
        async client(request) {
          const own = request.integration === undefined ? undefined : target.integrations?.[request.integration];
          if (!own)
            return {
              client: createGenesysClient({ ...target.config, clock, logger, ...attempts(request) }),
              description: 'shared org client',
            };
          return {
            client: createGenesysClient({ ...target.config, ...own, clock, logger, ...attempts(request) }),
            description: `org client ${own.clientId}`,
          };
        },
      };
    }
  }
}
