/**
 * @module
 * The translation map (platform spec §3.3 item 6, HELP-RESP): each variable is bound to the JSON
 * text of its path's result — a definite path gives the value, an indefinite one a JSON array.
 * The default is used only when the path resolves NOTHING (a null value does not fall back), and
 * is inserted verbatim, so an unquoted default such as `disconnected` yields invalid JSON later.
 */
import { compilePath, evaluatePath } from './json-path.ts';
import type { CompiledPath } from './json-path.ts';
import type { ActionResponseConfig, TranslationTrace } from './types.ts';

/** One compiled translation variable. */
export interface CompiledTranslation {
  readonly name: string;
  readonly path: CompiledPath;
  readonly fallback?: string;
}

/** Translation variables and their trace. */
export interface Translated {
  /** Variable → JSON text (unresolved variables without a default are absent). */
  readonly vars: Record<string, string>;
  readonly trace: TranslationTrace[];
}

/**
 * Compile every path of a translation map once. Throws `SB_ACTION_JSONPATH` naming the variable.
 * @example
 * compileTranslations({ translationMap: { state: '$.state' }, translationMapDefaults: {}, successTemplate: '' })
 */
export function compileTranslations(response: ActionResponseConfig): CompiledTranslation[] {
  return Object.entries(response.translationMap).map(([name, path]) => {
    const fallback = response.translationMapDefaults[name];
    return { name, path: compilePath(path, `translationMap.${name}`), ...(fallback === undefined ? {} : { fallback }) };
  });
}

/**
 * Apply the translation map to a parsed response.
 * @example
 * translate(compiled, { participants: [] }).vars // → { pIdArray: '[""]' } with Get Callback Priority's default
 */
export function translate(translations: readonly CompiledTranslation[], response: unknown): Translated {
  const vars: Record<string, string> = {};
  const trace: TranslationTrace[] = [];
  for (const t of translations) {
    const r = evaluatePath(t.path, response);
    if (r.found) {
      const value = JSON.stringify(r.value) ?? 'null';
      vars[t.name] = value;
      trace.push({ name: t.name, path: t.path.source, source: 'path', value });
    } else if (t.fallback !== undefined) {
      vars[t.name] = t.fallback;
      trace.push({ name: t.name, path: t.path.source, source: 'default', value: t.fallback });
    } else if (!t.path.definite && !t.path.fn) {
      // An indefinite path that matches nothing is an empty list (BP-TERM's externalSegment: []).
      vars[t.name] = '[]';
      trace.push({ name: t.name, path: t.path.source, source: 'path', value: '[]' });
    } else {
      trace.push({ name: t.name, path: t.path.source, source: 'unresolved' });
    }
  }
  return { vars, trace };
}
