// Data sources: those of other providers are skipped (an error only where a value that runs needs
// one), genesyscloud ones that name a resource of the project resolve to it before the org is
// asked, and the org lookups of webhooks and divisions; on small projects in temporary folders.
import { describe, expect, it } from 'vitest';
import { genesysDataResolver } from './genesys-data.ts';
import type { DataRequest } from './module.ts';
import { load } from './terraform.test-util.ts';

const WORKFLOW = 'workflow:\n  name: "{{flow_name}}"\n  startUpRef: "/workflow/states/state[S_1]"\n';

describe('data sources of other providers', () => {
  const TF = `
data "archive_file" "zip" {
  type        = "zip"
  source_file = "\${path.module}/main.py"
  output_path = "\${path.module}/function.zip"
}
data "aws_caller_identity" "me" {}
locals {
  account = data.aws_caller_identity.me.account_id
}
module "files" {
  source = "./files"
}
resource "aws_lambda_function" "fn" {
  filename = data.archive_file.zip.output_path
}
resource "genesyscloud_group" "g" {
  name        = "Lambda"
  description = data.archive_file.zip.output_base64sha256
}
resource "genesyscloud_flow" "f" {
  filepath = "\${path.module}/flow.yaml"
  substitutions = {
    flow_name = "Orders"
    account   = local.account
    body      = module.files.body
  }
}
`;
  const FILES = {
    'main.tf': TF,
    'flow.yaml': WORKFLOW,
    'files/main.tf':
      'data "local_file" "body" {\n  filename = "${path.module}/body.txt"\n}\noutput "body" {\n  value = data.local_file.body.content\n}\n',
  };

  it('are skipped with their address and why, never asked of the resolver; a value that runs and needs one is the error, naming the chain', () => {
    const asked: string[] = [];
    const p = load(FILES, {
      resolveData: (req: DataRequest) => {
        asked.push(req.address);
        return undefined;
      },
    });
    expect(asked).toEqual([]);
    // By file and line, after the resources skipped (the Lambda).
    expect(p.skipped.map((s) => s.address)).toEqual([
      'aws_lambda_function.fn',
      'module.files.data.local_file.body',
      'data.archive_file.zip',
      'data.aws_caller_identity.me',
    ]);
    expect(p.skipped[2]).toMatchObject({ type: 'archive_file', file: 'main.tf', line: 2 });
    expect(p.skipped[2]?.reason).toMatch(
      /a data source of the "archive" provider: only genesyscloud data sources are read/,
    );
    // The group's description does not run, the Lambda is not a Genesys resource: only the flow's substitutions are errors.
    expect(p.diagnostics.map((d) => [d.severity, d.code, d.construct, d.message])).toEqual([
      [
        'error',
        'SB_TERRAFORM_UNKNOWN_VALUE',
        'genesyscloud_flow.f.substitutions.account',
        'Unknown value: genesyscloud_flow.f argument substitutions.account depends on local.account ← data.aws_caller_identity.me (a data source of the "aws" provider, which is not read)',
      ],
      [
        'error',
        'SB_TERRAFORM_UNKNOWN_VALUE',
        'genesyscloud_flow.f.substitutions.body',
        'Unknown value: genesyscloud_flow.f argument substitutions.body depends on module.files.body ← module.files.data.local_file.body (a data source of the "local" provider, which is not read)',
      ],
    ]);
  });

  it("what is read of another provider's resource but not set (an ARN) is unknown, not null, and named where it runs", () => {
    const p = load({
      'main.tf': `resource "aws_lambda_function" "fn" {\n  function_name = "orders"\n}\nresource "genesyscloud_flow" "f" {\n  filepath = "\${path.module}/flow.yaml"\n  substitutions = {\n    flow_name = "Orders"\n    arn       = aws_lambda_function.fn.invoke_arn\n    name      = aws_lambda_function.fn.function_name\n  }\n}\n`,
      'flow.yaml': WORKFLOW,
    });
    expect(p.diagnostics.map((d) => [d.construct, d.message])).toEqual([
      [
        'genesyscloud_flow.f.substitutions.arn',
        'Unknown value: genesyscloud_flow.f argument substitutions.arn depends on aws_lambda_function.fn.invoke_arn (computed by another provider)',
      ],
    ]);
  });

  it('without a value that needs them, a project with them loads without a problem, with a real resolver too', () => {
    const p = load(
      { ...FILES, 'main.tf': TF.replace(/ {4}account .*\n {4}body .*\n/, '') },
      { resolveData: genesysDataResolver(() => Promise.reject(new Error('not asked'))) },
    );
    expect(p.diagnostics).toEqual([]);
    expect(p.flows[0]?.substitutions).toEqual({ flow_name: 'Orders' });
  });
});

