/**
 * @module
 * The expression syntax tree. Every node keeps its 1-based column (`pos`), as Architect's own
 * parsed `config` trees do, so that errors can point at the failing part.
 */
import { SwitchboardError } from '../../core/index.ts';
import type { ErrorCodeName } from '../../core/index.ts';
import type { ArchValue, BaseType } from '../model.ts';

/** Binary operators, lowercase (`and`, `or` are case-insensitive in the source). */
export type BinaryOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | 'and' | 'or';

/** A node of the expression tree. */
export type ExprNode =
  | { readonly k: 'lit'; readonly value: ArchValue; readonly type: BaseType; readonly pos: number }
  | { readonly k: 'notSet'; readonly pos: number }
  | { readonly k: 'var'; readonly name: string; readonly pos: number }
  | { readonly k: 'unary'; readonly op: '-' | 'not'; readonly operand: ExprNode; readonly pos: number }
  | {
      readonly k: 'binary';
      readonly op: BinaryOp;
      readonly left: ExprNode;
      readonly right: ExprNode;
      readonly pos: number;
    }
  | { readonly k: 'call'; readonly name: string; readonly args: readonly ExprNode[]; readonly pos: number }
  | { readonly k: 'index'; readonly target: ExprNode; readonly index: ExprNode; readonly pos: number }
  | { readonly k: 'member'; readonly target: ExprNode; readonly name: string; readonly pos: number };

/**
 * An error inside an expression: a syntax error, a type error or a runtime failure. It carries the
 * 1-based column; callers add the flow and action (see `flowError` in the interpreter).
 * @example
 * throw new ExprError('SB_ARCHITECT_EXPR_TYPE', 'cannot add Integer and String', 7);
 */
export class ExprError extends SwitchboardError {
  readonly column: number;
  constructor(code: ErrorCodeName, message: string, column: number) {
    super(code, message, { details: { column } });
    this.name = 'ExprError';
    this.column = column;
  }
}
