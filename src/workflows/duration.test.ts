import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.ts';
import type { Duration } from './duration.ts';

describe('parseDuration', () => {
  it.each([
    [250, 250],
    ['300000', 300_000],
    ['200ms', 200],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['2d', 172_800_000],
    ['PT5M', 300_000],
    ['PT1H0M30S', 3_630_000],
    ['P1D', 86_400_000],
    ['PT0.5S', 500],
    [{ minutes: 5 }, 300_000],
    [{ hours: 1, seconds: 1 }, 3_601_000],
    [{ milliseconds: 7 }, 7],
  ])('reads %j as %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each([['five minutes'], ['5 m'], ['-5m'], ['PT'], ['P'], [-1], [Number.NaN], [{ minute: 5 }], [{ minutes: -1 }]])(
    'rejects %j with the value named',
    (input) => {
      expect(() => parseDuration(input as Duration)).toThrow(
        expect.objectContaining({
          code: 'SB_WORKFLOW_DURATION_INVALID',
          message: expect.stringContaining(JSON.stringify(input)),
        }),
      );
    },
  );
});
