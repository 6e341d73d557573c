/**
 * @module
 * A module's input variable evaluated as Terraform does: the given value (a null to a variable
 * that is not nullable takes the default), else the default, else required; converted to its
 * `type`, then checked by its `validation` blocks.
 */
import { convertType } from './convert.ts';
import { TfEvalError } from './errors.ts';
import { evaluate } from './expressions.ts';
import type { BodyScope } from './module-bodies.ts';
import type { HclBlock } from './parser.ts';
import { Unknown } from './values.ts';
import type { TfValue } from './values.ts';

/**
 * The value of variable `name` declared by `decl`; `given` is the caller's value, `required` what a
 * variable without one and without a default gives (an error).
 */
export function variableValue(
  scope: BodyScope,
  name: string,
  decl: { block: HclBlock; file: string },
  given: { value: TfValue } | undefined,
  required: () => TfValue,
): TfValue {
  const attrs = decl.block.body.attributes;
  const ctx = scope.context(decl.file);
  const nullable = attrs.get('nullable') ? evaluate(ctx, attrs.get('nullable')!.expr) !== false : true;
  let value: TfValue;
  // A null given to a variable that is not nullable takes its default, as in Terraform.
  if (given !== undefined && !(given.value === null && !nullable)) value = given.value;
  else {
    const def = attrs.get('default');
    value = def ? evaluate(ctx, def.expr) : required();
  }
  const type = attrs.get('type');
  const display = scope.host.display(decl.file);
  const converted = type
    ? convertType(
        value,
        type.expr,
        (why) =>
          new TfEvalError(
            'SB_TERRAFORM_EVALUATION',
            `Invalid value for variable "${name}": ${why}`,
            display,
            decl.block.line,
            `var.${name}`,
          ),
      )
    : value;
  for (const v of decl.block.body.blocks.filter((b) => b.type === 'validation')) {
    const condition = v.body.attributes.get('condition');
    if (!condition || converted instanceof Unknown) continue;
    const vctx = scope.context(decl.file, { var: { [name]: converted } });
    if (evaluate(vctx, condition.expr) !== false) continue;
    const message = v.body.attributes.get('error_message');
    const text = message ? evaluate(vctx, message.expr) : 'the validation condition is false';
    throw new TfEvalError(
      'SB_TERRAFORM_EVALUATION',
      `Invalid value for variable "${name}": ${typeof text === 'string' ? text : 'the validation condition is false'}`,
      display,
      v.line,
      `var.${name}`,
    );
  }
  return converted;
}
