// The published CX as Code seeds (test data outside the repository) load as Terraform evaluates them,
// with their dev.auto.tfvars: the remote integration module read from the folder given for its
// source (as `terraform init` would have installed it), or passed through when not installed.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadActionText, validateAction } from '../src/actions/index.ts';
import { importFlowFile, validateFlow } from '../src/architect/index.ts';
import { checkArtifacts, loadTerraformProjectSync, terraformArtifacts } from '../src/blueprints/index.ts';
import type { TerraformProject } from '../src/blueprints/index.ts';
import { loadTrigger } from '../src/triggers/index.ts';
import { blueprintPath } from './support/shared.ts';

const MODULE_SOURCE = 'git::https://github.com/GenesysCloudDevOps/public-api-data-actions-integration-module?ref=main';
const modules = { [MODULE_SOURCE]: blueprintPath('public-api-data-actions-integration-module/main') };

/** Import each flow with its substitutions and validate it against the project's own data actions. */
function flowsRun(p: TerraformProject): Array<{ name: string; issues: string[] }> {
  const actionNames = p.actions.map((a) => a.name!);
  return p.flows.map((f) => {
    const flow = importFlowFile(basename(f.flowFile!), readFileSync(f.flowFile!, 'utf8'), {
      file: f.file,
      params: f.substitutions,
      validate: false,
    });
    return { name: flow.name, issues: validateFlow(flow, { dataActions: actionNames }).map((i) => i.message) };
  });
}

