/**
 * @module
 * Error codes of reading a Terraform project, and the diagnostic each problem becomes: the code,
 * the file and line, and the construct (`var.x`, `function foo`, `local.a`).
 */
import { defineErrorCodes } from '../../core/index.ts';

/** Every code a Terraform diagnostic or error carries. */
export const TerraformErrors = defineErrorCodes('blueprints', {
  SB_TERRAFORM_SYNTAX: {
    summary: 'A .tf or .tfvars file is not valid HCL2.',
    retry: 'never',
    hint: 'Fix the syntax at the named line (`terraform validate` reports the same place).',
    status: 400,
  },
  SB_TERRAFORM_VARIABLE_REQUIRED: {
    summary: 'A variable without a default has no value (terraform plan: "No value for required variable").',
    retry: 'never',
    hint: 'Give it with --var name=value, a --var-file, terraform.tfvars, a *.auto.tfvars file or TF_VAR_<name>.',
    status: 400,
  },
  SB_TERRAFORM_REFERENCE_UNRESOLVED: {
    summary:
      'An expression refers to a variable, local, module output, resource or attribute the project does not declare.',
    retry: 'never',
    hint: 'Declare it (variable, locals, output of the module) or fix the name at the named line.',
    status: 400,
  },
  SB_TERRAFORM_UNSUPPORTED: {
    summary: 'A Terraform construct or function Switchboard does not evaluate.',
    retry: 'never',
    hint: 'Write the value another way (docs/terraform.md lists what is evaluated), or give it as a variable.',
    status: 400,
  },
  SB_TERRAFORM_EVALUATION: {
    summary: 'An expression fails when evaluated (wrong type, bad function argument, unreadable file).',
    retry: 'never',
    hint: 'Fix the expression at the named line; the message says what Terraform would say.',
    status: 400,
  },
  SB_TERRAFORM_CYCLE: {
    summary: 'Locals, outputs or resources refer to each other in a cycle.',
    retry: 'never',
    hint: 'Break the cycle the message lists.',
    status: 400,
  },
  SB_TERRAFORM_MODULE_UNAVAILABLE: {
    summary:
      "A module block's source cannot be read: a local folder that does not exist, or a remote module that is not installed.",
    retry: 'never',
    hint: "Run `terraform init` (its .terraform/modules is read), or give the module's folder for its source.",
    status: 400,
  },
  SB_TERRAFORM_DATA_UNRESOLVED: {
    summary: 'A data source could not be resolved against the target org (no resolver, or nothing by that name).',
    retry: 'never',
    hint: 'Create the object in the org (or the emulator), or fix the name the data source looks up.',
    status: 400,
  },
  SB_TERRAFORM_UNKNOWN_VALUE: {
    summary:
      'A value that runs (a trigger, data action or flow substitution) depends on something known only after apply outside Switchboard.',
    retry: 'never',
    hint: 'Resolve the data source or module it comes from, or give the value as a variable.',
    status: 400,
  },
  SB_TERRAFORM_PROJECT_INVALID: {
    summary: 'A Terraform project has errors; every one is listed with its file and line.',
    retry: 'never',
    hint: 'Fix each listed problem; `switchboard check <folder>` shows them too.',
    status: 400,
  },
});

/** A Terraform error code. */
export type TerraformErrorCode = keyof typeof TerraformErrors;

/** A problem found reading a project. */
export interface TfDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: TerraformErrorCode;
  /** The file, relative to the project root. */
  readonly file: string;
  readonly line: number;
  /** What it is about: `var.x`, `local.a`, `function "foo"`, `resource genesyscloud_flow.f`. */
  readonly construct: string;
  readonly message: string;
}

/** Thrown inside evaluation; becomes a {@link TfDiagnostic}. */
export class TfEvalError extends Error {
  constructor(
    readonly code: TerraformErrorCode,
    message: string,
    readonly file: string,
    readonly line: number,
    readonly construct: string,
  ) {
    super(message);
  }
}
