import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../core/index.ts';
import { normalizeNumber, parseNumber } from './numbers.ts';

describe('parseNumber', () => {
  it.each([
    ['(317) 555-1234', 'US', '+13175551234'],
    ['317.555.1234', 'US', '+13175551234'],
    ['+1 317 555 1234', undefined, '+13175551234'],
    ['+44 20 7946 0958', 'US', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['tel:+1-317-555-1234', undefined, '+13175551234'],
    ['TEL:+44-20-7946-0958;isub=12', undefined, '+442079460958'],
    ['tel:7946-0958;phone-context=+4420', undefined, '+442079460958'],
    ['0044 20 7946 0958', undefined, '+442079460958'],
    ['  +33 1 42 68 53 00  ', 'us', '+33142685300'],
  ])('%s (region %s) → %s', (input, defaultRegion, e164) => {
    const r = parseNumber(input, defaultRegion === undefined ? {} : { defaultRegion });
    expect(r.ok ? r.number.e164 : r.message).toBe(e164);
    if (r.ok) expect(r.number.telUri).toBe(`tel:${e164}`);
  });

  it.each([
    ['', 'US', 'empty', 'it is empty'],
    ['call me', 'US', 'not-a-number', 'holds no phone number digits'],
    ['(317) 555-1234', undefined, 'needs-region', 'no default region is set'],
    ['555-12', 'US', 'too-short', 'too short (default region US)'],
    ['+1 317 555 12345', undefined, 'too-long', 'too long'],
    ['+999 1234 5678', undefined, 'invalid-country-code', 'country calling code does not exist'],
    // 0xx area codes do not exist in the North American plan: right length, wrong number.
    ['(017) 555-1234', 'US', 'invalid-for-region', 'not a valid number in its region'],
    [
      '+1 317 555 0100, +44 20 7946 0958',
      'US',
      'several-numbers',
      'it holds more than one number (+13175550100, +442079460958); call one at a time',
    ],
    ['(317) 555-0100 or (317) 555-0101', 'US', 'several-numbers', 'more than one number (+13175550100, +13175550101)'],
    ['3175550100 3175550101', 'US', 'several-numbers', 'more than one number (+13175550100, +13175550101)'],
    ['+13175551234abc', undefined, 'unexpected-text', 'it has text that is not part of a phone number: "abc"'],
    ['call +13175551234 now', 'US', 'unexpected-text', 'not part of a phone number: "call", "now"'],
    ['317-555-1234!', 'US', 'unexpected-text', 'not part of a phone number: "!"'],
    // CreateCallRequest carries phoneNumber only (platform.md §4.6): an extension would be lost.
    ['+1 317 555 1234 x 22', undefined, 'extension', 'it has an extension ("22"), which a call request cannot carry'],
    ['(317) 555-1234 ext. 22', 'US', 'extension', 'extension ("22")'],
    ['TEL:+44-20-7946-0958;ext=12', undefined, 'extension', 'extension ("12")'],
  ])('refuses %j (region %s) as %s', (input, defaultRegion, problem, reason) => {
    const r = parseNumber(input, defaultRegion === undefined ? {} : { defaultRegion });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toBe(problem);
    expect(r.message).toContain(`got ${JSON.stringify(input)}`);
    expect(r.message).toContain(reason);
  });

  it('treats an unknown default region like a missing one', () => {
    const r = parseNumber('(317) 555-1234', { defaultRegion: 'XX' });
    expect(r.ok ? 'accepted' : r.problem).toBe('needs-region');
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(undefined, 'US', 'GB', 'zz'), (s, defaultRegion) => {
        const r = parseNumber(s, defaultRegion === undefined ? {} : { defaultRegion });
        if (r.ok) expect(r.number.e164).toMatch(/^\+[1-9]\d{6,14}$/);
        else expect(r.message).toContain(JSON.stringify(s));
      }),
    );
  });

  it('is idempotent: an E.164 result parses to itself without a region', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\(?[2-9]\d{2}\)? ?[2-9]\d{2}-\d{4}$/), (s) => {
        const r = parseNumber(s, { defaultRegion: 'US' });
        if (!r.ok) return;
        const again = parseNumber(r.number.e164);
        expect(again.ok && again.number.e164).toBe(r.number.e164);
      }),
    );
  });
});

describe('normalizeNumber', () => {
  it('throws SB_OUTBOUND_BAD_NUMBER (400) naming the field, the input and the problem', () => {
    let caught: unknown;
    try {
      normalizeNumber('12', { defaultRegion: 'US' });
    } catch (e) {
      caught = e;
    }
    expect(isSwitchboardError(caught)).toBe(true);
    if (!isSwitchboardError(caught)) return;
    expect(caught.code).toBe('SB_OUTBOUND_BAD_NUMBER');
    expect(caught.status).toBe(400);
    expect(caught.message).toBe(
      'the number to call must be a possible phone number; got "12": it is too short (default region US)',
    );
    expect(caught.details).toMatchObject({ field: 'to', received: '12', problem: 'too-short' });
  });
});
