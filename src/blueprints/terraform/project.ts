/**
 * @module
 * The Terraform side of a folder of artifacts: triggers (`genesyscloud_processautomation_trigger`),
 * flows with their substitutions (`genesyscloud_flow`), data actions
 * (`genesyscloud_integration_action`) and integrations (the data-action integration module),
 * with references (`var.x`, `module.m.o`, `type.name.attr`, `path.module`) resolved across
 * modules as far as literal values allow.
 */
import { dirname, resolve } from 'node:path';
import { tryParseJson } from '../../core/index.ts';
import { evalHclString, jsonencodeArgument, parseHcl, parseHclMap } from './hcl.ts';
import type { TfBlock } from './hcl.ts';

/** One `.tf` file, read. */
export interface TfFile {
  readonly file: string;
  readonly blocks: readonly TfBlock[];
}

/** A trigger resource, as Terraform attributes ready for the triggers context's `loadTrigger`. */
export interface TfTrigger {
  readonly file: string;
  readonly resource: string;
  readonly line: number;
  readonly attributes: Record<string, unknown>;
  /** Problems converting the block (e.g. `match_criteria` that is not JSON). */
  readonly problems: readonly string[];
  /** The absolute path of the flow file its target resolves to, when it does. */
  readonly flowFile: string | undefined;
}

/** A `genesyscloud_flow` resource. */
export interface TfFlow {
  readonly file: string;
  readonly flowFile: string | undefined;
  /** Resolved substitutions; a value that does not resolve is absent. */
  readonly substitutions: Record<string, string>;
}

/** A data action Terraform creates. */
export interface TfAction {
  readonly file: string;
  readonly line: number;
  readonly name: string | undefined;
  readonly category: string | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
}

/** The data-action integration of one Terraform root, with the permissions its tfvars list. */
export interface TfIntegration {
  readonly file: string;
  /** The module block's name and line. */
  readonly module: string;
  readonly line: number;
  readonly name: string;
  /** From a `# Permissions:` comment of a `.tfvars` beside it; undefined when none says. */
  readonly permissionLabels: readonly string[] | undefined;
  readonly tfvarsFile: string | undefined;
}

const MAX_DEPTH = 12;

/** Terraform files of one folder tree, with reference resolution. */
export class TfProject {
  private readonly files: readonly TfFile[];

  /**
   * @param files every `.tf` file, read
   * @param tfvars every `.tfvars` file and its text
   */
  constructor(files: readonly TfFile[], private readonly tfvars: ReadonlyArray<{ file: string; text: string }>) {
    this.files = files;
  }

  /** Read `.tf` texts. */
  static fromTexts(tf: ReadonlyArray<{ file: string; text: string }>, tfvars: ReadonlyArray<{ file: string; text: string }>): TfProject {
    return new TfProject(tf.map((f) => ({ file: f.file, blocks: parseHcl(f.text) })), tfvars);
  }

  private blocksIn(dir: string, type: string, labels?: readonly string[]): Array<{ file: string; block: TfBlock }> {
    return this.files
      .filter((f) => dirname(f.file) === dir)
      .flatMap((f) => f.blocks.filter((b) => b.type === type && (!labels || labels.every((l, i) => b.labels[i] === l))).map((block) => ({ file: f.file, block })));
  }

  private moduleDir(file: string, block: TfBlock): string | undefined {
    const source = evalHclString(block.attrs.source ?? '', () => undefined);
    return source?.startsWith('.') ? resolve(dirname(file), source) : undefined;
  }

  /** Resolve a string expression evaluated in `dir`. */
  value(expr: string | undefined, dir: string, depth = 0): string | undefined {
    if (expr === undefined || depth > MAX_DEPTH) return undefined;
    return evalHclString(expr, (ref) => this.ref(ref, dir, depth + 1));
  }

  private ref(ref: string, dir: string, depth: number): string | undefined {
    const parts = ref.split('.');
    // Absolute, so a path built on it resolves once whether the folder was named relatively or not.
    if (ref === 'path.module') return resolve(dir);
    if (parts[0] === 'var' && parts.length === 2) {
      for (const f of this.files) {
        for (const b of f.blocks) {
          if (b.type === 'module' && this.moduleDir(f.file, b) === dir && b.attrs[parts[1]!] !== undefined) return this.value(b.attrs[parts[1]!], dirname(f.file), depth);
        }
      }
      return undefined;
    }
    if (parts[0] === 'module' && parts.length === 3) {
      const m = this.blocksIn(dir, 'module', [parts[1]!])[0];
      return m ? this.value(m.block.attrs[parts[2]!], dir, depth) : undefined;
    }
    if (parts.length === 3) {
      const r = this.blocksIn(dir, 'resource', [parts[0]!, parts[1]!])[0];
      return r ? this.value(r.block.attrs[parts[2]!], dir, depth) : undefined;
    }
    return undefined;
  }

  private flowFileOf(resource: { file: string; block: TfBlock }): string | undefined {
    const dir = dirname(resource.file);
    const path = this.value(resource.block.attrs.filepath, dir);
    return path === undefined ? undefined : resolve(dir, path);
  }

