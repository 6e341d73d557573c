/**
 * @module
 * The values an action cannot run without, checked as Architect checks them at run time: a
 * condition must be a Boolean that is set, a loop count a non-negative Integer.
 */
import { ArchitectErrors } from './errors.ts';
import { ExprError } from './expr/ast.ts';
import { archEquals, valueTypeName } from './expr/values.ts';
import type { ArchValue, ValueSource } from './model.ts';
import type { FlowRunError } from './run-types.ts';

/** Ends the run with a flow error. */
type Fail = (code: string, message: string, extra?: Partial<FlowRunError>) => never;

/** A Decision's or Switch case's condition: NOT_SET and non-Boolean values end the run. */
export function checkedCondition(v: ArchValue, source: ValueSource, what: string, fail: Fail): boolean {
  if (v === null)
    fail(
      ArchitectErrors.SB_ARCHITECT_NOT_SET,
      `${what} is NOT_SET`,
      source.kind === 'expression' ? { expression: source.text } : {},
    );
  if (typeof v !== 'boolean')
    fail(ArchitectErrors.SB_ARCHITECT_EXPR_TYPE, `${what} must be Boolean; got ${valueTypeName(v)}`);
  return v;
}

/** A Loop's count: anything but a non-negative Integer ends the run. */
export function checkedLoopCount(n: ArchValue, fail: Fail): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    fail(
      n === null ? ArchitectErrors.SB_ARCHITECT_NOT_SET : ArchitectErrors.SB_ARCHITECT_VALUE_INVALID,
      `the loop count must be a non-negative Integer; got ${n === null ? 'NOT_SET' : JSON.stringify(n)}`,
    );
  return n;
}

/**
 * Whether a first-match Switch case's value equals the switch's (Architect's `==`: NOT_SET equals
 * only NOT_SET [INFERRED], strings case-sensitively); values of different types end the run.
 */
export function caseMatches(value: ArchValue, caseValue: ArchValue, what: string, fail: Fail): boolean {
  try {
    return archEquals(value, caseValue, 0);
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    return fail(e.code, `${what}: ${e.message}`);
  }
}
