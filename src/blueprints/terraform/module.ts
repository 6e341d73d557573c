/**
 * @module
 * One module instance of a Terraform project, evaluated the way Terraform plans it: variables
 * (given by the caller or the parent module call), locals, resources and data sources with
 * `count`/`for_each`, module calls (local folders, installed remote modules), outputs.
 * Everything is evaluated on first reference, so dependency order is the references' order and
 * a cycle is reported with its members.
 */
import { relative, sep } from 'node:path';
import { TfEvalError } from './errors.ts';
import { evaluate } from './expressions.ts';
import { fail } from './eval-context.ts';
import type { EvalContext } from './eval-context.ts';
import { callFunction } from './functions.ts';
import { META, evaluateBlocks, evaluateBody } from './module-bodies.ts';
import { makeChildModule } from './module-calls.ts';
import { resolveRoot } from './module-references.ts';
import { variableValue } from './module-variables.ts';
import { standIn } from './stand-ins.ts';
import { syntheticId } from './synthetic-ids.ts';
import { declarationsOf, instanceKeysOf } from './module-declarations.ts';
import type { InstanceKeys } from './module-declarations.ts';
import type { ProjectHost, ResourceDecl } from './module-types.ts';
import type { HclAttribute, HclBlock, HclBody, HclFile } from './parser.ts';
import { LazyObject, Unknown, materialize, through } from './values.ts';
import type { TfObject, TfValue } from './values.ts';

export type { DataRequest, ProjectHost, ResourceDecl, ResourceInstance } from './module-types.ts';
export { syntheticId } from './synthetic-ids.ts';

/** A module instance: the root, or one created by a `module` block. */
export class ModuleInstance {
  readonly resources: Map<string, ResourceDecl>;
  readonly data: Map<string, ResourceDecl>;
  readonly calls: Map<string, { block: HclBlock; file: string }>;
  readonly variables: Map<string, { block: HclBlock; file: string }>;
  readonly localDefs: Map<string, { attr: HclAttribute; file: string }>;
  readonly outputDefs: Map<string, { block: HclBlock; file: string }>;
  readonly children = new Map<string, ModuleInstance | Unknown | Map<string, ModuleInstance>>();
  private readonly inProgress: string[] = [];
  private readonly instanceCache = new Map<string, TfValue>();
  readonly vars: LazyObject;
  readonly locals: LazyObject;
  readonly outputs: LazyObject;

  /**
   * @param path the module path (`[]` for the root, `['flow']` for `module.flow`)
   * @param inputs a variable's given value (evaluated lazily), or undefined when not given
   */
  constructor(
    readonly host: ProjectHost,
    readonly dir: string,
    readonly path: readonly string[],
    readonly files: readonly HclFile[],
    private readonly inputs: (name: string) => { value: TfValue } | undefined,
    private readonly variableRequired: (name: string, decl: { block: HclBlock; file: string }) => TfValue,
  ) {
    const decls = declarationsOf(host, files, this.prefix);
    this.resources = decls.resources;
    this.data = decls.data;
    this.calls = decls.calls;
    this.variables = decls.variables;
    this.localDefs = decls.localDefs;
    this.outputDefs = decls.outputDefs;
    this.vars = new LazyObject(
      () => [...this.variables.keys()],
      (name) =>
        this.variables.has(name)
          ? this.guard(`var.${name}`, () => {
              const v = this.variable(name);
              return this.prefix ? through(`${this.prefix}var.${name}`, v) : v;
            })
          : undefined,
    );
    this.locals = new LazyObject(
      () => [...this.localDefs.keys()],
      (name) => {
        const def = this.localDefs.get(name);
        return def
          ? this.guard(`local.${name}`, () =>
              through(`${this.prefix}local.${name}`, evaluate(this.context(def.file), def.attr.expr)),
            )
          : undefined;
      },
    );
    this.outputs = new LazyObject(
      () => [...this.outputDefs.keys()],
      (name) => {
        const def = this.outputDefs.get(name);
        const value = def?.block.body.attributes.get('value');
        if (!def) return undefined;
        if (!value) return null;
        const label = this.prefix ? `${this.prefix.slice(0, -1)}.${name}` : `output.${name}`;
        return this.guard(`output.${name}`, () => through(label, evaluate(this.context(def.file), value.expr)));
      },
    );
  }

  /** `module.a.module.b.` prefix of addresses in this instance. */
  get prefix(): string {
    return this.path.map((p) => `module.${p}.`).join('');
  }

  /** The module's folder relative to the root, as Terraform's path.module gives it. */
  get relativeDir(): string {
    const r = relative(this.host.root, this.dir).split(sep).join('/');
    return r === '' ? '.' : r;
  }

  /** Compute the value named `key`; a reference back to `key` while it is computed is an `SB_TERRAFORM_CYCLE` error. */
  guard(key: string, compute: () => TfValue, where?: { file: string; line: number }): TfValue {
    const at = this.inProgress.indexOf(key);
    if (at >= 0) {
      const cycle = [...this.inProgress.slice(at), key].map((k) => `${this.prefix}${k}`);
      const def = key.startsWith('local.') ? this.localDefs.get(key.slice(6)) : undefined;
      const file = where?.file ?? def?.file ?? this.files[0]?.file ?? this.dir;
      throw new TfEvalError(
        'SB_TERRAFORM_CYCLE',
        `Cycle: ${cycle.join(' → ')}`,
        this.host.display(file),
        where?.line ?? def?.attr.line ?? 1,
        `${this.prefix}${key}`,
      );
    }
    this.inProgress.push(key);
    try {
      return compute();
    } finally {
      this.inProgress.pop();
    }
  }

