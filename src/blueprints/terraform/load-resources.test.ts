// Resources, data sources and the errors of a Terraform project, each naming file:line and the
// construct, on small projects written to a temporary folder.
import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../../core/index.ts';
import { assertLoaded, loadTerraformProject, loadTerraformProjectSync } from './load.ts';
import { errors, folder, load } from './terraform.test-util.ts';

describe('resources', () => {
  it('reads match_criteria blocks of earlier provider versions as the JSON criteria, and links values to resource ids', () => {
    const p = load({
      'main.tf': `
resource "genesyscloud_routing_queue" "q" {
  name = "Callbacks"
}
resource "genesyscloud_flow" "f" {
  filepath = "\${path.module}/flow.yaml.tftpl"
}
resource "genesyscloud_processautomation_trigger" "t" {
  name       = "Unanswered callback"
  topic_name = "v2.detail.events.conversation.{id}.acw"
  enabled    = true
  target {
    id   = genesyscloud_flow.f.id
    type = "Workflow"
  }
  match_criteria {
    json_path = "queueId"
    operator  = "Equal"
    value     = genesyscloud_routing_queue.q.id
  }
  match_criteria {
    json_path = "mediaType"
    operator  = "In"
    values    = ["CALLBACK", "VOICE"]
  }
}
resource "genesyscloud_architect_ivr" "ivr" {
  name = "Main IVR"
}
resource "genesyscloud_tf_export" "export" {
  directory = "./export"
}
`,
    });
    expect(p.diagnostics).toEqual([]);
    const queue = p.resources.find((r) => r.type === 'genesyscloud_routing_queue')!;
    expect(JSON.parse(p.triggers[0]!.attributes.match_criteria as string)).toEqual([
      { jsonPath: 'queueId', operator: 'Equal', value: queue.id },
      { jsonPath: 'mediaType', operator: 'In', values: ['CALLBACK', 'VOICE'] },
    ]);
    expect(p.triggers[0]?.flow).toBe('genesyscloud_flow.f');
    expect(p.skipped).toEqual([
      {
        address: 'genesyscloud_architect_ivr.ivr',
        type: 'genesyscloud_architect_ivr',
        file: 'main.tf',
        line: 27,
        reason: 'a Genesys Cloud resource event orchestration does not use',
      },
    ]);
    expect(p.resources.map((r) => r.type)).not.toContain('genesyscloud_tf_export');
  });
});

describe('data sources', () => {
  const TF =
    'data "genesyscloud_routing_queue" "q" {\n  name = "Sales"\n}\nresource "genesyscloud_group" "g" {\n  name        = "G"\n  description = "queue ${data.genesyscloud_routing_queue.q.id}"\n}\n';

  it('resolves data sources by their arguments through the resolver port, synchronously or not', async () => {
    const seen: unknown[] = [];
    const resolveData = (req: { type: string; attributes: Readonly<Record<string, unknown>> }) => {
      seen.push([req.type, req.attributes]);
      return req.attributes.name === 'Sales' ? { id: 'queue-1', name: 'Sales' } : undefined;
    };
    const sync = load({ 'main.tf': TF }, { resolveData });
    expect(sync.diagnostics).toEqual([]);
    expect(sync.resources[0]?.attributes.description).toBe('queue queue-1');
    const dir = folder({ 'main.tf': TF });
    const later = await loadTerraformProject(dir, { resolveData: async (req) => resolveData(req) });
    // The synchronous load cannot wait for an asynchronous resolver, and says so.
    const syncOfAsync = loadTerraformProjectSync(dir, { resolveData: async (req) => resolveData(req) });
    expect(syncOfAsync.diagnostics.map((d) => d.message)).toEqual([
      'Data source not resolved: data.genesyscloud_routing_queue.q: the resolver answers asynchronously; load the project with loadTerraformProject',
    ]);
    expect(later.resources[0]?.attributes.description).toBe('queue queue-1');
    expect(seen[0]).toEqual(['genesyscloud_routing_queue', { name: 'Sales' }]);
  });

  it('reports a data source the resolver does not find as an error, and one without a resolver as a warning', () => {
    const notFound = load({ 'main.tf': TF.replace('"Sales"', '"Nope"') }, { resolveData: () => undefined });
    expect(notFound.diagnostics.map((d) => [d.severity, d.code, `${d.file}:${d.line}`, d.construct])).toEqual([
      ['error', 'SB_TERRAFORM_DATA_UNRESOLVED', 'main.tf:1', 'data.genesyscloud_routing_queue.q'],
    ]);
    const none = load({ 'main.tf': TF });
    expect(none.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'SB_TERRAFORM_DATA_UNRESOLVED']]);
    expect(none.resources[0]?.attributes).toEqual({ name: 'G' });
  });
});

