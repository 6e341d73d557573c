// The action rules on data actions Terraform creates, and trigger/no-criteria on criteria
// Terraform cannot know before apply.
import { describe, expect, it } from 'vitest';
import { of, run } from './fixtures.test-util.ts';

/** A genesyscloud_integration_action with a defect in each template the action rules read. */
const ACTION = `resource "genesyscloud_integration_action" "tag" {
  name           = "Put Tag"
  category       = "Cat"
  integration_id = "x"
  contract_input = jsonencode({
    type       = "object"
    properties = { conversationId = { type = "string" }, tag = { type = "string" } }
  })
  contract_output = jsonencode({ type = "object", properties = { state = { type = "string" } } })
  config_request {
    request_url_template = "/api/v2/conversations/$Input.conversationId/tags"
    request_type         = "POST"
    request_template     = "{\\"externalTag\\": \\"$\${input.tag}\\"}"
    headers              = {}
  }
  config_response {
    translation_map          = { state = "$.state" }
    translation_map_defaults = { state = "disconnected" }
    success_template         = "{\\"state\\": $\${state}}"
  }
}
`;

describe('the action rules on Terraform data actions', () => {
  const findings = run({ 'infra/main.tf': ACTION });
  const at = 'resource genesyscloud_integration_action.tag (line 1)';

  it('name the .tf file and the resource address before the attribute', () => {
    expect(of(findings, 'action/invalid')).toEqual([]);
    expect(of(findings, 'action/invalid-default-json').map((f) => [f.severity, f.file, f.location])).toEqual([
      ['error', 'infra/main.tf', `${at}/config_response/translation_map_defaults/state`],
    ]);
    expect(of(findings, 'action/unescaped-input-in-json').map((f) => [f.file, f.location, f.message])).toEqual([
      [
        'infra/main.tf',
        `${at}/config_request/request_template`,
        'data action "Put Tag": ${input.tag} sits inside a JSON string unescaped; a value with a quote, backslash or newline breaks the request body',
      ],
    ]);
    expect(of(findings, 'action/literal-reference').map((f) => [f.file, f.location])).toEqual([
      ['infra/main.tf', `${at}/config_request/request_url_template`],
    ]);
  });

  it('report an action that does not load, but not one whose attributes Terraform cannot know yet', () => {
    const broken = `resource "genesyscloud_integration_action" "b" {\n  name = "Broken"\n  category = "Cat"\n  integration_id = "x"\n}\n`;
    expect(of(run({ 'main.tf': broken }), 'action/invalid').map((f) => [f.file, f.location])).toEqual([
      ['main.tf', 'resource genesyscloud_integration_action.b (line 1)'],
    ]);
    const unknown = ACTION.replace(
      'request_template     = "{\\"externalTag\\": \\"$${input.tag}\\"}"',
      'request_template     = data.external.body.result',
    );
    const f = run({ 'main.tf': `data "external" "body" {\n  program = ["x"]\n}\n${unknown}` });
    expect(of(f, 'terraform/invalid').map((x) => x.message)).toEqual([
      expect.stringContaining('argument config_request.request_template depends on data.external.body'),
    ]);
    expect(of(f, 'action/invalid')).toEqual([]);
  });
});

describe('trigger/no-criteria on Terraform triggers', () => {
  const tf = (criteria: string) => `data "genesyscloud_routing_wrapupcode" "w" {
  name = "Callback"
}

resource "genesyscloud_processautomation_trigger" "t" {
  name       = "On wrap-up"
  topic_name = "v2.detail.events.conversation.{id}.acw"
  enabled    = true
  target {
    id   = "F"
    type = "Workflow"
  }
  match_criteria = ${criteria}
}
`;

  it('is silent when the criteria exist but depend on a data source; the unknown value is reported', () => {
    const f = run({
      'main.tf': tf(
        'jsonencode([{ jsonPath = "wrapupCode", operator = "Equal", value = data.genesyscloud_routing_wrapupcode.w.id }])',
      ),
    });
    expect(of(f, 'trigger/no-criteria')).toEqual([]);
    expect(of(f, 'trigger/invalid').map((x) => x.message)).toEqual([
      expect.stringContaining('argument match_criteria depends on data.genesyscloud_routing_wrapupcode.w'),
    ]);
  });

  it('warns when the criteria are an empty list', () => {
    expect(of(run({ 'main.tf': tf('jsonencode([])') }), 'trigger/no-criteria').map((x) => x.location)).toEqual([
      'resource genesyscloud_processautomation_trigger.t (line 5)/matchCriteria',
    ]);
  });
});
