/**
 * @module
 * Export: what an org runs, as a bundle `check`, `up` and `deploy` read — its process-automation
 * triggers that start workflows, those workflows as Archy YAML (through Architect's export job),
 * its data-action integrations' published actions, and the permissions of the roles their OAuth
 * clients hold. Secrets are never exported (a credential's fields are not read). Deploy's tags
 * are taken out, so exporting a deployed bundle gives the bundle back.
 */
import { parseDocument } from 'yaml';
import { SwitchboardError, isPlainObject } from '../core/index.ts';
import type { Fetch } from '../core/index.ts';
import type { GenesysClient } from '../genesys/index.ts';
import { DeployErrors } from './errors.ts';
import { untagFlowFile } from './flow-file.ts';
import { ownedBy, readTag, untagged } from './label.ts';
import { readOrg } from './org-state.ts';
import type { OrgState } from './org-state.ts';

type Json = Record<string, unknown>;

/** Options of {@link exportBundle}. */
export interface ExportOptions {
  readonly client: GenesysClient;
  /** Downloads Architect's export files (no token). */
  readonly download: Fetch;
  /** The exported bundle's name. */
  readonly name: string;
  /** Export only what this bundle deployed. */
  readonly bundle?: string;
  readonly jobTimeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** An exported bundle: its files by path relative to the bundle folder (`switchboard.json` included). */
export interface ExportedBundle {
  readonly files: Readonly<Record<string, string>>;
  readonly counts: {
    readonly triggers: number;
    readonly workflows: number;
    readonly actions: number;
    readonly integrations: number;
  };
  readonly warnings: readonly string[];
}

/** A file name from an object name: lower case, dashes. */
function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-');
  return s === '' ? 'unnamed' : s.slice(0, 80);
}

function unique(base: string, ext: string, taken: Set<string>): string {
  let path = `${base}${ext}`;
  for (let i = 2; taken.has(path); i++) path = `${base}-${i}${ext}`;
  taken.add(path);
  return path;
}

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

async function exportFlow(o: ExportOptions, flowId: string, name: string): Promise<string> {
  const job = await o.client.post<Json>('/api/v2/flows/export/jobs', { flows: [{ flow: { id: flowId } }] });
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + (o.jobTimeoutMs ?? 300_000);
  for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
    const state = await o.client.get<Json>(`/api/v2/flows/export/jobs/${encodeURIComponent(String(job.id))}`, {
      query: { expand: 'messages' },
    });
    if (state.status === 'Success' && typeof state.downloadUrl === 'string') {
      const res = await o.download(state.downloadUrl, { method: 'GET' });
      if (!res.ok)
        throw new SwitchboardError(
          DeployErrors.SB_DEPLOY_JOB_FAILED,
          `the export of workflow "${name}" could not be downloaded: ${res.status}`,
          { details: { workflow: name, job: job.id } },
        );
      return res.text();
    }
    if (state.status === 'Failure') {
      const messages = Array.isArray(state.messages)
        ? state.messages.filter(isPlainObject).map((m) => String(m.text ?? ''))
        : [];
      throw new SwitchboardError(
        DeployErrors.SB_DEPLOY_JOB_FAILED,
        `Architect's export job failed for workflow "${name}": ${messages.join('; ') || 'no message'}`,
        { details: { workflow: name, job: job.id, messages } },
      );
    }
    if (Date.now() > deadline)
      throw new SwitchboardError(
        DeployErrors.SB_DEPLOY_JOB_FAILED,
        `Architect's export job for workflow "${name}" did not finish in time`,
        { details: { workflow: name, job: job.id } },
      );
    await sleep(wait);
  }
}

/** The permissions of the roles held by the OAuth client an integration's credential names. */
function integrationRole(
  org: OrgState,
  credentialId: string | undefined,
): { name?: string; permissions: string[] } | undefined {
  const credential = org.credentials.find((c) => c.id === credentialId);
  const client = credential?.clientId ? org.clients.find((c) => c.id === credential.clientId) : undefined;
  if (!client) return undefined;
  const roles = org.roles.filter((r) => client.roleIds.includes(r.id));
  if (roles.length === 0) return undefined;
  const permissions = [...new Set(roles.flatMap((r) => r.permissions))].sort();
  // A role deploy made is named after the bundle; the bundle's own name is not exported with it.
  const named = roles.length === 1 && !readTag(roles[0]!.description) ? roles[0]!.name : undefined;
  return { ...(named ? { name: named } : {}), permissions };
}

