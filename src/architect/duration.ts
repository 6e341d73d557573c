/**
 * @module
 * Architect durations: the export form `P0D0H5M0S0F` (days, hours, minutes, seconds, fraction)
 * and the Archy YAML form `{ minutes: 5 }`.
 */

const ARCHITECT = /^P(\d+)D(\d+)H(\d+)M(\d+)S(\d+)F$/i;
const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
const UNIT_MS: Readonly<Record<string, number>> = {
  days: 86_400_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1000,
  milliseconds: 1,
};

/**
 * Parse an Architect duration string into milliseconds, or `undefined` if it is not one.
 * The fraction field `F` is read as milliseconds (every seed uses `0F`). ISO-8601 `PT5M` is accepted too.
 * @example
 * parseDuration('P0D0H5M0S0F'); // 300000
 */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  const a = ARCHITECT.exec(t);
  if (a) {
    const [d, h, m, s, f] = a.slice(1).map(Number) as [number, number, number, number, number];
    return d * UNIT_MS.days! + h * UNIT_MS.hours! + m * UNIT_MS.minutes! + s * 1000 + f;
  }
  const i = ISO.exec(t);
  if (i && t !== 'P' && !t.endsWith('T')) {
    const [d, h, m, s] = i.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number];
    return d * UNIT_MS.days! + h * UNIT_MS.hours! + m * UNIT_MS.minutes! + Math.round(s * 1000);
  }
  return undefined;
}

/**
 * Read an Archy YAML duration literal such as `{ minutes: 1 }` or `{ seconds: 5 }` (units may be
 * combined), or an Architect duration string. Returns milliseconds, or `undefined` if malformed.
 * @example
 * durationFromYaml({ minutes: 5 }); // 300000
 */
export function durationFromYaml(value: unknown): number | undefined {
  if (typeof value === 'string') return parseDuration(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  let total = 0;
  let seen = 0;
  for (const [unit, amount] of Object.entries(value)) {
    const factor = UNIT_MS[unit];
    if (factor === undefined || typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) return undefined;
    total += amount * factor;
    seen++;
  }
  return seen > 0 ? Math.round(total) : undefined;
}
