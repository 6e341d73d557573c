import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPath, inferBundle } from './index.ts';

const EXAMPLES = resolve(import.meta.dirname, '../../examples/terraform');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The example Terraform project in a new folder, its main.tf changed by `edit`, plus `extra` files. */
function project(edit: (main: string) => string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'infer-written-'));
  dirs.push(dir);
  copyFileSync(join(EXAMPLES, 'tag-calls-without-queue.yaml'), join(dir, 'tag-calls-without-queue.yaml'));
  writeFileSync(join(dir, 'main.tf'), edit(readFileSync(join(EXAMPLES, 'main.tf'), 'utf8')));
  for (const [name, text] of Object.entries(extra)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const VARS = { oauth_credential_id: 'example' };

describe('inferBundle: what Terraform knows only once it runs', () => {
  it('a trigger whose target is a flow data source that finds nothing waits for --pair, which runs it', () => {
    const dir = project(
      (main) =>
        `${main.replace('id   = genesyscloud_flow.tag_calls_without_queue.id', 'id   = data.genesyscloud_flow.elsewhere.id')}
data "genesyscloud_flow" "elsewhere" {
  name = "A flow of another project"
}
`,
    );
    const options = { vars: VARS, resolveData: () => undefined };
    const { bundle, inferred } = inferBundle(dir, options);
    expect(bundle.triggers).toEqual([]);
    expect(inferred.left.join('\n')).toMatch(
      /trigger "Outbound call without a queue" \(main\.tf\): the workflow it starts cannot be told \(its target id is not known \(above\)\); name it with --pair/,
    );
    const paired = inferBundle(dir, {
      ...options,
      pair: { 'Outbound call without a queue': 'Tag Calls Without Queue' },
    });
    expect(paired.bundle.triggers.map((t) => [t.name, t.workflow, t.trigger.matchCriteria?.length])).toEqual([
      ['Outbound call without a queue', 'Tag Calls Without Queue', 2],
    ]);
  });

  it('a flow file a local_file renders with templatefile() deploys as rendered, not as the copy on disk', () => {
    const template = readFileSync(join(EXAMPLES, 'tag-calls-without-queue.yaml'), 'utf8').replace(
      'lit: "{{external_tag}}"',
      'lit: "${tag}"',
    );
    const dir = project(
      (main) =>
        `${main.replace('filepath          = "${path.module}/tag-calls-without-queue.yaml"', 'filepath          = "${path.module}/rendered/flow.yaml"').replace(/ {2}file_content_hash = .*\n/, '  depends_on = [local_file.flow]\n')}
resource "local_file" "flow" {
  content  = templatefile("templates/flow.tftpl", { tag = "From the template" })
  filename = "rendered/flow.yaml"
}
`,
      // A stale copy of the template where Terraform writes the file: the rendering wins.
      { 'templates/flow.tftpl': template, 'rendered/flow.yaml': template },
    );
    const { bundle } = inferBundle(dir, { vars: VARS });
    const flow = bundle.workflows.map((w) => w.flow);
    expect(flow).toHaveLength(1);
    expect(JSON.stringify(flow[0])).toContain('From the template');
    expect(JSON.stringify(flow[0])).not.toContain('${tag}');
    // A folder given by a relative path (`check .`) reads the rendered flow once, not once more by its path.
    const report = checkPath(relative(process.cwd(), dir));
    expect(report.loaded.filter((a) => a.kind === 'flow').map((a) => a.file)).toEqual(['rendered/flow.yaml']);
  });

  it('a file the project reads with file() is skipped as part of what reads it, not as a stray file', () => {
    const dir = project(
      (main) => `${main}
output "order_contract" {
  value = file("\${path.module}/contracts/order.json")
}
`,
      { 'contracts/order.json': '{ "type": "object", "properties": {} }', 'notes/other.json': '{ "a": 1 }' },
    );
    const report = checkPath(dir);
    expect(report.skipped.filter((f) => f.file.endsWith('.json'))).toEqual([
      {
        file: 'contracts/order.json',
        reason:
          'read by the Terraform project (file(), templatefile()): part of the resource that reads it, not an artifact of its own',
      },
      {
        file: 'notes/other.json',
        reason: 'JSON that is neither a trigger (no topicName) nor a data action (no config.request and contract)',
      },
    ]);
  });

  it("the resources of a remote module `terraform init` installed are the project's, though a walk skips .terraform/", () => {
    const dir = project((main) => main, {
      'lambda.tf': `module "lookup_action" {
  source      = "git::https://example.com/data-action-module.git?ref=main"
  action_name = "Look Up Order"
  category    = "Orders"
}
`,
      '.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          {
            Key: 'lookup_action',
            Source: 'git::https://example.com/data-action-module.git?ref=main',
            Dir: '.terraform/modules/lookup',
          },
        ],
      }),
      '.terraform/modules/lookup/main.tf': `variable "action_name" {}
variable "category" {}
resource "genesyscloud_integration_action" "action" {
  name           = var.action_name
  category       = var.category
  integration_id = "11111111-1111-4111-8111-111111111111"
  contract_input  = jsonencode({ type = "object", properties = { orderId = { type = "string" } } })
  contract_output = jsonencode({ type = "object", properties = {} })
  config_request {
    request_url_template = "https://orders.example.com/orders/$\${input.orderId}"
    request_type         = "GET"
  }
  config_response {
    success_template = "$\${rawResult}"
  }
}
`,
    });
    const report = checkPath(dir);
    expect(report.loaded.filter((a) => a.kind === 'terraform data action').map((a) => [a.name, a.file])).toEqual([
      ['Look Up Order', '.terraform/modules/lookup/main.tf'],
      ['Set External Tag', 'main.tf'],
    ]);
  });

  it("a Lambda data action's URL, the ARN of the function the project creates, names the function", () => {
    const dir = project(
      (main) =>
        main.replace(
          'request_url_template = "/api/v2/conversations/$${input.conversationId}/tags"',
          'request_url_template = aws_lambda_function.tagger.arn',
        ) +
        `
resource "aws_lambda_function" "tagger" {
  function_name = "external-tagger"
}
`,
    );
    const { bundle } = inferBundle(dir, { vars: VARS });
    expect(bundle.actions.map((a) => [a.name, a.action.definition.request.requestUrlTemplate])).toEqual([
      ['Set External Tag', 'arn:aws:lambda:*:*:function:external-tagger'],
    ]);
  });
});