describe('published Terraform seeds', () => {
  it("callback prioritization: three actions in the module's integration, the flow with its substitutions, the trigger targeting it", () => {
    const p = loadTerraformProjectSync(blueprintPath('callback-prioritization/main/terraform'), { modules });
    expect(p.diagnostics).toEqual([]);
    expect(p.actions.map((a) => [a.name, a.category, a.integration, a.credentialType])).toEqual([
      [
        'Get Callback Priority',
        'Callback Prioritization',
        'module.data_action.genesyscloud_integration.integration',
        'pureCloudOAuthClient',
      ],
      [
        'Get Interaction State',
        'Callback Prioritization',
        'module.data_action.genesyscloud_integration.integration',
        'pureCloudOAuthClient',
      ],
      [
        'Update Callback Priority',
        'Callback Prioritization',
        'module.data_action.genesyscloud_integration.integration',
        'pureCloudOAuthClient',
      ],
    ]);
    for (const a of p.actions)
      expect(validateAction(loadActionText(JSON.stringify(a.attributes), a.address))).toEqual([]);
    // The client id and secret of dev.auto.tfvars reach the module's credential.
    expect(p.resources.find((r) => r.type === 'genesyscloud_integration_credential')?.attributes.fields).toEqual({
      clientId: 'your-client-id',
      clientSecret: 'your-client-secret',
    });
    expect(p.flows[0]?.substitutions).toMatchObject({
      data_action_category: 'Callback Prioritization',
      get_callback_priority: 'Get Callback Priority',
      update_callback_priority: 'Update Callback Priority',
    });
    expect(flowsRun(p)).toEqual([{ name: 'Callback Prioritization', issues: [] }]);
    const [t] = p.triggers;
    expect(t?.flow).toBe('genesyscloud_flow.workflow');
    const r = loadTrigger(t!.attributes);
    expect(r.ok && r.trigger).toMatchObject({
      name: 'Callback Prioritization',
      topicName: 'v2.detail.events.conversation.{id}.acd.start',
      matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'CALLBACK' }],
      target: { type: 'Workflow', id: p.flows[0]!.id, workflowTargetSettings: { dataFormat: 'TopLevelPrimitives' } },
    });
  });

  it.each([
    [
      'terraform-with-pbx',
      'Terminate Outbound Call Missing Queue with PSTN Call Leg Check',
      ['Disconnect Voice Call', 'Put Conversation Tag', 'Check Conversation for PTSN Leg'],
    ],
    [
      'terraform-without-pbx',
      'Terminate Outbound Call Missing Queue',
      ['Disconnect Voice Call', 'Put Conversation Tag'],
    ],
  ])('terminate no queue (%s): local action and flow modules wired by their outputs', (variant, flowName, actions) => {
    const p = loadTerraformProjectSync(blueprintPath(`terminate-voice-calls-with-no-queue/main/${variant}`), {
      modules,
    });
    expect(p.diagnostics).toEqual([]);
    expect(p.actions.map((a) => a.name)).toEqual(actions);
    expect(new Set(p.actions.map((a) => a.category))).toEqual(
      new Set(['Terminate Outbound Conversations with no Queue']),
    );
    expect(p.flows.map((f) => f.address)).toEqual([expect.stringMatching(/^module\.archy_flow\.genesyscloud_flow\./)]);
    expect(p.flows[0]?.substitutions.workflow_name).toBe(flowName);
    expect(flowsRun(p)).toEqual([{ name: flowName, issues: [] }]);
    expect(p.triggers.map((t) => [t.attributes.name, t.flow])).toEqual([
      ['Terminate Outbound Call Missing Queue', p.flows[0]!.address],
    ]);
    expect(loadTrigger(p.triggers[0]!.attributes).ok).toBe(true);
  });

  it.each([
    'callback-prioritization/main/terraform',
    'terminate-voice-calls-with-no-queue/main/terraform-with-pbx',
    'terminate-voice-calls-with-no-queue/main/terraform-without-pbx',
  ])('%s reads as artifacts that run: every trigger paired with its flow, no load error', (dir) => {
    const read = terraformArtifacts(loadTerraformProjectSync(blueprintPath(dir), { modules }));
    expect(read.findings).toEqual([]);
    expect(read.set.triggers.map((t) => t.workflow)).toEqual(read.set.flows.map((f) => f.name));
    expect(read.set.actions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(read.set.actions.map((a) => a.integration)).size).toBe(1);
    // The published seeds have defects check reports (docs/seed-corrections.md); none is about reading them.
    expect(
      checkArtifacts(read).findings.filter((f) => f.rule === 'terraform/invalid' || f.rule.endsWith('/invalid')),
    ).toEqual([]);
  });

  it('without the remote module installed: a warning, and its integration_name passes through to the actions and the flow', () => {
    const p = loadTerraformProjectSync(blueprintPath('terminate-voice-calls-with-no-queue/main/terraform-with-pbx'));
    expect(p.diagnostics.map((d) => [d.severity, d.code, `${d.file}:${d.line}`, d.construct])).toEqual([
      ['warning', 'SB_TERRAFORM_MODULE_UNAVAILABLE', 'main.tf:4', 'module.data_action'],
    ]);
    expect(p.flows[0]?.substitutions.data_action_category).toBe('Terminate Outbound Conversations with no Queue');
    // The module is a known integration module: its actions belong to the integration it creates.
    expect(p.actions.map((a) => [a.integration, a.integrationType])).toEqual(
      Array.from({ length: 3 }, () => ['module.data_action', 'purecloud-data-actions']),
    );
    expect(flowsRun(p)[0]?.issues).toEqual([]);
  });

  it('the integration module alone reports its required variables as terraform plan does, and loads with them given', () => {
    const dir = blueprintPath('public-api-data-actions-integration-module/main');
    const missing = loadTerraformProjectSync(dir);
    expect(missing.diagnostics.map((d) => [d.code, `${d.file}:${d.line}`, d.construct])).toEqual([
      ['SB_TERRAFORM_VARIABLE_REQUIRED', 'variables.tf:1', 'var.integration_name'],
      ['SB_TERRAFORM_VARIABLE_REQUIRED', 'variables.tf:6', 'var.integration_creds_client_id'],
      ['SB_TERRAFORM_VARIABLE_REQUIRED', 'variables.tf:11', 'var.integration_creds_client_secret'],
    ]);
    expect(missing.diagnostics[0]?.message).toMatch(
      /^No value for required variable: the root module input variable "integration_name" is not set, and has no default value/,
    );
    const given = loadTerraformProjectSync(dir, {
      vars: { integration_name: 'Ints', integration_creds_client_id: 'id', integration_creds_client_secret: 'secret' },
    });
    expect(given.diagnostics).toEqual([]);
    expect(given.integrations.map((i) => [i.name, i.integrationType, i.credentialType, i.credential])).toEqual([
      ['Ints', 'purecloud-data-actions', 'pureCloudOAuthClient', 'genesyscloud_integration_credential.credential'],
    ]);
    expect(given.outputs).toEqual({ integration_id: given.integrations[0]!.id, integration_name: 'Ints' });
  });
});
