/**
 * @module
 * Action contracts are JSON Schema draft-04 (platform spec §3.2): compiled once per action with
 * ajv + ajv-draft-04, and every violation reported with its JSON pointer.
 */
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonSchema, ValidationIssue } from './types.ts';

/** A compiled contract schema: returns the violations of a value (empty when it conforms). */
export type ContractValidator = (value: unknown) => ValidationIssue[];

let shared: InstanceType<typeof Ajv04.default> | undefined;

/** A fresh ajv configured for Genesys contracts (draft-04, formats, lenient keywords). */
function createContractAjv(): InstanceType<typeof Ajv04.default> {
  const ajv = new Ajv04.default({ allErrors: true, strict: false, logger: false });
  addFormats.default(ajv);
  return ajv;
}

function ajv(): InstanceType<typeof Ajv04.default> {
  return (shared ??= createContractAjv());
}

// Genesys contracts declare draft-04, with or without the trailing '#'; ajv-draft-04 knows only one
// spelling, so the declaration is dropped after it has been checked.
function normalized(schema: JsonSchema, pointer: string, issues: ValidationIssue[]): JsonSchema {
  const declared = schema.$schema;
  if (declared === undefined) return schema;
  const { $schema: _drop, ...rest } = schema;
  if (typeof declared !== 'string' || !/^https?:\/\/json-schema\.org\/draft-04\/schema#?$/.test(declared)) {
    issues.push({
      pointer: `${pointer}/$schema`,
      message: `contracts must be JSON Schema draft-04; got ${JSON.stringify(declared)}`,
    });
  }
  return rest;
}

/**
 * Check that a contract schema is a valid draft-04 schema; returns the problems, each with a JSON
 * pointer inside the action document (`pointer` is where the schema sits).
 * @example
 * checkContractSchema({ type: 'objekt' }, '/contract/input/inputSchema') // → [{ pointer: '/contract/input/inputSchema/type', … }]
 */
export function checkContractSchema(schema: JsonSchema, pointer: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const s = normalized(schema, pointer, issues);
  if (!ajv().validateSchema(s)) {
    // The meta-schema reports one error per anyOf branch; one per location is enough.
    const seen = new Set<string>();
    for (const e of ajv().errors ?? []) {
      if (seen.has(e.instancePath)) continue;
      seen.add(e.instancePath);
      issues.push({ pointer: pointer + e.instancePath, message: e.message ?? 'is invalid' });
    }
  }
  if (issues.length === 0) {
    try {
      ajv().compile(s);
    } catch (e) {
      issues.push({ pointer, message: (e as Error).message });
    }
  }
  return issues;
}

/**
 * Compile a contract schema (assumed already checked with {@link checkContractSchema}).
 * @example
 * compileContract({ type: 'object', required: ['id'] })({}) // → [{ pointer: '', message: "must have required property 'id'" }]
 */
export function compileContract(schema: JsonSchema): ContractValidator {
  const validate: ValidateFunction = ajv().compile(normalized(schema, '', []));
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map(issue));
}

function issue(e: ErrorObject): ValidationIssue {
  const extra =
    e.keyword === 'additionalProperties'
      ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
      : '';
  return { pointer: e.instancePath, message: `${e.message ?? 'is invalid'}${extra}` };
}
