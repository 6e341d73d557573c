/**
 * @module
 * The two functions whose output follows Go: `jsonencode` (Go's encoder: keys sorted, HTML
 * characters escaped) and `format` (Go's fmt verbs).
 */
import { num, str } from './function-args.ts';
import type { FunctionHost } from './function-args.ts';
import { materialize } from './values.ts';
import type { TfValue } from './values.ts';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/**
 * Terraform's jsonencode: keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped as Go's encoder does.
 * @example
 * jsonencode({ b: 1, a: '<x>' }) // '{"a":"\\u003cx\\u003e","b":1}'
 */
export function jsonencode(v: TfValue): string {
  return JSON.stringify(sortKeys(materialize(v)))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function format(host: FunctionHost, args: TfValue[]): string {
  const spec = str(host, args[0]!, 'format', 0);
  let n = 1;
  return spec.replace(
    /%([-+ #0]*)(\d+)?(?:\.(\d+))?([sdvqftbxXeEgo%])/g,
    (_m, flags: string, width: string | undefined, prec: string | undefined, verb: string) => {
      if (verb === '%') return '%';
      if (n >= args.length) host.fail(`Error in function call: format "${spec}" needs more arguments than given`);
      const v = args[n++]!;
      let out: string;
      switch (verb) {
        case 'd':
          out = String(Math.trunc(num(host, v, 'format', n - 1)));
          break;
        case 'f':
          out = num(host, v, 'format', n - 1).toFixed(prec === undefined ? 6 : Number(prec));
          break;
        case 'q':
          out = JSON.stringify(str(host, v, 'format', n - 1));
          break;
        case 't':
          out = String(v);
          break;
        case 'x':
        case 'X':
          out = Math.trunc(num(host, v, 'format', n - 1)).toString(16);
          if (verb === 'X') out = out.toUpperCase();
          break;
        case 'v':
          out =
            typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
              ? str(host, v, 'format', n - 1)
              : jsonencode(v);
          break;
        default:
          out = str(host, v, 'format', n - 1);
      }
      const w = width === undefined ? 0 : Number(width);
      if (out.length < w)
        out = flags.includes('-') ? out.padEnd(w) : out.padStart(w, flags.includes('0') && verb !== 's' ? '0' : ' ');
      return out;
    },
  );
}
