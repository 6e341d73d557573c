/**
 * @module
 * Terraform string templates: quoted strings with their escapes, heredocs (`<<EOT`, and `<<-EOT`
 * with its indentation removed), `${…}` interpolation, `%{ if }`/`%{ else }`/`%{ for }`
 * directives and `~` strip markers. Literal text is sliced from the source between the parts,
 * so whitespace the grammar leaves out of its literal tokens is kept.
 */
import { entries, evaluate } from './expressions.ts';
import { asBool, asString, withNames } from './eval-context.ts';
import type { EvalContext } from './eval-context.ts';
import { children, named } from './parser.ts';
import type { Node } from './parser.ts';
import { Unknown } from './values.ts';
import type { TfValue } from './values.ts';

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** The text of a template literal segment: quoted strings take backslash escapes; both take `$${` and `%%{`. */
export function literal(raw: string, quoted: boolean): string {
  const pattern = quoted ? /\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g : /\$\$\{|%%\{/g;
  return raw.replace(pattern, (m, esc?: string) => {
    if (m === '$${') return '${';
    if (m === '%%{') return '%{';
    if (esc && (esc[0] === 'u' || esc[0] === 'U')) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return esc !== undefined ? (ESCAPES[esc] ?? m) : m;
  });
}

interface TemplateSource {
  readonly quoted: boolean;
  /** The source text of the template node and its offset, to slice literal text between parts. */
  readonly text: string;
  readonly offset: number;
  /** Leading whitespace removed from each line (`<<-`). */
  readonly indent: number;
}

function hasStrip(node: Node, atStart: boolean): boolean {
  const parts = children(node);
  const marker = atStart ? parts[1] : parts[parts.length - 2];
  return marker?.type === 'strip_marker';
}

/** Render the parts of a template between source positions `from` and `to` (absolute). */
function renderParts(
  ctx: EvalContext,
  src: TemplateSource,
  parts: readonly Node[],
  from: number,
  to: number,
  strip: { start?: boolean; end?: boolean } = {},
): string | Unknown {
  let out = '';
  let cursor = from;
  let stripNext = strip.start ?? false;
  const emit = (end: number, stripBefore: boolean): void => {
    let raw = src.text.slice(cursor - src.offset, end - src.offset);
    if (src.indent > 0) {
      const atLineStart = cursor - src.offset === 0 || src.text[cursor - src.offset - 1] === '\n';
      raw = raw.replace(
        new RegExp(`${atLineStart ? '^' : '(?!)'}[ \\t]{0,${src.indent}}|(?<=\\n)[ \\t]{0,${src.indent}}`, 'g'),
        '',
      );
    }
    let text = literal(raw, src.quoted);
    if (stripNext) text = text.replace(/^\s+/, '');
    if (stripBefore) text = text.replace(/\s+$/, '');
    out += text;
  };
  let unknown: Unknown | undefined;
  for (const part of parts) {
    if (part.type === 'template_literal') continue;
    const opener = part.type === 'template_interpolation' ? part : named(named(part)[0] ?? part)[0];
    emit(part.startIndex, opener !== undefined && hasStrip(opener, true));
    stripNext = false;
    let v: string | Unknown;
    if (part.type === 'template_interpolation') {
      const expr = named(part).find((c) => c.type === 'expression');
      v = expr ? asString(ctx, expr, evaluate(ctx, expr), expr.text) : '';
      stripNext = hasStrip(part, false);
    } else if (part.type === 'template_directive') {
      const d = named(part)[0]!;
      v = d.type === 'template_if' ? renderIf(ctx, src, d) : renderFor(ctx, src, d);
      const end = named(d)[named(d).length - 1];
      stripNext = end ? hasStrip(end, false) : false;
    } else continue;
    if (v instanceof Unknown) unknown ??= v;
    else out += v;
    cursor = part.endIndex;
  }
  emit(to, strip.end ?? false);
  return unknown ?? out;
}

function renderIf(ctx: EvalContext, src: TemplateSource, node: Node): string | Unknown {
  const parts = named(node);
  const intro = parts[0]!;
  const elseAt = parts.findIndex((p) => p.type === 'template_else_intro');
  const end = parts[parts.length - 1]!;
  const cond = named(intro).find((c) => c.type === 'expression')!;
  const c = asBool(ctx, cond, evaluate(ctx, cond));
  if (c instanceof Unknown) return c;
  const elseNode = elseAt < 0 ? undefined : parts[elseAt]!;
  if (c)
    return renderParts(
      ctx,
      src,
      parts.slice(1, elseAt < 0 ? -1 : elseAt),
      intro.endIndex,
      (elseNode ?? end).startIndex,
      { start: hasStrip(intro, false), end: hasStrip(elseNode ?? end, true) },
    );
  if (!elseNode) return '';
  return renderParts(ctx, src, parts.slice(elseAt + 1, -1), elseNode.endIndex, end.startIndex, {
    start: hasStrip(elseNode, false),
    end: hasStrip(end, true),
  });
}

function renderFor(ctx: EvalContext, src: TemplateSource, node: Node): string | Unknown {
  const parts = named(node);
  const start = parts[0]!;
  const end = parts[parts.length - 1]!;
  const ids = named(start)
    .filter((c) => c.type === 'identifier')
    .map((c) => c.text);
  const collNode = named(start).find((c) => c.type === 'expression')!;
  const coll = evaluate(ctx, collNode);
  if (coll instanceof Unknown) return coll;
  let out = '';
  for (const [k, v] of entries(ctx, collNode, coll)) {
    const names = ids.length === 2 ? { [ids[0]!]: k, [ids[1]!]: v } : { [ids[0]!]: v };
    const r = renderParts(withNames(ctx, names), src, parts.slice(1, -1), start.endIndex, end.startIndex, {
      start: hasStrip(start, false),
      end: hasStrip(end, true),
    });
    if (r instanceof Unknown) return r;
    out += r;
  }
  return out;
}

/** Evaluate a template expression: a quoted template or a heredoc. */
export function template(ctx: EvalContext, node: Node): TfValue {
  const t = named(node)[0]!;
  if (t.type === 'quoted_template') {
    const parts = children(t);
    const src: TemplateSource = { quoted: true, text: t.text, offset: t.startIndex, indent: 0 };
    // A template of one interpolation alone keeps the value's own type, as in Terraform.
    const inner = parts.slice(1, -1);
    if (
      inner.length === 1 &&
      inner[0]!.type === 'template_interpolation' &&
      !hasStrip(inner[0]!, true) &&
      !hasStrip(inner[0]!, false)
    ) {
      const expr = named(inner[0]!).find((c) => c.type === 'expression');
      if (expr) return evaluate(ctx, expr);
    }
    return renderParts(ctx, src, inner, parts[0]!.endIndex, parts[parts.length - 1]!.startIndex);
  }
  // heredoc_template: <<ID / <<-ID, then lines, then ID.
  const parts = children(t);
  const ids = parts.filter((p) => p.type === 'heredoc_identifier');
  const flush = parts[0]!.text.includes('-');
  const open = ids[0]!;
  const close = ids[ids.length - 1]!;
  const text = t.text;
  const rel = (i: number): number => i - t.startIndex;
  const nl = text.indexOf('\n', rel(open.endIndex));
  const from = t.startIndex + (nl < 0 ? rel(open.endIndex) : nl + 1);
  const lastNl = text.lastIndexOf('\n', rel(close.startIndex) - 1);
  const to = lastNl < rel(from) ? from : t.startIndex + lastNl + 1;
  let indent = 0;
  if (flush) {
    const lines = text
      .slice(rel(from), rel(to))
      .split('\n')
      .filter((l) => l.trim() !== '');
    indent = lines.length === 0 ? 0 : Math.min(...lines.map((l) => /^[ \t]*/.exec(l)![0].length));
  }
  const body = parts.filter((p) => p !== open && p !== close && p.startIndex >= from && p.endIndex <= to);
  return renderParts(ctx, { quoted: false, text, offset: t.startIndex, indent }, body, from, to);
}
