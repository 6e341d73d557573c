/**
 * @module
 * Velocity templates compiled once per action: velocityjs `parse` plus the checks velocityjs skips
 * (an unclosed `#if`/`#foreach` or a stray `#end` silently truncates output there; Java Velocity
 * rejects the template). Errors name the template and a 1-based line and column.
 */
import { parse } from 'velocityjs';
import { SwitchboardError } from '../../core/index.ts';
import { ActionErrors } from '../errors.ts';
import { lineColumn } from '../json-text.ts';

/** One node of velocityjs's syntax tree. */
export type VELOCITY_AST = ReturnType<typeof parse>[number];

/** A parsed template. `name` is the field it came from (`requestUrlTemplate`, `headers.X`, …). */
export interface CompiledTemplate {
  readonly name: string;
  readonly source: string;
  readonly asts: VELOCITY_AST[];
  /** True when the source has no `$` or `#`: rendering returns `source` unchanged. */
  readonly literal: boolean;
}

/** A template error's position. */
export interface TemplatePosition {
  readonly line: number;
  readonly column: number;
}

const BLOCKS = new Set(['if', 'foreach', 'macro', 'define', 'noescape', 'macro_body']);

/**
 * Parse a template once. Throws `SB_ACTION_TEMPLATE` naming the template, line and column.
 * @example
 * const t = compileTemplate('requestUrlTemplate', '/api/v2/users/${input.userId}');
 */
export function compileTemplate(name: string, source: string): CompiledTemplate {
  if (!/[$#]/.test(source)) return { name, source, asts: [source as unknown as VELOCITY_AST], literal: true };
  let asts: VELOCITY_AST[];
  try {
    asts = parse(source);
  } catch (e) {
    const loc = (e as { hash?: { loc?: { first_line?: number; first_column?: number } } }).hash?.loc;
    const pos = { line: loc?.first_line ?? 1, column: (loc?.first_column ?? 0) + 1 };
    const expected = /Expecting (.*)$/m.exec((e as Error).message)?.[1];
    throw templateError(name, pos, `syntax error${expected ? ` (expecting ${expected})` : ''}`);
  }
  checkBlocks(name, source, asts);
  return { name, source, asts, literal: false };
}

/**
 * The `SB_ACTION_TEMPLATE` error for a template at a position.
 * @example
 * throw templateError('successTemplate', { line: 1, column: 12 }, 'math.div: division by zero');
 */
export function templateError(
  name: string,
  pos: TemplatePosition | undefined,
  problem: string,
  cause?: unknown,
): SwitchboardError {
  const at = pos ? ` at line ${pos.line} column ${pos.column}` : '';
  return new SwitchboardError(
    ActionErrors.SB_ACTION_TEMPLATE,
    `a Velocity template must parse and render; ${name}${at}: ${problem}`,
    {
      details: { template: name, ...(pos ? { line: pos.line, column: pos.column } : {}) },
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

// velocityjs nests a block's body under its opener and drops the `#end`; count openers in the tree
// against `#end` directives in the source (outside comments and escapes) to find a mismatch.
function checkBlocks(name: string, source: string, asts: VELOCITY_AST[]): void {
  const openers: { pos?: { first_line: number; first_column: number } }[] = [];
  const seen = new Set<unknown>();
  const walk = (nodes: readonly unknown[]): void => {
    for (const n of nodes) {
      if (Array.isArray(n)) walk(n);
      else if (typeof n === 'object' && n !== null && !seen.has(n)) {
        seen.add(n);
        if (BLOCKS.has((n as { type: string }).type)) openers.push(n);
      }
    }
  };
  walk(asts);
  const ends = endDirectives(source);
  if (openers.length > ends.length) {
    const last = openers[ends.length]!;
    const pos = last.pos ? { line: last.pos.first_line, column: last.pos.first_column + 1 } : undefined;
    throw templateError(name, pos, 'block has no matching #end');
  }
  if (ends.length > openers.length) {
    throw templateError(name, lineColumn(source, ends[openers.length]!), '#end without an opening #if/#foreach/#macro');
  }
}

function endDirectives(source: string): number[] {
  const stripped = source
    .replace(/#\[\[[\s\S]*?\]\]#/g, (m) => ' '.repeat(m.length))
    .replace(/#\*[\s\S]*?\*#/g, (m) => ' '.repeat(m.length))
    .replace(/##[^\n]*/g, (m) => ' '.repeat(m.length));
  const out: number[] = [];
  for (const m of stripped.matchAll(/(\\*)#(?:end\b|\{end\})/g)) {
    if ((m[1]?.length ?? 0) % 2 === 0) out.push((m.index ?? 0) + (m[1]?.length ?? 0));
  }
  return out;
}
