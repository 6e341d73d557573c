import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import { workflowDeterminism } from './workflow-determinism.ts';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });
const wrap = (body: string, params = '{ input, step }'): string =>
  `defineWorkflow({ name: 'w' }, async (${params}) => { ${body} });`;
const error = (what: string) => ({
  messageId: 'nondeterministic' as const,
  data: { what, advice: expectedAdvice(what) },
});
function expectedAdvice(what: string): string {
  if (/random|UUID|Random|Bytes|Int/.test(what)) return 'draw it inside step.run so the value is journaled';
  if (/setTimeout|setInterval|setImmediate/.test(what)) return 'use step.sleep, a durable timer';
  if (/fetch/.test(what)) return 'call it through step.action, step.api or step.run so the result is journaled';
  return 'use ctx.now() (the deterministic time of the run), or read the clock inside step.run';
}

tester.run('workflow-determinism', workflowDeterminism, {
  valid: [
    // Outside a workflow body, nothing is reported.
    'const t = Date.now(); const r = Math.random(); setTimeout(() => {}, 1);',
    // Inside step.run the result is journaled.
    wrap(
      `const id = await step.run('id', () => crypto.randomUUID()); const at = await step.run('at', () => Date.now());`,
    ),
    wrap(
      `await s.run('t', async () => { await fetch('https://example.com'); return new Date().toISOString(); });`,
      '{ step: s }',
    ),
    wrap(`await ctx.step.run('t', () => Math.random());`, 'ctx'),
    // Deterministic uses of Date.
    wrap(`const d = new Date(ctx.now()); const p = Date.parse('2026-01-01');`, 'ctx'),
    wrap(`await step.sleep({ minutes: 5 });`),
  ],
  invalid: [
    { code: wrap('const t = Date.now();'), errors: [error('Date.now()')] },
    { code: wrap('const d = new Date();'), errors: [error('new Date()')] },
    { code: wrap('const s = Date();'), errors: [error('Date()')] },
    { code: wrap('if (Math.random() > 0.5) await step.sleep({ seconds: 1 });'), errors: [error('Math.random()')] },
    { code: wrap('const id = crypto.randomUUID();'), errors: [error('crypto.randomUUID()')] },
    { code: wrap('const t = performance.now();'), errors: [error('performance.now()')] },
    { code: wrap('await new Promise((r) => setTimeout(r, 1000));'), errors: [error('setTimeout()')] },
    { code: wrap(`const res = await fetch('https://example.com');`), errors: [error('fetch()')] },
    // A nested helper inside the body is still the body.
    { code: wrap('const ids = [1, 2].map(() => Math.random());'), errors: [error('Math.random()')] },
    // Another step tool's callback is not journaled like step.run's.
    { code: wrap(`await other.run('x', () => Date.now());`), errors: [error('Date.now()')] },
    {
      code: `export const w = defineWorkflow({ name: 'w' }, async function (ctx) { return Date.now() - ctx.now(); });`,
      errors: [error('Date.now()')],
    },
  ],
});
