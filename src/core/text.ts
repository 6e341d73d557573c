/**
 * @module
 * Text helpers for what Switchboard reads from files and writes into messages: a leading byte
 * order mark is not content, and a character nobody can see must not hide in a message.
 */

const BOM = '\uFEFF';

/**
 * The text without a leading UTF-8 byte order mark (editors on Windows write one; JSON and YAML
 * parsers refuse it or read it as part of the first key).
 * @example
 * stripBom('\uFEFF{"a":1}') // '{"a":1}'
 */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

// Control characters (but tab and line feed), format characters (zero-width spaces and joiners,
// bidirectional marks, the BOM), line and paragraph separators, and unusual spaces.
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x08],
  [0x0b, 0x1f],
  [0x7f, 0xa0],
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x61c, 0x61c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180e, 0x180e],
  [0x2000, 0x200f],
  [0x2028, 0x202f],
  [0x205f, 0x206f],
  [0x3000, 0x3000],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff9, 0xfffb],
];

function invisible(code: number): boolean {
  return INVISIBLE_RANGES.some(([from, to]) => code >= from && code <= to);
}

/**
 * The text with every invisible character written as an escape (`\uFEFF`, `\u200B`…), so a
 * message shows what is really there.
 * @example
 * escapeInvisible('\uFEFF{') // '\\uFEFF{'
 */
export function escapeInvisible(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += invisible(code) ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}` : text[i];
  }
  return out;
}
