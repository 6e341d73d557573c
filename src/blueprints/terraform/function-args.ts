/**
 * @module
 * The arguments of Terraform's built-in functions: each converted to the type the function takes
 * the way Terraform converts it, or an "Invalid function argument" error naming the argument.
 */
import { isObject, numberText, typeName } from './values.ts';
import type { TfObject, TfValue } from './values.ts';

/** What functions need from the project: its root folder and a template renderer. */
export interface FunctionHost {
  /** The folder relative paths resolve against (Terraform's working directory: the root module). */
  readonly root: string;
  /** Render a template file's text with the given variables (templatefile). */
  renderTemplate(text: string, file: string, vars: TfObject): TfValue;
  /** Throw an evaluation error about this call. */
  fail(message: string): never;
  /** Note a file a function read (file(), templatefile()…), by its absolute path. */
  read?(file: string): void;
}

/** A built-in function. */
export type Fn = (args: TfValue[], host: FunctionHost, name: string) => TfValue;

export function str(host: FunctionHost, v: TfValue, name: string, i: number): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return String(v);
  return host.fail(`Invalid value for argument ${i + 1} of ${name}: a string is required; got ${typeName(v)}`);
}

export function num(host: FunctionHost, v: TfValue, name: string, i: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return host.fail(`Invalid value for argument ${i + 1} of ${name}: a number is required; got ${typeName(v)}`);
}

export function list(host: FunctionHost, v: TfValue, name: string, i: number): TfValue[] {
  if (Array.isArray(v)) return v;
  return host.fail(`Invalid value for argument ${i + 1} of ${name}: a list is required; got ${typeName(v)}`);
}

export function obj(host: FunctionHost, v: TfValue, name: string, i: number): TfObject {
  if (isObject(v)) return v;
  return host.fail(`Invalid value for argument ${i + 1} of ${name}: a map or object is required; got ${typeName(v)}`);
}

export function arity(host: FunctionHost, args: TfValue[], name: string, min: number, max = min): void {
  if (args.length < min || args.length > max)
    host.fail(
      `Function ${name} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}; got ${args.length}`,
    );
}
