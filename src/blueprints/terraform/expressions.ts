/**
 * @module
 * Terraform's expression language over tree-sitter nodes: literals, templates (interpolation,
 * `%{ if }`/`%{ for }` directives, strip markers, heredocs), references with attribute and index
 * access, splats, operators, conditionals, `for` expressions, collections and function calls.
 * Unknown values propagate as Terraform's do; every failure is a {@link TfEvalError} naming the
 * file, line and construct.
 */
import { TfEvalError } from './errors.ts';
import { children, named } from './parser.ts';
import { literal, template } from './templates.ts';
import type { Node } from './parser.ts';
import { LazyObject, Unknown, isObject, materialize, typeName } from './values.ts';
import type { TfObject, TfValue } from './values.ts';
import { MAX_ITEMS, asBool, asNumber, asString, fail, withNames } from './eval-context.ts';
import type { EvalContext } from './eval-context.ts';
import { getAttr, getIndex } from './value-access.ts';

function equal(a: TfValue, b: TfValue): boolean {
  return JSON.stringify(materialize(a)) === JSON.stringify(materialize(b));
}

function literalValue(node: Node): TfValue {
  const v = named(node)[0]!;
  switch (v.type) {
    case 'numeric_lit':
      return Number(v.text);
    case 'bool_lit':
      return v.text === 'true';
    case 'null_lit':
      return null;
    default: {
      const parts = children(v);
      const raw = v.text.slice(parts[0]!.endIndex - v.startIndex, parts[parts.length - 1]!.startIndex - v.startIndex);
      return literal(raw, true);
    }
  }
}

/** The key/value pairs of a collection, for `for` expressions and directives. */
export function entries(ctx: EvalContext, node: Node, v: TfValue): Array<[TfValue, TfValue]> {
  const m = v instanceof LazyObject ? materialize(v) : v;
  if (Array.isArray(m)) return m.map((x, i) => [i, x]);
  if (isObject(m))
    return Object.keys(m)
      .sort()
      .map((k) => [k, m[k]!]);
  throw fail(
    ctx,
    node,
    'SB_TERRAFORM_EVALUATION',
    node.text.slice(0, 60),
    `Iteration over non-iterable value: a ${typeName(m)} cannot be iterated`,
  );
}

function forExpr(ctx: EvalContext, node: Node): TfValue {
  const f = named(node)[0]!;
  const parts = named(f);
  const intro = parts.find((p) => p.type === 'for_intro')!;
  const ids = named(intro)
    .filter((c) => c.type === 'identifier')
    .map((c) => c.text);
  const collNode = named(intro).find((c) => c.type === 'expression')!;
  const coll = evaluate(ctx, collNode);
  if (coll instanceof Unknown) return coll;
  const exprs = parts.filter((p) => p.type === 'expression');
  const cond = parts.find((p) => p.type === 'for_cond');
  const condExpr = cond && named(cond).find((c) => c.type === 'expression');
  const grouping = parts.some((p) => p.type === 'ellipsis');
  const tuple: TfValue[] = [];
  const object: Record<string, TfValue> = {};
  const groups: Record<string, TfValue[]> = {};
  for (const [k, v] of entries(ctx, collNode, coll)) {
    const inner = withNames(ctx, ids.length === 2 ? { [ids[0]!]: k, [ids[1]!]: v } : { [ids[0]!]: v });
    if (condExpr) {
      const c = asBool(inner, condExpr, evaluate(inner, condExpr));
      if (c instanceof Unknown) return c;
      if (!c) continue;
    }
    if (f.type === 'for_tuple_expr') {
      tuple.push(evaluate(inner, exprs[0]!));
      if (tuple.length > MAX_ITEMS)
        throw fail(
          ctx,
          node,
          'SB_TERRAFORM_EVALUATION',
          'for',
          `a for expression may produce at most ${MAX_ITEMS} items`,
        );
      continue;
    }
    const key = asString(inner, exprs[0]!, evaluate(inner, exprs[0]!), 'for key');
    if (key instanceof Unknown) return key;
    const value = evaluate(inner, exprs[1]!);
    if (grouping) (groups[key] ??= []).push(value);
    else if (Object.hasOwn(object, key))
      throw fail(
        ctx,
        node,
        'SB_TERRAFORM_EVALUATION',
        'for',
        `Duplicate object key: two elements produce the key "${key}" (use ... to group them)`,
      );
    else object[key] = value;
  }
  if (f.type === 'for_tuple_expr') return tuple;
  return grouping ? groups : object;
}

