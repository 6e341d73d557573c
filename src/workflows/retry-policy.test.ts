import { describe, expect, it } from 'vitest';
import {
  BundleRetrySchema,
  backoffMs,
  checkRetryPolicy,
  decideRetry,
  policyForAction,
  retryCondition,
} from './retry-policy.ts';

const failure = (transient?: { kind: '429' | '5xx' | 'timeout'; status?: number; retryAfterMs?: number }) => ({
  status: 'failure' as const,
  ...(transient ? { transient } : {}),
});

describe('retry policy', () => {
  it('retries only what may pass when sent again: a 429, a transient 5xx (or no answer), a timeout', () => {
    expect(retryCondition(failure({ kind: '429', status: 429 }))).toBe(429);
    expect(retryCondition(failure({ kind: '5xx', status: 503 }))).toBe('5xx');
    expect(retryCondition({ status: 'timeout' })).toBe('timeout');
    expect(retryCondition(failure())).toBeUndefined();
    expect(retryCondition({ status: 'success' })).toBeUndefined();
  });

  it('waits what Retry-After asks when honoured, else the exponential backoff capped at maxMs', () => {
    const policy = { attempts: 5, backoff: { initialMs: 100, maxMs: 350, factor: 2 } };
    expect([1, 2, 3, 4].map((n) => backoffMs(policy, n))).toEqual([100, 200, 350, 350]);
    expect(decideRetry(policy, 1, failure({ kind: '429', retryAfterMs: 2000 }), 0, Infinity)).toEqual({
      retry: true,
      waitMs: 2000,
      condition: 429,
    });
    expect(
      decideRetry({ ...policy, honourRetryAfter: false }, 1, failure({ kind: '429', retryAfterMs: 2000 }), 0, Infinity),
    ).toEqual({ retry: true, waitMs: 100, condition: 429 });
    expect(decideRetry(policy, 2, failure({ kind: '5xx', status: 503 }), 0, Infinity)).toEqual({
      retry: true,
      waitMs: 200,
      condition: '5xx',
    });
    expect(decideRetry({ attempts: 2 }, 1, { status: 'timeout' }, 0, Infinity)).toEqual({
      retry: true,
      waitMs: 1000,
      condition: 'timeout',
    });
  });

  it('stops at the last attempt, on a condition it does not retry, a Retry-After too long, or the run deadline', () => {
    expect(decideRetry({ attempts: 3 }, 3, failure({ kind: '5xx' }), 0, Infinity)).toMatchObject({
      retry: false,
      reason: 'the retry policy allows 3 attempts',
    });
    expect(decideRetry({ attempts: 3, on: [429] }, 1, { status: 'timeout' }, 0, Infinity)).toMatchObject({
      retry: false,
      reason: 'the retry policy does not retry timeout',
    });
    expect(decideRetry({ attempts: 3 }, 1, failure({ kind: '429', retryAfterMs: 120_000 }), 0, Infinity)).toMatchObject(
      { retry: false, reason: expect.stringContaining('maxRetryAfterMs 60000') },
    );
    expect(decideRetry({ attempts: 3 }, 1, failure({ kind: '5xx' }), 10_000, 10_500)).toMatchObject({
      retry: false,
      reason: expect.stringContaining('maximum running time'),
    });
    expect(decideRetry({ attempts: 3 }, 1, failure(), 0, Infinity)).toEqual({ retry: false });
  });

  it('rejects a broken policy with a coded error naming the field', () => {
    expect(() => checkRetryPolicy({ attempts: 0 }, 'here')).toThrow(
      expect.objectContaining({
        code: 'SB_WORKFLOW_RETRY_INVALID',
        details: expect.objectContaining({ field: 'attempts' }),
      }),
    );
    expect(() => checkRetryPolicy({ attempts: 3, on: ['4xx'] }, 'here')).toThrow(
      expect.objectContaining({
        code: 'SB_WORKFLOW_RETRY_INVALID',
        details: expect.objectContaining({ field: 'on.0' }),
      }),
    );
    expect(() => checkRetryPolicy({ attempts: 3, backoff: { initialMs: -1 } }, 'here')).toThrow(/backoff\.initialMs/);
    expect(() => checkRetryPolicy({ attempts: 3, retries: 2 }, 'here')).toThrow(/retries/);
    expect(checkRetryPolicy({ attempts: 3, on: ['429', 'timeout'] }, 'here')).toEqual({
      attempts: 3,
      on: [429, 'timeout'],
    });
  });

  it("resolves one action's policy from a bundle's retry: its override merged over the bundle's fields, or none", () => {
    const bundle = BundleRetrySchema.parse({
      attempts: 3,
      backoff: { initialMs: 500 },
      actions: { 'Get State': false, 'Set Tag': { attempts: 5, backoff: { maxMs: 4000 } } },
    });
    expect(policyForAction(bundle, 'Disconnect')).toEqual({ attempts: 3, backoff: { initialMs: 500 } });
    expect(policyForAction(bundle, 'Set Tag')).toEqual({ attempts: 5, backoff: { initialMs: 500, maxMs: 4000 } });
    expect(policyForAction(bundle, 'Get State')).toBeUndefined();
    // Without bundle-wide attempts only the actions named retry.
    const only = BundleRetrySchema.parse({ actions: { 'Set Tag': { attempts: 2 } } });
    expect(policyForAction(only, 'Set Tag')).toEqual({ attempts: 2 });
    expect(policyForAction(only, 'Other')).toBeUndefined();
    expect(policyForAction(undefined, 'Set Tag')).toBeUndefined();
  });
});
