/**
 * @module
 * What a flow reads and writes: every variable reference in the expressions of every action (with
 * the action that holds it), and every variable an action assigns: Update Data, data-action
 * outputs, loop indexes, and the results of the platform actions (Find User/Queue/Group…, Get
 * External Contact, Data Table Lookup, Get Participant Data, Evaluate Schedule Group).
 */
import { childSequences, parseExpression, scopesOf } from '../../architect/index.ts';
import type { Action, ExprNode, Flow, ValueSource, VariableDecl } from '../../architect/index.ts';

/** One read of a variable. */
interface VariableRead {
  /** The declared variable read (`Flow.jsonData` for `Flow.jsonData.a.b`), or the name as written when none is declared. */
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
    case 'member':
      yield* exprNodes(node.target);
      break;
    case 'lit':
    case 'notSet':
    case 'var':
      break;
  }
}

/** What one action reads (its value sources) and writes (variable names), its branches aside. */
interface ActionAccess {
  readonly reads: readonly ValueSource[];
  readonly writes: readonly (string | undefined)[];
}

const NONE: ActionAccess = { reads: [], writes: [] };
const at = (v: ValueSource | 'now'): ValueSource[] => (v === 'now' ? [] : [v]);

/**
 * The reads and writes of an action. The switch has no default: a new action type fails the
 * typecheck here until its variables are counted.
 */
function accessOf(action: Action): ActionAccess {
  switch (action.type) {
    case 'callData':
      return {
        reads: Object.values(action.inputs),
        writes: [...Object.values(action.successOutputs), ...Object.values(action.failureOutputs)],
      };
    case 'lookup':
      return { reads: [action.key], writes: [action.result] };
    case 'dataTableLookup':
      return {
        reads: [action.key],
        writes: [...action.outputs.map((o) => o.variable), action.errorType, action.errorMessage],
      };
    case 'getParticipantData':
      return {
        reads: [action.conversationId, action.participantId, ...action.attributes.map((a) => a.name)],
        writes: action.attributes.map((a) => a.variable),
      };
    case 'setParticipantData':
      return {
        reads: [action.conversationId, action.participantId, ...action.attributes.flatMap((a) => [a.name, a.value])],
        writes: [],
      };
    case 'evaluateSchedule':
      return { reads: [action.ref.value, action.timeZone, ...at(action.at)], writes: [] };
    case 'evaluateScheduleGroup':
      return {
        reads: [action.ref.value, ...(action.emergencyGroup ? [action.emergencyGroup.value] : []), ...at(action.at)],
        writes: [action.activeSchedules],
      };
    case 'callCommonModule':
      return { reads: Object.values(action.inputs), writes: Object.values(action.outputs) };
    case 'callTask':
      return { reads: Object.values(action.inputs ?? {}), writes: Object.values(action.outputs ?? {}) };
    case 'decision':
      return { reads: [action.condition], writes: [] };
    case 'switch':
      return { reads: action.cases.map((c) => c.condition), writes: [] };
    case 'updateData':
      return { reads: action.statements.map((s) => s.value), writes: action.statements.map((s) => s.variable) };
    case 'loop':
      return { reads: [action.loopCount], writes: [action.indexVariable] };
    case 'endWorkflow':
      return { reads: [action.exitReason], writes: [] };
    case 'workitem': {
      const sources = [
        action.status,
        action.queue,
        action.priority,
        action.languageSkill,
        action.preferredAgents,
        action.user,
      ];
      return {
        reads: [...sources.filter((v) => v !== undefined), ...(action.skills ?? [])],
        writes: [action.errorType, action.errorMessage],
      };
    }
    case 'exitLoop':
    case 'exitWorkitemFlow':
    case 'nextLoop':
    case 'changeState':
    case 'endTask':
    case 'wait':
      return NONE;
  }
}

function* allActions(actions: readonly Action[]): Generator<Action> {
  for (const a of actions) {
    yield a;
    for (const child of childSequences(a)) yield* allActions(child.actions);
  }
}

/**
 * The declared variable a name reads: the name itself, or its longest declared prefix
 * (`Flow.jsonData.webhooksInvocation.body` reads `Flow.jsonData`, `Flow.user.email` reads `Flow.user`).
 */
function declaredOf(name: string, declared: ReadonlyMap<string, VariableDecl>): string {
  const parts = name.split('.');
  for (let i = parts.length; i >= 2; i--) {
    const decl = declared.get(parts.slice(0, i).join('.').toLowerCase());
    if (decl) return decl.name;
  }
  return name;
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
      const access = accessOf(action);
      for (const w of access.writes) if (w) written.add(w.toLowerCase());
      if (action.type === 'loop' && action.indexVariable) loopIndexes.add(action.indexVariable.toLowerCase());
      for (const source of access.reads) {
        if (source.kind !== 'expression') continue;
        let node: ExprNode;
        try {
          node = parseExpression(source.text);
        } catch {
          continue;
        }
        expressions.push({ action, text: source.text, node });
        for (const n of exprNodes(node))
          if (n.k === 'var')
            reads.push({ variable: declaredOf(n.name, declared), action, expression: source.text, node: n });
      }
    }
  }
  return { declared, reads, written, loopIndexes, expressions };
}

/** How findings name an action: `"<name>" (<id>)`. */
export function actionLocation(action: Action): string {
  return `"${action.name}" (${action.id})`;
}
