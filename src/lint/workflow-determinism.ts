/**
 * @module
 * The determinism guard for code-first workflows. A workflow body is replayed from its journal after
 * a restart, so everything it computes outside a step must come out the same on every replay: the
 * wall clock, randomness, timers and direct I/O break that (Temporal's sandbox refuses them for the
 * same reason). This rule reports them inside the handler given to `defineWorkflow`, except inside a
 * function given to `step.run`, whose result is journaled.
 *
 * Limits: the rule sees the handler's own text; a helper function defined elsewhere and called from
 * the handler is not followed.
 */
import type { Rule } from 'eslint';
import type * as ESTree from 'estree';

type AnyNode = ESTree.Node & { parent?: AnyNode };

/** What to use instead, per kind of nondeterminism. */
const ADVICE = {
  clock: 'use ctx.now() (the deterministic time of the run), or read the clock inside step.run',
  random: 'draw it inside step.run so the value is journaled',
  timer: 'use step.sleep, a durable timer',
  io: 'call it through step.action, step.api or step.run so the result is journaled',
} as const;

/** `object.property` calls that are nondeterministic, by object then property. */
const MEMBER_CALLS: Record<string, Record<string, keyof typeof ADVICE>> = {
  Date: { now: 'clock' },
  Math: { random: 'random' },
  performance: { now: 'clock' },
  crypto: { randomUUID: 'random', getRandomValues: 'random', randomBytes: 'random', randomInt: 'random' },
  process: { hrtime: 'clock', uptime: 'clock' },
};

/** Bare calls that are nondeterministic. */
const BARE_CALLS: Record<string, keyof typeof ADVICE> = {
  Date: 'clock',
  setTimeout: 'timer',
  setInterval: 'timer',
  setImmediate: 'timer',
  fetch: 'io',
  randomUUID: 'random',
  randomBytes: 'random',
  randomInt: 'random',
};

const isFunction = (n: AnyNode): n is AnyNode & (ESTree.ArrowFunctionExpression | ESTree.FunctionExpression) =>
  n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression';

function calleeName(callee: ESTree.Node): string | undefined {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier')
    return callee.property.name;
  return undefined;
}

/** The names the handler gives its step tools: `({ step })`, `({ step: s })` or `ctx` (as `ctx.step`). */
function stepNames(handler: ESTree.ArrowFunctionExpression | ESTree.FunctionExpression): {
  ids: Set<string>;
  ctx: Set<string>;
} {
  const ids = new Set<string>();
  const ctx = new Set<string>();
  const param = handler.params[0];
  if (param?.type === 'Identifier') ctx.add(param.name);
  if (param?.type === 'ObjectPattern') {
    for (const p of param.properties) {
      if (
        p.type === 'Property' &&
        p.key.type === 'Identifier' &&
        p.key.name === 'step' &&
        p.value.type === 'Identifier'
      )
        ids.add(p.value.name);
    }
  }
  return { ids, ctx };
}

function isStepRun(call: AnyNode, names: { ids: Set<string>; ctx: Set<string> }): boolean {
  if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return false;
  const { object, property } = call.callee;
  if (property.type !== 'Identifier' || property.name !== 'run') return false;
  if (object.type === 'Identifier') return names.ids.has(object.name);
  return (
    object.type === 'MemberExpression' &&
    object.object.type === 'Identifier' &&
    names.ctx.has(object.object.name) &&
    object.property.type === 'Identifier' &&
    object.property.name === 'step'
  );
}

/** The ESLint rule `switchboard/workflow-determinism`. */
export const workflowDeterminism: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow the wall clock, randomness, timers and direct I/O in a workflow body outside step tools',
    },
    schema: [],
    messages: { nondeterministic: '{{what}} in a workflow body is not replay-safe: {{advice}}.' },
  },
  create(context) {
    function check(node: AnyNode, what: string, kind: keyof typeof ADVICE): void {
      const ancestors = context.sourceCode.getAncestors(node) as AnyNode[];
      for (let i = ancestors.length - 1; i >= 0; i--) {
        const fn = ancestors[i]!;
        if (!isFunction(fn)) continue;
        const call = ancestors[i - 1];
        if (!call || call.type !== 'CallExpression' || !call.arguments.includes(fn)) continue;
        if (calleeName(call.callee) === 'defineWorkflow') {
          context.report({ node, messageId: 'nondeterministic', data: { what, advice: ADVICE[kind] } });
          return;
        }
        // A step.run callback is journaled: whatever it reads is fixed on replay.
        const handler = ancestors
          .slice(0, i)
          .reverse()
          .find((a, j, rest) => {
            const parent = rest[j + 1];
            return isFunction(a) && parent?.type === 'CallExpression' && calleeName(parent.callee) === 'defineWorkflow';
          });
        if (handler && isFunction(handler) && isStepRun(call, stepNames(handler))) return;
      }
    }
    return {
      CallExpression(node) {
        const n = node as AnyNode & ESTree.CallExpression;
        if (n.callee.type === 'Identifier' && n.callee.name in BARE_CALLS) {
          check(n, `${n.callee.name}()`, BARE_CALLS[n.callee.name]!);
        } else if (
          n.callee.type === 'MemberExpression' &&
          !n.callee.computed &&
          n.callee.object.type === 'Identifier' &&
          n.callee.property.type === 'Identifier'
        ) {
          const kind = MEMBER_CALLS[n.callee.object.name]?.[n.callee.property.name];
          if (kind) check(n, `${n.callee.object.name}.${n.callee.property.name}()`, kind);
        }
      },
      NewExpression(node) {
        const n = node as AnyNode & ESTree.NewExpression;
        if (n.callee.type === 'Identifier' && n.callee.name === 'Date' && n.arguments.length === 0)
          check(n, 'new Date()', 'clock');
      },
    };
  },
};
