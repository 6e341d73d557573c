import { describe, expect, it } from 'vitest';
import { conversationRoute, held, tally } from '../bench/chaos/tally.ts';

const ok = (path: string, method = 'PUT') => ({ method, path, status: 200, replayed: false });

describe('the chaos verdict', () => {
  it('counts lost events, duplicated runs, repeated and missing effects and stuck runs', () => {
    const t = tally(
      ['c1', 'c2', 'c3', 'c4'],
      [
        { id: 'r1', status: 'completed', conversationId: 'c1' },
        { id: 'r2', status: 'completed', conversationId: 'c2' },
        { id: 'r3', status: 'waiting', conversationId: 'c2' },
        { id: 'r4', status: 'completed', conversationId: 'c4' },
      ],
      [
        ok('/api/v2/conversations/c1/tags'),
        ok('/api/v2/conversations/c2/tags'),
        ok('/api/v2/conversations/c2/tags'),
        { ...ok('/api/v2/conversations/c4/tags'), replayed: true },
        { ...ok('/api/v2/conversations/c4/disconnect', 'POST'), status: 503 },
      ],
      [
        { id: 'c1', tag: 'No Queue', ended: true },
        { id: 'c2', tag: 'No Queue', ended: true },
        { id: 'c3', tag: undefined, ended: false },
        { id: 'c4', tag: 'No Queue', ended: false },
      ],
      'No Queue',
    );
    expect(t).toMatchObject({
      conversations: 4,
      eventsLost: 1,
      runsDuplicated: 1,
      effectsRepeated: 1,
      effectsMissing: 2,
      runsStuck: 1,
      replays: 1,
    });
    expect(t.details).toEqual(
      expect.arrayContaining([
        'lost: conversation c3 got no run',
        'repeated: c2 PUT /api/v2/conversations/{id}/tags applied 2 times',
        'missing: conversation c4 tag "No Queue", still going (run: completed)',
        'stuck: run r3 is waiting',
      ]),
    );
    expect(held(t)).toBe(false);
  });

  it('holds when every call got one run, each effect once, and everything settled', () => {
    const t = tally(
      ['c1'],
      [{ id: 'r1', status: 'completed', conversationId: 'c1' }],
      [ok('/api/v2/conversations/c1/tags'), { ...ok('/api/v2/conversations/c1/tags'), replayed: true }],
      [{ id: 'c1', tag: 'No Queue', ended: true }],
      'No Queue',
    );
    expect(held(t)).toBe(true);
    expect(t.replays).toBe(1);
    expect(conversationRoute(ok('/api/v2/conversations/abc/disconnect?x=1', 'POST'))).toEqual({
      id: 'abc',
      route: 'POST /api/v2/conversations/{id}/disconnect',
    });
    expect(conversationRoute(ok('/api/v2/users/u1'))).toBeUndefined();
  });
});