function collection(ctx: EvalContext, node: Node): TfValue {
  const c = named(node)[0]!;
  if (c.type === 'tuple')
    return named(c)
      .filter((x) => x.type === 'expression')
      .map((x) => evaluate(ctx, x));
  const out: TfObject = {};
  for (const elem of named(c).filter((x) => x.type === 'object_elem')) {
    const keyNode = elem.childForFieldName('key')!;
    const valNode = elem.childForFieldName('val')!;
    const kids = children(keyNode);
    // A bare identifier key is the name itself; `(expr)` or any other expression is evaluated.
    const bare = kids.length === 1 && kids[0]!.type === 'variable_expr';
    const key = bare ? keyNode.text : asString(ctx, keyNode, evaluate(ctx, keyNode), 'object key');
    if (key instanceof Unknown) return key;
    out[key] = evaluate(ctx, valNode);
  }
  return out;
}

/** Apply postfix traversals (`.attr`, `[i]`, splats) to a value. */
function traverse(ctx: EvalContext, v: TfValue, ops: readonly Node[], path: string): TfValue {
  let value = v;
  let p = path;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.type === 'get_attr') {
      const name = named(op)[0]!.text;
      value = getAttr(ctx, op, value, name, p);
      p = `${p}.${name}`;
    } else if (op.type === 'index') {
      const idx = named(op)[0]!;
      const key = idx.type === 'legacy_index' ? Number(idx.text.slice(1)) : evaluate(ctx, named(idx)[0]!);
      value = getIndex(ctx, op, value, key, p);
      p = `${p}[${idx.type === 'legacy_index' ? idx.text.slice(1) : named(idx)[0]!.text}]`;
    } else if (op.type === 'splat') {
      const s = named(op)[0]!;
      if (value instanceof Unknown) return value;
      const m = value instanceof LazyObject ? materialize(value) : value;
      const list = m === null ? [] : Array.isArray(m) ? m : [m];
      // A full splat ([*]) applies every following traversal to each element; an attribute splat (.*) only its own.
      const rest = s.type === 'full_splat' ? [...named(s), ...ops.slice(i + 1)] : named(s);
      const mapped = list.map((x) => traverse(ctx, x, rest, `${p}[*]`));
      if (s.type === 'full_splat') return mapped;
      value = mapped;
      p = `${p}.*`;
    }
  }
  return value;
}

function operation(ctx: EvalContext, node: Node): TfValue {
  const op = named(node)[0]!;
  const kids = children(op);
  if (op.type === 'unary_operation') {
    const operator = kids[0]!.text;
    const v = sequence(ctx, kids.slice(1));
    if (operator === '!') {
      const b = asBool(ctx, kids[1]!, v);
      return b instanceof Unknown ? b : !b;
    }
    const n = asNumber(ctx, kids[1]!, v);
    return n instanceof Unknown ? n : -n;
  }
  // An operand may be a reference written as sibling nodes (variable_expr, get_attr, …).
  const at = kids.findIndex((k) => !k.isNamed);
  const l = kids[0]!;
  const r = kids[at + 1]!;
  const operator = kids[at]!.text;
  const left = (): TfValue => sequence(ctx, kids.slice(0, at));
  const right = (): TfValue => sequence(ctx, kids.slice(at + 1));
  if (operator === '&&' || operator === '||') {
    const a = asBool(ctx, l, left());
    if (a instanceof Unknown) return a;
    if (operator === '&&' && !a) return false;
    if (operator === '||' && a) return true;
    return asBool(ctx, r, right());
  }
  const a = left();
  const b = right();
  if (a instanceof Unknown) return a;
  if (b instanceof Unknown) return b;
  if (operator === '==') return equal(a, b);
  if (operator === '!=') return !equal(a, b);
  const x = asNumber(ctx, l, a) as number;
  const y = asNumber(ctx, r, b) as number;
  switch (operator) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (y === 0) throw fail(ctx, node, 'SB_TERRAFORM_EVALUATION', node.text.slice(0, 60), 'Division by zero');
      return x / y;
    case '%':
      if (y === 0) throw fail(ctx, node, 'SB_TERRAFORM_EVALUATION', node.text.slice(0, 60), 'Division by zero');
      return x % y;
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
    default:
      throw fail(ctx, node, 'SB_TERRAFORM_UNSUPPORTED', `operator ${operator}`, `Unsupported operator ${operator}`);
  }
}

