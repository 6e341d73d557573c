import { describe, expect, it } from 'vitest';
import { tryParseJson } from './json.ts';
import { escapeInvisible, stripBom } from './text.ts';

describe('stripBom', () => {
  it('drops one leading byte order mark and nothing else', () => {
    expect(stripBom('\uFEFF{"a":1}')).toBe('{"a":1}');
    expect(stripBom('{"a":"\uFEFF"}')).toBe('{"a":"\uFEFF"}');
    expect(stripBom('')).toBe('');
  });

  it('lets tryParseJson read a file saved with a BOM', () => {
    expect(tryParseJson('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('escapeInvisible', () => {
  it('writes invisible characters as escapes and keeps visible text, tabs and line feeds', () => {
    expect(escapeInvisible('\uFEFF{')).toBe('\\uFEFF{');
    expect(escapeInvisible('a\u200Bb\u00A0c\u202Ed\u0000')).toBe('a\\u200Bb\\u00A0c\\u202Ed\\u0000');
    expect(escapeInvisible('line 1\n\tline 2 — ünïcode ✓')).toBe('line 1\n\tline 2 — ünïcode ✓');
  });
});