/**
 * Export the org (or what one bundle deployed to it) as a bundle's files.
 * @example
 * const { files } = await exportBundle({ client, download: fetch, name: 'my-org' });
 */
export async function exportBundle(o: ExportOptions): Promise<ExportedBundle> {
  const mine = (text: string | undefined): boolean => o.bundle === undefined || ownedBy(text, o.bundle);
  const org = await readOrg(o.client, (i) => mine(i.notes), new Set(await credentialNames(o)));
  const files: Record<string, string> = {};
  const taken = new Set<string>();
  const warnings: string[] = [];

  const integrations = org.integrations.filter((i) => mine(i.notes));
  const manifestIntegrations = [];
  for (const i of integrations) {
    const actions = org.actions.filter((a) => a.integrationId === i.id).sort((a, b) => a.name.localeCompare(b.name));
    const paths: string[] = [];
    for (const a of actions) {
      const path = unique(`actions/${slug(a.name)}`, '.custom.json', taken);
      const contract = isPlainObject(a.contract) ? a.contract : {};
      files[path] = json({
        name: a.name,
        integrationType: i.type,
        actionType: 'custom',
        config: a.config,
        contract,
        secure: a.secure,
      });
      paths.push(path);
    }
    const role = integrationRole(org, i.credentialId);
    if (!role)
      warnings.push(
        `integration "${i.name}": the OAuth client of its credential is not readable; its permissions are not exported`,
      );
    manifestIntegrations.push({
      name: i.name,
      ...(role?.name ? { role: role.name } : {}),
      ...(role && role.permissions.length > 0 ? { permissions: role.permissions } : {}),
      actions: paths,
    });
  }

  const triggers = org.triggers
    .filter((t) => t.targetType.toLowerCase() === 'workflow' && mine(t.description))
    .sort((a, b) => a.name.localeCompare(b.name));
  const wanted = new Set(triggers.map((t) => t.targetId));
  const flows = org.flows
    .filter(
      (f) =>
        f.type === 'WORKFLOW' &&
        f.version !== undefined &&
        (o.bundle === undefined ? true : readTag(f.description)?.bundle === o.bundle || wanted.has(f.id)),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  const manifestWorkflows = [];
  const flowName = new Map<string, string>();
  for (const f of flows) {
    const raw = await exportFlow(o, f.id, f.name);
    const { content } = untagFlowFile(raw, f.name);
    const path = unique(`workflows/${slug(f.name)}`, '.yaml', taken);
    files[path] = parseDocument(content).toString();
    manifestWorkflows.push({ file: path });
    flowName.set(f.id, f.name);
  }

  const manifestTriggers = [];
  for (const t of triggers) {
    const workflow = flowName.get(t.targetId);
    if (workflow === undefined) {
      warnings.push(
        `trigger "${t.name}" starts flow ${t.targetId}, which is not a published workflow of the export; the trigger is left out`,
      );
      continue;
    }
    const path = unique(`triggers/${slug(t.name)}`, '.json', taken);
    const description = untagged(t.description);
    files[path] = json({
      name: t.name,
      ...(description === undefined ? {} : { description }),
      topicName: t.topicName,
      enabled: t.enabled,
      target: {
        id: workflow,
        type: 'Workflow',
        ...(t.dataFormat ? { workflowTargetSettings: { dataFormat: t.dataFormat } } : {}),
      },
      matchCriteria: t.matchCriteria,
      ...(t.eventTTLSeconds === undefined ? {} : { eventTTLSeconds: t.eventTTLSeconds }),
      ...(t.delayBySeconds === undefined ? {} : { delayBySeconds: t.delayBySeconds }),
    });
    manifestTriggers.push({ file: path, workflow });
  }

  files['switchboard.json'] = json({
    name: o.name,
    integrations: manifestIntegrations,
    workflows: manifestWorkflows,
    triggers: manifestTriggers,
  });
  return {
    files,
    counts: {
      triggers: manifestTriggers.length,
      workflows: manifestWorkflows.length,
      actions: Object.keys(files).filter((p) => p.startsWith('actions/')).length,
      integrations: manifestIntegrations.length,
    },
    warnings,
  };
}

/** The credentials whose client id is read (they name the client whose role is exported). */
async function credentialNames(o: ExportOptions): Promise<string[]> {
  try {
    const list = await o.client.get<Json>('/api/v2/integrations/credentials', { query: { pageSize: 100 } });
    return (Array.isArray(list.entities) ? list.entities.filter(isPlainObject) : []).map((c) => String(c.name));
  } catch {
    return [];
  }
}
