/**
 * @module
 * The module tree of a loaded project walked the way `terraform plan` does: every resource
 * instance evaluated (locals, data sources and nested module outputs with it), every module call
 * recorded, and a data source's declaration found by its address. An evaluation problem is a
 * diagnostic and the walk goes on.
 */
import { TfEvalError } from './errors.ts';
import { evaluate } from './expressions.ts';
import { diagnostic } from './host.ts';
import type { Loader } from './host.ts';
import { ModuleInstance } from './module.ts';
import type { ResourceDecl, ResourceInstance } from './module.ts';
import { LazyObject, Unknown, materialize } from './values.ts';
import type { TfObject } from './values.ts';

/** A `module` block of the project. */
export interface TfModuleCall {
  /** `module.flow` (nested: `module.a.module.b`). */
  readonly address: string;
  readonly source: string;
  /** Its block, relative to the root, and line. */
  readonly file: string;
  readonly line: number;
  /** The folder it was read from (absolute); undefined when it is not available. */
  readonly dir: string | undefined;
  /** The arguments it passes, evaluated (unknown ones left out). */
  readonly inputs: Readonly<Record<string, unknown>>;
}

/**
 * Evaluate every resource instance of module `m` and its children into `out`, and record every
 * module call into `calls`.
 */
export function collectInstances(
  loader: Loader,
  m: ModuleInstance,
  out: ResourceInstance[],
  calls: TfModuleCall[],
  depth = 0,
): void {
  if (depth > 16) return;
  const guard = (f: () => void): void => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof TfEvalError)) throw e;
      loader.report(diagnostic(e));
    }
  };
  for (const name of m.localDefs.keys()) guard(() => void materialize(m.locals.get(name) ?? null));
  const decls: ResourceDecl[] = [...m.data.values(), ...m.resources.values()];
  for (const decl of decls) {
    guard(() => {
      const inst = m.instanceKeys(decl.block.body, decl.file, m.address(decl, undefined));
      if (inst instanceof Unknown)
        throw new TfEvalError(
          'SB_TERRAFORM_UNKNOWN_VALUE',
          `The count or for_each of ${m.address(decl, undefined)} is not known: ${inst.reason}`,
          loader.display(decl.file),
          decl.block.line,
          m.address(decl, undefined),
        );
      for (const key of inst.keys ?? [undefined]) {
        guard(() => {
          if (decl.mode === 'data') return;
          const names = m.instanceNames(key, inst.each.get(String(key)));
          const address = m.address(decl, key);
          const value = m.evaluateBody(decl.block.body, decl.file, names);
          const self = m.instance(decl, key, inst.each.get(String(key)));
          const idValue = self instanceof LazyObject ? self.get('id') : undefined;
          out.push({
            decl,
            address,
            key,
            id: typeof idValue === 'string' ? idValue : '',
            attributes: materialize(value) as TfObject,
            module: m,
          });
        });
      }
      if (decl.mode === 'data')
        for (const key of inst.keys ?? [undefined])
          guard(() => void materialize(m.instance(decl, key, inst.each.get(String(key)))));
    });
  }
  for (const [name, call] of m.calls) {
    guard(() => {
      const child = m.child(name);
      const inputs: Record<string, unknown> = {};
      // With count/for_each, the arguments of the first instance.
      const inst = m.instanceKeys(call.block.body, call.file, `module.${name}`);
      const first = inst instanceof Unknown ? undefined : inst.keys?.[0];
      const names = inst instanceof Unknown ? {} : m.instanceNames(first, inst.each.get(String(first)));
      for (const [k, attr] of call.block.body.attributes) {
        if (
          k === 'source' ||
          k === 'version' ||
          k === 'depends_on' ||
          k === 'count' ||
          k === 'for_each' ||
          k === 'providers'
        )
          continue;
        guard(() => {
          const v = materialize(evaluate(m.context(call.file, names), attr.expr));
          if (!(v instanceof Unknown)) inputs[k] = v;
        });
      }
      const sourceAttr = call.block.body.attributes.get('source');
      const firstChild = child instanceof Map ? [...child.values()][0] : child;
      calls.push({
        address: `${m.prefix}module.${name}`,
        source: sourceAttr ? String(materialize(evaluate(m.context(call.file), sourceAttr.expr))) : '',
        file: loader.display(call.file),
        line: call.block.line,
        dir: firstChild instanceof ModuleInstance ? firstChild.dir : undefined,
        inputs,
      });
      if (child instanceof ModuleInstance) collectInstances(loader, child, out, calls, depth + 1);
      else if (child instanceof Map) for (const c of child.values()) collectInstances(loader, c, out, calls, depth + 1);
    });
  }
  if (depth > 0) for (const name of m.outputDefs.keys()) guard(() => void materialize(m.outputs.get(name) ?? null));
}

/** The declaration of the data source at `address` (an instance key allowed), in `m` or its children. */
export function findDataDecl(m: ModuleInstance, address: string): ResourceDecl | undefined {
  for (const d of m.data.values()) if (m.address(d, undefined) === address.replace(/\[[^\]]*\]$/, '')) return d;
  for (const c of m.children.values()) {
    const list = c instanceof ModuleInstance ? [c] : c instanceof Map ? [...c.values()] : [];
    for (const x of list) {
      const d = findDataDecl(x, address);
      if (d) return d;
    }
  }
  return undefined;
}