  /** The flow file a trigger target id expression points at (`module.m.workflow_id`, `genesyscloud_flow.x.id`). */
  private targetFlow(expr: string | undefined, dir: string): string | undefined {
    const parts = (expr ?? '').trim().split('.');
    if (parts[0] === 'module' && parts.length === 3) {
      const m = this.blocksIn(dir, 'module', [parts[1]!])[0];
      const mdir = m && this.moduleDir(m.file, m.block);
      const flows = mdir ? this.blocksIn(mdir, 'resource', ['genesyscloud_flow']) : [];
      return flows.length === 1 ? this.flowFileOf(flows[0]!) : undefined;
    }
    if (parts[0] === 'genesyscloud_flow' && parts.length === 3) {
      const r = this.blocksIn(dir, 'resource', ['genesyscloud_flow', parts[1]!])[0];
      return r ? this.flowFileOf(r) : undefined;
    }
    return undefined;
  }

  private resources(type: string): Array<{ file: string; block: TfBlock }> {
    return this.files.flatMap((f) => f.blocks.filter((b) => b.type === 'resource' && b.labels[0] === type).map((block) => ({ file: f.file, block })));
  }

  /** Every trigger resource. */
  triggers(): TfTrigger[] {
    return this.resources('genesyscloud_processautomation_trigger').map(({ file, block }) => {
      const dir = dirname(file);
      const problems: string[] = [];
      const attributes: Record<string, unknown> = {};
      for (const key of ['name', 'topic_name', 'description']) {
        const v = this.value(block.attrs[key], dir);
        if (v !== undefined) attributes[key] = v;
      }
      for (const key of ['event_ttl_seconds', 'delay_by_seconds']) {
        const raw = block.attrs[key];
        if (raw !== undefined) attributes[key] = /^\d+$/.test(raw) ? Number(raw) : this.value(raw, dir);
      }
      if (block.attrs.enabled !== undefined) attributes.enabled = block.attrs.enabled === 'true';
      const mc = block.attrs.match_criteria;
      if (mc !== undefined) {
        const json = jsonencodeArgument(mc);
        const parsed = json === undefined ? undefined : tryParseJson(json);
        if (parsed?.ok) attributes.match_criteria = JSON.stringify(parsed.value);
        else problems.push(`match_criteria must be jsonencode([...]) of JSON; got ${mc.slice(0, 60)}`);
      }
      const target = block.blocks.find((b) => b.type === 'target');
      let flowFile: string | undefined;
      if (target) {
        const settings = target.blocks.find((b) => b.type === 'workflow_target_settings');
        const format = settings && this.value(settings.attrs.data_format, dir);
        flowFile = this.targetFlow(target.attrs.id, dir);
        attributes.target = {
          id: this.value(target.attrs.id, dir) ?? (target.attrs.id ?? '').trim(),
          type: this.value(target.attrs.type, dir),
          ...(format ? { workflow_target_settings: { data_format: format } } : {}),
        };
      }
      return { file, resource: block.labels[1] ?? '', line: block.line, attributes, problems, flowFile };
    });
  }

  /** Every `genesyscloud_flow` resource. */
  flows(): TfFlow[] {
    return this.resources('genesyscloud_flow').map((r) => {
      const dir = dirname(r.file);
      const substitutions: Record<string, string> = {};
      for (const [k, expr] of Object.entries(parseHclMap(r.block.attrs.substitutions ?? '{}') ?? {})) {
        const v = this.value(expr, dir);
        if (v !== undefined) substitutions[k] = v;
      }
      return { file: r.file, flowFile: this.flowFileOf(r), substitutions };
    });
  }

  /** Every `genesyscloud_integration_action` resource. */
  actions(): TfAction[] {
    return this.resources('genesyscloud_integration_action').map(({ file, block }) => {
      const dir = dirname(file);
      const request = block.blocks.find((b) => b.type === 'config_request');
      return {
        file,
        line: block.line,
        name: this.value(block.attrs.name, dir),
        category: this.value(block.attrs.category, dir),
        method: request && this.value(request.attrs.request_type, dir),
        url: request && this.value(request.attrs.request_url_template, dir),
      };
    });
  }

  /** The integrations Terraform creates (module blocks with an `integration_name`). */
  integrations(): TfIntegration[] {
    return this.files.flatMap((f) =>
      f.blocks
        .filter((b) => b.type === 'module' && b.attrs.integration_name !== undefined)
        .flatMap((b) => {
          const name = this.value(b.attrs.integration_name, dirname(f.file));
          if (name === undefined) return [];
          const vars = this.tfvars.find((v) => dirname(v.file) === dirname(f.file));
          return [{ file: f.file, module: b.labels[0] ?? '', line: b.line, name, permissionLabels: vars ? permissionComment(vars.text) : undefined, tfvarsFile: vars?.file }];
        }),
    );
  }
}

/**
 * The permission labels a `.tfvars` comment lists (`# Permissions: A > B > C, D > E > F` and
 * continuation comment lines), or undefined when there is no such comment.
 * @example
 * permissionComment('# Permissions:  Conversation > Communication > Disconnect\n#   Analytics > Conversation Detail > View\nx = 1')
 * // ['Conversation > Communication > Disconnect', 'Analytics > Conversation Detail > View']
 */
export function permissionComment(text: string): string[] | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^\s*#\s*Permissions\s*:/i.test(l));
  if (start < 0) return undefined;
  const parts = [lines[start]!.replace(/^\s*#\s*Permissions\s*:/i, '')];
  for (const l of lines.slice(start + 1)) {
    if (!/^\s*#/.test(l) || /^\s*#\s*[A-Za-z ]+:/.test(l)) break;
    parts.push(l.replace(/^\s*#/, ''));
  }
  return parts
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter((p) => p.includes('>'));
}

