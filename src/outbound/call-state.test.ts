import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyCall, outcomeFromDetails, transitions } from './call-state.ts';
import type { CallSnapshot, CallState } from './call-state.ts';

const user = { purpose: 'user', state: 'connected', connectedTime: '2026-01-05T09:00:00Z' };

describe('classifyCall', () => {
  it('is dialing while the far end is contacted', () => {
    expect(classifyCall({ participants: [user, { purpose: 'customer', state: 'dialing' }] })).toEqual({
      phase: 'dialing',
      answered: false,
    });
    expect(classifyCall({ participants: [user, { purpose: 'external', state: 'alerting' }] }).phase).toBe('dialing');
    expect(classifyCall({ participants: [user] }).phase).toBe('dialing');
  });

  it('is connected once the far end answers', () => {
    const c = classifyCall({
      participants: [user, { purpose: 'customer', state: 'connected', connectedTime: '2026-01-05T09:00:05Z' }],
    });
    expect(c).toEqual({ phase: 'connected', answered: true });
  });

  it('ended after an answer carries the disconnect type and no unanswered outcome', () => {
    const c = classifyCall({
      participants: [
        { ...user, state: 'disconnected' },
        { purpose: 'customer', state: 'disconnected', connectedTime: '2026-01-05T09:00:05Z', disconnectType: 'peer' },
      ],
    });
    expect(c).toEqual({ phase: 'ended', answered: true, disconnectType: 'peer' });
  });

  it.each([
    [{ errorInfo: { code: 'error.ininedgecontrol.session.remote.busy' } }, 'busy'],
    [{ errorInfo: { message: 'SIP 486 Busy Here' } }, 'busy'],
    [{ errorInfo: { code: 'no.answer' } }, 'no-answer'],
    [{ errorInfo: { code: 'error.ininedgecontrol.connection.number.unreachable' } }, 'failed'],
    [{ disconnectType: 'transport.failure' }, 'failed'],
    [{ disconnectType: 'error' }, 'failed'],
    [{ disconnectType: 'endpoint' }, 'no-answer'],
  ])('an unanswered far end that ended with %j is %s', (extra, outcome) => {
    const c = classifyCall({ participants: [user, { purpose: 'customer', state: 'disconnected', ...extra }] });
    expect(c.phase).toBe('ended');
    expect(c.answered).toBe(false);
    expect(c.outcome).toBe(outcome);
  });

  it('is ended when every participant is over, even without a far end', () => {
    expect(classifyCall({ participants: [{ purpose: 'user', state: 'terminated' }] }).phase).toBe('ended');
  });
});

describe('transitions', () => {
  it('tells the whole story when the first look is the last', () => {
    expect(transitions(undefined, { phase: 'ended', answered: true })).toEqual([
      'dialing',
      'connected',
      'disconnected',
    ]);
    expect(transitions(undefined, { phase: 'ended', answered: false, outcome: 'busy' })).toEqual([
      'dialing',
      'busy',
      'disconnected',
    ]);
  });

  it('reports only what is new', () => {
    expect(transitions('dialing', { phase: 'dialing', answered: false })).toEqual([]);
    expect(transitions('dialing', { phase: 'connected', answered: true })).toEqual(['connected']);
    expect(transitions('connected', { phase: 'ended', answered: true })).toEqual(['disconnected']);
    expect(transitions('disconnected', { phase: 'ended', answered: true })).toEqual([]);
  });

  it('any sequence of looks yields a prefix-consistent, ordered story ending at most once', () => {
    const snapshot = fc.oneof(
      fc.constant<CallSnapshot>({ phase: 'dialing', answered: false }),
      fc.constant<CallSnapshot>({ phase: 'connected', answered: true }),
      fc.constant<CallSnapshot>({ phase: 'ended', answered: true }),
      fc
        .constantFrom<CallSnapshot['outcome']>('busy', 'no-answer', 'failed')
        .map((outcome): CallSnapshot => ({ phase: 'ended', answered: false, ...(outcome ? { outcome } : {}) })),
    );
    fc.assert(
      fc.property(fc.array(snapshot, { maxLength: 8 }), (looks) => {
        const story: CallState[] = [];
        let last: CallState | undefined;
        for (const look of looks) {
          for (const s of transitions(last, look)) {
            story.push(s);
            last = s;
          }
        }
        expect(new Set(story).size).toBe(story.length);
        if (story.length > 0) expect(story[0]).toBe('dialing');
        expect(story.filter((s) => s === 'disconnected').length).toBeLessThanOrEqual(1);
        const end = story.indexOf('disconnected');
        if (end >= 0) expect(end).toBe(story.length - 1);
        expect(story.filter((s) => s !== 'dialing' && s !== 'disconnected').length).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('outcomeFromDetails', () => {
  const details = (purpose: string, segment: Record<string, unknown>): unknown => ({
    participants: [
      { purpose: 'user', sessions: [{ segments: [{ sipResponseCodes: [486] }] }] },
      { purpose, sessions: [{ segments: [{ segmentType: 'dialing' }, segment] }] },
    ],
  });

  it.each([
    [{ sipResponseCodes: [486] }, 'busy'],
    [{ q850ResponseCodes: [17] }, 'busy'],
    [{ sipResponseCodes: [480] }, 'no-answer'],
    [{ q850ResponseCodes: [19] }, 'no-answer'],
    [{ sipResponseCodes: [503], q850ResponseCodes: [41] }, 'failed'],
    [{ q850ResponseCodes: [16] }, undefined],
    [{}, undefined],
  ])('reads the far end segment %j as %s', (segment, outcome) => {
    expect(outcomeFromDetails(details('external', segment))).toBe(outcome);
    expect(outcomeFromDetails(details('customer', segment))).toBe(outcome);
  });

  it('ignores the near end and anything that is not analytics details', () => {
    expect(outcomeFromDetails(details('agent', { sipResponseCodes: [503] }))).toBeUndefined();
    expect(outcomeFromDetails(null)).toBeUndefined();
    expect(outcomeFromDetails({ participants: 'x' })).toBeUndefined();
  });
});
