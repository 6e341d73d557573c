/**
 * @module
 * Reading the variables and expression slots of an `.i3WorkFlow` export, which i3workflow.ts builds
 * its action tree on: the declared variables by id, value sources, variable targets and output
 * bindings, timeouts, and the issues found on the way (every `ref` must name a declared variable id).
 */
import { isPlainObject } from '../../core/index.ts';
import { parseDuration } from '../duration.ts';
import { actionLabel } from '../issues.ts';
import type { FlowIssue } from '../issues.ts';
import { supportedKinds, typeOfI3 } from '../data-types.ts';
import type { ArchValue, ValueSource, VariableDecl } from '../model.ts';
import { coerceLiteral, literalValue } from './i3-decode.ts';
import { initialValue } from './initial-value.ts';

type Raw = Record<string, unknown>;

/** A string value of an export's field, or undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The variables and expression slots of one export, and the issues found reading it; the builder of
 * the action tree (i3workflow.ts) extends it.
 * @example
 * class Builder extends I3ValueReader {}
 */
export class I3ValueReader {
  readonly issues: FlowIssue[] = [];
  private readonly varsById = new Map<string, VariableDecl>();

  constructor(protected readonly flowName: string) {}

  protected issue(rule: FlowIssue['rule'], message: string, action?: Raw): void {
    this.issues.push({
      rule,
      flow: this.flowName,
      message,
      ...(action ? { action: actionLabel(str(action.name) ?? '?', str(action.id) ?? '?') } : {}),
    });
  }

  protected variable(v: Raw): VariableDecl[] {
    const name = str(v.name) ?? '';
    const type = str(v.__type) ?? '';
    const declared = typeOfI3(type, v.isCollection === true);
    if (!declared) {
      this.issue(
        'unsupported',
        `variable ${name} has type ${type || '(none)'}, which is not supported (${supportedKinds('i3')} and their collections are)`,
      );
      return [];
    }
    const { base, collection } = declared;
    const existing = str(v.id) ? this.varsById.get(str(v.id)!) : undefined;
    if (existing) return [existing];
    const init = isPlainObject(v.initialValue) ? this.valueSource(v.initialValue) : ({ kind: 'notSet' } as const);
    const initial: ArchValue =
      collection || init.kind !== 'literal'
        ? collection
          ? []
          : null
        : initialValue(coerceLiteral(init.value, base), declared, (why) =>
            this.issue('type-mismatch', `the initial value of ${name}: ${why}`),
          );
    const decl: VariableDecl = {
      name,
      type: declared,
      isInput: v.isInput === true,
      isOutput: v.isOutput === true,
      initial,
      ...(str(v.id) ? { id: str(v.id)! } : {}),
    };
    if (decl.id) this.varsById.set(decl.id, decl);
    return [decl];
  }

  protected timeout(raw: Raw): { timeoutMs?: number } {
    const t = isPlainObject(raw.timeout) ? this.valueSource(raw.timeout, raw) : undefined;
    if (!t || t.kind !== 'literal' || typeof t.value !== 'string') return {};
    const ms = parseDuration(t.value);
    if (ms === undefined) this.issue('structure', `timeout "${t.value}" is not a duration`, raw);
    return ms === undefined ? {} : { timeoutMs: ms };
  }

  protected bindings(list: Raw[], raw: Raw): Record<string, string> {
    const out: Record<string, string> = {};
    for (const b of list) {
      const target = this.target(b.value, raw);
      if (target) out[str(b.name) ?? ''] = target;
    }
    return out;
  }

  /** A variable target (`mode: 2`): the declared name behind its id, or undefined when unbound. */
  protected target(value: unknown, raw: Raw): string | undefined {
    if (!isPlainObject(value) || !isPlainObject(value.config)) return undefined;
    const ref = value.config.ref;
    if (!isPlainObject(ref)) return undefined;
    this.checkRefs(value.config, raw);
    const byId = str(ref.val) ? this.varsById.get(str(ref.val)!) : undefined;
    return byId?.name ?? str(ref.text) ?? str(value.text);
  }

  /** Every `ref` in a parsed config tree must point at a declared variable id. */
  private checkRefs(node: unknown, raw: Raw): void {
    if (Array.isArray(node)) {
      for (const n of node) this.checkRefs(n, raw);
      return;
    }
    if (!isPlainObject(node)) return;
    if (isPlainObject(node.ref) && str(node.ref.val) && !this.varsById.has(str(node.ref.val)!)) {
      this.issue(
        'dangling-id',
        `${str(node.ref.text) ?? 'a reference'} points at variable id "${str(node.ref.val)}", which is not declared`,
        raw,
      );
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'ref') this.checkRefs(v, raw);
  }

  /** An expression slot: `emp` is NOT_SET, a top-level `lit` a literal, anything else the source text. */
  protected valueSource(value: unknown, raw?: Raw): ValueSource {
    if (!isPlainObject(value)) return { kind: 'notSet' };
    const config = isPlainObject(value.config) ? value.config : {};
    if (raw) this.checkRefs(config, raw);
    if (isPlainObject(config.emp)) return { kind: 'notSet' };
    if (isPlainObject(config.lit)) {
      const text = str(config.lit.text) ?? '';
      return { kind: 'literal', value: literalValue(text, str(config.lit.type)), text };
    }
    const text = str(value.text) ?? '';
    if (text.trim() === '') return { kind: 'notSet' };
    // Architect inserts implicit conversions into the parsed tree, not the text: `State.ids` bound
    // to a String input is `{ ToString: { text: "ToString(State.ids)", … } }` under `config`.
    const root = Object.values(config)[0];
    const full = isPlainObject(root) ? str(root.text) : undefined;
    if (full && full !== text && full.includes(text.trim())) return { kind: 'expression', text: full };
    return { kind: 'expression', text };
  }
}
