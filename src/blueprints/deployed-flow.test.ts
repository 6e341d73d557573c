// The flow a Terraform project deploys from a file: a module's genesyscloud_flow with substitutions
// from the root's variables, a template a local_file renders, and what stops it (a variable
// without a value, two resources deploying one file with different values).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployedFlowOf } from './deployed-flow.ts';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-deployed-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const FLOW_YAML = `workflow:
  name: "{{flow_name}}"
  division: "{{division}}"
  startUpRef: "/workflow/states/state[main]"
  defaultLanguage: en-us
  supportedLanguages:
    en-us:
      none: true
  states:
    - state:
        name: Main
        refId: main
        actions:
          - callData:
              name: Tag
              timeout:
                lit:
                  seconds: 10
              category:
                Tools:
                  dataAction:
                    "{{action_name}}":
                      inputs:
                        tag:
                          lit: vip
              outputs:
                success:
                  actions:
                    - endWorkflow:
                        name: Done
                        exitReason:
                          lit: tagged
          - endWorkflow:
              name: End
              exitReason:
                lit: not tagged
`;

const ACTION = `resource "genesyscloud_integration_action" "tag" {
  name           = "Tag (\${var.division})"
  category       = "Tools"
  integration_id = "i-1"
  secure         = false
  contract_input = jsonencode({ "type" : "object", "properties" : { "tag" : { "type" : "string" } } })
  contract_output = jsonencode({ "type" : "object", "properties" : {} })
  config_request {
    request_url_template = "/api/v2/users/me"
    request_type         = "GET"
  }
  config_response {
    success_template = "{}"
  }
}
`;

const MODULE = `variable "flow_name" {}
variable "division" {}
variable "action_name" {}
resource "genesyscloud_flow" "workflow" {
  filepath = "\${path.module}/flow.yaml"
  substitutions = {
    flow_name   = var.flow_name
    division    = var.division
    action_name = var.action_name
  }
}
`;

const ROOT = `variable "division" {}
${ACTION}
module "flow" {
  source      = "./modules/flow"
  flow_name   = "Tagger"
  division    = var.division
  action_name = genesyscloud_integration_action.tag.name
}
`;

describe('deployedFlowOf', () => {
  it("gives a module's flow with the substitutions the root's variables make, and the project's data actions", () => {
    const dir = folder({ 'main.tf': ROOT, 'modules/flow/main.tf': MODULE, 'modules/flow/flow.yaml': FLOW_YAML });
    const d = deployedFlowOf(join(dir, 'modules/flow/flow.yaml'), dir, { vars: { division: 'Home' } });
    expect(d?.address).toBe('module.flow.genesyscloud_flow.workflow');
    expect(d?.flow.name).toBe('Tagger');
    expect(d?.substitutions).toEqual({ flow_name: 'Tagger', division: 'Home', action_name: 'Tag (Home)' });
    expect(d?.rendered).toBe(false);
    expect([...(d?.actions.keys() ?? [])]).toEqual(['Tag (Home)']);
    expect(JSON.stringify(d?.flow)).toContain('Tag (Home)');
  });

  it('is undefined for a file no project deploys', () => {
    const dir = folder({ 'main.tf': ROOT, 'modules/flow/main.tf': MODULE, 'modules/flow/flow.yaml': FLOW_YAML });
    writeFileSync(join(dir, 'other.yaml'), FLOW_YAML);
    expect(deployedFlowOf(join(dir, 'other.yaml'), dir, { vars: { division: 'Home' } })).toBeUndefined();
  });

  it('a variable without a value: a coded error naming the resource and the variable', () => {
    const dir = folder({ 'main.tf': ROOT, 'modules/flow/main.tf': MODULE, 'modules/flow/flow.yaml': FLOW_YAML });
    let caught: unknown;
    try {
      deployedFlowOf(join(dir, 'modules/flow/flow.yaml'), dir, { env: {} });
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'SB_BLUEPRINTS_DEPLOYED_FLOW_INVALID' });
    const message = (caught as Error).message;
    expect(message).toContain('module.flow.genesyscloud_flow.workflow');
    expect(message).toContain('"division"');
  });

  it('a template a local_file renders into the file a flow deploys: the rendered flow', () => {
    const template = FLOW_YAML.replace('"{{flow_name}}"', '"${name}"')
      .replace('"{{division}}"', 'Home')
      .replace('"{{action_name}}"', '"${action}"');
    const dir = folder({
      'main.tf': `${ACTION}
resource "local_file" "flow" {
  content  = templatefile("templates/flow.tftpl", { name = "Rendered", action = "Tag (Home)" })
  filename = "flows/flow.yaml"
}
resource "genesyscloud_flow" "rendered" {
  filepath   = "\${path.module}/flows/flow.yaml"
  depends_on = [local_file.flow]
}
variable "division" { default = "Home" }
`,
      'templates/flow.tftpl': template,
      // What a repository may hold at the written path: the template itself, stale.
      'flows/flow.yaml': template,
      'templates/unrelated.tftpl': 'workflow:\n  name: "${other}"\n  description: nothing like the flow above at all\n',
    });
    for (const asked of ['templates/flow.tftpl', 'flows/flow.yaml']) {
      const d = deployedFlowOf(join(dir, asked), dir);
      expect(d?.address, asked).toBe('genesyscloud_flow.rendered');
      expect(d?.rendered).toBe(true);
      expect(d?.deployedFile).toBe(join(dir, 'flows/flow.yaml'));
      expect(d?.flow.name).toBe('Rendered');
    }
    // A template read by the project whose text does not render the deployed file is not taken for it.
    expect(deployedFlowOf(join(dir, 'templates/unrelated.tftpl'), dir)).toBeUndefined();
  });

  it('two resources deploying one file with different values: refused, naming both', () => {
    const dir = folder({
      'main.tf': `${ACTION}
variable "division" { default = "Home" }
module "a" {
  source      = "./modules/flow"
  flow_name   = "A"
  division    = "Home"
  action_name = "x"
}
module "b" {
  source      = "./modules/flow"
  flow_name   = "B"
  division    = "Home"
  action_name = "x"
}
`,
      'modules/flow/main.tf': MODULE,
      'modules/flow/flow.yaml': FLOW_YAML,
    });
    expect(() => deployedFlowOf(join(dir, 'modules/flow/flow.yaml'), dir)).toThrow(
      /module\.a\.genesyscloud_flow\.workflow.*module\.b\.genesyscloud_flow\.workflow/,
    );
  });
});
