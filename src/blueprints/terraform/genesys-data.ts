/**
 * @module
 * A {@link DataResolver} over a fetch-shaped Genesys Cloud client (a real org or the emulator):
 * each `data "genesyscloud_*"` source the projects use is looked up by its `name` (or `email`)
 * through the Platform API list route the CX as Code provider reads, and resolves to the
 * object's attributes (its `id` first of all; a webhook integration's `web_hook_id` and
 * `invocation_url` from its attributes). A name that matches nothing resolves to nothing
 * (the loader reports it); a type without a lookup, or an API error, is an error naming both.
 */
import { isPlainObject } from '../../core/index.ts';
import type { DataResolver } from './load.ts';
import type { DataRequest } from './module.ts';

/** The `fetch` of a Genesys client: relative `/api/v2/…` URLs, authenticated. */
export type GenesysFetch = (input: string, init?: RequestInit) => Promise<Response>;

interface Lookup {
  /** The list route and the query that narrows it. */
  readonly path: string;
  readonly query?: (attrs: Readonly<Record<string, unknown>>) => Record<string, string>;
  /** The attribute the entity must match exactly. */
  readonly match: 'name' | 'email';
  /** The data source's attributes from the entity found (default: the entity's own); throws when it does not fit. */
  readonly shape?: (req: DataRequest, entity: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * `genesyscloud_integration_webhook`: the integration of that name must be of type `webhook`; its
 * `webhookId` and `invocationUrl` attributes are the data source's `web_hook_id` and `invocation_url`.
 */
function webhookOf(req: DataRequest, e: Record<string, unknown>): Record<string, unknown> {
  const type = isPlainObject(e.integrationType) ? e.integrationType.id : undefined;
  const name = String(e.name);
  if (type !== 'webhook')
    throw new Error(`${req.address}: integration "${name}" is of type ${String(type)}, not webhook`);
  const a = isPlainObject(e.attributes) ? e.attributes : {};
  if (typeof a.webhookId !== 'string' || typeof a.invocationUrl !== 'string')
    throw new Error(
      `${req.address}: webhook integration "${name}" has no webhookId and invocationUrl attributes in the target (an emulator does not make webhooks); declare it in the project (a genesyscloud_integration with integration_type = "webhook" named "${name}"), which the data source then reads, or give the webhook id where it is used as a variable (--var)`,
    );
  return { ...req.attributes, id: e.id, name, web_hook_id: a.webhookId, invocation_url: a.invocationUrl };
}

const byName = (path: string, param = 'name'): Lookup => ({
  path,
  query: (a) => (typeof a.name === 'string' ? { [param]: a.name } : {}),
  match: 'name',
});

/** The data sources resolved, and the route each reads. */
const LOOKUPS: Record<string, Lookup> = {
  genesyscloud_auth_division: byName('/api/v2/authorization/divisions'),
  genesyscloud_auth_role: byName('/api/v2/authorization/roles'),
  genesyscloud_routing_queue: byName('/api/v2/routing/queues'),
  genesyscloud_routing_wrapupcode: byName('/api/v2/routing/wrapupcodes'),
  genesyscloud_routing_skill: byName('/api/v2/routing/skills'),
  genesyscloud_group: { path: '/api/v2/groups', match: 'name' },
  genesyscloud_user: { path: '/api/v2/users', match: 'email' },
  genesyscloud_flow: {
    path: '/api/v2/flows',
    query: (a) => ({
      ...(typeof a.name === 'string' ? { name: a.name } : {}),
      ...(typeof a.type === 'string' ? { type: a.type.toLowerCase() } : {}),
    }),
    match: 'name',
  },
  genesyscloud_integration: { path: '/api/v2/integrations', match: 'name' },
  // The provider finds the integration by name, then requires type webhook and reads its attributes.
  genesyscloud_integration_webhook: { path: '/api/v2/integrations', match: 'name', shape: webhookOf },
  genesyscloud_integration_action: byName('/api/v2/integrations/actions'),
  genesyscloud_architect_datatable: byName('/api/v2/flows/datatables'),
  genesyscloud_architect_schedules: byName('/api/v2/architect/schedules'),
  genesyscloud_architect_schedulegroups: byName('/api/v2/architect/schedulegroups'),
  genesyscloud_architect_emergencygroup: byName('/api/v2/architect/emergencygroups'),
};

const MAX_PAGES = 20;

/** The data source types {@link genesysDataResolver} resolves. */
const RESOLVED_DATA_SOURCES: readonly string[] = ['genesyscloud_auth_division_home', ...Object.keys(LOOKUPS)];

async function getJson(fetch: GenesysFetch, path: string, req: DataRequest): Promise<Record<string, unknown>> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`looking up ${req.address}: GET ${path} answered ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

/** How the objects a data source may name are created where none exists (an emulator only). */
const CREATES: Record<
  string,
  (a: Readonly<Record<string, unknown>>) => { path: string; body: Record<string, unknown> } | undefined
> = {
  genesyscloud_routing_queue: (a) => ({ path: '/api/v2/routing/queues', body: { name: a.name } }),
  genesyscloud_routing_wrapupcode: (a) => ({ path: '/api/v2/routing/wrapupcodes', body: { name: a.name } }),
  genesyscloud_routing_skill: (a) => ({ path: '/api/v2/routing/skills', body: { name: a.name } }),
  genesyscloud_group: (a) => ({
    path: '/api/v2/groups',
    body: { name: a.name, type: 'official', visibility: 'public' },
  }),
  genesyscloud_auth_role: (a) => ({
    path: '/api/v2/authorization/roles',
    body: { name: a.name, permissionPolicies: [] },
  }),
  genesyscloud_user: (a) =>
    typeof a.email === 'string'
      ? {
          path: '/api/v2/users',
          body: { email: a.email, name: typeof a.name === 'string' ? a.name : a.email.split('@')[0] },
        }
      : undefined,
};

/** Options of {@link genesysDataResolver}. */
export interface DataResolverOptions {
  /**
   * Create what a data source names when the target has none (a queue, wrap-up code, skill,
   * group, role or user, by its name): for an emulator, a sandbox a blueprint expects to find
   * those in. Never for a real org, where a missing object is the admin's to make.
   */
  readonly createMissing?: boolean;
  /** Told of each object created, with the data source that named it. */
  readonly onCreated?: (req: DataRequest, created: Readonly<Record<string, unknown>>) => void;
}

/**
 * Resolve `data "genesyscloud_*"` sources through a Genesys client's `fetch`.
 * @example
 * const gc = createGenesysClient({ baseUrl, clientId, clientSecret, fetch: emulator.fetch });
 * const project = await loadTerraformProject(dir, { resolveData: genesysDataResolver(gc.fetch) });
 */
export function genesysDataResolver(fetch: GenesysFetch, options: DataResolverOptions = {}): DataResolver {
  const lookUp = lookUpBy(fetch);
  return async (req) => {
    const found = await lookUp(req);
    if (found !== undefined || !options.createMissing) return found;
    const create = CREATES[req.type]?.(req.attributes);
    if (!create) return undefined;
    const res = await fetch(create.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(create.body),
    });
    if (!res.ok)
      throw new Error(
        `creating what ${req.address} names: POST ${create.path} answered ${res.status} ${(await res.text()).slice(0, 200)}`,
      );
    const made = (await res.json()) as Record<string, unknown>;
    options.onCreated?.(req, made);
    return { ...req.attributes, ...made };
  };
}

function lookUpBy(fetch: GenesysFetch): (req: DataRequest) => Promise<Record<string, unknown> | undefined> {
  return async (req) => {
    if (req.type === 'genesyscloud_auth_division_home')
      return { ...(await getJson(fetch, '/api/v2/authorization/divisions/home', req)) };
    const lookup = LOOKUPS[req.type];
    if (!lookup)
      throw new Error(
        `no lookup for data source type ${req.type} (resolved: ${RESOLVED_DATA_SOURCES.join(', ')}); declare the object in the project, which the data source then reads, or give the value used from it as a variable (--var)`,
      );
    const wanted = req.attributes[lookup.match];
    if (typeof wanted !== 'string')
      throw new Error(`${req.address} needs a "${lookup.match}" argument to be looked up by`);
    if (wanted.trim() === '')
      throw new Error(
        `${req.address} looks its object up by "${lookup.match}", which is empty; give it a value (a variable: --var or a .tfvars file)`,
      );
    for (let page = 1; page <= MAX_PAGES; page++) {
      const params = new URLSearchParams({
        ...(lookup.query?.(req.attributes) ?? {}),
        pageSize: '100',
        pageNumber: String(page),
      });
      const body = await getJson(fetch, `${lookup.path}?${params.toString()}`, req);
      const entities = Array.isArray(body.entities) ? (body.entities as Array<Record<string, unknown>>) : [];
      const found = entities.find(
        (e) =>
          typeof e[lookup.match] === 'string' && (e[lookup.match] as string).toLowerCase() === wanted.toLowerCase(),
      );
      if (found) return lookup.shape ? lookup.shape(req, found) : { ...req.attributes, ...found };
      const pageCount = typeof body.pageCount === 'number' ? body.pageCount : 1;
      if (page >= pageCount || entities.length === 0) break;
    }
    return undefined;
  };
}
