/**
 * @module
 * OAuth clients and the tokens minted for them. Clients hold roles → permissions; a token's
 * lifetime is its client's `accessTokenValiditySeconds` (default 24 h, platform.md §4.7) measured
 * on the injected clock. Clients and tokens are not part of the org state, so `reset()` and
 * `restore()` never lock the caller out; given a {@link OAuthPersistence} (the state file), each
 * is written when created and read back on start, so a restarted emulator still knows them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SwitchboardError } from '../../core/index.ts';
import type { Clock } from '../../core/index.ts';
import type { Principal } from '../provider-contract.ts';
import type { OAuthPersistence, StoredClient } from '../state/oauth-table.ts';
import { resolvePermissions } from './roles.ts';

/** Default token lifetime: 24 hours. */
const DEFAULT_TOKEN_VALIDITY_SECONDS = 86_400;
const MIN_VALIDITY = 300;
const MAX_VALIDITY = 172_800;

/** What {@link OAuthRegistry.createClient} takes. */
export interface CreateClientOptions {
  readonly name: string;
  /** Built-in role names (see `BUILT_IN_ROLES`). */
  readonly roles?: readonly string[];
  /** Extra permissions, beside the roles'. */
  readonly permissions?: readonly string[];
  /** Token lifetime, 300..172800 s (Genesys: "between 5mins and 48hrs"); default 86400. */
  readonly accessTokenValiditySeconds?: number;
  /** Fixed id and secret (random when absent). */
  readonly clientId?: string;
  readonly clientSecret?: string;
  /**
   * With `clientId` and `clientSecret`: a client with that id and secret is kept (its grants
   * replaced) instead of refused, so a process asking for the same client again gets the same one.
   */
  readonly reuse?: boolean;
}

/** A registered client-credentials OAuth client. */
export interface OAuthClientInfo {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly permissions: ReadonlySet<string>;
  readonly accessTokenValiditySeconds: number;
}

/** A minted access token, as `/oauth/token` returns it. */
export interface IssuedToken {
  readonly access_token: string;
  readonly token_type: 'bearer';
  readonly expires_in: number;
}

interface TokenRecord {
  readonly principal: Principal;
  readonly expiresAt: number;
}

/** The result of looking a bearer token up. */
export type TokenLookup = { ok: true; principal: Principal } | { ok: false; reason: 'unknown' | 'expired' };

function invalid(message: string, field: string): SwitchboardError {
  return new SwitchboardError('SB_INPUT_INVALID', message, { details: { field } });
}

/**
 * The OAuth clients and tokens of one emulator.
 * @example
 * const reg = new OAuthRegistry(clock, orgId);
 * const client = reg.createClient({ name: 'presence', roles: ['presence'] });
 * const { access_token } = reg.issueClientToken(client);
 */
export class OAuthRegistry {
  readonly #clock: Clock;
  readonly #orgId: string;
  readonly #clients = new Map<string, OAuthClientInfo>();
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #store: OAuthPersistence | undefined;
  #adminId: string | undefined;

  constructor(clock: Clock, orgId: string, store?: OAuthPersistence) {
    this.#clock = clock;
    this.#orgId = orgId;
    this.#store = store;
    if (!store) return;
    store.sweep(clock.now());
    const { clients, tokens } = store.load();
    for (const c of clients) {
      this.#clients.set(c.clientId, { ...c, roles: [...c.roles], permissions: new Set(c.permissions) });
      if (c.admin) this.#adminId = c.clientId;
    }
    for (const t of tokens) {
      const principal: Principal = {
        orgId: t.orgId,
        token: t.token,
        clientId: t.clientId,
        ...(t.userId === undefined ? {} : { userId: t.userId }),
        permissions: new Set(t.permissions),
      };
      this.#tokens.set(t.token, { principal, expiresAt: t.expiresAt });
    }
  }

  /**
   * The emulator's admin client (role admin): the fixed credentials when given, else the one an
   * earlier run of the state file stored, else a new one with random credentials.
   */
  adminClient(fixed?: { readonly id: string; readonly secret: string }): OAuthClientInfo {
    const known = this.#adminId === undefined ? undefined : this.#clients.get(this.#adminId);
    if (known && (!fixed || (fixed.id === known.clientId && fixed.secret === known.clientSecret))) return known;
    if (known && this.#adminId !== undefined) {
      this.#clients.delete(this.#adminId);
      this.#store?.removeClient(this.#adminId);
    }
    if (fixed) {
      // A client of the same id from an earlier run gives way to the fixed admin credentials.
      this.#clients.delete(fixed.id);
      this.#store?.removeClient(fixed.id);
    }
    const admin = this.createClient(
      { name: 'Switchboard admin', roles: ['admin'], clientId: fixed?.id, clientSecret: fixed?.secret },
      true,
    );
    this.#adminId = admin.clientId;
    return admin;
  }

