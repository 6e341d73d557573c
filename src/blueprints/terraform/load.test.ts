// Variables, locals, modules, count and for_each of a Terraform project, on small projects written to a
// temporary folder.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraformProjectSync } from './load.ts';
import { errors, folder, load, outputs } from './terraform.test-util.ts';

describe('variables', () => {
  const VARS = `
variable "a" { default = "default" }
variable "n" { type = number }
variable "l" { type = list(string) }
output "a" { value = var.a }
output "n" { value = var.n }
output "l" { value = var.l }
`;

  it('takes defaults < TF_VAR_ < terraform.tfvars < *.auto.tfvars (in name order) < var files < --var, converting to the declared type', () => {
    const dir = folder({
      'main.tf': VARS,
      'terraform.tfvars': 'a = "tfvars"\nn = 1\n',
      'b.auto.tfvars': 'a = "b.auto"\n',
      'a.auto.tfvars': 'a = "a.auto"\nn = "2"\n',
      'extra.tfvars': 'l = ["from", "file"]\n',
    });
    const env = { TF_VAR_a: 'env', TF_VAR_l: '["env"]' };
    expect(loadTerraformProjectSync(dir, { env }).outputs).toEqual({ a: 'b.auto', n: 2, l: ['env'] });
    expect(loadTerraformProjectSync(dir, { env, varFiles: [join(dir, 'extra.tfvars')] }).outputs).toEqual({
      a: 'b.auto',
      n: 2,
      l: ['from', 'file'],
    });
    expect(
      loadTerraformProjectSync(dir, {
        env,
        varFiles: [join(dir, 'extra.tfvars')],
        vars: { a: 'cli', n: '3', l: '["x"]' },
      }).outputs,
    ).toEqual({ a: 'cli', n: 3, l: ['x'] });
    const onlyEnv = folder({ 'main.tf': VARS });
    expect(loadTerraformProjectSync(onlyEnv, { env: { TF_VAR_n: '7', TF_VAR_l: '[]' } }).outputs).toEqual({
      a: 'default',
      n: 7,
      l: [],
    });
  });

  it('reports a required variable without a value as terraform plan does, naming the variable and its file:line', () => {
    const p = load({
      'variables.tf': '\nvariable "client_id" {\n  type = string\n}\n',
      'main.tf': 'output "x" { value = "id=${var.client_id}" }\n',
    });
    expect(p.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'SB_TERRAFORM_VARIABLE_REQUIRED',
        file: 'variables.tf',
        line: 2,
        construct: 'var.client_id',
        message:
          'No value for required variable: the root module input variable "client_id" is not set, and has no default value. Use a --var or --var-file command line argument to provide a value for this variable.',
      },
    ]);
    // Never a literal ${var.x}: the output is left out, not written with the reference.
    expect(p.outputs).toEqual({});
  });

  it('checks validation blocks, and gives a non-nullable variable its default for a null', () => {
    const tf =
      'variable "max" {\n  type    = number\n  default = 5\n  validation {\n    condition     = var.max > 0 && var.max <= 10\n    error_message = "max must be 1 to 10."\n  }\n}\nmodule "m" {\n  source = "./m"\n  label  = null\n}\noutput "max" { value = var.max }\noutput "label" { value = module.m.label }\n';
    const m = {
      'm/main.tf':
        'variable "label" {\n  default  = "fallback"\n  nullable = false\n}\noutput "label" { value = var.label }\n',
    };
    expect(load({ 'main.tf': tf, ...m }).outputs).toEqual({ max: 5, label: 'fallback' });
    const bad = load({ 'main.tf': tf, ...m }, { vars: { max: '11' } });
    expect(bad.diagnostics.map((d) => [d.code, `${d.file}:${d.line}`, d.message])).toEqual([
      ['SB_TERRAFORM_EVALUATION', 'main.tf:4', 'Invalid value for variable "max": max must be 1 to 10.'],
    ]);
  });

  it('refuses a value of the wrong type, an undeclared --var, and references in a tfvars file', () => {
    const p = load({ 'main.tf': VARS, 'terraform.tfvars': 'n = "many"\nl = [var.a]\n' }, { vars: { nope: '1' } });
    expect(errors(p)).toEqual([
      { code: 'SB_TERRAFORM_REFERENCE_UNRESOLVED', at: '--var:1', construct: 'var.nope' },
      { code: 'SB_TERRAFORM_EVALUATION', at: 'main.tf:3', construct: 'var.n' },
      // l's only value was refused, so it has none.
      { code: 'SB_TERRAFORM_VARIABLE_REQUIRED', at: 'main.tf:4', construct: 'var.l' },
      { code: 'SB_TERRAFORM_EVALUATION', at: 'terraform.tfvars:2', construct: 'var' },
    ]);
  });
});

