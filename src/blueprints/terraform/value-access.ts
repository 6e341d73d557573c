/**
 * @module
 * Attribute and index access on a Terraform value, with Terraform's errors for a missing
 * attribute, an index out of range, a missing map key and access to null.
 */
import { asNumber, fail } from './eval-context.ts';
import type { EvalContext } from './eval-context.ts';
import type { Node } from './parser.ts';
import { LazyObject, Unknown, isObject, numberText, typeName } from './values.ts';
import type { TfValue } from './values.ts';

/** Read attribute `name` of a value. */
export function getAttr(ctx: EvalContext, node: Node, v: TfValue, name: string, path: string): TfValue {
  if (v instanceof Unknown) return v;
  if (v instanceof LazyObject) {
    const x = v.get(name);
    if (x === undefined)
      throw fail(
        ctx,
        node,
        'SB_TERRAFORM_REFERENCE_UNRESOLVED',
        `${path}.${name}`,
        `Unsupported attribute: ${path} has no attribute "${name}"`,
      );
    return x;
  }
  if (isObject(v)) {
    if (!Object.hasOwn(v, name))
      throw fail(
        ctx,
        node,
        'SB_TERRAFORM_REFERENCE_UNRESOLVED',
        `${path}.${name}`,
        `Unsupported attribute: ${path} has no attribute "${name}"`,
      );
    return v[name]!;
  }
  if (v === null)
    throw fail(
      ctx,
      node,
      'SB_TERRAFORM_EVALUATION',
      `${path}.${name}`,
      `Attempt to get attribute "${name}" from a null value (${path})`,
    );
  throw fail(
    ctx,
    node,
    'SB_TERRAFORM_EVALUATION',
    `${path}.${name}`,
    `Unsupported attribute: a ${typeName(v)} (${path}) has no attributes`,
  );
}

/** Read element `key` of a list or map. */
export function getIndex(ctx: EvalContext, node: Node, v: TfValue, key: TfValue, path: string): TfValue {
  if (v instanceof Unknown) return v;
  if (key instanceof Unknown) return key;
  if (Array.isArray(v)) {
    const i = asNumber(ctx, node, key);
    if (i instanceof Unknown) return i;
    if (!Number.isInteger(i) || i < 0 || i >= v.length)
      throw fail(
        ctx,
        node,
        'SB_TERRAFORM_EVALUATION',
        `${path}[${String(key)}]`,
        `Invalid index: ${path} has ${v.length} elements; index ${String(key)} is out of range`,
      );
    return v[i]!;
  }
  if (isObject(v) || v instanceof LazyObject) {
    const k = typeof key === 'number' ? numberText(key) : key;
    if (typeof k !== 'string')
      throw fail(
        ctx,
        node,
        'SB_TERRAFORM_EVALUATION',
        path,
        `Invalid index: a map key must be a string; got ${typeName(key)}`,
      );
    const x = v instanceof LazyObject ? v.get(k) : Object.hasOwn(v, k) ? v[k] : undefined;
    if (x === undefined)
      throw fail(
        ctx,
        node,
        'SB_TERRAFORM_REFERENCE_UNRESOLVED',
        `${path}["${k}"]`,
        `Invalid index: ${path} has no element with key "${k}"`,
      );
    return x;
  }
  if (v === null) throw fail(ctx, node, 'SB_TERRAFORM_EVALUATION', path, `Attempt to index a null value (${path})`);
  throw fail(ctx, node, 'SB_TERRAFORM_EVALUATION', path, `Invalid index: a ${typeName(v)} (${path}) cannot be indexed`);
}
