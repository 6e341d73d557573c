/**
 * @module
 * What a flow reads and writes: every variable reference in its expressions (with the action
 * that holds it) and every assignment (Update Data, data-action outputs, loop indexes).
 */
import { childSequences, parseExpression, scopesOf } from '../../architect/index.ts';
import type { Action, ExprNode, Flow, ValueSource, VariableDecl } from '../../architect/index.ts';

/** One read of a variable. */
interface VariableRead {
  readonly variable: string;
  readonly action: Action;
  /** The expression text that reads it. */
  readonly expression: string;
  readonly node: ExprNode;
}

/** The facts of one flow. */
export interface FlowFacts {
  /** Lower-cased name → declaration (Flow and every State). */
  readonly declared: ReadonlyMap<string, VariableDecl>;
  readonly reads: readonly VariableRead[];
  /** Lower-cased names of variables some action writes. */
  readonly written: ReadonlySet<string>;
  /** Lower-cased names of variables used as a loop index. */
  readonly loopIndexes: ReadonlySet<string>;
  /** Every parsed expression, with its action. */
  readonly expressions: ReadonlyArray<{ readonly action: Action; readonly text: string; readonly node: ExprNode }>;
}

/** Every node of an expression tree, depth first. */
export function* exprNodes(node: ExprNode): Generator<ExprNode> {
  yield node;
  switch (node.k) {
    case 'unary':
      yield* exprNodes(node.operand);
      break;
    case 'binary':
      yield* exprNodes(node.left);
      yield* exprNodes(node.right);
      break;
    case 'call':
      for (const a of node.args) yield* exprNodes(a);
      break;
    case 'index':
      yield* exprNodes(node.target);
      yield* exprNodes(node.index);
      break;
    default:
  }
}

function sourcesOf(action: Action): ValueSource[] {
  switch (action.type) {
    case 'callData':
      return Object.values(action.inputs);
    case 'decision':
      return [action.condition];
    case 'switch':
      return action.cases.map((c) => c.condition);
    case 'updateData':
      return action.statements.map((s) => s.value);
    case 'loop':
      return [action.loopCount];
    case 'endWorkflow':
      return [action.exitReason];
    default:
      return [];
  }
}

function writesOf(action: Action): string[] {
  switch (action.type) {
    case 'callData':
      return [...Object.values(action.successOutputs), ...Object.values(action.failureOutputs)];
    case 'updateData':
      return action.statements.map((s) => s.variable);
    case 'loop':
      return action.indexVariable ? [action.indexVariable] : [];
    default:
      return [];
  }
}

function* allActions(actions: readonly Action[]): Generator<Action> {
  for (const a of actions) {
    yield a;
    for (const child of childSequences(a)) yield* allActions(child.actions);
  }
}

/**
 * Collect the reads and writes of a flow. Expressions that do not parse are skipped (the
 * import rules report them).
 * @example
 * flowFacts(flow).reads.filter((r) => r.variable === 'State.callbackConversationId')
 */
export function flowFacts(flow: Flow): FlowFacts {
  const declared = new Map<string, VariableDecl>();
  for (const v of [...flow.variables, ...scopesOf(flow).flatMap((s) => s.variables)])
    declared.set(v.name.toLowerCase(), v);
  const reads: VariableRead[] = [];
  const written = new Set<string>();
  const loopIndexes = new Set<string>();
  const expressions: Array<{ action: Action; text: string; node: ExprNode }> = [];
  for (const state of scopesOf(flow)) {
    for (const action of allActions(state.actions)) {
      for (const w of writesOf(action)) written.add(w.toLowerCase());
      if (action.type === 'loop' && action.indexVariable) loopIndexes.add(action.indexVariable.toLowerCase());
      for (const source of sourcesOf(action)) {
        if (source.kind !== 'expression') continue;
        let node: ExprNode;
        try {
          node = parseExpression(source.text);
        } catch {
          continue;
        }
        expressions.push({ action, text: source.text, node });
        for (const n of exprNodes(node))
          if (n.k === 'var') reads.push({ variable: n.name, action, expression: source.text, node: n });
      }
    }
  }
  return { declared, reads, written, loopIndexes, expressions };
}

/** How findings name an action: `"<name>" (<id>)`. */
export function actionLocation(action: Action): string {
  return `"${action.name}" (${action.id})`;
}
