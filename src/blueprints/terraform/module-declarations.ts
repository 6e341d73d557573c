/**
 * @module
 * The declarations of one module's `.tf` files, by kind: resources, data sources, module calls,
 * variables, locals and outputs (an argument at the top level, an unknown block type and a
 * duplicate declaration are reported the way Terraform reports them); and the instances a
 * `count` or `for_each` block expands to.
 */
import { entries, evaluate } from './expressions.ts';
import { fail } from './eval-context.ts';
import type { EvalContext } from './eval-context.ts';
import type { ProjectHost, ResourceDecl } from './module-types.ts';
import type { HclAttribute, HclBlock, HclBody, HclFile } from './parser.ts';
import { Unknown, isObject, materialize } from './values.ts';
import type { TfValue } from './values.ts';

const TOP_LEVEL = new Set([
  'terraform',
  'provider',
  'variable',
  'output',
  'locals',
  'module',
  'resource',
  'data',
  'moved',
  'import',
  'check',
  'removed',
]);

/** What a module declares, by kind and name. */
export interface ModuleDeclarations {
  readonly resources: Map<string, ResourceDecl>;
  readonly data: Map<string, ResourceDecl>;
  readonly calls: Map<string, { block: HclBlock; file: string }>;
  readonly variables: Map<string, { block: HclBlock; file: string }>;
  readonly localDefs: Map<string, { attr: HclAttribute; file: string }>;
  readonly outputDefs: Map<string, { block: HclBlock; file: string }>;
}

/**
 * Collect a module's declarations from its files; `prefix` (`module.a.`) names them in reports.
 * @example
 * const { resources } = declarationsOf(host, files, '');
 */
export function declarationsOf(host: ProjectHost, files: readonly HclFile[], prefix: string): ModuleDeclarations {
  const out: ModuleDeclarations = {
    resources: new Map(),
    data: new Map(),
    calls: new Map(),
    variables: new Map(),
    localDefs: new Map(),
    outputDefs: new Map(),
  };
  const seen = new Map<string, { file: string; line: number }>();
  for (const f of files) {
    for (const a of f.body.attributes.values()) {
      host.report({
        severity: 'error',
        code: 'SB_TERRAFORM_SYNTAX',
        file: host.display(f.file),
        line: a.line,
        construct: a.name,
        message: `Unsupported argument: an argument named "${a.name}" is not expected at the top level of a .tf file`,
      });
    }
    for (const b of f.body.blocks) {
      if (!TOP_LEVEL.has(b.type)) {
        host.report({
          severity: 'error',
          code: 'SB_TERRAFORM_SYNTAX',
          file: host.display(f.file),
          line: b.line,
          construct: b.type,
          message: `Unsupported block type: blocks of type "${b.type}" are not expected here (${[...TOP_LEVEL].join(', ')})`,
        });
        continue;
      }
      const [a, n] = b.labels;
      const kind =
        b.type === 'resource' ||
        b.type === 'data' ||
        b.type === 'module' ||
        b.type === 'variable' ||
        b.type === 'output'
          ? `${b.type === 'resource' ? '' : `${b.type}.`}${b.labels.slice(0, b.type === 'resource' || b.type === 'data' ? 2 : 1).join('.')}`
          : undefined;
      if (kind) {
        const prior = seen.get(kind);
        if (prior) {
          host.report({
            severity: 'error',
            code: 'SB_TERRAFORM_EVALUATION',
            file: host.display(f.file),
            line: b.line,
            construct: `${prefix}${kind}`,
            message: `Duplicate ${b.type} block: ${prefix}${kind} was already declared at ${host.display(prior.file)}:${prior.line}`,
          });
          continue;
        }
        seen.set(kind, { file: f.file, line: b.line });
      }
      if (b.type === 'resource' && a && n)
        out.resources.set(`${a}.${n}`, { mode: 'managed', type: a, name: n, block: b, file: f.file });
      else if (b.type === 'data' && a && n)
        out.data.set(`${a}.${n}`, { mode: 'data', type: a, name: n, block: b, file: f.file });
      else if (b.type === 'module' && a) out.calls.set(a, { block: b, file: f.file });
      else if (b.type === 'variable' && a) out.variables.set(a, { block: b, file: f.file });
      else if (b.type === 'output' && a) out.outputDefs.set(a, { block: b, file: f.file });
      else if (b.type === 'locals')
        for (const [name, attr] of b.body.attributes) out.localDefs.set(name, { attr, file: f.file });
    }
  }
  return out;
}

/** The instance keys of a block (`undefined`: a single instance) and, for `for_each`, each key's value. */
export interface InstanceKeys {
  readonly keys: Array<string | number> | undefined;
  readonly each: Map<string, TfValue>;
}

/**
 * The instances of a block with `count` or `for_each` (Unknown when the value is not known at plan time).
 * @example
 * instanceKeysOf(ctx, block.body, 'resource genesyscloud_group.g'); // { keys: [0, 1], each: Map {} }
 */
export function instanceKeysOf(ctx: EvalContext, body: HclBody, what: string): InstanceKeys | Unknown {
  const count = body.attributes.get('count');
  const forEach = body.attributes.get('for_each');
  if (count && forEach)
    throw fail(
      ctx,
      count.expr,
      'SB_TERRAFORM_EVALUATION',
      `${what} count`,
      'Invalid combination of "count" and "for_each": only one of them may be set',
    );
  if (count) {
    const n = evaluate(ctx, count.expr);
    if (n instanceof Unknown) return n;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
      throw fail(
        ctx,
        count.expr,
        'SB_TERRAFORM_EVALUATION',
        `${what} count`,
        `Invalid count argument: a whole number of 0 or more is required; got ${JSON.stringify(materialize(n))}`,
      );
    return { keys: Array.from({ length: n }, (_, i) => i), each: new Map() };
  }
  if (forEach) {
    const v = materialize(evaluate(ctx, forEach.expr));
    if (v instanceof Unknown) return v;
    if (!Array.isArray(v) && !isObject(v))
      throw fail(
        ctx,
        forEach.expr,
        'SB_TERRAFORM_EVALUATION',
        `${what} for_each`,
        'Invalid for_each argument: a map or a set of strings is required',
      );
    const each = new Map<string, TfValue>();
    for (const [k, x] of entries(ctx, forEach.expr, v)) {
      if (Array.isArray(v)) {
        if (typeof x !== 'string')
          throw fail(
            ctx,
            forEach.expr,
            'SB_TERRAFORM_EVALUATION',
            `${what} for_each`,
            'Invalid for_each argument: a set of strings is required (use toset())',
          );
        each.set(x, x);
      } else each.set(String(k), x);
    }
    return { keys: [...each.keys()], each };
  }
  return { keys: undefined, each: new Map() };
}
