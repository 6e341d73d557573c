// The values of a `flow run` command line: --event gives the inputs a trigger would (top-level
// primitives, or the whole body as jsonData), --input wins, and every bad value is refused naming
// its option.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowRunValues } from './flow-run-values.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-flow-values-'));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const body = {
  conversationId: 'c-1',
  eventTime: 5,
  ok: true,
  participants: [{ id: 'p' }],
  routing: { q: 1 },
  gone: null,
};

describe('flowRunValues', () => {
  it('--event: the top-level strings, numbers and booleans, as a TopLevelPrimitives trigger gives them', () => {
    const { input } = flowRunValues({ input: '{}', event: file('e.json', JSON.stringify(body)) });
    expect(input).toEqual({ conversationId: 'c-1', eventTime: 5, ok: true });
  });

  it('--event in an envelope ({ topicName, eventBody }), --data-format Json, and --input winning', () => {
    const envelope = file(
      'env.json',
      JSON.stringify({ topicName: 'v2.detail.events.conversation.c-1.acw', eventBody: body }),
    );
    expect(flowRunValues({ input: '{"eventTime":9}', event: envelope }).input).toEqual({
      conversationId: 'c-1',
      eventTime: 9,
      ok: true,
    });
    expect(flowRunValues({ input: '{}', event: envelope, dataFormat: 'Json' }).input).toEqual({ jsonData: body });
  });

  it('refuses what an option does not take, naming the option', () => {
    const cases: [Parameters<typeof flowRunValues>[0], string][] = [
      [{ input: '[1]' }, '--input must be a JSON object'],
      [{ input: '{}', event: join(dir, 'missing.json') }, 'the event file must be readable'],
      [{ input: '{}', event: file('list.json', '[1,2]') }, 'the event file must hold a JSON object'],
      [
        { input: '{}', event: file('ok.json', '{}'), dataFormat: 'Xml' },
        '--data-format must be TopLevelPrimitives or Json',
      ],
      [{ input: '{}', dataFormat: 'Json' }, 'give --event too'],
      [{ input: '{}', rebind: '{"a":1}' }, '--rebind must be a JSON object mapping'],
      [{ input: '{}', substitutions: '[]' }, '--substitutions must be a JSON object'],
    ];
    for (const [o, says] of cases)
      expect(() => flowRunValues(o), says).toThrow(
        expect.objectContaining({ code: 'SB_INPUT_INVALID', message: expect.stringContaining(says) }),
      );
  });
});
