import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../core/index.ts';
import { compileTrigger } from './model.ts';
import { defineTrigger } from './define.ts';
import type { TriggerDeclaration } from './define.ts';

const valid: TriggerDeclaration = {
  name: 'Callback queued',
  enabled: true,
  topicName: 'v2.detail.events.conversation.{id}.acd.start',
  target: { id: 'raise', type: 'Workflow' },
  matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'CALLBACK' }],
};

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('defineTrigger', () => {
  it('returns the validated trigger, with a local id when none is given', () => {
    const t = defineTrigger({ ...valid, eventTTLSeconds: '60' as unknown as number });
    expect(t).toMatchObject({ id: 'local', version: 1, name: 'Callback queued', eventTTLSeconds: 60 });
    expect(defineTrigger({ ...valid, id: 'cb' }).id).toBe('cb');
  });

  it('throws SB_TRIGGER_INVALID with every violation, as a trigger file does', () => {
    const bad = { ...valid, topicName: 'v2.nope', delayBySeconds: 5 };
    const e = thrown(() => defineTrigger(bad));
    expect(isSwitchboardError(e) && e.code).toBe('SB_TRIGGER_INVALID');
    const violations = (e as { details: { violations: { field: string }[] } }).details.violations.map((v) => v.field);
    expect(violations).toEqual(expect.arrayContaining(['topicName', 'delayBySeconds']));
    const compiled = thrown(() => compileTrigger({ ...bad, id: 'local', version: 1 }));
    expect((compiled as { details: { violations: unknown } }).details.violations).toEqual(
      (e as { details: { violations: unknown } }).details.violations,
    );
  });
});
