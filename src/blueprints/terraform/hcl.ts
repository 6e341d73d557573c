/**
 * @module
 * A small reader for the Terraform files the blueprints publish: blocks with labels, attributes
 * kept as expression text, and nested blocks. Not a full HCL parser — no heredocs, no `for`
 * expressions — but enough for `resource`, `module` and `variable` blocks, `jsonencode(...)`
 * values and maps, which is all the seed solutions use.
 */

/** One block: `type "label" "label" { attr = expr; nested { … } }`. */
export interface TfBlock {
  readonly type: string;
  readonly labels: readonly string[];
  /** Attribute name → expression text, exactly as written. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly blocks: readonly TfBlock[];
  /** 1-based line of the block's first token. */
  readonly line: number;
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  lineAt(pos: number): number {
    let n = 1;
    for (let i = 0; i < pos && i < this.text.length; i++) if (this.text[i] === '\n') n++;
    return n;
  }

  /** Skip blanks, newlines and comments. */
  skip(): void {
    const t = this.text;
    for (;;) {
      while (this.pos < t.length && /\s/.test(t[this.pos]!)) this.pos++;
      if (t[this.pos] === '#' || t.startsWith('//', this.pos)) {
        while (this.pos < t.length && t[this.pos] !== '\n') this.pos++;
      } else if (t.startsWith('/*', this.pos)) {
        const end = t.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? t.length : end + 2;
      } else return;
    }
  }

  ident(): string | undefined {
    const m = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.pos, this.pos + 200));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** A quoted string's raw content (escapes kept), the scanner past its closing quote. */
  quoted(): string {
    const start = ++this.pos;
    while (this.pos < this.text.length && this.text[this.pos] !== '"') this.pos += this.text[this.pos] === '\\' ? 2 : 1;
    return this.text.slice(start, this.pos++);
  }

  /** An expression up to the end of its line, spanning lines while brackets are open. */
  expression(stopAtComma = false): string {
    const t = this.text;
    while (t[this.pos] === ' ' || t[this.pos] === '\t') this.pos++;
    const start = this.pos;
    let depth = 0;
    while (this.pos < t.length) {
      const c = t[this.pos]!;
      if (c === '"') {
        this.quoted();
        continue;
      }
      if (depth === 0 && (c === '\n' || c === '#' || t.startsWith('//', this.pos) || c === '}' || (stopAtComma && c === ','))) break;
      if (c === '{' || c === '[' || c === '(') depth++;
      if (c === '}' || c === ']' || c === ')') depth--;
      this.pos++;
    }
    return t.slice(start, this.pos).trim();
  }

  body(): { attrs: Record<string, string>; blocks: TfBlock[] } {
    const attrs: Record<string, string> = {};
    const blocks: TfBlock[] = [];
    for (;;) {
      this.skip();
      if (this.pos >= this.text.length || this.text[this.pos] === '}') {
        this.pos++;
        return { attrs, blocks };
      }
      const at = this.pos;
      const name = this.text[this.pos] === '"' ? this.quoted() : this.ident();
      if (name === undefined) {
        this.pos++;
        continue;
      }
      while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
      if (this.text[this.pos] === '=' || this.text[this.pos] === ':') {
        this.pos++;
        attrs[name] = this.expression();
        continue;
      }
      const labels: string[] = [];
      for (;;) {
        this.skip();
        if (this.text[this.pos] === '"') labels.push(this.quoted());
        else break;
      }
      if (this.text[this.pos] !== '{') continue;
      this.pos++;
      const inner = this.body();
      blocks.push({ type: name, labels, attrs: inner.attrs, blocks: inner.blocks, line: this.lineAt(at) });
    }
  }
}

/**
 * Read the top-level blocks of a `.tf` (or `.tfvars`: attributes only) file.
 * @example
 * parseHcl('resource "a" "b" {\n name = "x"\n}')[0]?.attrs.name // '"x"'
 */
export function parseHcl(text: string): TfBlock[] {
  const s = new Scanner(text);
  const top: TfBlock[] = [];
  for (;;) {
    s.skip();
    if (s.pos >= text.length) return top;
    const { blocks } = s.body();
    top.push(...blocks);
  }
}

/** The entries of a map expression `{ k = v, "k" = v, k: v }`, each value as expression text. */
export function parseHclMap(expr: string): Record<string, string> | undefined {
  const t = expr.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  const s = new Scanner(t.slice(1, -1));
  const entries: Record<string, string> = {};
  for (;;) {
    s.skip();
    if (s.pos >= s.text.length) return entries;
    const key = s.text[s.pos] === '"' ? s.quoted() : s.ident();
    if (key === undefined) return undefined;
    s.skip();
    if (s.text[s.pos] !== '=' && s.text[s.pos] !== ':') return undefined;
    s.pos++;
    entries[key] = s.expression(true);
    if (s.text[s.pos] === ',') s.pos++;
  }
}

/**
 * Evaluate a string or reference expression. `${ref}` interpolations and bare references
 * (`var.x`, `module.m.o`) go through `lookup`; `$${` is Terraform's escape for a literal `${`.
 * Returns undefined when the expression is not a string or a reference does not resolve.
 * @example
 * evalHclString('"/api/v2/$${input.id}"', () => undefined) // '/api/v2/${input.id}'
 */
export function evalHclString(expr: string, lookup: (ref: string) => string | undefined): string | undefined {
  const t = expr.trim();
  if (/^[A-Za-z_][\w-]*(\.[\w-]+)+$/.test(t)) return lookup(t);
  if (!t.startsWith('"') || !t.endsWith('"') || t.length < 2) return undefined;
  const body = t.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      const n = body[++i];
      out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : (n ?? '');
    } else if (body.startsWith('$${', i) || body.startsWith('%%{', i)) {
      out += `${c}{`;
      i += 2;
    } else if (body.startsWith('${', i)) {
      const end = body.indexOf('}', i);
      if (end < 0) return undefined;
      const v = lookup(body.slice(i + 2, end).trim());
      if (v === undefined) return undefined;
      out += v;
      i = end;
    } else out += c;
  }
  return out;
}

/** The argument text of `jsonencode(...)`, or undefined when the expression is not one. */
export function jsonencodeArgument(expr: string): string | undefined {
  const m = /^jsonencode\s*\(([\s\S]*)\)$/.exec(expr.trim());
  return m?.[1]?.trim();
}
