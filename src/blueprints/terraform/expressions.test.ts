// Terraform's expression language and built-in functions, evaluated on small projects.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { outputs } from './terraform.test-util.ts';

describe('expressions', () => {
  it('evaluates templates, escapes, directives with strip markers, and heredocs', () => {
    const out = outputs(`
locals {
  name  = "World"
  items = ["a", "b"]
}
output "interp" { value = "Hello \${local.name}!\\n\\t\\"q\\" \\u00e9" }
output "escaped" { value = "/api/v2/$\${input.id} and %%{ raw }" }
output "typed" { value = "\${length(local.items)}" }
output "if" { value = "%{ if local.name == "World" }yes%{ else }no%{ endif }" }
output "for" { value = "%{ for i, x in local.items ~}[\${i}:\${x}] %{~ endfor }" }
output "heredoc" {
  value = <<EOT
line \${local.name}
  kept $\${x}
EOT
}
output "flush" {
  value = <<-EOT
    one
      two
    EOT
}
`);
    expect(out).toEqual({
      interp: 'Hello World!\n\t"q" é',
      escaped: '/api/v2/${input.id} and %{ raw }',
      typed: 2,
      if: 'yes',
      for: '[0:a][1:b]',
      heredoc: 'line World\n  kept ${x}\n',
      flush: 'one\n  two\n',
    });
  });

  it('keeps text beyond ASCII intact around interpolations', () => {
    const out = outputs(
      '# ünïcödé 😀\nlocals {\n  n = "wörld"\n}\noutput "u" { value = "héllo 😀 ${local.n} ✓" }\noutput "h" {\n  value = <<-EOT\n    é ${local.n}\n      😀 x\n    EOT\n}\n',
    );
    expect(out).toEqual({ u: 'héllo 😀 wörld ✓', h: 'é wörld\n  😀 x\n' });
  });

  it('evaluates operators, conditionals, for expressions, splats and indexes', () => {
    const out = outputs(`
locals {
  users = [{ name = "ann", id = "1" }, { name = "bob", id = "2" }]
  m     = { b = 2, a = 1 }
}
output "arith" { value = 1 + 2 * 3 - 4 / 2 % 3 }
output "logic" { value = !false && (1 < 2 || false) && 2 >= 2 && "a" != "b" }
output "neg" { value = -local.m.a }
output "cond" { value = local.m.a > 1 ? "big" : "small" }
output "tuple_for" { value = [for u in local.users : upper(u.name) if u.id != "2"] }
output "object_for" { value = { for k, v in local.m : k => v * 10 } }
output "group" { value = { for u in concat(local.users, [{ name = "ann", id = "3" }]) : u.name => u.id... } }
output "splat" { value = local.users[*].id }
output "attr_splat" { value = local.users.*.name }
output "index" { value = local.users[1]["name"] }
output "keys" { value = { (local.users[0].name) = 1, "quoted" = 2, bare = 3 } }
output "expand" { value = max(local.m.a, [5, 7]...) }
`);
    expect(out).toEqual({
      arith: 5,
      logic: true,
      neg: -1,
      cond: 'small',
      tuple_for: ['ANN'],
      object_for: { a: 10, b: 20 },
      group: { ann: ['1', '3'], bob: ['2'] },
      splat: ['1', '2'],
      attr_splat: ['ann', 'bob'],
      index: 'bob',
      keys: { ann: 1, quoted: 2, bare: 3 },
      expand: 7,
    });
  });

  it("evaluates the functions blueprints use, with Terraform's semantics", () => {
    const out = outputs(
      `
locals { doc = jsondecode(file("\${path.module}/doc.json")) }
output "jsonencode" { value = jsonencode({ b = [1, true, null], a = "<&>" }) }
output "jsondecode" { value = local.doc.name }
output "templatefile" { value = templatefile("\${path.module}/t.tpl", { who = "ann", items = ["x", "y"] }) }
output "format" { value = format("%s has %d items (%05.1f) %q %v", "ann", 3, 2.5, "x", true) }
output "lookup" { value = [lookup({ a = 1 }, "a"), lookup({ a = 1 }, "b", "d")] }
output "merge" { value = merge({ a = 1, b = 1 }, { b = 2 }, null) }
output "replace" { value = [replace("a-b-c", "-", "+"), replace("a1b22", "/[0-9]+/", "#")] }
output "case" { value = [lower("AbC"), upper("AbC")] }
output "coalesce" { value = coalesce("", null, "x") }
output "conv" { value = [tostring(5), tonumber("2.5"), tolist(["a"]), toset(["b", "a", "b"]), tomap({ a = 1 })] }
output "collections" { value = [keys({ b = 1, a = 2 }), values({ b = 1, a = 2 }), length("héllo"), length([1, 2]), element(["a", "b"], 3), contains(["a"], "a"), flatten([[1, [2]], 3]), distinct([1, 1, 2])] }
output "strings" { value = [join(",", ["a", "b"]), split(",", "a,b"), trimspace("  x \\n")] }
output "base64" { value = [base64encode("héllo"), base64decode("aMOpbGxv")] }
output "sha256" { value = sha256("abc") }
output "filehash" { value = [filemd5("\${path.module}/doc.json"), filesha256("\${path.module}/doc.json")] }
output "path" { value = [path.module, path.root, abspath("x") == "\${path.cwd}/x"] }
output "try" { value = [try(local.doc.missing, "fallback"), try(local.doc.name, "no"), can(local.doc.missing), can(local.doc.name)] }
`,
      {},
      { 'doc.json': '{"name":"from file"}', 't.tpl': 'Hi ${who}:%{ for x in items } ${x}%{ endfor }\n' },
    );
    expect(out).toEqual({
      jsonencode: '{"a":"\\u003c\\u0026\\u003e","b":[1,true,null]}',
      jsondecode: 'from file',
      templatefile: 'Hi ann: x y\n',
      format: 'ann has 3 items (002.5) "x" true',
      lookup: [1, 'd'],
      merge: { a: 1, b: 2 },
      replace: ['a+b+c', 'a#b#'],
      case: ['abc', 'ABC'],
      coalesce: 'x',
      conv: ['5', 2.5, ['a'], ['a', 'b'], { a: 1 }],
      collections: [['a', 'b'], [2, 1], 5, 2, 'b', true, [1, 2, 3], [1, 2]],
      strings: ['a,b', ['a', 'b'], 'x'],
      base64: ['aMOpbGxv', 'héllo'],
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      filehash: [
        createHash('md5').update('{"name":"from file"}').digest('hex'),
        createHash('sha256').update('{"name":"from file"}').digest('hex'),
      ],
      path: ['.', '.', true],
      try: ['fallback', 'from file', false, true],
    });
  });
});
