/**
 * @module
 * Load a Terraform project folder as `terraform plan` reads it: every `.tf` file of the root
 * folder, the variables' values (defaults < `TF_VAR_*` < `terraform.tfvars` < `*.auto.tfvars` <
 * var files < `--var`), local and installed modules, `data` sources through a resolver port, then
 * every resource instance evaluated. Problems are diagnostics naming file:line and construct.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SwitchboardError, stripBom } from '../../core/index.ts';
import { TerraformErrors, TfEvalError } from './errors.ts';
import type { TfDiagnostic } from './errors.ts';
import { evaluate } from './expressions.ts';
import type { EvalContext } from './expressions.ts';
import { callFunction } from './functions.ts';
import { ModuleInstance } from './module.ts';
import type { DataRequest, ProjectHost, ResourceDecl, ResourceInstance } from './module.ts';
import { lineOf, parseHclFile } from './parser.ts';
import type { HclBlock, HclFile, Node } from './parser.ts';
import { buildModel } from './resources.ts';
import type { TerraformModel } from './resources.ts';
import { LazyObject, Unknown, fromJson, isObject, materialize } from './values.ts';
import type { TfObject, TfValue } from './values.ts';

/** The data-source port: look an object up by its arguments (usually `name`) in the target org. */
export type DataResolver = (request: DataRequest) => Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined>;

/** How to load a project. */
export interface TerraformLoadOptions {
  /** `--var name=value`, in order (later wins). */
  readonly vars?: Readonly<Record<string, string>>;
  /** `--var-file` paths (relative to the working directory), in order. */
  readonly varFiles?: readonly string[];
  /** The environment `TF_VAR_*` values come from; none when not given. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Resolves `data "genesyscloud_*"` sources; without it they are unknown (a warning each). */
  readonly resolveData?: DataResolver;
  /** Folders for remote module sources (`git::…`) not installed under `.terraform/modules`. */
  readonly modules?: Readonly<Record<string, string>>;
}

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

/** A loaded project: the model, and every problem found. */
export interface TerraformProject extends TerraformModel {
  /** The root folder, absolute. */
  readonly dir: string;
  readonly diagnostics: readonly TfDiagnostic[];
  readonly modules: readonly TfModuleCall[];
  /** Root module outputs that could be evaluated. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

const MAX_FILES = 2000;

function tfFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.tf') && statSync(join(dir, n)).isFile())
    .sort()
    .map((n) => join(dir, n));
}

/** Reads the terraform init record of installed modules. */
function installedModules(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const file = join(root, '.terraform', 'modules', 'modules.json');
  if (!existsSync(file)) return out;
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { Modules?: Array<{ Key?: string; Dir?: string }> };
    for (const m of doc.Modules ?? []) if (m.Key && m.Dir) out.set(m.Key, resolve(root, m.Dir));
  } catch {
    // A broken record is the same as none: the module then reports as not installed.
  }
  return out;
}

class Loader implements ProjectHost {
  readonly diagnostics: TfDiagnostic[] = [];
  private readonly seen = new Set<string>();
  private readonly parsed = new Map<string, readonly HclFile[] | undefined>();
  readonly dataCache = new Map<string, TfValue | Promise<void>>();
  private readonly installed: Map<string, string>;
  filesRead = 0;

  constructor(
    readonly root: string,
    private readonly options: TerraformLoadOptions,
    private readonly asyncMode: boolean,
  ) {
    this.installed = installedModules(root);
  }

