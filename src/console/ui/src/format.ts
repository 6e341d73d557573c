/**
 * @module
 * Pure formatting helpers of the console views.
 */

/** `14:03:07.412` in local time, or `-`. */
export function clockTime(ms: number | undefined): string {
  if (ms === undefined) return '-';
  const d = new Date(ms);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** `2026-01-05 14:03:07` in local time, or `-`. */
export function dateTime(ms: number | undefined): string {
  if (ms === undefined) return '-';
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `850 ms`, `2.31 s`, `4m 0s`, `1h 2m 3s`. */
export function duration(ms: number | undefined): string {
  if (ms === undefined) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return h > 0 ? `${h}h ${m}m ${sec}s` : m > 0 ? `${m}m ${sec}s` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** `in 4m 0s` / `4m 0s ago` relative to `now`. */
export function relative(ms: number, now: number): string {
  const d = ms - now;
  return d >= 0 ? `in ${duration(d)}` : `${duration(-d)} ago`;
}

/** Pretty JSON (2 spaces); `undefined` renders as an empty string. */
export function pretty(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : (JSON.stringify(v, null, 2) ?? '');
}

/** One-line JSON cut to `max` characters. */
export function oneLine(v: unknown, max = 120): string {
  const text = v === undefined ? '' : typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The last segments of a notification topic: `…conversation.{id}.user.start` → `user.start`. */
export function topicTail(topic: string): string {
  const m = /^v2\.detail\.events\.conversation\.[^.]+\.(.+)$/.exec(topic);
  return m ? m[1]! : topic;
}

/** The first 8 characters of an id, for dense tables. */
export function shortId(id: string | undefined): string {
  return id === undefined ? '-' : id.length > 8 ? id.slice(0, 8) : id;
}

const UUID_SEGMENT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The topic template of a concrete topic: id segments become `{id}` (as the runtime maps them). */
export function topicTemplate(topic: string): string {
  return topic
    .split('.')
    .map((s) => (UUID_SEGMENT.test(s) ? '{id}' : s))
    .join('.');
}

/** The conversation an event body is about, if it names one. */
export function conversationOf(body: unknown): string | undefined {
  const id =
    typeof body === 'object' && body !== null ? (body as { conversationId?: unknown }).conversationId : undefined;
  return typeof id === 'string' ? id : undefined;
}