describe('locals, modules, count and for_each', () => {
  it('evaluates locals in dependency order, whatever the order they are written in', () => {
    expect(
      outputs(
        'locals {\n  c = "${local.b}-c"\n}\nlocals {\n  b = "${local.a}-b"\n  a = "a"\n}\noutput "c" { value = local.c }\n',
      ),
    ).toEqual({ c: 'a-b-c' });
  });

  it("reports a cycle of locals with its members, at the local's line", () => {
    const p = load({ 'main.tf': 'locals {\n  a = local.b\n  b = "${local.a}"\n}\n' });
    expect(errors(p)).toContainEqual({ code: 'SB_TERRAFORM_CYCLE', at: 'main.tf:2', construct: 'local.a' });
    expect(p.diagnostics.find((d) => d.code === 'SB_TERRAFORM_CYCLE')?.message).toBe(
      'Cycle: local.a → local.b → local.a',
    );
  });

  it('reports a cycle between resources, a module calling itself, and an expression nested too deep, without crashing', () => {
    const p = load({
      'main.tf':
        'resource "genesyscloud_group" "a" {\n  name = genesyscloud_group.b.name\n}\nresource "genesyscloud_group" "b" {\n  name = genesyscloud_group.a.name\n}\n',
    });
    expect(p.diagnostics.find((d) => d.code === 'SB_TERRAFORM_CYCLE')).toMatchObject({
      file: 'main.tf',
      message: expect.stringMatching(
        /^Cycle: genesyscloud_group\.(a|b)\.name → genesyscloud_group\.(a|b)\.name → genesyscloud_group\.(a|b)\.name$/,
      ),
    });
    const self = load({ 'main.tf': 'module "me" {\n  source = "./"\n}\noutput "x" { value = module.me.x }\n' });
    expect(errors(self).map((e) => e.code)).toContain('SB_TERRAFORM_EVALUATION');
    const deep = load({ 'main.tf': `locals {\n  x = ${'('.repeat(2000)}1${')'.repeat(2000)}\n}\n` });
    expect(deep.diagnostics.map((d) => d.code)).toContain('SB_TERRAFORM_EVALUATION');
  });

  it('passes inputs to a local module and reads its outputs; resources inside get module addresses', () => {
    const p = load({
      'main.tf':
        'module "actions" {\n  source   = "./modules/actions"\n  category = "Cat"\n}\noutput "name" { value = module.actions.action_name }\noutput "id" { value = module.actions.action_id }\n',
      'modules/actions/main.tf':
        'variable "category" {}\nvariable "suffix" { default = "!" }\nresource "genesyscloud_integration_action" "a" {\n  name     = "Act${var.suffix}"\n  category = var.category\n}\noutput "action_name" { value = genesyscloud_integration_action.a.name }\noutput "action_id" { value = genesyscloud_integration_action.a.id }\n',
    });
    expect(p.diagnostics).toEqual([]);
    expect(p.actions.map((a) => [a.address, a.name, a.category, a.file, a.line])).toEqual([
      ['module.actions.genesyscloud_integration_action.a', 'Act!', 'Cat', 'modules/actions/main.tf', 3],
    ]);
    expect(p.outputs).toEqual({ name: 'Act!', id: p.actions[0]!.id });
    expect(p.modules).toEqual([
      {
        address: 'module.actions',
        source: './modules/actions',
        file: 'main.tf',
        line: 1,
        dir: join(p.dir, 'modules/actions'),
        inputs: { category: 'Cat' },
      },
    ]);
  });

  it('reports a module input the module requires but the call leaves out, and a local module folder that does not exist', () => {
    const p = load({
      'main.tf':
        'module "m" {\n  source = "./m"\n}\nmodule "gone" {\n  source = "./nowhere"\n}\noutput "x" { value = module.m.out }\n',
      'm/main.tf': 'variable "needed" {}\noutput "out" { value = var.needed }\n',
    });
    expect(errors(p)).toEqual([
      { code: 'SB_TERRAFORM_VARIABLE_REQUIRED', at: 'main.tf:1', construct: 'module.m.needed' },
      { code: 'SB_TERRAFORM_MODULE_UNAVAILABLE', at: 'main.tf:4', construct: 'module.gone' },
    ]);
  });

  it('reads a remote module from .terraform/modules or a folder given for its source; one not installed passes same-named inputs through', () => {
    const files = {
      'main.tf':
        'module "int" {\n  source           = "git::https://example.com/integration-module?ref=main"\n  integration_name = "Ints"\n}\noutput "name" { value = module.int.integration_name }\noutput "id" { value = module.int.integration_id }\n',
    };
    const module = {
      'main.tf':
        'variable "integration_name" {}\nresource "genesyscloud_integration" "i" {\n  integration_type = "purecloud-data-actions"\n  config {\n    name = var.integration_name\n  }\n}\noutput "integration_id" { value = genesyscloud_integration.i.id }\noutput "integration_name" { value = var.integration_name }\n',
    };
    const moduleDir = folder(module);
    const given = load(files, { modules: { 'git::https://example.com/integration-module?ref=main': moduleDir } });
    expect(given.diagnostics).toEqual([]);
    expect(given.integrations.map((i) => [i.address, i.name])).toEqual([
      ['module.int.genesyscloud_integration.i', 'Ints'],
    ]);
    expect(given.outputs).toEqual({ name: 'Ints', id: given.integrations[0]!.id });

    const installed = folder({
      ...files,
      '.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          { Key: 'int', Source: 'git::https://example.com/integration-module?ref=main', Dir: '.terraform/modules/int' },
        ],
      }),
      ...Object.fromEntries(Object.entries(module).map(([k, v]) => [`.terraform/modules/int/${k}`, v])),
    });
    expect(loadTerraformProjectSync(installed).integrations.map((i) => i.name)).toEqual(['Ints']);

    const missing = load(files);
    expect(missing.diagnostics.map((d) => [d.severity, d.code, `${d.file}:${d.line}`])).toEqual([
      ['warning', 'SB_TERRAFORM_MODULE_UNAVAILABLE', 'main.tf:1'],
    ]);
    expect(missing.outputs).toEqual({ name: 'Ints' });
  });

  it('nests modules, and expands for_each on a module block', () => {
    const p = load({
      'main.tf':
        'module "team" {\n  for_each = toset(["red", "blue"])\n  source   = "./team"\n  team     = each.key\n}\noutput "queues" { value = { for k, m in module.team : k => m.queue } }\n',
      'team/main.tf':
        'variable "team" {}\nmodule "queue" {\n  source = "../queue"\n  name   = "${var.team} queue"\n}\noutput "queue" { value = module.queue.name }\n',
      'queue/main.tf':
        'variable "name" {}\nresource "genesyscloud_routing_queue" "q" {\n  name = var.name\n}\noutput "name" { value = genesyscloud_routing_queue.q.name }\n',
    });
    expect(p.diagnostics).toEqual([]);
    expect(p.outputs).toEqual({ queues: { blue: 'blue queue', red: 'red queue' } });
    expect(p.resources.map((r) => r.address)).toEqual([
      'module.team["blue"].module.queue.genesyscloud_routing_queue.q',
      'module.team["red"].module.queue.genesyscloud_routing_queue.q',
    ]);
  });

  it('expands count and for_each (count.index, each.key, each.value), and dynamic blocks', () => {
    const p = load({
      'main.tf': `
locals { queues = { sales = "Sales", support = "Support" } }
resource "genesyscloud_routing_queue" "q" {
  for_each = local.queues
  name     = "\${each.value} (\${each.key})"
}
resource "genesyscloud_routing_wrapupcode" "w" {
  count = 2
  name  = "Code \${count.index}"
}
resource "genesyscloud_auth_role" "r" {
  name = "Role"
  dynamic "permission_policies" {
    for_each = toset(["a:b:c", "d:e:f"])
    content {
      domain     = split(":", permission_policies.value)[0]
      action_set = [split(":", permission_policies.value)[2]]
    }
  }
}
output "queue_ids" { value = [for k, q in genesyscloud_routing_queue.q : q.id] }
output "codes" { value = genesyscloud_routing_wrapupcode.w[*].name }
`,
    });
    expect(p.diagnostics).toEqual([]);
    expect(p.resources.map((r) => [r.address, r.attributes])).toEqual([
      ['genesyscloud_routing_queue.q["sales"]', { name: 'Sales (sales)' }],
      ['genesyscloud_routing_queue.q["support"]', { name: 'Support (support)' }],
      ['genesyscloud_routing_wrapupcode.w[0]', { name: 'Code 0' }],
      ['genesyscloud_routing_wrapupcode.w[1]', { name: 'Code 1' }],
      [
        'genesyscloud_auth_role.r',
        {
          name: 'Role',
          permission_policies: [
            { domain: 'a', action_set: ['c'] },
            { domain: 'd', action_set: ['f'] },
          ],
        },
      ],
    ]);
    expect(p.outputs.queue_ids).toEqual(p.resources.slice(0, 2).map((r) => r.id));
    expect(p.outputs.codes).toEqual(['Code 0', 'Code 1']);
  });
});
