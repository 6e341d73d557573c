/**
 * @module
 * Compiling an action once: every template parsed, every JSONPath compiled, both contracts compiled.
 * {@link validateAction} reports every problem (with JSON pointer and code); {@link compileAction}
 * throws when there is any, so a broken action is rejected at load time, not at its first call.
 */
import { SwitchboardError, isSwitchboardError } from '../core/index.ts';
import type { ErrorCodeName } from '../core/index.ts';
import { checkContractSchema, compileContract } from './contracts.ts';
import type { ContractValidator } from './contracts.ts';
import { ActionErrors } from './errors.ts';
import { escapePointer } from './load.ts';
import { compileTranslations } from './translate.ts';
import type { CompiledTranslation } from './translate.ts';
import type { ActionDefinition, ValidationIssue } from './types.ts';
import { compileTemplate } from './velocity/template.ts';
import type { CompiledTemplate } from './velocity/template.ts';

/** An action ready to execute many times. */
export interface CompiledAction {
  readonly definition: ActionDefinition;
  readonly url: CompiledTemplate;
  readonly headers: readonly { readonly name: string; readonly value: CompiledTemplate }[];
  readonly body: CompiledTemplate;
  readonly success: CompiledTemplate;
  readonly translations: readonly CompiledTranslation[];
  readonly validateInput: ContractValidator;
  readonly validateOutput: ContractValidator;
}

/** A problem found while compiling, with the error code it maps to. */
export interface ActionIssue extends ValidationIssue {
  readonly code: ErrorCodeName;
}

function pointers(def: ActionDefinition): Record<string, string> {
  return def.source === 'terraform'
    ? {
        requestUrlTemplate: '/config_request/request_url_template',
        headers: '/config_request/headers',
        requestTemplate: '/config_request/request_template',
        successTemplate: '/config_response/success_template',
        translationMap: '/config_response/translation_map',
        input: '/contract_input',
        output: '/contract_output',
      }
    : {
        requestUrlTemplate: '/config/request/requestUrlTemplate',
        headers: '/config/request/headers',
        requestTemplate: '/config/request/requestTemplate',
        successTemplate: '/config/response/successTemplate',
        translationMap: '/config/response/translationMap',
        input: '/contract/input/inputSchema',
        output: '/contract/output/successSchema',
      };
}

function attempt<T>(issues: ActionIssue[], pointer: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (!isSwitchboardError(e)) throw e;
    issues.push({ pointer, message: e.message, code: e.code });
    return undefined;
  }
}

function compileParts(def: ActionDefinition, issues: ActionIssue[]): CompiledAction | undefined {
  const ptr = pointers(def);
  for (const [which, schema] of [
    ['input', def.contract.input],
    ['output', def.contract.output],
  ] as const) {
    for (const i of checkContractSchema(schema, ptr[which]!)) {
      issues.push({
        ...i,
        message: `contract ${which} schema ${i.pointer}: ${i.message}`,
        code: ActionErrors.SB_ACTION_INVALID,
      });
    }
  }
  const url = attempt(issues, ptr.requestUrlTemplate!, () =>
    compileTemplate('requestUrlTemplate', def.request.requestUrlTemplate),
  );
  const headers = Object.entries(def.request.headers).map(([name, v]) => ({
    name,
    value: attempt(issues, `${ptr.headers}/${escapePointer(name)}`, () => compileTemplate(`headers.${name}`, v)),
  }));
  const body = attempt(issues, ptr.requestTemplate!, () =>
    compileTemplate('requestTemplate', def.request.requestTemplate),
  );
  const success = attempt(issues, ptr.successTemplate!, () =>
    compileTemplate('successTemplate', def.response.successTemplate),
  );
  const translations: CompiledTranslation[] = [];
  for (const [name, path] of Object.entries(def.response.translationMap)) {
    const one = attempt(issues, `${ptr.translationMap}/${escapePointer(name)}`, () =>
      compileTranslations({
        translationMap: { [name]: path },
        translationMapDefaults: def.response.translationMapDefaults,
        successTemplate: '',
      }),
    );
    if (one) translations.push(...one);
  }
  if (issues.length > 0 || !url || !body || !success) return undefined;
  return {
    definition: def,
    url,
    headers: headers.map((h) => ({ name: h.name, value: h.value! })),
    body,
    success,
    translations,
    validateInput: compileContract(def.contract.input),
    validateOutput: compileContract(def.contract.output),
  };
}

/**
 * Every problem of an action: invalid contract schemas, template syntax, JSONPath syntax.
 * @example
 * validateAction(loadActionText(text)) // → [] for a valid action
 */
export function validateAction(def: ActionDefinition): ActionIssue[] {
  const issues: ActionIssue[] = [];
  compileParts(def, issues);
  return issues;
}

/**
 * Compile an action for execution. Throws with the first problem's code (`SB_ACTION_INVALID`,
 * `SB_ACTION_TEMPLATE` or `SB_ACTION_JSONPATH`) and every problem in `details.issues`.
 * @example
 * const action = compileAction(loadActionText(text, file));
 */
export function compileAction(def: ActionDefinition): CompiledAction {
  const issues: ActionIssue[] = [];
  const compiled = compileParts(def, issues);
  if (compiled) return compiled;
  const first = issues[0]!;
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more: ${issues
          .slice(1)
          .map((i) => i.pointer)
          .join(', ')})`
      : '';
  throw new SwitchboardError(first.code, `action "${def.name}": ${first.message}${more}`, {
    details: { action: def.name, pointer: first.pointer, issues },
  });
}
