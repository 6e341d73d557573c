/**
 * @module
 * Sleep durations: milliseconds, short forms ("5m", "1h30m", "200ms"), ISO 8601 ("PT5M", as in
 * Architect exports) and objects ({ minutes: 5 }, as in Archy YAML `duration: {lit: {minutes: 5}}`).
 */
import { SwitchboardError } from '../core/index.ts';
import { WorkflowErrors } from './errors.ts';

/** A duration as accepted by `step.sleep`. */
export type Duration =
  | number
  | string
  | {
      readonly days?: number;
      readonly hours?: number;
      readonly minutes?: number;
      readonly seconds?: number;
      readonly milliseconds?: number;
    };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SHORT = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const ISO = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

function invalid(value: unknown, why: string): SwitchboardError {
  return new SwitchboardError(
    WorkflowErrors.SB_WORKFLOW_DURATION_INVALID,
    `a duration must be a non-negative time span; ${JSON.stringify(value)} ${why}`,
    {
      details: { value },
    },
  );
}

/**
 * Convert a duration to milliseconds.
 * @example
 * parseDuration('1h30m'); // 5_400_000
 * parseDuration('PT5M'); // 300_000
 * parseDuration({ seconds: 1 }); // 1_000
 */
export function parseDuration(value: Duration): number {
  let ms: number;
  if (typeof value === 'number') {
    ms = value;
  } else if (typeof value === 'string') {
    const text = value.trim();
    const iso = ISO.exec(text);
    if (/^\d+$/.test(text)) ms = Number(text);
    else if (iso && text !== 'P' && text !== 'PT' && !text.endsWith('T')) {
      const [, d, h, m, s] = iso.map((x) => Number(x ?? 0));
      ms = (d ?? 0) * UNIT_MS.d! + (h ?? 0) * UNIT_MS.h! + (m ?? 0) * UNIT_MS.m! + (s ?? 0) * 1000;
    } else if (SHORT.test(text)) {
      ms = 0;
      for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) ms += Number(n) * UNIT_MS[unit!]!;
    } else throw invalid(value, 'is not a known form');
  } else if (typeof value === 'object' && value !== null) {
    const known = new Set(['days', 'hours', 'minutes', 'seconds', 'milliseconds']);
    const unknown = Object.keys(value).filter((k) => !known.has(k));
    if (unknown.length) throw invalid(value, `has unknown field(s) ${unknown.join(', ')}`);
    ms =
      (value.days ?? 0) * UNIT_MS.d! +
      (value.hours ?? 0) * UNIT_MS.h! +
      (value.minutes ?? 0) * UNIT_MS.m! +
      (value.seconds ?? 0) * 1000 +
      (value.milliseconds ?? 0);
  } else {
    throw invalid(value, 'is not a number, string or object');
  }
  if (!Number.isFinite(ms) || ms < 0) throw invalid(value, 'is negative or not finite');
  return Math.round(ms);
}
