/**
 * @module
 * How long an HTTP answer asks its client to wait before trying again (`Retry-After`, RFC 9110
 * §10.2.3, and the "[N] seconds" of Genesys's normalized 429 message, platform.md §5.1). Pure.
 */

/**
 * An HTTP-date (RFC 9110 §5.6.7: IMF-fixdate, RFC 850 or asctime, all GMT) in epoch ms. Only
 * those shapes go to `Date.parse`, which reads almost anything (`-5`, `abc 3`) as some date.
 */
function httpDate(text: string): number | undefined {
  const asctime = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]?\d \d{2}:\d{2}:\d{2} \d{4}$/.test(text);
  if (!asctime && !/^[A-Za-z]{3,9}, \d{2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$/.test(text))
    return undefined;
  const at = Date.parse(asctime ? `${text} GMT` : text);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * How long a 429 asks the client to wait, in ms: the `Retry-After` header (seconds, or an HTTP
 * date relative to `now`), else the "[N] seconds" of the normalized 429 message, else undefined.
 * @example
 * retryAfterMs('42', undefined, 0); // 42000
 * retryAfterMs(null, 'Rate limit exceeded the maximum. Retry the request in [3] seconds', 0); // 3000
 */
export function retryAfterMs(header: string | null, bodyText: string | undefined, now: number): number | undefined {
  if (header !== null && header.trim() !== '') {
    const h = header.trim();
    if (/^\d+(\.\d+)?$/.test(h)) return Math.round(Number(h) * 1000);
    const at = httpDate(h);
    if (at !== undefined) return Math.max(0, at - now);
  }
  const m = bodyText === undefined ? null : /\[(\d+)\]\s*seconds?/i.exec(bodyText);
  return m?.[1] === undefined ? undefined : Number(m[1]) * 1000;
}
