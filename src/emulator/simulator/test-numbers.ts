/**
 * @module
 * Phone numbers for the call simulator, and the documented TEST NUMBERS whose far end behaves in
 * a fixed way. The numbers are in the NANP fictional range 555-01XX, area code 317:
 *
 * | number          | far end                                                          |
 * |-----------------|------------------------------------------------------------------|
 * | +1 317 555 0100 | answers after `answerAfterMs` (default 2 s)                      |
 * | +1 317 555 0101 | busy: the call ends at once (SIP 486, Q.850 17)                  |
 * | +1 317 555 0102 | never answers: rings until `ringTimeoutMs` (default 30 s)        |
 * | +1 317 555 0103 | network failure: the call fails at once (SIP 503, Q.850 41)      |
 * | +1 317 555 0104 | answers after `answerAfterMs`, hangs up after `talkMs` (10 s)    |
 *
 * Any other number rings until a simulator command (answer / busy / noAnswer / hangUp) or the
 * ring timeout decides.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { SwitchboardError } from '../../core/index.ts';
import { SimulatorErrors } from './errors.ts';
import type { FarEndOutcome } from './types.ts';

/** A documented test number. */
export interface TestNumber {
  /** E.164 form. */
  readonly number: string;
  readonly outcome: Exclude<FarEndOutcome, 'manual'>;
  readonly description: string;
}

const TEST_NUMBERS: readonly TestNumber[] = [
  { number: '+13175550100', outcome: 'answer', description: 'answers after answerAfterMs' },
  { number: '+13175550101', outcome: 'busy', description: 'busy: the call ends at once' },
  { number: '+13175550102', outcome: 'no-answer', description: 'never answers: rings until ringTimeoutMs' },
  { number: '+13175550103', outcome: 'failure', description: 'network failure: the call fails at once' },
  {
    number: '+13175550104',
    outcome: 'answer-then-hang-up',
    description: 'answers after answerAfterMs, hangs up after talkMs',
  },
];

/**
 * The test numbers and what their far end does.
 * @example
 * testNumbers().find((t) => t.outcome === 'busy')?.number // → '+13175550101'
 */
export function testNumbers(): readonly TestNumber[] {
  return TEST_NUMBERS;
}

/**
 * What the far end at `e164` does: a test number's fixed outcome, otherwise `manual`.
 * @example
 * farEndOutcome('+13175550102') // → 'no-answer'
 */
export function farEndOutcome(e164: string): FarEndOutcome {
  return TEST_NUMBERS.find((t) => t.number === e164)?.outcome ?? 'manual';
}

/**
 * Normalize a dialled number (`+1 317 555 0100`, `tel:+13175550100`, `(317) 555-0100`) to E.164;
 * national numbers are read as US. Throws `SB_EMULATOR_SIM_INVALID` naming `field`.
 * @example
 * toE164('tel:+1 (317) 555-0100', 'phoneNumber') // → '+13175550100'
 */
export function toE164(input: string, field: string): string {
  const parsed = parsePhoneNumberFromString(input.trim().replace(/^tel:/i, ''), 'US');
  if (!parsed?.isPossible()) {
    throw new SwitchboardError(
      SimulatorErrors.SB_EMULATOR_SIM_INVALID,
      `${field} must be a dialable phone number (E.164 such as +13175550100); got "${input}"`,
      { details: { field, value: input } },
    );
  }
  return parsed.number;
}

/** The `tel:` URI of an E.164 number, as Genesys shows PSTN addresses. */
export function telUri(e164: string): string {
  return `tel:${e164}`;
}