describe("data sources that name the project's own resources", () => {
  const TF = `
resource "genesyscloud_flow" "wf" {
  filepath      = "\${path.module}/wf.yaml"
  substitutions = { flow_name = "Orders Workflow" }
}
data "genesyscloud_flow" "wf" {
  depends_on = [genesyscloud_flow.wf]
  name       = "Orders Workflow"
}
data "genesyscloud_flow" "ivr" {
  name = "Orders Workflow"
  type = "INBOUNDCALL"
}
resource "genesyscloud_routing_queue" "q" {
  name = "Callbacks"
}
data "genesyscloud_routing_queue" "q" {
  name = "callbacks"
}
data "genesyscloud_group" "existing" {
  name = "Supervisors"
}
module "hook" {
  source = "./hook"
  name   = "Orders Hook"
}
data "genesyscloud_integration_webhook" "hook" {
  depends_on = [module.hook]
  name       = "Orders Hook"
}
resource "genesyscloud_processautomation_trigger" "t" {
  name       = "Orders"
  topic_name = "v2.integrations.inbound.webhook.{id}.invocation"
  enabled    = true
  target {
    id   = data.genesyscloud_flow.wf.id
    type = "Workflow"
  }
  match_criteria = jsonencode([{ jsonPath = "webhookId", operator = "Equal", value = data.genesyscloud_integration_webhook.hook.web_hook_id }])
  description    = "\${data.genesyscloud_routing_queue.q.id} \${data.genesyscloud_group.existing.id} \${data.genesyscloud_flow.ivr.id}"
}
output "url" {
  value = data.genesyscloud_integration_webhook.hook.invocation_url
}
`;
  const HOOK =
    'variable "name" {}\nresource "genesyscloud_integration" "webhook" {\n  intended_state   = "ENABLED"\n  integration_type = "webhook"\n  config {\n    name = var.name\n  }\n}\n';

  it('resolve to those resources (by the name each will have, evaluated) before the org is asked', () => {
    const asked: string[] = [];
    const p = load(
      { 'main.tf': TF, 'wf.yaml': WORKFLOW, 'hook/main.tf': HOOK },
      {
        resolveData: (req) => {
          asked.push(req.address);
          return { id: `org-${req.name}`, name: req.attributes.name };
        },
      },
    );
    expect(p.diagnostics).toEqual([]);
    // Only what no resource of the project is: an existing group, and a flow of another type.
    expect(asked.sort()).toEqual(['data.genesyscloud_flow.ivr', 'data.genesyscloud_group.existing']);
    const [trigger] = p.triggers;
    expect(trigger?.flow).toBe('genesyscloud_flow.wf');
    const queue = p.resources.find((r) => r.address === 'genesyscloud_routing_queue.q')!;
    expect(trigger?.attributes.description).toBe(`${queue.id} org-existing org-ivr`);
    // A webhook's id is computed from the integration, as a resource's computed ids are.
    const webhookId = (JSON.parse(trigger?.attributes.match_criteria as string) as Array<{ value: string }>)[0]!.value;
    expect(webhookId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5/);
    expect(webhookId).not.toBe(p.integrations[0]?.id);
    // What only the org knows once the resource exists stays unknown.
    expect(p.outputs).toEqual({});
  });

  it('a name no resource of the project has is looked up in the org, which may find nothing', () => {
    const p = load(
      {
        'main.tf': TF.replace('name       = "Orders Workflow"', 'name       = "Another Workflow"'),
        'wf.yaml': WORKFLOW,
        'hook/main.tf': HOOK,
      },
      { resolveData: (req) => (req.type === 'genesyscloud_flow' ? undefined : { id: 'x' }) },
    );
    expect(p.diagnostics.map((d) => [d.code, d.construct])).toEqual([
      ['SB_TERRAFORM_DATA_UNRESOLVED', 'data.genesyscloud_flow.wf'],
      ['SB_TERRAFORM_DATA_UNRESOLVED', 'data.genesyscloud_flow.ivr'],
      ['SB_TERRAFORM_UNKNOWN_VALUE', 'genesyscloud_processautomation_trigger.t.target.id'],
    ]);
    expect(p.triggers[0]?.flow).toBeUndefined();
  });

  it('a resource whose name needs the data source itself is not the one (Terraform reads the data source first)', () => {
    const tf =
      'resource "genesyscloud_routing_queue" "q" {\n  name = "Q ${data.genesyscloud_routing_queue.q.id}"\n}\ndata "genesyscloud_routing_queue" "q" {\n  name = "Q"\n}\n';
    const p = load({ 'main.tf': tf }, { resolveData: () => ({ id: 'org-q', name: 'Q' }) });
    expect(p.diagnostics).toEqual([]);
    expect(p.resources[0]?.attributes.name).toBe('Q org-q');
  });
});

