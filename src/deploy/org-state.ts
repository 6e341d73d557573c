/**
 * @module
 * What an org holds of the kinds deploy manages, read through the Platform API: roles, OAuth
 * clients, credentials, data-action integrations (with their configuration), data actions and
 * their drafts, workflows, and process-automation triggers. The I/O half of a plan; what is ours
 * is decided by the plan (plan.ts), from the tags.
 */
import { SwitchboardError, isPlainObject } from '../core/index.ts';
import { GenesysApiError } from '../genesys/index.ts';
import type { GenesysClient } from '../genesys/index.ts';
import type { MatchCriterion } from '../triggers/index.ts';
import { DeployErrors } from './errors.ts';

/** A role: its permissions as `domain:entity:action`. */
export interface OrgRole {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly permissions: readonly string[];
}

/** An OAuth client (client credentials). */
export interface OrgClient {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly roleIds: readonly string[];
}

/** A credential, with the OAuth client it names when the org shows it. */
export interface OrgCredential {
  readonly id: string;
  readonly name: string;
  readonly clientId?: string;
}

/** A data-action integration with its configuration. */
export interface OrgIntegration {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly enabled: boolean;
  readonly notes?: string;
  readonly credentialId?: string;
}

/** A published data action. */
export interface OrgAction {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly integrationId: string;
  readonly version: number;
  readonly secure: boolean;
  readonly config: Record<string, unknown>;
  readonly contract: Record<string, unknown>;
}

/** A draft of a data action (of a published one, or of one never published). */
interface OrgDraft {
  readonly id: string;
  readonly name: string;
  readonly integrationId: string;
}

/** A flow. */
interface OrgFlow {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly version?: string;
}

/** A process-automation trigger. */
export interface OrgTrigger {
  readonly id: string;
  readonly name: string;
  readonly topicName: string;
  readonly enabled: boolean;
  readonly description?: string;
  readonly targetId: string;
  readonly targetType: string;
  readonly dataFormat?: string;
  readonly matchCriteria: readonly MatchCriterion[];
  readonly eventTTLSeconds?: number;
  readonly delayBySeconds?: number;
  readonly version: number;
}

/** Everything of the managed kinds an org holds. */
export interface OrgState {
  readonly roles: readonly OrgRole[];
  readonly clients: readonly OrgClient[];
  readonly credentials: readonly OrgCredential[];
  readonly integrations: readonly OrgIntegration[];
  readonly actions: readonly OrgAction[];
  readonly drafts: readonly OrgDraft[];
  readonly flows: readonly OrgFlow[];
  readonly triggers: readonly OrgTrigger[];
}

type Json = Record<string, unknown>;

const MAX_PAGES = 200;
const DATA_ACTION_TYPES = new Set(['purecloud-data-actions', 'custom-rest-actions']);

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * A read the deploying client may not make: `SB_DEPLOY_PERMISSION_MISSING` naming what the org
 * said it lacks, so a plan stops before anything is created.
 */
function readRefused(e: unknown, what: string): never {
  if (e instanceof GenesysApiError && e.status === 403) {
    const named = /\[([^\]]+)\]/.exec(e.body?.message ?? '')?.[1];
    throw new SwitchboardError(
      DeployErrors.SB_DEPLOY_PERMISSION_MISSING,
      `the deploying client must be able to read ${what}; the org refused: ${e.body?.message ?? e.message}`,
      {
        details: { what, missing: named ? named.split(',').map((s) => s.trim()) : [], contextId: e.contextId },
        cause: e,
      },
    );
  }
  throw e;
}

/** Every entity of a paged listing (`pageNumber`/`pageCount`, or `nextUri`). */
async function listAll(
  client: GenesysClient,
  path: string,
  query: Record<string, string | number | boolean> = {},
): Promise<Json[]> {
  const out: Json[] = [];
  let next: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res =
      next === undefined
        ? await client.get<Json>(path, { query: { pageSize: 100, pageNumber: page, ...query } })
        : await client.get<Json>(next);
    const entities = Array.isArray(res.entities) ? res.entities.filter(isPlainObject) : [];
    out.push(...entities);
    if (typeof res.nextUri === 'string' && res.nextUri !== '' && entities.length > 0) {
      // A cursor listing names the next page itself; a numbered one may too.
      next = res.nextUri;
      continue;
    }
    next = undefined;
    if (typeof res.pageCount !== 'number' || page >= res.pageCount) break;
  }
  return out;
}

/** The permissions of a role's policies (`domain:entity:action`). */
function rolePermissions(role: Json): string[] {
  const policies = Array.isArray(role.permissionPolicies) ? role.permissionPolicies.filter(isPlainObject) : [];
  return policies.flatMap((p) =>
    (Array.isArray(p.actionSet) ? p.actionSet : []).map(
      (a) => `${String(p.domain)}:${String(p.entityName)}:${String(a)}`,
    ),
  );
}

async function read<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    return readRefused(e, what);
  }
}

/**
 * Read the org. `ours` picks the integrations whose actions, drafts and credentials are read in
 * full (the others are listed only).
 * @example
 * const state = await readOrg(client, (i) => i.notes?.includes('[switchboard:') ?? false);
 */
