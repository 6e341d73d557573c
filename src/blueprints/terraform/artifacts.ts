/**
 * @module
 * A loaded Terraform project as the artifact set the checker and the strict bundle loader start
 * from: its data actions (from their Terraform attributes), its flows imported with their
 * substitutions applied, its triggers paired with the flow their target id refers to, its
 * integrations with the permissions of their OAuth client's role. Every problem of the project
 * is a finding naming the file and line.
 */
import { basename, relative, resolve, sep } from 'node:path';
import { errorCodeSpec } from '../../core/index.ts';
import { WEB_SERVICE_CREDENTIAL_TYPES } from '../../actions/index.ts';
import type { WebServiceCredentialType } from '../../actions/index.ts';
import { readAction, readAuthAction, readFlow, readText, readTrigger, withUnknownTarget } from '../artifacts.ts';
import type { ActionArtifact, FlowArtifact, IntegrationArtifact, ReadResult, TriggerArtifact } from '../artifacts.ts';
import type { Finding } from '../check/finding.ts';
import type { TerraformProject } from './load.ts';

/**
 * The name a `genesyscloud_flow`'s file is imported under: the provider reads any filepath that is
 * not an .i3WorkFlow as Archy YAML (blueprints name some `.yaml.tftpl`), so such a name gains `.yaml`.
 * @example
 * providerFileName('flows/callback.yaml.tftpl') // 'callback.yaml.tftpl.yaml'
 */
export function providerFileName(path: string): string {
  const base = basename(path);
  return /\.(i3workflow|ya?ml)$/i.test(base) ? base : `${base}.yaml`;
}

/**
 * The artifacts of a loaded Terraform project; each diagnostic is a `terraform/invalid` finding
 * (errors as errors: this is the reading that runs the project).
 * @example
 * const read = terraformArtifacts(await loadTerraformProject('infra/', options));
 * const errors = read.findings.filter((f) => f.severity === 'error');
 */
export function terraformArtifacts(project: TerraformProject): ReadResult {
  const findings: Finding[] = project.diagnostics.map((d) => ({
    severity: d.severity === 'error' ? 'error' : 'info',
    file: d.file,
    location: `line ${d.line}`,
    rule: 'terraform/invalid',
    message: `${d.message} (${d.code})`,
    hint: errorCodeSpec(d.code)?.hint ?? '',
  }));
  const display = (abs: string): string => relative(project.dir, abs).split(sep).join('/') || basename(abs);

  const actions: ActionArtifact[] = [];
  for (const a of project.actions) {
    const integration = project.integrations.find((i) => i.address === a.integration);
    const attributes = a.integrationType ? { ...a.attributes, integration_type: a.integrationType } : a.attributes;
    const loaded = readAction(
      JSON.stringify(attributes),
      `${a.file} ${a.address}`,
      integration?.name ?? a.category,
      findings,
    );
    if (loaded) actions.push(loaded);
  }

  const flows: FlowArtifact[] = [];
  const flowByAddress = new Map<string, FlowArtifact>();
  for (const f of project.flows) {
    if (f.flowFile === undefined) continue;
    const file = display(f.flowFile);
    // A file the project renders itself (local_file + templatefile()) deploys as rendered.
    const text = f.content ?? readText(f.flowFile, file, findings);
    const flow =
      text === undefined ? undefined : readFlow(text, providerFileName(f.flowFile), file, f.substitutions, findings);
    if (!flow) continue;
    const artifact: FlowArtifact = {
      name: flow.name,
      file,
      format: /\.i3workflow$/i.test(f.flowFile) ? 'i3WorkFlow' : 'yaml',
      flow,
    };
    flows.push(artifact);
    flowByAddress.set(f.address, artifact);
  }

  const triggers: TriggerArtifact[] = [];
  for (const t of project.triggers) {
    const flow = t.flow ? flowByAddress.get(t.flow) : undefined;
    // An argument left out as unknown (criteria from a data source not found) must not make a
    // trigger that fires on every event: such a trigger is marked, and does not run. An unknown
    // target only leaves it unpaired (`--pair` names its workflow).
    const unknown = project.diagnostics
      .filter((d) => d.severity === 'error' && d.construct.startsWith(`${t.address}.`))
      .map((d) => d.construct.slice(t.address.length + 1));
    const targetUnknown = unknown.includes('target.id');
    const unresolved = unknown.filter((u) => u !== 'target.id');
    const pairing = flow
      ? { workflow: flow.name, flowFile: flow.file }
      : t.flowName
        ? { workflow: t.flowName }
        : {
            workflow: undefined,
            unpairedReason: targetUnknown
              ? 'its target id is not known (above)'
              : `its target id refers to no genesyscloud_flow of the project (${JSON.stringify((t.attributes.target as { id?: unknown } | undefined)?.id ?? null)})`,
          };
    const body = targetUnknown ? withUnknownTarget(t.attributes) : t.attributes;
    const loaded = readTrigger(body, t.file, `resource ${t.address} (line ${t.line})`, pairing, findings);
    if (loaded) triggers.push(unresolved.length > 0 ? { ...loaded, unresolved } : loaded);
  }

  const integrations: IntegrationArtifact[] = project.integrations.flatMap((i) => {
    if (i.name === undefined) return [];
    const own = project.actions.filter((a) => a.integration === i.address && a.method && a.url);
    const type = i.credentialType as WebServiceCredentialType | undefined;
    const webCredential = type !== undefined && WEB_SERVICE_CREDENTIAL_TYPES.includes(type) ? type : undefined;
    const authAction = i.authAction
      ? readAuthAction(
          JSON.stringify(i.authAction.attributes),
          `${i.authAction.file} ${i.authAction.address}`,
          findings,
        )
      : undefined;
    return [
      {
        name: i.name,
        file: i.file,
        location: `resource ${i.address} (line ${i.line})`,
        role: i.role,
        permissions: i.permissions,
        implicit: false,
        actions: own.map((a) => ({ name: a.name ?? a.address, file: a.file, method: a.method!, url: a.url! })),
        ...(i.integrationType ? { type: i.integrationType } : {}),
        ...(webCredential ? { credentials: { type: webCredential, fields: { ...(i.credentialFields ?? {}) } } } : {}),
        ...(authAction ? { authAction } : {}),
      },
    ];
  });

  return {
    set: {
      root: resolve(project.dir),
      kind: 'folder',
      manifest: undefined,
      actions,
      terraformActions: [],
      flows,
      triggers,
      integrations,
    },
    findings,
  };
}
