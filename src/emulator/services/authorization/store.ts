/**
 * @module
 * Authorization state of an org: custom roles (permission policies) and the OAuth clients created
 * through the Platform API (`POST /api/v2/oauth/clients`), which hold roles by id. Clients the
 * emulator itself registers (its admin, `createClient`, `/_switchboard/clients`) live in its OAuth
 * registry instead and appear in neither listing.
 */
import { declareStore } from '../../provider-contract.ts';
import type { OrgState } from '../../provider-contract.ts';

/** A permission policy: `domain:entityName:action` for each action of the set. */
export interface PolicyRecord {
  domain: string;
  entityName: string;
  actionSet: string[];
}

/** A custom role. */
export interface RoleRecord {
  id: string;
  name: string;
  description?: string;
  permissionPolicies: PolicyRecord[];
  /** ISO-8601. */
  dateCreated: string;
}

/** An OAuth client created through the Platform API (client credentials only). */
export interface ApiClientRecord {
  id: string;
  name: string;
  description?: string;
  secret: string;
  authorizedGrantType: 'CLIENT-CREDENTIALS';
  roleIds: string[];
  accessTokenValiditySeconds: number;
  /** ISO-8601. */
  dateCreated: string;
  dateModified: string;
}

/** The authorization store of one org. */
export interface AuthorizationState {
  roles: Record<string, RoleRecord>;
  clients: Record<string, ApiClientRecord>;
}

/** The declared store. */
export const authorizationStore = declareStore<AuthorizationState>('authorization', () => ({ roles: {}, clients: {} }));

/** The `domain:entity:action` permissions of policies. */
export function policyPermissions(policies: readonly PolicyRecord[]): string[] {
  return policies.flatMap((p) => p.actionSet.map((a) => `${p.domain}:${p.entityName}:${a}`));
}

/**
 * Group permissions into policies, one per domain and entity, in first-seen order.
 * @example
 * permissionPolicies(['conversation:externalTag:edit', 'conversation:externalTag:view'])
 * // [{ domain: 'conversation', entityName: 'externalTag', actionSet: ['edit', 'view'] }]
 */
export function permissionPolicies(permissions: readonly string[]): PolicyRecord[] {
  const out = new Map<string, PolicyRecord>();
  for (const p of permissions) {
    const [domain = '*', entityName = '*', action = '*'] = p.split(':');
    const key = `${domain}:${entityName}`;
    const policy = out.get(key) ?? { domain, entityName, actionSet: [] };
    if (!policy.actionSet.includes(action)) policy.actionSet.push(action);
    out.set(key, policy);
  }
  return [...out.values()];
}

/**
 * The permissions an API client holds now: its roles' policies, read at each call, so a changed
 * role or a deleted client takes effect on tokens already issued (an unknown client holds none).
 */
export class LivePermissions implements ReadonlySet<string> {
  constructor(
    private readonly org: OrgState,
    private readonly clientId: string,
  ) {}

  #current(): Set<string> {
    const s = this.org.get(authorizationStore);
    const client = s.clients[this.clientId];
    if (!client) return new Set();
    return new Set(client.roleIds.flatMap((id) => policyPermissions(s.roles[id]?.permissionPolicies ?? [])));
  }

  get size(): number {
    return this.#current().size;
  }
  has(value: string): boolean {
    return this.#current().has(value);
  }
  forEach(fn: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const v of this.#current()) fn.call(thisArg, v, v, this);
  }
  entries(): SetIterator<[string, string]> {
    return this.#current().entries();
  }
  keys(): SetIterator<string> {
    return this.#current().keys();
  }
  values(): SetIterator<string> {
    return this.#current().values();
  }
  [Symbol.iterator](): SetIterator<string> {
    return this.#current()[Symbol.iterator]();
  }
}

/** An API client as the OAuth registry authenticates it. */
export interface ApiClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly permissions: ReadonlySet<string>;
  readonly accessTokenValiditySeconds: number;
}

/**
 * The API client of an org with this id, for the OAuth registry's token grant.
 * @example
 * const client = apiClientCredentials(org, clientId); // undefined for an unknown id
 */
export function apiClientCredentials(org: OrgState, clientId: string): ApiClientCredentials | undefined {
  const c = org.get(authorizationStore).clients[clientId];
  if (!c) return undefined;
  return {
    clientId: c.id,
    clientSecret: c.secret,
    name: c.name,
    roles: [...c.roleIds],
    permissions: new LivePermissions(org, c.id),
    accessTokenValiditySeconds: c.accessTokenValiditySeconds,
  };
}
