import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { artifactText } from './artifact-input.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/switchboard.mjs');
const dir = mkdtempSync(join(tmpdir(), 'artifact-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TRIGGERS_TF = `variable "dnis" {
  type = string
}
locals {
  topic = "v2.detail.events.conversation.{id}.user.start"
}
resource "genesyscloud_processautomation_trigger" "no_queue" {
  name       = "No queue to \${var.dnis}"
  topic_name = local.topic
  enabled    = true
  target {
    id   = "flow-1"
    type = "Workflow"
  }
  match_criteria = jsonencode([{ jsonPath = "dnis", operator = "Equal", value = "tel:\${var.dnis}" }])
}
resource "genesyscloud_processautomation_trigger" "other" {
  name       = "Other"
  topic_name = local.topic
  enabled    = false
  target {
    id   = "flow-2"
    type = "Workflow"
  }
}
`;

const COLLECTION = {
  info: { name: 'Triggers', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  variable: [{ key: 'flowId', value: 'flow-9' }],
  item: [
    {
      name: 'Auth',
      request: {
        method: 'POST',
        url: { raw: 'https://login.{{env}}/oauth/token' },
        body: { raw: 'grant_type=client_credentials' },
      },
    },
    {
      name: 'Setup',
      item: [
        {
          name: 'Create trigger',
          request: {
            method: 'POST',
            url: { raw: 'https://api.{{env}}/api/v2/processautomation/triggers' },
            body: {
              mode: 'raw',
              raw: JSON.stringify({
                name: 'Agent joins',
                topicName: 'v2.detail.events.conversation.{id}.user.start',
                enabled: true,
                target: { id: '{{flowId}}', type: 'Workflow' },
                matchCriteria: [{ jsonPath: 'queueId', operator: 'Equal', value: '{{queueId}}' }],
              }),
            },
          },
        },
      ],
    },
  ],
};

describe('artifactText: the trigger or data action inside a .tf file or a Postman collection', () => {
  it('a .tf file: every value known, the resource picked by name or address, the only one without --resource', () => {
    const tf = join(dir, 'triggers.tf');
    writeFileSync(tf, TRIGGERS_TF);
    expect(() => artifactText(tf, 'trigger', { resource: 'no_queue' })).toThrow(
      /every value it needs is known[\s\S]*"dnis"/,
    );
    const attrs = JSON.parse(artifactText(tf, 'trigger', { resource: 'no_queue', var: ['dnis=+13175550100'] }));
    expect(attrs).toMatchObject({
      name: 'No queue to +13175550100',
      topic_name: 'v2.detail.events.conversation.{id}.user.start',
    });
    expect(JSON.parse(String(attrs.match_criteria))).toEqual([
      { jsonPath: 'dnis', operator: 'Equal', value: 'tel:+13175550100' },
    ]);
    expect(
      JSON.parse(
        artifactText(tf, 'trigger', { resource: 'genesyscloud_processautomation_trigger.other', var: ['dnis=1'] }),
      ).name,
    ).toBe('Other');
    expect(() => artifactText(tf, 'trigger', { var: ['dnis=1'] })).toThrow(
      /2 genesyscloud_processautomation_triggers .*name one with --resource/,
    );
    expect(() => artifactText(tf, 'trigger', { resource: 'nope', var: ['dnis=1'] })).toThrow(/"nope" names none/);
    expect(() => artifactText(tf, 'action', { var: ['dnis=1'] })).toThrow(/no genesyscloud_integration_action/);
  });

  it('a Postman collection: the trigger request found in folders, its variables filled, a missing one named', () => {
    const file = join(dir, 'Triggers.postman_collection.json');
    writeFileSync(file, JSON.stringify(COLLECTION));
    expect(() => artifactText(file, 'trigger', {})).toThrow(/Postman variables with no value: queueId/);
    const body = JSON.parse(artifactText(file, 'trigger', { postmanVar: ['queueId=q-1'] }));
    expect(body).toMatchObject({ name: 'Agent joins', target: { id: 'flow-9' }, matchCriteria: [{ value: 'q-1' }] });
    expect(
      JSON.parse(artifactText(file, 'trigger', { request: 'Create trigger', postmanVar: ['queueId=q-2'] }))
        .matchCriteria[0].value,
    ).toBe('q-2');
    expect(() => artifactText(file, 'trigger', { request: 'Auth' })).toThrow(/"Auth" names none/);
  });

  it('a JSON file is read as it is; --resource and --request do not apply to it', () => {
    const file = join(ROOT, 'examples/bundle/trigger.json');
    expect(JSON.parse(artifactText(file, 'trigger', {})).name).toBe('Outbound call without a queue');
    expect(() => artifactText(file, 'trigger', { resource: 'x' })).toThrow(/--resource picks a resource/);
  });

  it('trigger test and action test read a Terraform file through the command line', async () => {
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [BIN, ...args], { cwd: ROOT }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const matched = await run([
      'trigger',
      'test',
      'examples/terraform/main.tf',
      '--var',
      'oauth_credential_id=x',
      '--event',
      'examples/events/user-start-no-queue.json',
    ]);
    expect(matched.code, matched.stderr).toBe(0);
    expect(matched.stdout).toContain('Outbound call without a queue');
    const missing = await run([
      'trigger',
      'test',
      'examples/terraform/main.tf',
      '--event',
      'examples/events/user-start-no-queue.json',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('oauth_credential_id');
    const action = await run([
      'action',
      'test',
      'examples/terraform/main.tf',
      '--var',
      'oauth_credential_id=x',
      '--place-call',
      '--input',
      '{"externalTag":"From Terraform"}',
    ]);
    expect(action.code, action.stderr + action.stdout).toBe(0);
    expect(action.stdout).toContain('Set External Tag');
  }, 60_000);
});

describe('a Terraform data action', () => {
  it('carries the integration type of its integration, which decides where its request goes', () => {
    const folder = mkdtempSync(join(dir, 'sf-'));
    writeFileSync(
      join(folder, 'main.tf'),
      `resource "genesyscloud_integration" "sf" {
  intended_state   = "ENABLED"
  integration_type = "salesforce-datadip"
  config {
    name = "Salesforce"
  }
}
resource "genesyscloud_integration_action" "contact" {
  name           = "Get Contact"
  category       = "Salesforce"
  integration_id = genesyscloud_integration.sf.id
  contract_input  = jsonencode({ type = "object" })
  contract_output = jsonencode({ type = "object" })
  config_request {
    request_url_template = "/services/data/v59.0/sobjects/Contact/$\${input.id}"
    request_type         = "GET"
  }
  config_response {
    success_template = "$\${rawResult}"
  }
}
`,
    );
    const attributes = JSON.parse(artifactText(join(folder, 'main.tf'), 'action', {})) as Record<string, unknown>;
    expect(attributes).toMatchObject({ name: 'Get Contact', integration_type: 'salesforce-datadip' });
  });

  it('whose evaluation fails is named with the error, not as missing', () => {
    const folder = mkdtempSync(join(dir, 'broken-'));
    writeFileSync(
      join(folder, 'main.tf'),
      `resource "genesyscloud_integration_action" "contact" {
  name           = "Get Contact"
  category       = "Salesforce"
  integration_id = "x"
  config_request {
    request_url_template = "/contacts/\${input.id}"
    request_type         = "GET"
  }
}
`,
    );
    expect(() => artifactText(join(folder, 'main.tf'), 'action', {})).toThrow(
      /holds no genesyscloud_integration_action that evaluates:\n {2}- main\.tf:6: /,
    );
  });
});
