import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFolder } from '../discover.ts';
import { TfProject } from './project.ts';

const MAIN = `
resource "genesyscloud_integration_action" "tag" {
  name     = "Set External Tag"
  category = "Examples"
}

resource "genesyscloud_flow" "flow" {
  filepath = "\${path.module}/flows/tag.yaml"
  substitutions = {
    flow_name        = "Tag Calls"
    data_action_name = genesyscloud_integration_action.tag.name
  }
}

resource "genesyscloud_processautomation_trigger" "t" {
  name       = "No queue"
  topic_name = "v2.detail.events.conversation.{id}.user.start"
  enabled    = true
  target {
    id   = genesyscloud_flow.flow.id
    type = "Workflow"
  }
  match_criteria = jsonencode([{ "jsonPath" : "queueId", "operator" : "Exists", "value" : false }])
}
`;

describe('TfProject', () => {
  it('resolves a ${path.module} filepath once, and pairs the trigger with the flow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-tfproject-'));
    writeFileSync(join(dir, 'main.tf'), MAIN);
    const project = TfProject.fromTexts([{ file: join(dir, 'main.tf'), text: MAIN }], []);
    const expected = resolve(dir, 'flows/tag.yaml');
    const [flow] = project.flows();
    expect(flow?.flowFile).toBe(expected);
    expect(flow?.substitutions).toEqual({ flow_name: 'Tag Calls', data_action_name: 'Set External Tag' });
    const [trigger] = project.triggers();
    expect(trigger?.flowFile).toBe(expected);
    expect(trigger?.attributes.match_criteria).toBe('[{"jsonPath":"queueId","operator":"Exists","value":false}]');
    expect(trigger?.problems).toEqual([]);
  });

  it('loads only root modules: a folder another calls as a module is read through that call', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-tfproject-'));
    mkdirSync(join(dir, 'modules/flow'), { recursive: true });
    const root = 'module "flow" {\n  source = "./modules/flow"\n  name   = "From the root"\n}\n';
    const child =
      'variable "name" {}\nresource "genesyscloud_flow" "f" {\n  filepath = "${path.module}/f.yaml"\n  substitutions = { name = var.name }\n}\n';
    writeFileSync(join(dir, 'main.tf'), root);
    writeFileSync(join(dir, 'modules/flow/main.tf'), child);
    const project = TfProject.fromTexts(
      [
        { file: join(dir, 'main.tf'), text: root },
        { file: join(dir, 'modules/flow/main.tf'), text: child },
      ],
      [],
    );
    expect(project.roots.map((r) => r.dir)).toEqual([resolve(dir)]);
    expect(project.flows()).toEqual([
      {
        file: join(dir, 'modules/flow/main.tf'),
        flowFile: join(dir, 'modules/flow/f.yaml'),
        substitutions: { name: 'From the root' },
      },
    ]);
    expect(project.diagnostics()).toEqual([]);
  });

  it("gives check a finding for each Terraform problem, naming file and line; a trigger's own problems are its trigger/invalid finding", () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-tfproject-'));
    writeFileSync(join(dir, 'variables.tf'), 'variable "dnis" {\n  type = string\n}\n');
    writeFileSync(
      join(dir, 'main.tf'),
      'locals {\n  when = timestamp()\n}\nresource "genesyscloud_processautomation_trigger" "t" {\n  name       = "Calls to ${var.dnis}"\n  topic_name = "v2.detail.events.conversation.{id}.user.start"\n  target {\n    id   = "x"\n    type = "Workflow"\n  }\n}\n',
    );
    const { findings } = discoverFolder(dir);
    expect(findings.map((f) => [f.severity, f.rule, f.file, f.location])).toEqual([
      ['error', 'trigger/invalid', 'main.tf', 'line 4'],
      ['error', 'terraform/invalid', 'main.tf', 'line 2'],
      ['warning', 'terraform/invalid', 'variables.tf', 'line 1'],
      // Without its unknown name (and with no enabled), the trigger breaks the API's rules too.
      ['error', 'trigger/invalid', 'main.tf', 'resource genesyscloud_processautomation_trigger.t (line 4)/name'],
      ['error', 'trigger/invalid', 'main.tf', 'resource genesyscloud_processautomation_trigger.t (line 4)/enabled'],
    ]);
    expect(findings[0]?.message).toBe(
      'main.tf:4: Unknown value: genesyscloud_processautomation_trigger.t argument name depends on var.dnis has no value',
    );
    expect(findings[1]?.message).toContain('Call to unsupported function "timestamp"');
    expect(findings[2]?.message).toContain(
      'No value for required variable: the root module input variable "dnis" is not set',
    );
  });
});
