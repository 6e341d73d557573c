/**
 * @module
 * A `module` block made into its child module instances: the source resolved (a local folder or
 * an installed remote module), `count`/`for_each` expanded, and each input evaluated lazily in the
 * parent. A module that is not available is reported and its outputs are unknown.
 */
import { resolve } from 'node:path';
import { TfEvalError } from './errors.ts';
import { evaluate } from './expressions.ts';
import type { ModuleInstance } from './module.ts';
import { META } from './module-bodies.ts';
import type { HclBlock } from './parser.ts';
import { Unknown, numberText } from './values.ts';
import type { TfValue } from './values.ts';

const MAX_MODULE_DEPTH = 16;

/** The arguments of a child module instance after the project host. */
type ChildArgs = ConstructorParameters<typeof ModuleInstance> extends [unknown, ...infer Rest] ? Rest : never;

/** The child module instance(s) of a module block; `create` makes one instance. */
export function makeChildModule(
  parent: ModuleInstance,
  name: string,
  call: { block: HclBlock; file: string },
  create: (...args: ChildArgs) => ModuleInstance,
): ModuleInstance | Unknown | Map<string, ModuleInstance> {
  const display = parent.host.display(call.file);
  const sourceAttr = call.block.body.attributes.get('source');
  const source = sourceAttr ? evaluate(parent.context(call.file), sourceAttr.expr) : undefined;
  if (typeof source !== 'string')
    throw new TfEvalError(
      'SB_TERRAFORM_EVALUATION',
      `module "${name}" needs a source string`,
      display,
      call.block.line,
      `module.${name}`,
    );
  const key = [...parent.path, name].join('.');
  if (parent.path.length >= MAX_MODULE_DEPTH)
    throw new TfEvalError(
      'SB_TERRAFORM_EVALUATION',
      `Modules nest more than ${MAX_MODULE_DEPTH} deep at module "${name}" (does a module call itself?)`,
      display,
      call.block.line,
      `module.${name}`,
    );
  const local = source.startsWith('./') || source.startsWith('../');
  const dir = local ? resolve(parent.dir, source) : parent.host.remoteModuleDir(source, key);
  const files = dir === undefined ? undefined : parent.host.moduleFiles(dir);
  if (files === undefined) {
    const why = local
      ? `the folder ${source} does not exist`
      : `the remote module ${source} is not installed (no .terraform/modules entry and no folder given for it)`;
    parent.host.report({
      severity: local ? 'error' : 'warning',
      code: 'SB_TERRAFORM_MODULE_UNAVAILABLE',
      file: display,
      line: call.block.line,
      construct: `module.${name}`,
      message: `Module not available: module "${name}": ${why}; its resources are not read and its outputs are unknown${local ? '' : ', except an output named like one of its inputs, taken as that input (the usual pass-through)'}`,
    });
    return new Unknown(`module.${name} is not available`);
  }
  const inst = parent.instanceKeys(call.block.body, call.file, `module.${name}`);
  if (inst instanceof Unknown) return inst;
  const make = (k: string | number | undefined, eachValue: TfValue | undefined): ModuleInstance => {
    const names = parent.instanceNames(k, eachValue);
    const path = [...parent.path, k === undefined ? name : `${name}[${typeof k === 'number' ? k : JSON.stringify(k)}]`];
    return create(
      dir!,
      path,
      files,
      (v) => {
        const attr = call.block.body.attributes.get(v);
        if (!attr || META.has(v)) return undefined;
        return { value: evaluate(parent.context(call.file, names), attr.expr) };
      },
      (v) => {
        throw new TfEvalError(
          'SB_TERRAFORM_VARIABLE_REQUIRED',
          `Missing required argument: the argument "${v}" is required by module "${name}", but no definition was found`,
          display,
          call.block.line,
          `module.${name}.${v}`,
        );
      },
    );
  };
  if (inst.keys === undefined) return make(undefined, undefined);
  return new Map(inst.keys.map((k) => [typeof k === 'number' ? numberText(k) : k, make(k, inst.each.get(String(k)))]));
}
