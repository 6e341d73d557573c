// Converters and IsNotSetOrEmpty given a JSON value, as published flows write them
// (`ToInt(State.body.count)`, `IsNotSetOrEmpty(State.body.name)`).
import { describe, expect, it } from 'vitest';
import { importArchyYaml } from '../import/archy-yaml.ts';
import { runFlow } from '../interpreter.ts';
import { PlatformTools } from '../platform-directory.test-util.ts';

const flow = (expression: string) =>
  importArchyYaml(`workflow:
  name: JSON arguments
  startUpRef: "/workflow/states/state[S]"
  variables:
    - jsonVariable:
        name: Flow.body
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
  states:
    - state:
        name: Main
        refId: S
        actions:
          - endWorkflow:
              name: End
              exitReason:
                exp: ToString(${expression})
`);

const run = async (expression: string, body: unknown) =>
  runFlow(flow(expression), { body }, new PlatformTools(() => ({ status: 404, body: {} })));

describe('JSON arguments', () => {
  it.each<[string, unknown, string]>([
    ['ToInt(Flow.body.count)', { count: 42 }, '42'],
    ['ToInt(Flow.body.count)', { count: '7' }, '7'],
    ['ToInt(Flow.body.count)', { count: 2.9 }, '2'],
    ['ToDecimal(Flow.body.price)', { price: '1.5' }, '1.5'],
    ['ToBool(Flow.body.vip)', { vip: true }, 'true'],
    ['IsNotSetOrEmpty(Flow.body.name)', { name: 'Ann' }, 'false'],
    ['IsNotSetOrEmpty(Flow.body.name)', { name: '' }, 'true'],
    ['IsNotSetOrEmpty(Flow.body.tags)', { tags: [] }, 'true'],
    ['IsNotSetOrEmpty(Flow.body)', {}, 'true'],
  ])('%s of %j is %s', async (expression, body, expected) => {
    const r = await run(expression, body);
    expect(r.status).toBe('completed');
    expect(r.exitReason).toBe(expected);
  });

  it('refuses to convert a JSON object to a number, naming the function', async () => {
    const r = await run('ToInt(Flow.body.count)', { count: { n: 1 } });
    expect(r.status).toBe('failed');
    expect(r.error?.message).toContain('ToInt: the JSON value is an object, not a scalar');
  });
});
