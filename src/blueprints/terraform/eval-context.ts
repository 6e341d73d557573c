/**
 * @module
 * What a Terraform expression is evaluated against, the error it fails with, and the conversion of
 * an operand to the string, number or bool an operator or directive needs.
 */
import { TfEvalError } from './errors.ts';
import type { TerraformErrorCode } from './errors.ts';
import { lineOf } from './parser.ts';
import type { Node } from './parser.ts';
import { Unknown, numberText, typeName } from './values.ts';
import type { TfValue } from './values.ts';

/** What an expression is evaluated against. */
export interface EvalContext {
  /** The file shown in errors. */
  readonly file: string;
  /** A root name (`var`, `local`, `each`, a resource type, a `for` variable). Throws when unknown. */
  resolve(name: string, node: Node): TfValue;
  /** A function call with evaluated arguments. */
  call(name: string, args: TfValue[], node: Node): TfValue;
}

/** The most elements a collection or `for` expression may make. */
export const MAX_ITEMS = 100_000;

/** A {@link TfEvalError} at a node. */
export function fail(
  ctx: EvalContext,
  node: Node,
  code: TerraformErrorCode,
  construct: string,
  message: string,
): TfEvalError {
  return new TfEvalError(code, message, ctx.file, lineOf(node), construct);
}

/** A context with extra names (for variables, template for). */
export function withNames(ctx: EvalContext, names: Record<string, TfValue>): EvalContext {
  return {
    file: ctx.file,
    resolve: (name, node) => (Object.hasOwn(names, name) ? names[name]! : ctx.resolve(name, node)),
    call: (name, args, node) => ctx.call(name, args, node),
  };
}

/** A value as a string (Terraform's automatic conversion); throws for collections. */
export function asString(ctx: EvalContext, node: Node, v: TfValue, what: string): string | Unknown {
  if (v instanceof Unknown) return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return String(v);
  if (v === null)
    throw fail(ctx, node, 'SB_TERRAFORM_EVALUATION', what, `Invalid template interpolation value: ${what} is null`);
  throw fail(
    ctx,
    node,
    'SB_TERRAFORM_EVALUATION',
    what,
    `Invalid template interpolation value: cannot include a ${typeName(v)} value in a string (${what})`,
  );
}

/** A value as a number, or an "Invalid operand" error. */
export function asNumber(ctx: EvalContext, node: Node, v: TfValue): number | Unknown {
  if (v instanceof Unknown || typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw fail(
    ctx,
    node,
    'SB_TERRAFORM_EVALUATION',
    node.text.slice(0, 60),
    `Invalid operand: a number is required; got ${typeName(v)}`,
  );
}

/** A value as a bool (`"true"`/`"false"` convert); throws otherwise. */
export function asBool(ctx: EvalContext, node: Node, v: TfValue): boolean | Unknown {
  if (v instanceof Unknown || typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw fail(
    ctx,
    node,
    'SB_TERRAFORM_EVALUATION',
    node.text.slice(0, 60),
    `Invalid operand: a bool is required; got ${typeName(v)}`,
  );
}