  private variable(name: string): TfValue {
    const decl = this.variables.get(name)!;
    return variableValue(this, name, decl, this.inputs(name), () => this.variableRequired(name, decl));
  }

  /** The evaluation context of an expression in one file of this module, with extra names (count, each, dynamic iterators). */
  context(file: string, names: Record<string, TfValue> = {}): EvalContext {
    const display = this.host.display(file);
    const ctx: EvalContext = {
      file: display,
      resolve: (name, node) => {
        if (Object.hasOwn(names, name)) return names[name]!;
        return resolveRoot(this, name, node, ctx);
      },
      call: (name, args, node) => {
        const host = {
          root: this.host.root,
          renderTemplate: (text: string, path: string, vars: TfObject) =>
            this.host.renderTemplate(text, path, vars, node, display),
          fail: (message: string): never => {
            throw fail(ctx, node, 'SB_TERRAFORM_EVALUATION', `function "${name}"`, message);
          },
          read: (f: string) => this.host.read(f),
        };
        const v = callFunction(name, args, host);
        if (v === undefined)
          throw fail(
            ctx,
            node,
            'SB_TERRAFORM_UNSUPPORTED',
            `function "${name}"`,
            `Call to unsupported function "${name}": Switchboard does not evaluate it (docs/terraform.md lists the functions it does)`,
          );
        return v;
      },
    };
    return ctx;
  }

  /** The instance keys of a resource or module block: undefined (single), numbers (count) or strings (for_each). */
  instanceKeys(body: HclBody, file: string, what: string): InstanceKeys | Unknown {
    return instanceKeysOf(this.context(file), body, what);
  }

  /** The address of an instance. */
  address(decl: ResourceDecl, key: string | number | undefined): string {
    const base = `${this.prefix}${decl.mode === 'data' ? 'data.' : ''}${decl.type}.${decl.name}`;
    return key === undefined ? base : typeof key === 'number' ? `${base}[${key}]` : `${base}[${JSON.stringify(key)}]`;
  }

  /** The names `count`/`each` hold inside an instance. */
  instanceNames(key: string | number | undefined, eachValue: TfValue | undefined): Record<string, TfValue> {
    if (typeof key === 'number') return { count: { index: key } };
    if (typeof key === 'string') return { each: { key, value: eachValue ?? key } };
    return {};
  }

  /** The value of one instance: a lazy object of its attributes (managed), or the resolved data source. */
  instance(decl: ResourceDecl, key: string | number | undefined, eachValue: TfValue | undefined): TfValue {
    const address = this.address(decl, key);
    if (this.instanceCache.has(address)) return this.instanceCache.get(address)!;
    let value: TfValue;
    if (decl.mode === 'data') {
      const attrs = materialize(this.evaluateBody(decl.block.body, decl.file, this.instanceNames(key, eachValue)));
      value = this.host.resolveData({
        type: decl.type,
        name: decl.name,
        address,
        attributes: (attrs ?? {}) as Record<string, unknown>,
      });
    } else {
      const body = decl.block.body;
      const names = this.instanceNames(key, eachValue);
      const attrNames = [...body.attributes.keys()].filter((k) => !META.has(k));
      const blockNames = [
        ...new Set(
          body.blocks
            .filter((b) => !META.has(b.type))
            .map((b) => (b.type === 'dynamic' ? (b.labels[0] ?? '') : b.type)),
        ),
      ];
      let blocks: TfObject | undefined;
      const attribute = (attr: string): TfValue => {
        if (attrNames.includes(attr)) {
          const a = body.attributes.get(attr)!;
          return this.guard(
            `${address.slice(this.prefix.length)}.${attr}`,
            () => evaluate(this.context(decl.file, names), a.expr),
            { file: decl.file, line: a.line },
          );
        }
        if (blockNames.includes(attr)) {
          blocks ??= evaluateBlocks(this, body, decl.file, names);
          const b = blocks[attr];
          return Array.isArray(b) ? b : b === undefined ? [] : [b];
        }
        // Computed by the provider after apply: ids are synthetic and stable, so references link.
        if (attr === 'id' || attr.endsWith('_id')) return syntheticId(address, attr);
        // Another provider's resource is not created here, and what is read of it but not set
        // (an ARN, an endpoint) is what its provider computes: known only after apply.
        if (!decl.type.startsWith('genesyscloud_'))
          return (
            standIn(decl.type, attr, attribute) ??
            new Unknown(`${address.slice(this.prefix.length)}.${attr} (computed by another provider)`)
          );
        return null;
      };
      value = new LazyObject(() => [...new Set(['id', ...attrNames, ...blockNames])], attribute);
    }
    this.instanceCache.set(address, value);
    return value;
  }

  /** Evaluate the arguments and nested blocks of a body (meta-arguments left out). */
  evaluateBody(body: HclBody, file: string, names: Record<string, TfValue>): TfObject {
    return evaluateBody(this, body, file, names);
  }

  /** The child module instance of a module block (created once). */
  child(name: string): ModuleInstance | Unknown | Map<string, ModuleInstance> {
    const existing = this.children.get(name);
    if (existing) return existing;
    const call = this.calls.get(name)!;
    const made = makeChildModule(this, name, call, (...args) => new ModuleInstance(this.host, ...args));
    this.children.set(name, made);
    return made;
  }
}
