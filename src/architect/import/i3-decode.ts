/**
 * @module
 * Reading an Architect export's text: the decoding of the file (base64 of URI-encoded JSON,
 * blueprints.md §0.1), and the literals and declared types of its expression slots.
 */
import { SwitchboardError, isPlainObject } from '../../core/index.ts';
import { ArchitectErrors } from '../errors.ts';
import type { ArchValue, BaseType } from '../model.ts';

type Raw = Record<string, unknown>;

/**
 * Decode an `.i3WorkFlow` file into its JSON document: `JSON.parse(decodeURIComponent(atob(text)))`.
 * Throws `SB_ARCHITECT_EXPORT_CORRUPT` naming the failed step.
 * @example
 * const doc = decodeI3WorkFlow(readFileSync('Flow.i3WorkFlow', 'utf8'));
 */
export function decodeI3WorkFlow(text: string, file = '.i3WorkFlow'): Raw {
  const corrupt = (why: string, cause?: unknown) =>
    new SwitchboardError(
      ArchitectErrors.SB_ARCHITECT_EXPORT_CORRUPT,
      `${file}: an .i3WorkFlow export is base64 of URI-encoded JSON; ${why}`,
      {
        details: { file },
        cause,
      },
    );
  const b64 = text.trim();
  if (b64.length === 0) throw corrupt('the file is empty');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) throw corrupt('the content is not base64');
  let uri: string;
  let json: string;
  try {
    uri = Buffer.from(b64, 'base64').toString('latin1');
    // unquote, not unquote_plus: a literal '+' in the export must survive (blueprints.md §0.1).
    json = decodeURIComponent(uri);
  } catch (e) {
    throw corrupt('the decoded text is not valid URI encoding', e);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw corrupt(`the decoded text is not JSON (${(e as Error).message})`, e);
  }
  if (!isPlainObject(doc) || !Array.isArray(doc.flowSequenceItemList))
    throw corrupt('the JSON has no flowSequenceItemList, so it is not an Architect flow');
  return doc;
}

/** A literal's value from its text and export type (`int`, `dec`, `bln`; the rest stay text). */
export function literalValue(text: string, type: string | undefined): ArchValue {
  switch (type) {
    case 'int':
    case 'dec':
      return text.trim() === '' || !Number.isFinite(Number(text)) ? text : Number(text);
    case 'bln':
      return text.trim().toLowerCase() === 'true' ? true : text.trim().toLowerCase() === 'false' ? false : text;
    default:
      return text;
  }
}

/** A literal as the type of the variable it initializes (a String keeps its text). */
export function coerceLiteral(v: ArchValue, base: BaseType): ArchValue {
  if (base === 'String') return typeof v === 'string' ? v : String(v);
  return v;
}

/** The base type an export's expression slot declares (`str`, `int`…) [INFERRED: String otherwise]. */
export function exprType(slot: unknown): BaseType | undefined {
  const t = isPlainObject(slot) ? slot.type : undefined;
  return t === 'int'
    ? 'Integer'
    : t === 'dec'
      ? 'Decimal'
      : t === 'bln'
        ? 'Boolean'
        : t === 'str'
          ? 'String'
          : undefined;
}
