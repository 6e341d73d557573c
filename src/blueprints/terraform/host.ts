/**
 * @module
 * What one load of a Terraform project shares: the files of each module folder parsed once (and
 * their syntax trees freed at the end), the diagnostics, installed and given module folders, the
 * data sources (another provider's set aside as unknown, the project's own resources answering
 * before the cache around the resolver port), templatefile rendering; and variable values from
 * `.tfvars` files and raw `--var`/`TF_VAR_` strings.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SwitchboardError, stripBom } from '../../core/index.ts';
import { TerraformErrors, TfEvalError } from './errors.ts';
import type { TfDiagnostic } from './errors.ts';
import { evaluate } from './expressions.ts';
import type { EvalContext } from './eval-context.ts';
import { callFunction } from './functions.ts';
import type { DataResolver, TerraformLoadOptions } from './load.ts';
import type { DataRequest, ProjectHost } from './module.ts';
import { lineOf, parseHclFile } from './parser.ts';
import type { HclBlock, HclFile, Node } from './parser.ts';
import { Unknown, fromJson, isObject, materialize } from './values.ts';
import type { TfObject, TfValue } from './values.ts';

const MAX_FILES = 2000;

function tfFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.tf') && statSync(join(dir, n)).isFile())
    .sort()
    .map((n) => join(dir, n));
}

/** The provider of a resource or data source type: its first word (`aws` of `aws_iam_policy_document`). */
export function providerOf(type: string): string {
  return type.split('_')[0] ?? type;
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

/** The project-wide services of one load: files parsed once, diagnostics, data sources, templates. */
export class Loader implements ProjectHost {
  readonly diagnostics: TfDiagnostic[] = [];
  private readonly seen = new Set<string>();
  private readonly parsed = new Map<string, readonly HclFile[] | undefined>();
  readonly dataCache = new Map<string, TfValue | Promise<void>>();
  private readonly installed: Map<string, string>;
  filesRead = 0;
  /** The files the project's functions read (file(), templatefile()…), absolute. */
  readonly filesReadByFunctions = new Set<string>();

  read(file: string): void {
    this.filesReadByFunctions.add(file);
  }

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
    for (const e of parsed.errors)
      this.report({
        severity: 'error',
        code: 'SB_TERRAFORM_SYNTAX',
        file: this.display(file),
        line: e.line,
        construct: 'syntax',
        message: e.message,
      });
    return parsed;
  }

  moduleFiles(dir: string): readonly HclFile[] | undefined {
    if (this.parsed.has(dir)) return this.parsed.get(dir);
    let files: HclFile[] | undefined;
    if (existsSync(dir) && statSync(dir).isDirectory()) {
      const names = tfFiles(dir);
      for (const n of readdirSync(dir)
        .filter((x) => x.endsWith('.tf.json') || /(^|_)override\.tf$/.test(x))
        .sort()) {
        this.report({
          severity: 'warning',
          code: 'SB_TERRAFORM_UNSUPPORTED',
          file: this.display(join(dir, n)),
          line: 1,
          construct: n,
          message: `Not read: ${n.endsWith('.json') ? 'Terraform JSON syntax (.tf.json) is not read' : 'override files are not merged'}; the project is read without it`,
        });
      }
      const read = names.filter((f) => !/(^|_)override\.tf$/.test(f.slice(f.lastIndexOf(sep) + 1)));
      this.filesRead += names.length;
      if (this.filesRead > MAX_FILES)
        throw new SwitchboardError(
          TerraformErrors.SB_TERRAFORM_PROJECT_INVALID,
          `a Terraform project may have at most ${MAX_FILES} .tf files; ${this.root} has more`,
          { details: { dir: this.root } },
        );
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

  /** Resolves a data source against the project's own resources first (set once the root module exists). */
  ownData: ((req: DataRequest) => TfValue | undefined) | undefined;

  /** Data sources of other providers, not read: address → type. */
  readonly otherData = new Map<string, string>();

  resolveData(req: DataRequest): TfValue {
    if (!req.type.startsWith('genesyscloud_')) {
      // archive_file, aws_*, local_file, external…: what they give is known only where Terraform runs them.
      this.otherData.set(req.address, req.type);
      return new Unknown(`${req.address} (a data source of the "${providerOf(req.type)}" provider, which is not read)`);
    }
    const own = this.ownData?.(req);
    if (own !== undefined) return own;
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
      if (!this.asyncMode) {
        r.catch(() => undefined);
        const u = new Unknown(
          `${req.address}: the resolver answers asynchronously; load the project with loadTerraformProject`,
        );
        this.dataCache.set(req.address, u);
        return u;
      }
      this.dataCache.set(
        req.address,
        r.then(
          (v) => void settle(v),
          (e: unknown) => void this.dataCache.set(req.address, new Unknown(`${req.address}: ${(e as Error).message}`)),
        ),
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
      throw new TfEvalError(
        'SB_TERRAFORM_SYNTAX',
        `templatefile: ${where} is not a valid template (line ${(parsed.errors[0]?.line ?? 2) - 1})`,
        ctxFile,
        lineOf(node),
        'function "templatefile"',
      );
    }
    const ctx: EvalContext = {
      file: where,
      resolve: (name, n) => {
        if (Object.hasOwn(vars, name)) return vars[name]!;
        throw new TfEvalError(
          'SB_TERRAFORM_REFERENCE_UNRESOLVED',
          `Invalid reference in template ${where}: "${name}" is not one of the variables given to templatefile (${Object.keys(vars).join(', ') || 'none'})`,
          ctxFile,
          lineOf(node),
          name,
        );
        void n;
      },
      call: (name, args, n) => {
        const v = callFunction(name, args, {
          root: this.root,
          renderTemplate: (t, f, v2) => this.renderTemplate(t, f, v2, n, ctxFile),
          read: (f) => this.read(f),
          fail: (m) => {
            throw new TfEvalError('SB_TERRAFORM_EVALUATION', m, ctxFile, lineOf(node), `function "${name}"`);
          },
        });
        if (v === undefined)
          throw new TfEvalError(
            'SB_TERRAFORM_UNSUPPORTED',
            `Call to unsupported function "${name}" in template ${where}`,
            ctxFile,
            lineOf(node),
            `function "${name}"`,
          );
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
export function tfvarsValues(loader: Loader, file: string): Map<string, { value: TfValue; line: number }> {
  const out = new Map<string, { value: TfValue; line: number }>();
  if (file.endsWith('.json')) {
    try {
      const doc: unknown = JSON.parse(stripBom(readFileSync(file, 'utf8')));
      if (isObject(fromJson(doc)))
        for (const [k, v] of Object.entries(doc as object)) out.set(k, { value: fromJson(v), line: 1 });
    } catch (e) {
      loader.report({
        severity: 'error',
        code: 'SB_TERRAFORM_SYNTAX',
        file: loader.display(file),
        line: 1,
        construct: 'syntax',
        message: `a .tfvars.json file must be a JSON object: ${(e as Error).message}`,
      });
    }
    return out;
  }
  const parsed = loader.parseFile(file);
  const display = loader.display(file);
  const ctx: EvalContext = {
    file: display,
    resolve: (name, node) => {
      throw new TfEvalError(
        'SB_TERRAFORM_EVALUATION',
        `Variables not allowed: a variable definitions file holds literal values; "${name}" is a reference`,
        display,
        lineOf(node),
        name,
      );
    },
    call: (name, _args, node) => {
      throw new TfEvalError(
        'SB_TERRAFORM_EVALUATION',
        `Functions may not be called here: a variable definitions file holds literal values; ${name}() is a call`,
        display,
        lineOf(node),
        `function "${name}"`,
      );
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

/** A thrown evaluation error as a diagnostic. */
export function diagnostic(e: TfEvalError): TfDiagnostic {
  return { severity: 'error', code: e.code, file: e.file, line: e.line, construct: e.construct, message: e.message };
}

const COMPLEX = /^\s*(list|map|set|object|tuple)\b/;

/** A raw `--var`/`TF_VAR_` string as the variable's type wants it: literal for primitives, HCL for collections. */
export function rawValue(loader: Loader, text: string, decl: { block: HclBlock } | undefined, origin: string): TfValue {
  const type = decl?.block.body.attributes.get('type')?.expr.text ?? '';
  if (!COMPLEX.test(type)) return text;
  const parsed = parseHclFile(origin, `v = ${text}\n`);
  const attr = parsed.body.attributes.get('v');
  const bad = (why: string): never => {
    throw new TfEvalError(
      'SB_TERRAFORM_EVALUATION',
      `Invalid value for input variable: ${origin}: ${why}`,
      origin,
      1,
      origin,
    );
  };
  try {
    if (!attr || parsed.errors.length > 0)
      return bad(`${JSON.stringify(text)} is not a valid HCL value for type ${type}`);
    return materialize(
      evaluate(
        {
          file: origin,
          resolve: (n) => bad(`"${n}" is a reference; give a literal value`),
          call: (n) => bad(`${n}() is a call; give a literal value`),
        },
        attr.expr,
      ),
    );
  } finally {
    parsed.dispose();
  }
}