function functionCall(ctx: EvalContext, node: Node): TfValue {
  const kids = named(node);
  const name = kids[0]!.text;
  const argsNode = kids.find((k) => k.type === 'function_arguments');
  const argNodes = argsNode ? named(argsNode).filter((a) => a.type === 'expression') : [];
  const expand = argsNode ? named(argsNode).some((a) => a.type === 'ellipsis') : false;
  // try and can evaluate their arguments themselves, catching the errors of each.
  if (name === 'try' || name === 'can') {
    if (argNodes.length === 0)
      throw fail(
        ctx,
        node,
        'SB_TERRAFORM_EVALUATION',
        `function "${name}"`,
        `Invalid function argument: ${name} needs at least one argument`,
      );
    for (const a of argNodes) {
      try {
        const v = materialize(evaluate(ctx, a));
        return name === 'can' ? (v instanceof Unknown ? v : true) : v;
      } catch (e) {
        if (!(e instanceof TfEvalError) || e.code === 'SB_TERRAFORM_UNSUPPORTED' || e.code === 'SB_TERRAFORM_CYCLE')
          throw e;
        if (name === 'can') return false;
      }
    }
    throw fail(
      ctx,
      node,
      'SB_TERRAFORM_EVALUATION',
      'function "try"',
      'Error in function call: no expression given to try could be evaluated without an error',
    );
  }
  let args = argNodes.map((a) => evaluate(ctx, a));
  if (expand && args.length > 0) {
    const last = materialize(args[args.length - 1]!);
    if (last instanceof Unknown) return last;
    if (!Array.isArray(last))
      throw fail(
        ctx,
        node,
        'SB_TERRAFORM_EVALUATION',
        `function "${name}"`,
        'Invalid expanding argument value: the argument before ... must be a list or tuple',
      );
    args = [...args.slice(0, -1), ...last];
  }
  return ctx.call(name, args, node);
}

/** A primary expression and the traversals after it, given as sibling nodes. */
function sequence(ctx: EvalContext, kids: readonly Node[]): TfValue {
  if (kids[0]?.type === '(') return evaluate(ctx, kids[1]!);
  const [head, ...ops] = kids;
  if (!head) return null;
  if (head.type === 'variable_expr') return traverse(ctx, ctx.resolve(head.text, head), ops, head.text);
  if (ops.length === 0) return evaluate(ctx, head);
  return traverse(ctx, evaluate(ctx, head), ops, head.text.slice(0, 40));
}

/**
 * Evaluate an expression node.
 * @example
 * evaluate(ctx, attribute.expr) // 'Callback Priority Control'
 */
export function evaluate(ctx: EvalContext, node: Node): TfValue {
  if (depth >= MAX_DEPTH)
    throw fail(
      ctx,
      node,
      'SB_TERRAFORM_EVALUATION',
      node.text.slice(0, 40),
      `Expressions may nest at most ${MAX_DEPTH} deep`,
    );
  depth++;
  try {
    return evaluateNode(ctx, node);
  } finally {
    depth--;
  }
}

let depth = 0;
const MAX_DEPTH = 400;

function evaluateNode(ctx: EvalContext, node: Node): TfValue {
  switch (node.type) {
    case 'expression':
      return sequence(ctx, children(node));
    case 'literal_value':
      return literalValue(node);
    case 'template_expr':
      return template(ctx, node);
    case 'collection_value':
      return collection(ctx, node);
    case 'for_expr':
      return forExpr(ctx, node);
    case 'operation':
      return operation(ctx, node);
    case 'function_call':
      return functionCall(ctx, node);
    case 'variable_expr':
      return ctx.resolve(node.text, node);
    case 'conditional': {
      const [c, a, b] = named(node);
      const cond = asBool(ctx, c!, evaluate(ctx, c!));
      if (cond instanceof Unknown) return cond;
      return evaluate(ctx, cond ? a! : b!);
    }
    default:
      throw fail(
        ctx,
        node,
        'SB_TERRAFORM_UNSUPPORTED',
        node.type,
        `Unsupported expression: ${node.type} (${node.text.slice(0, 60)})`,
      );
  }
}
