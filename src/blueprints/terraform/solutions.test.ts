// The terraform/ folder of every shipped solution, loaded as Terraform evaluates it, creates the same
// triggers, data actions and flows (with the same substitutions) as the solution's switchboard.json
// bundle runs; the OAuth client's role grants the permissions the bundle declares.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadActionText } from '../../actions/index.ts';
import { loadTrigger } from '../../triggers/index.ts';
import { configText, readBundle } from '../bundle-reader.ts';
import { permissionId } from '../check/permissions.ts';
import { checkArtifacts, checkPath } from '../check/runner.ts';
import { terraformArtifacts } from './artifacts.ts';
import { SOLUTIONS } from '../solutions/index.ts';
import { loadTerraformProjectSync } from './load.ts';

/** The variables that make the solution's Terraform deploy one bundle (a solution deploys one at a time). */
const VARIANT_VARS: Record<string, Record<string, string>> = { 'pstn-leg-check': { pstn_leg_check: 'true' } };

const cases = SOLUTIONS.flatMap((s) => s.bundles.map((b) => ({ solution: s, bundle: b, label: `${s.id}/${b.id}` })));

describe.each(cases)('terraform/ of $label', ({ solution, bundle }) => {
  const project = loadTerraformProjectSync(resolve(solution.dir, 'terraform'), { vars: VARIANT_VARS[bundle.id] ?? {} });
  const read = readBundle(bundle.dir);
  const set = read.set;

  it('loads without errors; the only warning is the home division data source, which has no org to resolve against', () => {
    expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(project.diagnostics.map((d) => d.code)).toEqual(
      project.diagnostics.length ? ['SB_TERRAFORM_DATA_UNRESOLVED'] : [],
    );
    expect(project.skipped).toEqual([]);
  });

  it('creates the triggers the bundle runs, each targeting the flow of the workflow it starts', () => {
    const fromTf = project.triggers.map((t) => {
      const r = loadTrigger(t.attributes);
      if (!r.ok) throw new Error(JSON.stringify(r.violations));
      const flow = project.flows.find((f) => f.address === t.flow);
      return { trigger: { ...r.trigger, target: { ...r.trigger.target, id: '' } }, flowFile: flow?.flowFile };
    });
    const fromBundle = set.triggers.map((t) => ({
      trigger: { ...t.trigger, target: { ...t.trigger.target, id: '' } },
      flowFile: resolve(
        bundle.dir,
        read.manifest.workflows.find((w) => set.flows.find((f) => f.file === w.file)?.name === t.workflow)!.file,
      ),
    }));
    expect(fromTf).toEqual(fromBundle);
    for (const t of project.triggers)
      expect(t.attributes.target).toMatchObject({ id: project.flows.find((f) => f.address === t.flow)!.id });
  });

  it('creates the data actions of the bundle, in its integration, with the same definitions', () => {
    const fromTf = project.actions
      .map((a) => loadActionText(JSON.stringify(a.attributes), a.address))
      .sort((a, b) => a.name.localeCompare(b.name));
    const fromBundle = set.actions.map((a) => a.definition).sort((a, b) => a.name.localeCompare(b.name));
    expect(fromTf.map((d) => [d.name, d.category, d.request, d.response])).toEqual(
      fromBundle.map((d) => [d.name, read.manifest.integrations[0]!.name, d.request, d.response]),
    );
    for (const a of project.actions) {
      expect(a.integration).toBe('genesyscloud_integration.data_actions');
      expect(a.integrationType).toBe('purecloud-data-actions');
      expect(a.credentialType).toBe('pureCloudOAuthClient');
    }
  });

  it("creates the flows of the bundle with the bundle's substitutions", () => {
    const fromTf = project.flows.map((f) => ({ file: f.flowFile, substitutions: f.substitutions }));
    const fromBundle = read.manifest.workflows.map((w) => ({
      file: resolve(bundle.dir, w.file),
      substitutions: Object.fromEntries(
        Object.entries(w.substitutions ?? {}).map(([k, v]) => [
          k,
          typeof v === 'string' ? v : configText(read.config[v.config]),
        ]),
      ),
    }));
    expect(fromTf).toEqual(fromBundle);
    for (const f of project.flows) expect(f.fileContentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("grants the integration's OAuth client the permissions the bundle declares", () => {
    const declared = read.manifest.integrations.flatMap((i) => (i.permissions ?? []).map(permissionId)).sort();
    const integration = project.integrations[0];
    const role = project.resources.find((r) => r.type === 'genesyscloud_auth_role');
    const granted = integration
      ? [...(integration.permissions ?? [])]
      : [role!.attributes.permission_policies].flat().flatMap((p) => {
          const b = p as { domain: string; entity_name: string; action_set: string[] };
          return b.action_set.map((a) => `${b.domain}:${b.entity_name}:${a}`);
        });
    expect(granted.sort()).toEqual(declared);
  });

  it('checks as a folder without errors or warnings (switchboard check <solution>/terraform)', () => {
    const report = checkPath(resolve(solution.dir, 'terraform'));
    // A solution whose Terraform only creates a role and an OAuth client has nothing check reads.
    const nothing = project.triggers.length + project.actions.length + project.flows.length === 0;
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual(
      nothing ? ['folder/nothing-loaded'] : [],
    );
  });

  it('reads as the artifacts the bundle runs: flows imported with their substitutions, triggers paired with them, and no check error or warning', () => {
    const tf = terraformArtifacts(project);
    expect(tf.set.flows.map((f) => f.name).sort()).toEqual(set.flows.map((f) => f.name).sort());
    expect(tf.set.triggers.map((t) => [t.name, t.workflow]).sort()).toEqual(
      set.triggers.map((t) => [t.name, t.workflow]).sort(),
    );
    expect(tf.set.actions.map((a) => [a.name, a.integration]).sort()).toEqual(
      set.actions.map((a) => [a.name, a.integration]).sort(),
    );
    const report = checkArtifacts(tf);
    const nothing = project.triggers.length + project.actions.length + project.flows.length === 0;
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual(
      nothing ? ['folder/nothing-loaded'] : [],
    );
  });
});