describe('org lookups', () => {
  /** A fetch answering list routes with these entities, recording each URL asked. */
  const org = (entities: Record<string, unknown>[], urls: string[]) => (input: string) => {
    urls.push(input);
    return Promise.resolve(new Response(JSON.stringify({ entities, pageCount: 1 }), { status: 200 }));
  };

  it('a webhook integration by name: its webhookId and invocationUrl; a division by name through ?name=', async () => {
    const urls: string[] = [];
    const resolve = genesysDataResolver(
      org(
        [
          {
            id: 'i-1',
            name: 'Hook',
            integrationType: { id: 'webhook' },
            attributes: { webhookId: 'w-1', invocationUrl: 'https://hooks.example/w-1' },
          },
        ],
        urls,
      ),
    );
    expect(
      await resolve({
        type: 'genesyscloud_integration_webhook',
        name: 'h',
        address: 'data.x.h',
        attributes: { name: 'hook' },
      }),
    ).toEqual({ id: 'i-1', name: 'Hook', web_hook_id: 'w-1', invocation_url: 'https://hooks.example/w-1' });
    expect(urls).toEqual(['/api/v2/integrations?pageSize=100&pageNumber=1']);
    urls.length = 0;
    await resolve({ type: 'genesyscloud_auth_division', name: 'd', address: 'data.y.d', attributes: { name: 'Home' } });
    expect(urls).toEqual(['/api/v2/authorization/divisions?name=Home&pageSize=100&pageNumber=1']);
  });

  it('a webhook the target gives no webhook attributes, or an integration of another type, is an error saying what to do', async () => {
    const req = {
      type: 'genesyscloud_integration_webhook',
      name: 'h',
      address: 'data.genesyscloud_integration_webhook.h',
      attributes: { name: 'Hook' },
    };
    const bare = genesysDataResolver(
      org([{ id: 'i-1', name: 'Hook', integrationType: { id: 'webhook' }, attributes: {} }], []),
    );
    await expect(bare(req)).rejects.toThrow(
      /data\.genesyscloud_integration_webhook\.h: webhook integration "Hook" has no webhookId and invocationUrl attributes .*declare it in the project \(a genesyscloud_integration with integration_type = "webhook" named "Hook"\).*--var/,
    );
    const other = genesysDataResolver(
      org([{ id: 'i-2', name: 'Hook', integrationType: { id: 'purecloud-data-actions' } }], []),
    );
    await expect(other(req)).rejects.toThrow(/integration "Hook" is of type purecloud-data-actions, not webhook/);
  });
});
