/**
 * @module
 * The syntax tree of the Jayway JSONPath subset used in trigger criteria.
 */

/** One step of a path. */
export type Segment =
  /** `.a`, `['a']`, `['a','b']` */
  | { kind: 'prop'; names: string[] }
  /** `.*`, `[*]` */
  | { kind: 'wildcard' }
  /** `[0]`, `[-1]`, `[0,2]` */
  | { kind: 'index'; indexes: number[] }
  /** `[1:3]`, `[:2]`, `[-2:]` */
  | { kind: 'slice'; start: number | undefined; end: number | undefined }
  /** `[?(…)]` */
  | { kind: 'filter'; expr: FilterExpr }
  /** `..` followed by a selector: the selector applied to the node and every descendant. */
  | { kind: 'scan'; then: Segment };

/** A path inside a filter, relative to the current item (`@`) or to the document (`$`). */
export interface PathOperand {
  kind: 'path';
  root: '@' | '$';
  segments: Segment[];
  definite: boolean;
}

/** A filter operand. */
export type Operand = PathOperand | { kind: 'literal'; value: unknown } | { kind: 'regex'; regex: RegExp };

/** Comparison operators allowed inside a filter. */
export type FilterOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | 'in' | 'nin' | 'contains' | 'size';

/** A filter expression. */
export type FilterExpr =
  | { kind: 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'and'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'cmp'; op: FilterOp; left: Operand; right: Operand }
  | { kind: 'exists'; path: PathOperand };

/** Whether a list of segments selects at most one node (Jayway `isDefinite`). */
export function isDefinite(segments: readonly Segment[]): boolean {
  return segments.every(
    (s) => (s.kind === 'prop' && s.names.length === 1) || (s.kind === 'index' && s.indexes.length === 1),
  );
}
