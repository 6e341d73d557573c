/**
 * @module
 * Phone numbers as people type them → E.164, before any API call. Pure: no I/O.
 * Uses libphonenumber-js's full ("max") metadata so "valid for its region" is decided by the
 * real numbering plans, not only by length.
 */
import {
  findPhoneNumbersInText,
  getCountries,
  parsePhoneNumberWithError,
  ParseError,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { SwitchboardError } from '../core/index.ts';
import { OutboundErrors } from './errors.ts';

/** Why a typed number was refused. */
type NumberProblem =
  | 'empty'
  | 'not-a-number'
  | 'several-numbers'
  | 'unexpected-text'
  | 'extension'
  | 'needs-region'
  | 'invalid-country-code'
  | 'too-short'
  | 'too-long'
  | 'invalid-length'
  | 'invalid-for-region';

/** A number accepted for dialing. */
export interface NormalizedNumber {
  /** What the caller typed, unchanged. */
  readonly input: string;
  /** `+` country code subscriber number, e.g. `+13175551234`. */
  readonly e164: string;
  /** ISO 3166 region of the number, when the numbering plan pins one down. */
  readonly region: string | undefined;
  /** `tel:` URI form, as Genesys shows addresses (`tel:+13175551234`). */
  readonly telUri: string;
}

/** The outcome of {@link parseNumber}: the number, or why it is refused. */
export type ParsedNumber =
  | { readonly ok: true; readonly number: NormalizedNumber }
  | { readonly ok: false; readonly problem: NumberProblem; readonly message: string };

/** Options of number parsing. */
export interface NumberOptions {
  /** Region for numbers typed without `+country` (ISO 3166 alpha-2, e.g. `US`, `GB`). */
  readonly defaultRegion?: string;
}

const REASONS: Record<NumberProblem, string> = {
  empty: 'it is empty',
  'not-a-number': 'it holds no phone number digits',
  'several-numbers': 'it holds more than one number; call one at a time',
  'unexpected-text': 'it has text that is not part of a phone number',
  extension: 'it has an extension, which a call request cannot carry',
  'needs-region': 'it has no +country code and no default region is set',
  'invalid-country-code': 'its country calling code does not exist',
  'too-short': 'it is too short',
  'too-long': 'it is too long',
  'invalid-length': 'its length matches no number of that country',
  'invalid-for-region': 'it is not a valid number in its region',
};

const KNOWN_REGIONS = new Set<string>(getCountries());

/** Whether `region` is an ISO 3166 alpha-2 code libphonenumber knows (case-insensitive). */
export function isKnownRegion(region: string): boolean {
  return KNOWN_REGIONS.has(region.toUpperCase());
}

/**
 * Strip a `tel:` URI (RFC 3966) down to its number: visual separators stay for the parser, an
 * `;ext=` stays (so that it is seen and refused), other parameters (`;phone-context=`, `;isub=`)
 * go. A local number with a `+` phone-context is rebuilt as a global one, as the RFC says.
 */
function untel(input: string): string {
  const trimmed = input.trim();
  if (!/^tel:/i.test(trimmed)) return trimmed;
  const [number = '', ...params] = trimmed.slice(4).split(';');
  const param = (name: string): string | undefined =>
    params.find((p) => p.toLowerCase().startsWith(`${name}=`))?.slice(name.length + 1);
  const context = param('phone-context');
  const ext = param('ext');
  const global = !number.startsWith('+') && context?.startsWith('+') ? `${context}${number}` : number;
  return ext === undefined ? global : `${global};ext=${ext}`;
}

function refuse(
  input: string,
  problem: NumberProblem,
  region: string | undefined,
  reason = REASONS[problem],
): ParsedNumber {
  const shown = JSON.stringify(input);
  const where = region && problem !== 'needs-region' ? ` (default region ${region})` : '';
  return {
    ok: false,
    problem,
    message: `the number to call must be a possible phone number; got ${shown}: ${reason}${where}`,
  };
}

/** Characters a typed phone number may hold besides digits: `+`, separators, brackets. */
const NOT_PHONE_TEXT = /[^\d\s+().\-\u2010-\u2015/]+/g;

function problemOf(error: unknown): NumberProblem {
  if (!(error instanceof ParseError)) return 'not-a-number';
  switch (error.message) {
    case 'INVALID_COUNTRY':
      return 'invalid-country-code';
    case 'TOO_SHORT':
      return 'too-short';
    case 'TOO_LONG':
      return 'too-long';
    default:
      return 'not-a-number';
  }
}

/**
 * Parse what a person typed into E.164, or say precisely why not.
 * @example
 * parseNumber('(317) 555-1234', { defaultRegion: 'US' }) // → { ok: true, number: { e164: '+13175551234', … } }
 * parseNumber('555-12', { defaultRegion: 'US' })         // → { ok: false, problem: 'too-short', … }
 */
export function parseNumber(input: string, options: NumberOptions = {}): ParsedNumber {
  const region = options.defaultRegion?.toUpperCase();
  let text = untel(input);
  if (text === '') return refuse(input, 'empty', region);
  if (!/\d/.test(text)) return refuse(input, 'not-a-number', region);
  // `00` is the international prefix of most regions; without a region it is the only reading.
  if (region === undefined && text.startsWith('00')) text = `+${text.slice(2)}`;
  const international = text.startsWith('+');
  if (!international && (region === undefined || !isKnownRegion(region))) return refuse(input, 'needs-region', region);
  const country = international ? undefined : (region as CountryCode);
  const found = findPhoneNumbersInText(text, country === undefined ? undefined : { defaultCountry: country });
  if (found.length > 1) {
    return refuse(
      input,
      'several-numbers',
      region,
      `it holds more than one number (${found.map((f) => f.number.number).join(', ')}); call one at a time`,
    );
  }
  let parsed;
  try {
    // `extract: false`: the whole text must be the number, so trailing or leading text is not dropped unseen.
    parsed = parsePhoneNumberWithError(text, {
      ...(country === undefined ? {} : { defaultCountry: country }),
      extract: false,
    });
  } catch (e) {
    const problem = problemOf(e);
    const extra = problem === 'not-a-number' ? (text.match(NOT_PHONE_TEXT) ?? []) : [];
    if (extra.length > 0)
      return refuse(
        input,
        'unexpected-text',
        region,
        `it has text that is not part of a phone number: ${extra.map((x) => JSON.stringify(x)).join(', ')}`,
      );
    return refuse(input, problem, region);
  }
  if (parsed.ext !== undefined) {
    // platform.md §4.6: CreateCallRequest has phoneNumber and no extension field, so an extension cannot be dialed.
    return refuse(
      input,
      'extension',
      region,
      `it has an extension (${JSON.stringify(parsed.ext)}), which a call request cannot carry (Genesys Cloud dials phoneNumber only); call the main number and dial the extension once answered`,
    );
  }
  const length = validatePhoneNumberLength(parsed.number);
  if (length === 'TOO_SHORT') return refuse(input, 'too-short', region);
  if (length === 'TOO_LONG') return refuse(input, 'too-long', region);
  if (length !== undefined) return refuse(input, 'invalid-length', region);
  if (!parsed.isValid()) return refuse(input, 'invalid-for-region', region);
  return {
    ok: true,
    number: { input, e164: parsed.number, region: parsed.country, telUri: `tel:${parsed.number}` },
  };
}

/**
 * Like {@link parseNumber}, but throws `SB_OUTBOUND_BAD_NUMBER` (400) showing what was received.
 * @example
 * normalizeNumber('tel:+44-20-7946-0958').e164 // → '+442079460958'
 */
export function normalizeNumber(input: string, options: NumberOptions = {}): NormalizedNumber {
  const result = parseNumber(input, options);
  if (result.ok) return result.number;
  throw new SwitchboardError(OutboundErrors.SB_OUTBOUND_BAD_NUMBER, result.message, {
    details: { field: 'to', received: input, problem: result.problem, defaultRegion: options.defaultRegion ?? null },
  });
}