  report(d: TfDiagnostic): void {
    const key = `${d.code}|${d.file}|${d.line}|${d.construct}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push(d);
  }

  display(file: string): string {
    const r = relative(this.root, file);
    return (r === '' ? file : r).split(sep).join('/');
  }

  /** Every syntax tree made, freed when the load is done. */
  readonly trees: HclFile[] = [];

  parseFile(file: string): HclFile {
    const text = stripBom(readFileSync(file, 'utf8'));
    const parsed = parseHclFile(file, text);
    this.trees.push(parsed);
    for (const e of parsed.errors) this.report({ severity: 'error', code: 'SB_TERRAFORM_SYNTAX', file: this.display(file), line: e.line, construct: 'syntax', message: e.message });
    return parsed;
  }

  moduleFiles(dir: string): readonly HclFile[] | undefined {
    if (this.parsed.has(dir)) return this.parsed.get(dir);
    let files: HclFile[] | undefined;
    if (existsSync(dir) && statSync(dir).isDirectory()) {
      const names = tfFiles(dir);
      for (const n of readdirSync(dir).filter((x) => x.endsWith('.tf.json') || /(^|_)override\.tf$/.test(x)).sort()) {
        this.report({ severity: 'warning', code: 'SB_TERRAFORM_UNSUPPORTED', file: this.display(join(dir, n)), line: 1, construct: n, message: `Not read: ${n.endsWith('.json') ? 'Terraform JSON syntax (.tf.json) is not read' : 'override files are not merged'}; the project is read without it` });
      }
      const read = names.filter((f) => !/(^|_)override\.tf$/.test(f.slice(f.lastIndexOf(sep) + 1)));
      this.filesRead += names.length;
      if (this.filesRead > MAX_FILES) throw new SwitchboardError(TerraformErrors.SB_TERRAFORM_PROJECT_INVALID, `a Terraform project may have at most ${MAX_FILES} .tf files; ${this.root} has more`, { details: { dir: this.root } });
      files = read.map((f) => this.parseFile(f));
    }
    this.parsed.set(dir, files);
    return files;
  }

  remoteModuleDir(source: string, key: string): string | undefined {
    const given = this.options.modules?.[source];
    if (given !== undefined) return resolve(given);
    return this.installed.get(key);
  }

  resolveData(req: DataRequest): TfValue {
    const cached = this.dataCache.get(req.address);
    if (cached !== undefined && !(cached instanceof Promise)) return cached;
    if (cached instanceof Promise) return new Unknown(`${req.address} (being resolved)`);
    const resolver = this.options.resolveData;
    if (!resolver) {
      const u = new Unknown(`${req.address} is not resolved (no org to look it up in)`);
      this.dataCache.set(req.address, u);
      return u;
    }
    const settle = (v: Record<string, unknown> | undefined): TfValue => {
      const value = v === undefined ? new Unknown(`${req.address} found nothing`) : fromJson(v);
      this.dataCache.set(req.address, value);
      return value;
    };
    let r: ReturnType<DataResolver>;
    try {
      r = resolver(req);
    } catch (e) {
      const u = new Unknown(`${req.address}: ${(e as Error).message}`);
      this.dataCache.set(req.address, u);
      return u;
    }
    if (r instanceof Promise) {
      if (!this.asyncMode) return settle(undefined);
      this.dataCache.set(
        req.address,
        r.then((v) => void settle(v), (e: unknown) => void this.dataCache.set(req.address, new Unknown(`${req.address}: ${(e as Error).message}`))),
      );
      return new Unknown(`${req.address} (being resolved)`);
    }
    return settle(r);
  }

  renderTemplate(text: string, file: string, vars: TfObject, node: Node, ctxFile: string): TfValue {
    let marker = 'SB_TEMPLATE';
    while (text.includes(marker)) marker += '_X';
    const trailing = text.endsWith('\n');
    const parsed = parseHclFile(file, `t = <<${marker}\n${text}${trailing ? '' : '\n'}${marker}\n`);
    const attr = parsed.body.attributes.get('t');
    const where = isAbsolute(file) ? this.display(file) : file;
    if (!attr || parsed.errors.length > 0) {
      parsed.dispose();
      throw new TfEvalError('SB_TERRAFORM_SYNTAX', `templatefile: ${where} is not a valid template (line ${(parsed.errors[0]?.line ?? 2) - 1})`, ctxFile, lineOf(node), 'function "templatefile"');
    }
    const ctx: EvalContext = {
      file: where,
      resolve: (name, n) => {
        if (Object.hasOwn(vars, name)) return vars[name]!;
        throw new TfEvalError('SB_TERRAFORM_REFERENCE_UNRESOLVED', `Invalid reference in template ${where}: "${name}" is not one of the variables given to templatefile (${Object.keys(vars).join(', ') || 'none'})`, ctxFile, lineOf(node), name);
        void n;
      },
      call: (name, args, n) => {
        const v = callFunction(name, args, { root: this.root, renderTemplate: (t, f, v2) => this.renderTemplate(t, f, v2, n, ctxFile), fail: (m) => {
          throw new TfEvalError('SB_TERRAFORM_EVALUATION', m, ctxFile, lineOf(node), `function "${name}"`);
        } });
        if (v === undefined) throw new TfEvalError('SB_TERRAFORM_UNSUPPORTED', `Call to unsupported function "${name}" in template ${where}`, ctxFile, lineOf(node), `function "${name}"`);
        return v;
      },
    };
    try {
      const v = materialize(evaluate(ctx, attr.expr));
      return !trailing && typeof v === 'string' ? v.replace(/\n$/, '') : v;
    } finally {
      parsed.dispose();
    }
  }
}

/** Evaluate a `.tfvars` file: attributes with literal values (no references). */
function tfvarsValues(loader: Loader, file: string): Map<string, { value: TfValue; line: number }> {
  const out = new Map<string, { value: TfValue; line: number }>();
  if (file.endsWith('.json')) {
    try {
      const doc: unknown = JSON.parse(stripBom(readFileSync(file, 'utf8')));
      if (isObject(fromJson(doc))) for (const [k, v] of Object.entries(doc as object)) out.set(k, { value: fromJson(v), line: 1 });
    } catch (e) {
      loader.report({ severity: 'error', code: 'SB_TERRAFORM_SYNTAX', file: loader.display(file), line: 1, construct: 'syntax', message: `a .tfvars.json file must be a JSON object: ${(e as Error).message}` });
    }
    return out;
  }
  const parsed = loader.parseFile(file);
  const display = loader.display(file);
  const ctx: EvalContext = {
    file: display,
    resolve: (name, node) => {
      throw new TfEvalError('SB_TERRAFORM_EVALUATION', `Variables not allowed: a variable definitions file holds literal values; "${name}" is a reference`, display, lineOf(node), name);
    },
    call: (name, _args, node) => {
      throw new TfEvalError('SB_TERRAFORM_EVALUATION', `Functions may not be called here: a variable definitions file holds literal values; ${name}() is a call`, display, lineOf(node), `function "${name}"`);
    },
  };
  for (const [name, attr] of parsed.body.attributes) {
    try {
      out.set(name, { value: evaluate(ctx, attr.expr), line: attr.line });
    } catch (e) {
      if (!(e instanceof TfEvalError)) throw e;
      loader.report(diagnostic(e));
    }
  }
  return out;
}

function diagnostic(e: TfEvalError): TfDiagnostic {
  return { severity: 'error', code: e.code, file: e.file, line: e.line, construct: e.construct, message: e.message };
}

const COMPLEX = /^\s*(list|map|set|object|tuple)\b/;

/** A raw `--var`/`TF_VAR_` string as the variable's type wants it: literal for primitives, HCL for collections. */
function rawValue(loader: Loader, text: string, decl: { block: HclBlock } | undefined, origin: string): TfValue {
  const type = decl?.block.body.attributes.get('type')?.expr.text ?? '';
  if (!COMPLEX.test(type)) return text;
  const parsed = parseHclFile(origin, `v = ${text}\n`);
  const attr = parsed.body.attributes.get('v');
  const bad = (why: string): never => {
    throw new TfEvalError('SB_TERRAFORM_EVALUATION', `Invalid value for input variable: ${origin}: ${why}`, origin, 1, origin);
  };
  try {
    if (!attr || parsed.errors.length > 0) return bad(`${JSON.stringify(text)} is not a valid HCL value for type ${type}`);
    return materialize(evaluate({ file: origin, resolve: (n) => bad(`"${n}" is a reference; give a literal value`), call: (n) => bad(`${n}() is a call; give a literal value`) }, attr.expr));
  } finally {
    parsed.dispose();
  }
}

function collectInstances(loader: Loader, m: ModuleInstance, out: ResourceInstance[], calls: TfModuleCall[], depth = 0): void {
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
      const inst = m.instanceKeys(decl.block.body, decl.file, decl.type);
      if (inst instanceof Unknown) throw new TfEvalError('SB_TERRAFORM_UNKNOWN_VALUE', `The count or for_each of ${m.address(decl, undefined)} is not known: ${inst.reason}`, loader.display(decl.file), decl.block.line, m.address(decl, undefined));
      for (const key of inst.keys ?? [undefined]) {
        guard(() => {
          if (decl.mode === 'data') return;
          const names = m.instanceNames(key, inst.each.get(String(key)));
          const address = m.address(decl, key);
          const value = m.evaluateBody(decl.block.body, decl.file, names);
          const self = m.instance(decl, key, inst.each.get(String(key)));
          const idValue = self instanceof LazyObject ? self.get('id') : undefined;
          out.push({ decl, address, key, id: typeof idValue === 'string' ? idValue : '', attributes: materialize(value) as TfObject, module: m });
        });
      }
      if (decl.mode === 'data') for (const key of inst.keys ?? [undefined]) guard(() => void materialize(m.instance(decl, key, inst.each.get(String(key)))));
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
        if (k === 'source' || k === 'version' || k === 'depends_on' || k === 'count' || k === 'for_each' || k === 'providers') continue;
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

function run(dir: string, options: TerraformLoadOptions, asyncMode: boolean, loader: Loader): TerraformProject {
  try {
    return evaluateProject(dir, options, asyncMode, loader);
  } finally {
    for (const f of loader.trees) f.dispose();
  }
}

function evaluateProject(dir: string, options: TerraformLoadOptions, asyncMode: boolean, loader: Loader): TerraformProject {
  const root = loader.root;
  const rootFiles = loader.moduleFiles(root) ?? [];
  if (rootFiles.length === 0) {
    throw new SwitchboardError(TerraformErrors.SB_TERRAFORM_PROJECT_INVALID, `a Terraform project folder must hold .tf files; ${dir} has none`, { details: { dir } });
  }
  // Variable values, lowest precedence first.
  const given = new Map<string, { value: TfValue; origin: string; line: number }>();
  const declared = new Map<string, { block: HclBlock; file: string }>();
  for (const f of rootFiles) for (const b of f.body.blocks) if (b.type === 'variable' && b.labels[0]) declared.set(b.labels[0], { block: b, file: f.file });
  const setRaw = (name: string, text: string, origin: string): void => {
    try {
      given.set(name, { value: rawValue(loader, text, declared.get(name), origin), origin, line: 1 });
    } catch (e) {
      if (!(e instanceof TfEvalError)) throw e;
      loader.report(diagnostic(e));
    }
  };
  for (const [k, v] of Object.entries(options.env ?? {})) if (k.startsWith('TF_VAR_') && v !== undefined && declared.has(k.slice(7))) setRaw(k.slice(7), v, `TF_VAR_${k.slice(7)}`);
  const autoFiles = readdirSync(root).filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)).sort();
  const files = [
    ...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => existsSync(join(root, n))).map((n) => join(root, n)),
    ...autoFiles.map((n) => join(root, n)),
    ...(options.varFiles ?? []).map((f) => resolve(f)),
  ];
  for (const file of files) {
    if (!existsSync(file)) {
      loader.report({ severity: 'error', code: 'SB_TERRAFORM_EVALUATION', file: loader.display(file), line: 1, construct: 'var-file', message: `Failed to read variables file: ${file} does not exist` });
      continue;
    }
    for (const [name, v] of tfvarsValues(loader, file)) {
      if (!declared.has(name)) loader.report({ severity: 'warning', code: 'SB_TERRAFORM_REFERENCE_UNRESOLVED', file: loader.display(file), line: v.line, construct: `var.${name}`, message: `Value for undeclared variable: the root module does not declare a variable named "${name}"` });
      else given.set(name, { ...v, origin: loader.display(file) });
    }
  }
  for (const [name, text] of Object.entries(options.vars ?? {})) {
    if (!declared.has(name)) loader.report({ severity: 'error', code: 'SB_TERRAFORM_REFERENCE_UNRESOLVED', file: '--var', line: 1, construct: `var.${name}`, message: `Value for undeclared variable: a variable named "${name}" was assigned on the command line, but the root module does not declare a variable of that name` });
    else setRaw(name, text, `--var ${name}`);
  }
  const rootModule = new ModuleInstance(
    loader,
    root,
    [],
    rootFiles,
    (name) => given.get(name),
    (name, decl) => {
      loader.report({
        severity: 'error',
        code: 'SB_TERRAFORM_VARIABLE_REQUIRED',
        file: loader.display(decl.file),
        line: decl.block.line,
        construct: `var.${name}`,
        message: `No value for required variable: the root module input variable "${name}" is not set, and has no default value. Use a --var or --var-file command line argument to provide a value for this variable.`,
      });
      return new Unknown(`var.${name} has no value`);
    },
  );
  const instances: ResourceInstance[] = [];
  const modules: TfModuleCall[] = [];
  collectInstances(loader, rootModule, instances, modules);
  const outputs: Record<string, unknown> = {};
  for (const name of rootModule.outputDefs.keys()) {
    try {
      const v = materialize(rootModule.outputs.get(name) ?? null);
      if (!(v instanceof Unknown)) outputs[name] = v;
    } catch (e) {
      if (!(e instanceof TfEvalError)) throw e;
      loader.report(diagnostic(e));
    }
  }
  void asyncMode;
  const data = [...loader.dataCache].flatMap(([address, v]) => (isObject(v as TfValue) ? [{ address, attributes: materialize(v as TfValue) as Record<string, unknown> }] : []));
  const model = buildModel(instances, { root, display: (f) => loader.display(f), report: (d) => loader.report(d) }, data);
  for (const [address, v] of loader.dataCache) {
    if (!(v instanceof Unknown)) continue;
    const decl = findDataDecl(rootModule, address);
    loader.report({
      severity: options.resolveData ? 'error' : 'warning',
      code: 'SB_TERRAFORM_DATA_UNRESOLVED',
      file: decl ? loader.display(decl.file) : '.',
      line: decl?.block.line ?? 1,
      construct: address,
      message: `Data source not resolved: ${v.reason}`,
    });
  }
  return { dir: root, ...model, modules, outputs, diagnostics: sortDiagnostics(loader.diagnostics) };
}

function findDataDecl(m: ModuleInstance, address: string): ResourceDecl | undefined {
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

function sortDiagnostics(d: TfDiagnostic[]): TfDiagnostic[] {
  return [...d].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.file.localeCompare(b.file) || a.line - b.line);
}

function rootOf(dir: string): string {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new SwitchboardError(TerraformErrors.SB_TERRAFORM_PROJECT_INVALID, `a Terraform project must be a readable folder; ${dir} is not one`, { details: { dir } });
  }
  return root;
}

/**
 * Load a Terraform project synchronously; a data resolver, if given, must answer synchronously.
 * @example
 * const p = loadTerraformProjectSync('solutions/callback-prioritization/terraform');
 * p.triggers[0]?.body.topicName // 'v2.detail.events.conversation.{id}.acd.start'
 */
export function loadTerraformProjectSync(dir: string, options: TerraformLoadOptions = {}): TerraformProject {
  return run(dir, options, false, new Loader(rootOf(dir), options, false));
}

/**
 * Load a Terraform project: variables, locals, modules, data sources (through
 * `options.resolveData`, which may answer asynchronously), resources. Never throws for problems
 * in the project (they are `diagnostics`); throws `SB_TERRAFORM_PROJECT_INVALID` for a folder
 * without `.tf` files.
 * @example
 * const p = await loadTerraformProject('infra/', { vars: { client_id: 'x' }, resolveData });
 * for (const d of p.diagnostics) console.error(`${d.file}:${d.line} ${d.message}`);
 */
export async function loadTerraformProject(dir: string, options: TerraformLoadOptions = {}): Promise<TerraformProject> {
  const root = rootOf(dir);
  const data = new Map<string, TfValue | Promise<void>>();
  for (let round = 0; round < 8; round++) {
    const loader = new Loader(root, options, true);
    for (const [k, v] of data) if (!(v instanceof Promise)) loader.dataCache.set(k, v);
    const project = run(dir, options, true, loader);
    const pending = [...loader.dataCache.values()].filter((v): v is Promise<void> => v instanceof Promise);
    if (pending.length === 0) return project;
    await Promise.all(pending);
    for (const [k, v] of loader.dataCache) if (!(v instanceof Promise)) data.set(k, v);
  }
  return run(dir, options, false, new Loader(root, options, false));
}

/**
 * Throw `SB_TERRAFORM_PROJECT_INVALID` listing every error diagnostic (for commands that run the
 * project); warnings do not fail.
 * @example
 * assertLoaded(await loadTerraformProject(dir, options));
 */
export function assertLoaded(project: TerraformProject): TerraformProject {
  const errors = project.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return project;
  const shown = errors.slice(0, 12).map((d) => `  - ${d.file}:${d.line}: [${d.code}] ${d.message}`);
  if (errors.length > 12) shown.push(`  - … and ${errors.length - 12} more`);
  throw new SwitchboardError(TerraformErrors.SB_TERRAFORM_PROJECT_INVALID, `a Terraform project must load without errors; ${project.dir} has ${errors.length}:\n${shown.join('\n')}`, {
    details: { dir: project.dir, diagnostics: errors },
  });
}
