/**
 * @module
 * The names an expression in a module instance refers to, resolved as Terraform resolves them:
 * `var.*`, `local.*`, `path.*`, `terraform.workspace`, `module.*` (a module's outputs, or stand-ins
 * for a remote module that is not installed), `data.*` and resources, each instance by its
 * `count`/`for_each` keys. An undeclared name is a reference error naming what is missing.
 */
import { evaluate } from './expressions.ts';
import { fail } from './eval-context.ts';
import type { EvalContext } from './eval-context.ts';
import { integrationModuleType } from './integration-modules.ts';
import { META } from './module-bodies.ts';
import type { ModuleInstance } from './module.ts';
import type { ResourceDecl } from './module-types.ts';
import type { Node } from './parser.ts';
import { syntheticId } from './synthetic-ids.ts';
import { LazyObject, Unknown } from './values.ts';
import type { TfValue } from './values.ts';

/**
 * The value of a root name (`var`, `local`, `path`, `module`, `data`, a resource type…) referenced
 * from module `m`; an undeclared one throws a reference error.
 */
export function resolveRoot(m: ModuleInstance, name: string, node: Node, ctx: EvalContext): TfValue {
  switch (name) {
    case 'var':
      return checkedNamespace(m, m.vars, 'var', 'input variable', node, ctx);
    case 'local':
      return checkedNamespace(m, m.locals, 'local', 'local value', node, ctx);
    case 'path':
      return { module: m.relativeDir, root: '.', cwd: m.host.root };
    case 'terraform':
      return { workspace: 'default' };
    case 'module':
      return new LazyObject(
        () => [...m.calls.keys()],
        (n) => (m.calls.has(n) ? m.guard(`module.${n}`, () => moduleValue(m, n)) : undefined),
      );
    case 'data':
      return namespace(m, 'data', m.data, node, ctx);
    case 'count':
    case 'each':
      throw fail(
        ctx,
        node,
        'SB_TERRAFORM_REFERENCE_UNRESOLVED',
        name,
        `Reference to "${name}" in a context without ${name === 'count' ? 'count' : 'for_each'}`,
      );
    case 'self':
      throw fail(
        ctx,
        node,
        'SB_TERRAFORM_UNSUPPORTED',
        'self',
        'Unsupported reference: self (provisioners and connections are not evaluated)',
      );
    default: {
      const types = [...m.resources.values()].filter((r) => r.type === name);
      if (types.length === 0)
        throw fail(
          ctx,
          node,
          'SB_TERRAFORM_REFERENCE_UNRESOLVED',
          name,
          `Reference to undeclared resource or unknown name "${name}"`,
        );
      return namespace(m, name, m.resources, node, ctx);
    }
  }
}

function checkedNamespace(
  m: ModuleInstance,
  ns: LazyObject,
  root: string,
  kind: string,
  node: Node,
  ctx: EvalContext,
): LazyObject {
  return new LazyObject(
    () => ns.keys(),
    (k) => {
      const v = ns.get(k);
      if (v === undefined)
        throw fail(
          ctx,
          node,
          'SB_TERRAFORM_REFERENCE_UNRESOLVED',
          `${root}.${k}`,
          `Reference to undeclared ${kind}: ${root}.${k} is not declared in ${m.prefix ? m.prefix.slice(0, -1) : 'the root module'}`,
        );
      return v;
    },
  );
}

function namespace(
  m: ModuleInstance,
  root: string,
  decls: ReadonlyMap<string, ResourceDecl>,
  node: Node,
  ctx: EvalContext,
): LazyObject {
  if (root === 'data') {
    const types = [...new Set([...decls.values()].map((d) => d.type))];
    return new LazyObject(
      () => types,
      (type) => {
        if (!types.includes(type))
          throw fail(
            ctx,
            node,
            'SB_TERRAFORM_REFERENCE_UNRESOLVED',
            `data.${type}`,
            `Reference to undeclared data source type data.${type}`,
          );
        return namespace(m, `data.${type}`, new Map([...decls].filter(([, d]) => d.type === type)), node, ctx);
      },
    );
  }
  const type = root.startsWith('data.') ? root.slice(5) : root;
  return new LazyObject(
    () => [...decls.values()].filter((d) => d.type === type).map((d) => d.name),
    (n) => {
      const decl = decls.get(`${type}.${n}`);
      if (!decl)
        throw fail(
          ctx,
          node,
          'SB_TERRAFORM_REFERENCE_UNRESOLVED',
          `${root}.${n}`,
          `Reference to undeclared resource: ${root}.${n} is not declared in ${m.prefix ? m.prefix.slice(0, -1) : 'the root module'}`,
        );
      return m.guard(`${root}.${n}`, () => declValue(m, decl));
    },
  );
}

function declValue(m: ModuleInstance, decl: ResourceDecl): TfValue {
  const what = `${decl.mode === 'data' ? 'data.' : ''}${decl.type}.${decl.name}`;
  const inst = m.instanceKeys(decl.block.body, decl.file, what);
  if (inst instanceof Unknown) return inst;
  if (inst.keys === undefined) return m.instance(decl, undefined, undefined);
  if (decl.block.body.attributes.has('count')) return inst.keys.map((k) => m.instance(decl, k, undefined));
  return Object.fromEntries(inst.keys.map((k) => [k, m.instance(decl, k, inst.each.get(String(k)))]));
}

/** The value of `module.<name>`: its outputs (a list or map of them with count/for_each). */
function moduleValue(m: ModuleInstance, name: string): TfValue {
  const child = m.child(name);
  if (child instanceof Unknown) {
    const call = m.calls.get(name)!;
    const source = call.block.body.attributes.get('source')?.expr.text ?? '';
    if (/^"\.\.?\//.test(source.trim())) return child;
    // A remote module not installed: an output named like one of its inputs passes that input
    // through; a known integration module's integration_id stands for the integration it creates.
    const integration = integrationModuleType(source.trim().replace(/^"|"$/g, '')) !== undefined;
    return new LazyObject(
      () => [],
      (out) => {
        const input = call.block.body.attributes.get(out);
        if (input && !META.has(out)) return evaluate(m.context(call.file), input.expr);
        if (integration && out === 'integration_id') return syntheticId(`${m.prefix}module.${name}`, 'integration_id');
        return new Unknown(`module.${name}.${out} (the module is not installed)`);
      },
    );
  }
  if (child instanceof Map) return Object.fromEntries([...child].map(([k, m]) => [k, m.outputs]));
  return child.outputs;
}