  /** Register a client; throws `SB_INPUT_INVALID` for an unknown role or a bad lifetime. */
  createClient(opts: CreateClientOptions, admin = false): OAuthClientInfo {
    if (typeof opts.name !== 'string' || opts.name.trim() === '')
      throw invalid('an OAuth client needs a non-empty name', 'name');
    const validity = opts.accessTokenValiditySeconds ?? DEFAULT_TOKEN_VALIDITY_SECONDS;
    if (!Number.isInteger(validity) || validity < MIN_VALIDITY || validity > MAX_VALIDITY) {
      throw invalid(
        `accessTokenValiditySeconds must be an integer between ${MIN_VALIDITY} and ${MAX_VALIDITY}; got ${validity}`,
        'accessTokenValiditySeconds',
      );
    }
    let permissions: Set<string>;
    try {
      permissions = resolvePermissions(opts.roles ?? [], opts.permissions ?? []);
    } catch (e) {
      throw invalid(`OAuth client "${opts.name}": ${(e as Error).message}`, 'roles');
    }
    const clientId = opts.clientId ?? randomUUID();
    const prior = this.#clients.get(clientId);
    if (
      prior &&
      !(opts.reuse === true && opts.clientSecret !== undefined && prior.clientSecret === opts.clientSecret)
    ) {
      throw invalid(`OAuth client ids are unique; "${clientId}" exists already`, 'clientId');
    }
    const client: OAuthClientInfo = {
      clientId,
      clientSecret: opts.clientSecret ?? randomBytes(32).toString('base64url'),
      name: opts.name,
      roles: [...(opts.roles ?? [])],
      permissions,
      accessTokenValiditySeconds: validity,
    };
    this.#clients.set(clientId, client);
    const stored: StoredClient = {
      ...client,
      roles: client.roles,
      permissions: [...permissions],
      ...(admin ? { admin } : {}),
    };
    this.#store?.saveClient(stored);
    return client;
  }

  /** The client with these credentials, or undefined. */
  authenticate(clientId: string, clientSecret: string): OAuthClientInfo | undefined {
    const c = this.#clients.get(clientId);
    return c && c.clientSecret === clientSecret ? c : undefined;
  }

  /** Mint a client-credentials token. */
  issueClientToken(client: OAuthClientInfo): IssuedToken {
    return this.#mint(
      { clientId: client.clientId, permissions: client.permissions },
      client.accessTokenValiditySeconds,
    );
  }

  /** Mint a token acting as a user (what an authorization-code login would give). */
  issueUserToken(
    userId: string,
    permissions: readonly string[] = ['*'],
    validitySeconds = DEFAULT_TOKEN_VALIDITY_SECONDS,
  ): IssuedToken {
    return this.#mint(
      { clientId: 'switchboard-user-login', userId, permissions: new Set(permissions) },
      validitySeconds,
    );
  }

  /** Resolve a bearer token to its principal. */
  lookup(token: string): TokenLookup {
    const rec = this.#tokens.get(token);
    if (!rec) return { ok: false, reason: 'unknown' };
    if (this.#clock.now() >= rec.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, principal: rec.principal };
  }

  #mint(
    p: { clientId: string; userId?: string; permissions: ReadonlySet<string> },
    validitySeconds: number,
  ): IssuedToken {
    const token = randomBytes(36).toString('base64url');
    const principal: Principal = { orgId: this.#orgId, token, ...p };
    const expiresAt = this.#clock.now() + validitySeconds * 1000;
    this.#tokens.set(token, { principal, expiresAt });
    this.#store?.saveToken({
      token,
      orgId: this.#orgId,
      clientId: p.clientId,
      ...(p.userId === undefined ? {} : { userId: p.userId }),
      permissions: [...p.permissions],
      expiresAt,
    });
    // Expired tokens are dropped lazily so the map does not grow without bound.
    if (this.#tokens.size % 1024 === 0) this.#sweep();
    return { access_token: token, token_type: 'bearer', expires_in: validitySeconds };
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [t, r] of this.#tokens) if (now >= r.expiresAt) this.#tokens.delete(t);
    this.#store?.sweep(now);
  }
}
