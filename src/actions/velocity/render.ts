/**
 * @module
 * Rendering a compiled template with Java Velocity semantics on top of velocityjs: Java methods on
 * strings/lists/maps, `null` rendered like an undefined reference, integer division, string
 * literals (`"${x}"`) parsed once and cached, and every render error turned into
 * `SB_ACTION_TEMPLATE` naming the template and the position of the reference being evaluated.
 */
import { Compile, Helper } from 'velocityjs';
import { isSwitchboardError } from '../../core/index.ts';
import type { SwitchboardError } from '../../core/index.ts';
import { JAVA_METHOD_HANDLERS } from './java-methods.ts';
import { compileTemplate, templateError } from './template.ts';
import type { CompiledTemplate, TemplatePosition, VELOCITY_AST } from './template.ts';

type Pos = { first_line: number; first_column: number };
type RefAst = VELOCITY_AST & { pos?: Pos; leader?: string; type: string };
type MathAst = { type: string; operator?: string; expression?: VELOCITY_AST[] };

const CONFIG = { customMethodHandlers: [...JAVA_METHOD_HANDLERS] };
const STRING_CACHE_LIMIT = 2048;
const stringAsts = new Map<string, VELOCITY_AST[]>();

class JavaVelocity extends Compile {
  position: Pos | undefined;

  protected override getReferences(ast: VELOCITY_AST, isVal?: boolean): string {
    const ref = ast as RefAst;
    if (ref.pos) this.position = ref.pos;
    const value = super.getReferences(ast, isVal) as unknown;
    // Java Velocity renders a null reference like an undefined one: its text, or '' when silent.
    if (isVal && value === null) return ref.leader === '$!' ? '' : Helper.getRefText(ast as never);
    return value as string;
  }

  protected override getExpression(ast: VELOCITY_AST): string {
    const m = ast as MathAst;
    if (m.type === 'math' && (m.operator === '/' || m.operator === '%') && m.expression) {
      const a = this.getExpression(m.expression[0]!) as unknown;
      const b = this.getExpression(m.expression[1]!) as unknown;
      // Integer arithmetic: 7 / 2 is 3 in Java Velocity; division by zero gives null.
      if (typeof a === 'number' && typeof b === 'number') {
        if (b === 0) return undefined as unknown as string;
        const float = m.expression.some((x) => (x as { type: string }).type === 'decimal');
        if (!float && Number.isInteger(a) && Number.isInteger(b))
          return (m.operator === '/' ? Math.trunc(a / b) : a % b) as unknown as string;
        return (m.operator === '/' ? a / b : a % b) as unknown as string;
      }
    }
    return super.getExpression(ast);
  }

  protected override evalStr(str: string): string {
    let asts = stringAsts.get(str);
    if (!asts) {
      asts = compileTemplate('string literal', str).asts;
      if (stringAsts.size >= STRING_CACHE_LIMIT) stringAsts.clear();
      stringAsts.set(str, asts);
    }
    return this.renderAstList(asts, this.contextId);
  }
}

/**
 * Render a compiled template. The context is copied, so `#set` never leaks between renders.
 * Throws `SB_ACTION_TEMPLATE` naming the template and the line/column of the failing reference.
 * @example
 * renderTemplate(compileTemplate('requestUrlTemplate', '/api/v2/users/${input.id}'), { input: { id: 'u1' } }) // → '/api/v2/users/u1'
 */
export function renderTemplate(template: CompiledTemplate, context: Record<string, unknown>): string {
  if (template.literal) return template.source;
  const engine = new JavaVelocity(template.asts, CONFIG);
  try {
    const out = engine.render({ ...context }) as unknown;
    return typeof out === 'string' ? out : String(out);
  } catch (e) {
    throw renderError(template.name, engine.position, e);
  }
}

function renderError(name: string, pos: Pos | undefined, e: unknown): SwitchboardError {
  if (isSwitchboardError(e)) return e;
  const position: TemplatePosition | undefined = pos
    ? { line: pos.first_line, column: pos.first_column + 1 }
    : undefined;
  const message = (e instanceof Error ? e.message : String(e)).replace(/on \$.*? at L\/N \d+:\d+$/, '').trim();
  return templateError(name, position, message, e);
}