export async function readOrg(
  client: GenesysClient,
  ours: (i: OrgIntegration, credentials: readonly OrgCredential[]) => boolean,
  credentialNames: ReadonlySet<string>,
): Promise<OrgState> {
  const roles = (
    await read('roles (authorization:role:view)', () => listAll(client, '/api/v2/authorization/roles'))
  ).map((r): OrgRole => ({
    id: String(r.id),
    name: String(r.name),
    ...(str(r.description) === undefined ? {} : { description: str(r.description)! }),
    permissions: rolePermissions(r),
  }));
  const clients = (await read('OAuth clients (oauth:client:view)', () => listAll(client, '/api/v2/oauth/clients'))).map(
    (c): OrgClient => ({
      id: String(c.id),
      name: String(c.name),
      ...(str(c.description) === undefined ? {} : { description: str(c.description)! }),
      roleIds: [
        ...new Set([
          ...(Array.isArray(c.roleIds) ? c.roleIds.map(String) : []),
          ...(Array.isArray(c.roleDivisions)
            ? c.roleDivisions.filter(isPlainObject).map((rd) => String(rd.roleId))
            : []),
        ]),
      ],
    }),
  );
  const credentialList = await read('integration credentials (integrations:credential:view)', () =>
    listAll(client, '/api/v2/integrations/credentials'),
  );
  const credentials: OrgCredential[] = [];
  for (const c of credentialList) {
    const base = { id: String(c.id), name: String(c.name) };
    if (!credentialNames.has(base.name)) {
      credentials.push(base);
      continue;
    }
    const full = await read('integration credentials (integrations:credential:view)', () =>
      client.get<Json>(`/api/v2/integrations/credentials/${encodeURIComponent(base.id)}`),
    );
    const fields = isPlainObject(full.credentialFields) ? full.credentialFields : {};
    credentials.push({ ...base, ...(typeof fields.clientId === 'string' ? { clientId: fields.clientId } : {}) });
  }
  const integrations: OrgIntegration[] = [];
  for (const i of await read('integrations (integrations:integration:view)', () =>
    listAll(client, '/api/v2/integrations'),
  )) {
    const type = isPlainObject(i.integrationType) ? String(i.integrationType.id) : '';
    if (!DATA_ACTION_TYPES.has(type)) continue;
    const config = await read('integration configurations (integrations:integration:view)', () =>
      client.get<Json>(`/api/v2/integrations/${encodeURIComponent(String(i.id))}/config/current`),
    );
    const creds = isPlainObject(config.credentials) ? config.credentials.pureCloudOAuthClient : undefined;
    const credentialId = isPlainObject(creds) ? str(creds.id) : str(creds);
    integrations.push({
      id: String(i.id),
      name: String(i.name),
      type,
      enabled: i.intendedState === 'ENABLED',
      ...(str(config.notes) ? { notes: str(config.notes)! } : {}),
      ...(credentialId ? { credentialId } : {}),
    });
  }
  const mine = new Set(integrations.filter((i) => ours(i, credentials)).map((i) => i.id));
  const actions: OrgAction[] = [];
  for (const a of await read('data actions (integrations:action:view)', () =>
    listAll(client, '/api/v2/integrations/actions'),
  )) {
    if (!mine.has(String(a.integrationId))) continue;
    const full = await read('data actions (integrations:action:view)', () =>
      client.get<Json>(`/api/v2/integrations/actions/${encodeURIComponent(String(a.id))}`, {
        query: { expand: 'contract', includeConfig: true },
      }),
    );
    actions.push({
      id: String(full.id),
      name: String(full.name),
      category: String(full.category),
      integrationId: String(full.integrationId),
      version: Number(full.version ?? 1),
      secure: full.secure === true,
      config: isPlainObject(full.config) ? full.config : {},
      contract: isPlainObject(full.contract) ? full.contract : {},
    });
  }
  const drafts = (
    await read('data-action drafts (integrations:action:view)', () =>
      listAll(client, '/api/v2/integrations/actions/drafts'),
    )
  )
    .filter((d) => mine.has(String(d.integrationId)))
    .map((d): OrgDraft => ({ id: String(d.id), name: String(d.name), integrationId: String(d.integrationId) }));
  const flows = (
    await read('workflows (architect:flow:view)', () => listAll(client, '/api/v2/flows', { type: 'workflow' }))
  ).map((f): OrgFlow => ({
    id: String(f.id),
    name: String(f.name),
    type: String(f.type ?? 'WORKFLOW').toUpperCase(),
    ...(str(f.description) === undefined ? {} : { description: str(f.description)! }),
    ...(isPlainObject(f.publishedVersion) && str(f.publishedVersion.id)
      ? { version: str(f.publishedVersion.id)! }
      : {}),
  }));
  const triggers = (
    await read('process-automation triggers (processautomation:trigger:view)', () =>
      listAll(client, '/api/v2/processautomation/triggers', { pageSize: 200 }),
    )
  ).map(toOrgTrigger);
  return { roles, clients, credentials, integrations, actions, drafts, flows, triggers };
}

/** A trigger of the API as deploy compares it. */
function toOrgTrigger(t: Json): OrgTrigger {
  const target = isPlainObject(t.target) ? t.target : {};
  const settings = isPlainObject(target.workflowTargetSettings) ? target.workflowTargetSettings : {};
  return {
    id: String(t.id),
    name: String(t.name),
    topicName: String(t.topicName),
    enabled: t.enabled === true,
    ...(str(t.description) === undefined ? {} : { description: str(t.description)! }),
    targetId: String(target.id ?? ''),
    targetType: String(target.type ?? ''),
    ...(str(settings.dataFormat) === undefined ? {} : { dataFormat: str(settings.dataFormat)! }),
    matchCriteria: Array.isArray(t.matchCriteria) ? (t.matchCriteria as MatchCriterion[]) : [],
    ...(typeof t.eventTTLSeconds === 'number' ? { eventTTLSeconds: t.eventTTLSeconds } : {}),
    ...(typeof t.delayBySeconds === 'number' ? { delayBySeconds: t.delayBySeconds } : {}),
    version: Number(t.version ?? 1),
  };
}
