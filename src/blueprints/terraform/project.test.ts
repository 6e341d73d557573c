import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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
  // A folder named relatively (`switchboard check examples/terraform`) once resolved path.module twice.
  it.each([
    ['a relative', 'some/folder/main.tf'],
    ['an absolute', resolve('/srv/tf/main.tf')],
  ])('resolves a ${path.module} filepath once for %s folder, and pairs the trigger with the flow', (_kind, file) => {
    const project = TfProject.fromTexts([{ file, text: MAIN }], []);
    const expected = resolve(file, '..', 'flows/tag.yaml');
    const [flow] = project.flows();
    expect(flow?.flowFile).toBe(expected);
    expect(flow?.substitutions).toEqual({ flow_name: 'Tag Calls', data_action_name: 'Set External Tag' });
    const [trigger] = project.triggers();
    expect(trigger?.flowFile).toBe(expected);
    expect(trigger?.attributes.match_criteria).toBe('[{"jsonPath":"queueId","operator":"Exists","value":false}]');
  });
});
