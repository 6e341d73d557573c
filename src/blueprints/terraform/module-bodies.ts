/**
 * @module
 * The body of a resource, data source or nested block evaluated to an object the way Terraform
 * decodes it: arguments, nested blocks (one block an object, repeated blocks a list) and
 * `dynamic` blocks expanded; meta-arguments left out.
 */
import { TfEvalError } from './errors.ts';
import { entries, evaluate } from './expressions.ts';
import type { EvalContext } from './eval-context.ts';
import type { ProjectHost } from './module-types.ts';
import type { HclBody } from './parser.ts';
import { Unknown } from './values.ts';
import type { TfObject, TfValue } from './values.ts';

/** Meta-arguments: Terraform's own, never part of a resource's or module's arguments. */
export const META = new Set([
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'provisioner',
  'connection',
  'source',
  'version',
  'providers',
]);

/** Where a body is evaluated: the module's evaluation context and its file names. */
export interface BodyScope {
  context(file: string, names?: Record<string, TfValue>): EvalContext;
  readonly host: Pick<ProjectHost, 'display'>;
}

/** Evaluate the arguments and nested blocks of a body (meta-arguments left out). */
export function evaluateBody(scope: BodyScope, body: HclBody, file: string, names: Record<string, TfValue>): TfObject {
  const out: TfObject = {};
  const ctx = scope.context(file, names);
  for (const [name, attr] of body.attributes) if (!META.has(name)) out[name] = evaluate(ctx, attr.expr);
  Object.assign(out, evaluateBlocks(scope, body, file, names));
  return out;
}

/** Nested blocks: one block is an object, repeated blocks a list; `dynamic` blocks expanded. */
export function evaluateBlocks(
  scope: BodyScope,
  body: HclBody,
  file: string,
  names: Record<string, TfValue>,
): TfObject {
  const grouped: Record<string, TfObject[]> = {};
  for (const b of body.blocks) {
    if (META.has(b.type)) continue;
    if (b.type === 'dynamic') {
      const label = b.labels[0] ?? '';
      const ctx = scope.context(file, names);
      const forEach = b.body.attributes.get('for_each');
      const content = b.body.blocks.find((x) => x.type === 'content');
      if (!forEach || !content)
        throw new TfEvalError(
          'SB_TERRAFORM_EVALUATION',
          `A dynamic "${label}" block needs for_each and a content block`,
          scope.host.display(file),
          b.line,
          `dynamic "${label}"`,
        );
      const iterAttr = b.body.attributes.get('iterator');
      const iterator = iterAttr ? iterAttr.expr.text.trim() : label;
      const coll = evaluate(ctx, forEach.expr);
      if (coll instanceof Unknown)
        throw new TfEvalError(
          'SB_TERRAFORM_UNKNOWN_VALUE',
          `The for_each of dynamic "${label}" is not known: ${coll.reason}`,
          scope.host.display(file),
          b.line,
          `dynamic "${label}"`,
        );
      for (const [k, v] of entries(ctx, forEach.expr, coll))
        (grouped[label] ??= []).push(
          evaluateBody(scope, content.body, file, { ...names, [iterator]: { key: k, value: v } }),
        );
      continue;
    }
    (grouped[b.type] ??= []).push(evaluateBody(scope, b.body, file, names));
  }
  return Object.fromEntries(Object.entries(grouped).map(([k, v]) => [k, v.length === 1 ? v[0]! : v]));
}
