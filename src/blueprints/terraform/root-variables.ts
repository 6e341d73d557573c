/**
 * @module
 * The root module's variable values as `terraform plan` takes them, lowest precedence first:
 * `TF_VAR_*`, `terraform.tfvars`, `*.auto.tfvars` (in name order), var files, then `--var`. A value
 * for a variable the root module does not declare, or a var file that does not exist, is a
 * diagnostic.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TfEvalError } from './errors.ts';
import { diagnostic, rawValue, tfvarsValues } from './host.ts';
import type { Loader } from './host.ts';
import type { TerraformLoadOptions } from './load.ts';
import type { HclBlock, HclFile } from './parser.ts';
import type { TfValue } from './values.ts';

/**
 * The values given to the root module's variables (in `rootFiles`), by name, with where each came
 * from; problems are reported to `loader`.
 */
export function rootVariableValues(
  loader: Loader,
  rootFiles: readonly HclFile[],
  options: TerraformLoadOptions,
): Map<string, { value: TfValue; origin: string; line: number }> {
  const root = loader.root;
  const given = new Map<string, { value: TfValue; origin: string; line: number }>();
  const declared = new Map<string, { block: HclBlock; file: string }>();
  for (const f of rootFiles)
    for (const b of f.body.blocks)
      if (b.type === 'variable' && b.labels[0]) declared.set(b.labels[0], { block: b, file: f.file });
  const setRaw = (name: string, text: string, origin: string): void => {
    try {
      given.set(name, { value: rawValue(loader, text, declared.get(name), origin), origin, line: 1 });
    } catch (e) {
      if (!(e instanceof TfEvalError)) throw e;
      loader.report(diagnostic(e));
    }
  };
  for (const [k, v] of Object.entries(options.env ?? {}))
    if (k.startsWith('TF_VAR_') && v !== undefined && declared.has(k.slice(7)))
      setRaw(k.slice(7), v, `TF_VAR_${k.slice(7)}`);
  const autoFiles = readdirSync(root)
    .filter((n) => /\.auto\.tfvars(\.json)?$/.test(n))
    .sort();
  const files = [
    ...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => existsSync(join(root, n))).map((n) => join(root, n)),
    ...autoFiles.map((n) => join(root, n)),
    ...(options.varFiles ?? []).map((f) => resolve(f)),
  ];
  for (const file of files) {
    if (!existsSync(file)) {
      loader.report({
        severity: 'error',
        code: 'SB_TERRAFORM_EVALUATION',
        file: loader.display(file),
        line: 1,
        construct: 'var-file',
        message: `Failed to read variables file: ${file} does not exist`,
      });
      continue;
    }
    for (const [name, v] of tfvarsValues(loader, file)) {
      if (!declared.has(name))
        loader.report({
          severity: 'warning',
          code: 'SB_TERRAFORM_REFERENCE_UNRESOLVED',
          file: loader.display(file),
          line: v.line,
          construct: `var.${name}`,
          message: `Value for undeclared variable: the root module does not declare a variable named "${name}"`,
        });
      else given.set(name, { ...v, origin: loader.display(file) });
    }
  }
  for (const [name, text] of Object.entries(options.vars ?? {})) {
    if (!declared.has(name))
      loader.report({
        severity: 'error',
        code: 'SB_TERRAFORM_REFERENCE_UNRESOLVED',
        file: '--var',
        line: 1,
        construct: `var.${name}`,
        message: `Value for undeclared variable: a variable named "${name}" was assigned on the command line, but the root module does not declare a variable of that name`,
      });
    else setRaw(name, text, `--var ${name}`);
  }
  return given;
}