describe('errors name file:line and the construct', () => {
  it('an unsupported function', () => {
    const p = load({ 'main.tf': 'locals {\n  ok = 1\n  t  = timestamp()\n}\n' });
    expect(errors(p)).toEqual([
      { code: 'SB_TERRAFORM_UNSUPPORTED', at: 'main.tf:3', construct: 'function "timestamp"' },
    ]);
  });

  it('references to undeclared variables, locals, resources and attributes', () => {
    const p = load({
      'main.tf': 'locals {\n  a = var.nope\n  b = local.nope\n  c = genesyscloud_flow.nope.id\n  d = { x = 1 }.y\n}\n',
    });
    expect(errors(p)).toEqual([
      { code: 'SB_TERRAFORM_REFERENCE_UNRESOLVED', at: 'main.tf:2', construct: 'var.nope' },
      { code: 'SB_TERRAFORM_REFERENCE_UNRESOLVED', at: 'main.tf:3', construct: 'local.nope' },
      { code: 'SB_TERRAFORM_REFERENCE_UNRESOLVED', at: 'main.tf:4', construct: 'genesyscloud_flow' },
      { code: 'SB_TERRAFORM_REFERENCE_UNRESOLVED', at: 'main.tf:5', construct: expect.stringContaining('.y') },
    ]);
  });

  it('a resource declared twice; a .tf.json or override file is a warning, not read', () => {
    const p = load({
      'a.tf': 'resource "genesyscloud_group" "g" {\n  name = "A"\n}\n',
      'b.tf': '\nresource "genesyscloud_group" "g" {\n  name = "B"\n}\n',
      'x.tf.json': '{}',
      'c_override.tf': 'resource "genesyscloud_group" "g" {\n  name = "C"\n}\n',
    });
    expect(p.diagnostics.map((d) => [d.severity, d.code, `${d.file}:${d.line}`, d.message])).toEqual([
      [
        'error',
        'SB_TERRAFORM_EVALUATION',
        'b.tf:2',
        'Duplicate resource block: genesyscloud_group.g was already declared at a.tf:1',
      ],
      [
        'warning',
        'SB_TERRAFORM_UNSUPPORTED',
        'c_override.tf:1',
        'Not read: override files are not merged; the project is read without it',
      ],
      [
        'warning',
        'SB_TERRAFORM_UNSUPPORTED',
        'x.tf.json:1',
        'Not read: Terraform JSON syntax (.tf.json) is not read; the project is read without it',
      ],
    ]);
    expect(p.resources.map((r) => r.attributes.name)).toEqual(['A']);
  });

  it('a templatefile template that does not parse, or refers to a variable it is not given', () => {
    const p = load({
      'main.tf':
        'locals {\n  a = templatefile("${path.module}/bad.tpl", {})\n  b = templatefile("${path.module}/ok.tpl", { x = 1 })\n}\n',
      'bad.tpl': 'Hi ${oops\n',
      'ok.tpl': '${x} ${y}',
    });
    expect(errors(p)).toEqual([
      { code: 'SB_TERRAFORM_SYNTAX', at: 'main.tf:2', construct: 'function "templatefile"' },
      { code: 'SB_TERRAFORM_REFERENCE_UNRESOLVED', at: 'main.tf:3', construct: 'y' },
    ]);
  });

  it('an argument at the top level, and a block type Terraform does not know', () => {
    const p = load({ 'main.tf': 'name = "x"\n\nresouce "genesyscloud_group" "g" {\n  name = "G"\n}\n' });
    expect(errors(p)).toEqual([
      { code: 'SB_TERRAFORM_SYNTAX', at: 'main.tf:1', construct: 'name' },
      { code: 'SB_TERRAFORM_SYNTAX', at: 'main.tf:3', construct: 'resouce' },
    ]);
  });

  it('count and for_each on one block', () => {
    const p = load({
      'main.tf':
        'resource "genesyscloud_group" "g" {\n  count    = 1\n  for_each = toset(["a"])\n  name     = "G"\n}\n',
    });
    expect(errors(p)).toEqual([
      { code: 'SB_TERRAFORM_EVALUATION', at: 'main.tf:2', construct: 'genesyscloud_group.g count' },
    ]);
  });

  it('a syntax error', () => {
    const p = load({ 'main.tf': 'resource "a" "b" {\n  name = \n}\n' });
    expect(errors(p)[0]).toMatchObject({ code: 'SB_TERRAFORM_SYNTAX', at: expect.stringMatching(/^main\.tf:[23]$/) });
  });

  it('an unknown value in a trigger field is an error, never carried into the trigger', () => {
    const p = load({
      'main.tf':
        'data "genesyscloud_flow" "f" {\n  name = "x"\n}\nresource "genesyscloud_processautomation_trigger" "t" {\n  name       = "T ${data.genesyscloud_flow.f.name}"\n  topic_name = "v2.detail.events.conversation.{id}.user.start"\n  target {\n    id   = data.genesyscloud_flow.f.id\n    type = "Workflow"\n  }\n}\n',
    });
    expect(errors(p).map((e) => e.construct)).toEqual([
      'genesyscloud_processautomation_trigger.t.name',
      'genesyscloud_processautomation_trigger.t.target.id',
    ]);
    expect(JSON.stringify(p.triggers[0]?.attributes)).not.toContain('${');
    expect(p.triggers[0]?.problems).toEqual(['target.id is not known (it depends on a value known only after apply)']);
  });

  it('assertLoaded throws SB_TERRAFORM_PROJECT_INVALID listing each error with file:line; a folder without .tf files is refused', () => {
    const p = load({ 'main.tf': 'locals {\n  t = timestamp()\n}\n' });
    let thrown: unknown;
    try {
      assertLoaded(p);
    } catch (e) {
      thrown = e;
    }
    expect(isSwitchboardError(thrown) && thrown.code).toBe('SB_TERRAFORM_PROJECT_INVALID');
    expect((thrown as Error).message).toContain(
      'main.tf:2: [SB_TERRAFORM_UNSUPPORTED] Call to unsupported function "timestamp"',
    );
    expect(() => loadTerraformProjectSync(folder({ 'README.md': 'x' }))).toThrow(/must hold \.tf files/);
  });
});
