/**
 * @module
 * Values another provider computes that Switchboard can name without running that provider. A
 * Genesys Cloud data action of the `aws-lambda-data-actions` integration takes its function's ARN
 * as its request URL; when the project creates the function (`aws_lambda_function`), its `arn` is
 * known only after AWS creates it, which would leave the data action without a URL. The stand-in
 * names the function by the `function_name` the project gives it, so a mock
 * (`arn:aws:lambda:*:*:function:<name>`) answers it.
 */
import type { TfValue } from './values.ts';

/**
 * The stand-in for `attr` of another provider's resource of `type`, or `undefined` when there is
 * none (the value stays unknown). `own` reads the resource's other arguments.
 * @example
 * standIn('aws_lambda_function', 'arn', () => 'tier'); // 'arn:aws:lambda:*:*:function:tier'
 */
export function standIn(type: string, attr: string, own: (name: string) => TfValue): string | undefined {
  if (type === 'aws_lambda_function' && attr === 'arn') {
    const name = own('function_name');
    // [INFERRED] The region and account are AWS's to give: `*` says "wherever AWS puts it".
    if (typeof name === 'string' && name !== '') return `arn:aws:lambda:*:*:function:${name}`;
  }
  return undefined;
}
