/**
 * @module
 * Evaluation of parsed JSONPath segments, yielding each node with its Jayway path
 * (`$['a'][0]`). Missing properties and out-of-range indexes yield nothing.
 */
import { isPlainObject as isObject } from '../json.ts';
import type { FilterExpr, FilterOp, Operand, Segment } from './ast.ts';
import { MISSING, compareJson, containsJson, hasJsonSize, inJsonList, jsonEquals } from './compare.ts';

/** A resolved node: its value and its Jayway path (`$['a'][0]`). */
export interface JsonPathNode {
  value: unknown;
  path: string;
}

type Node = JsonPathNode;

/** The Jayway form of a property step. */
export function propStep(name: string): string {
  return `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

function children(node: Node, out: Node[]): void {
  const v = node.value;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) out.push({ value: v[i], path: `${node.path}[${i}]` });
  } else if (isObject(v)) {
    for (const k of Object.keys(v)) out.push({ value: v[k], path: node.path + propStep(k) });
  }
}

// Pre-order (Jayway's ScanPathToken walk) with an explicit stack: events nest as deep as
// JSON.parse allows, far deeper than the call stack.
function descendantsOrSelf(node: Node, out: Node[]): void {
  const stack: Node[] = [node];
  const kids: Node[] = [];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    out.push(next);
    kids.length = 0;
    children(next, kids);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

function normIndex(i: number, len: number): number {
  return i < 0 ? len + i : i;
}

function applySegment(seg: Segment, node: Node, root: unknown, out: Node[]): void {
  const v = node.value;
  switch (seg.kind) {
    case 'prop':
      if (isObject(v)) {
        for (const name of seg.names)
          if (Object.hasOwn(v, name)) out.push({ value: v[name], path: node.path + propStep(name) });
      }
      return;
    case 'wildcard':
      children(node, out);
      return;
    case 'index':
      if (Array.isArray(v)) {
        for (const raw of seg.indexes) {
          const i = normIndex(raw, v.length);
          if (i >= 0 && i < v.length) out.push({ value: v[i], path: `${node.path}[${i}]` });
        }
      }
      return;
    case 'slice':
      if (Array.isArray(v)) {
        const start = Math.max(0, seg.start === undefined ? 0 : normIndex(seg.start, v.length));
        const end = Math.min(v.length, seg.end === undefined ? v.length : normIndex(seg.end, v.length));
        for (let i = start; i < end; i++) out.push({ value: v[i], path: `${node.path}[${i}]` });
      }
      return;
    case 'filter':
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++)
          if (testFilter(seg.expr, v[i], root)) out.push({ value: v[i], path: `${node.path}[${i}]` });
      } else if (isObject(v) && testFilter(seg.expr, v, root)) {
        // Jayway applies a filter on an object to the object itself.
        out.push(node);
      }
      return;
    case 'scan': {
      const all: Node[] = [];
      descendantsOrSelf(node, all);
      if (seg.then.kind === 'filter') {
        // `..[?(…)]` selects every descendant that satisfies the filter, each once.
        for (const n of all.slice(1)) if (testFilter(seg.then.expr, n.value, root)) out.push(n);
      } else {
        for (const n of all) applySegment(seg.then, n, root, out);
      }
    }
  }
}

/**
 * Evaluate segments from a start value; each resolved node comes with its Jayway path.
 * @example
 * evaluateSegments([{ kind: 'prop', names: ['a'] }], { a: 1 }, '$') // [{ value: 1, path: "$['a']" }]
 */
export function evaluateSegments(segments: readonly Segment[], start: unknown, root: unknown, rootPath = '$'): Node[] {
  let current: Node[] = [{ value: start, path: rootPath }];
  for (const seg of segments) {
    const next: Node[] = [];
    for (const n of current) applySegment(seg, n, root, next);
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

function operandValue(op: Operand, item: unknown, root: unknown): unknown {
  switch (op.kind) {
    case 'literal':
      return op.value;
    case 'regex':
      return op.regex;
    case 'path': {
      const nodes = evaluateSegments(op.segments, op.root === '@' ? item : root, root);
      if (op.definite) return nodes.length === 0 ? MISSING : nodes[0]!.value;
      return nodes.map((n) => n.value);
    }
  }
}

// Jayway EvaluatorFactory: a missing operand compares false, except != and nin (negations).
function compareOperands(op: Exclude<FilterOp, '=~'>, left: unknown, right: unknown): boolean {
  switch (op) {
    case '==':
      return jsonEquals(left, right);
    case '!=':
      return !jsonEquals(left, right);
    case 'in':
      return inJsonList(left, right);
    case 'nin':
      return !inJsonList(left, right);
    case 'contains':
      return containsJson(left, right);
    case 'size':
      return hasJsonSize(left, right);
    default: {
      const c = compareJson(left, right);
      if (c === undefined) return false;
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
  }
}

function testFilter(expr: FilterExpr, item: unknown, root: unknown): boolean {
  switch (expr.kind) {
    case 'or':
      return testFilter(expr.left, item, root) || testFilter(expr.right, item, root);
    case 'and':
      return testFilter(expr.left, item, root) && testFilter(expr.right, item, root);
    case 'not':
      return !testFilter(expr.expr, item, root);
    case 'exists':
      return evaluateSegments(expr.path.segments, expr.path.root === '@' ? item : root, root).length > 0;
    case 'cmp': {
      const left = operandValue(expr.left, item, root);
      const right = operandValue(expr.right, item, root);
      if (expr.op === '=~') return typeof left === 'string' && right instanceof RegExp && right.test(left);
      return compareOperands(expr.op, left, right);
    }
  }
}
