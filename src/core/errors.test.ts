import { describe, expect, it } from 'vitest';
import { SwitchboardError, defineErrorCodes, errorCodeSpec } from './errors.ts';
import type { ErrorCodeName } from './errors.ts';

describe('SwitchboardError', () => {
  it('takes retry semantics, status and hint from its declared code', () => {
    defineErrorCodes('test', {
      SB_TEST_LATER: { summary: 'x', retry: 'after', hint: 'wait', status: 429 },
    });
    // Declared by this test only, so not in the generated union of the product's codes.
    const e = new SwitchboardError('SB_TEST_LATER' as ErrorCodeName, 'rate limited; retry in 3 s', {
      retryAfterMs: 3000,
    });
    expect(e.retryable).toBe(true);
    expect(e.status).toBe(429);
    expect(e.hint).toBe('wait');
    expect(e.toJSON()).toMatchObject({ code: 'SB_TEST_LATER', retry: 'after', retryAfterMs: 3000 });
    expect(errorCodeSpec('SB_TEST_LATER')?.context).toBe('test');
  });

  it('rejects malformed and duplicate codes', () => {
    expect(() => defineErrorCodes('test', { bad: { summary: 'x', retry: 'never', hint: 'y' } })).toThrow(/must match/);
    expect(() => defineErrorCodes('other', { SB_INTERNAL: { summary: 'x', retry: 'never', hint: 'y' } })).toThrow(
      /declared twice/,
    );
  });
});
