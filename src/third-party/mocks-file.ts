/**
 * @module
 * The mocks file: what third-party requests answer offline. JSON or YAML, a list of mocks or
 * `{ "mocks": [...] }`. Each mock matches a method, a URL pattern and optionally the request's
 * JSON body (a subset) or text, and headers; it answers one response, or a sequence (each used
 * once, the last one repeated) so a retry can meet a 503 and then a 200. A mock for an AWS Lambda
 * function may instead name a local handler module (`lambda`), run as Lambda runs it.
 */
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { SwitchboardError, jsonPointer, stripBom, tryParseJson } from '../core/index.ts';
import { ThirdPartyErrors } from './errors.ts';
import { compileUrlPattern } from './url-pattern.ts';

/** The largest mocks file read (bytes). */
const MAX_MOCKS_FILE_BYTES = 5 * 1024 * 1024;

const Reply = z.strictObject({
  status: z.number().int().min(200).max(599).default(200),
  headers: z.record(z.string(), z.string()).optional(),
  /** A string is sent as it is; anything else as JSON. */
  body: z.unknown().optional(),
  /** Held this long (on the runtime's clock) before the answer arrives; past the action's timeout it times out. */
  delayMs: z.number().int().min(0).max(600_000).optional(),
});

const Method = z
  .string()
  .transform((m) => m.toUpperCase())
  .pipe(z.enum(['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']));

const Mock = z
  .strictObject({
    name: z.string().min(1).optional(),
    /** Any method when absent. */
    method: Method.optional(),
    url: z.string().min(1),
    match: z
      .strictObject({
        /** An object: the request's JSON body must hold these fields with these values. A string: the body must contain it. */
        body: z.unknown().optional(),
        /** Header name (any case) → exact value. */
        headers: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
    response: Reply.optional(),
    responses: z.array(Reply).min(1).optional(),
    /** A local handler for an AWS Lambda function: its module (relative to the mocks file) and export (default `handler`). */
    lambda: z.strictObject({ module: z.string().min(1), export: z.string().min(1).default('handler') }).optional(),
  })
  .superRefine((m, ctx) => {
    const answers = [m.response, m.responses, m.lambda].filter((a) => a !== undefined).length;
    if (answers !== 1)
      ctx.addIssue({ code: 'custom', message: 'a mock needs exactly one of "response", "responses" and "lambda"' });
    if (!compileUrlPattern(m.url))
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: `must be an absolute http(s) URL pattern (e.g. "https://api.example.com/v1/users/*"); got ${JSON.stringify(m.url.slice(0, 100))}`,
      });
  });

const MocksFile = z.union([z.array(Mock), z.strictObject({ $schema: z.string().optional(), mocks: z.array(Mock) })]);

/** One mock's answer. */
export type MockReply = z.infer<typeof Reply>;
/** One mock, validated. */
export type MockSpec = z.infer<typeof Mock>;

function invalid(message: string, details: Record<string, unknown>): SwitchboardError {
  return new SwitchboardError(ThirdPartyErrors.SB_THIRD_PARTY_MOCKS_INVALID, message, { details });
}

/**
 * Validate mocks already parsed (from a file, the API or code); a `lambda` module is resolved
 * against `baseDir`. Throws
 * `SB_THIRD_PARTY_MOCKS_INVALID` naming the source and every broken field by JSON pointer.
 * @example
 * const mocks = validateMocks([{ method: 'GET', url: 'https://api.example.com/v1/*', response: { status: 200, body: {} } }], 'inline');
 */
export function validateMocks(value: unknown, source: string, baseDir = process.cwd()): MockSpec[] {
  const result = MocksFile.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ pointer: jsonPointer(i.path), message: i.message }));
    throw invalid(
      `a mocks file must follow the mocks format; ${source}: ${issues.map((i) => `${i.pointer}: ${i.message}`).join('; ')}`,
      { file: source, issues },
    );
  }
  const mocks = Array.isArray(result.data) ? result.data : result.data.mocks;
  // A handler module is found beside the mocks file, wherever the command runs.
  return mocks.map((m) =>
    m.lambda ? { ...m, lambda: { ...m.lambda, module: resolve(baseDir, m.lambda.module) } } : m,
  );
}

/**
 * Parse and validate the text of a mocks file (`.json`, `.yaml` or `.yml`).
 * @example
 * const mocks = parseMocksText(readFileSync('mocks.json', 'utf8'), 'mocks.json');
 */
export function parseMocksText(text: string, file: string): MockSpec[] {
  if (Buffer.byteLength(text, 'utf8') > MAX_MOCKS_FILE_BYTES)
    throw invalid(`a mocks file must be at most ${MAX_MOCKS_FILE_BYTES} bytes; ${file} is larger`, { file });
  const body = stripBom(text);
  let value: unknown;
  if (/\.ya?ml$/i.test(file)) {
    try {
      value = parseYaml(body, { maxAliasCount: 100 });
    } catch (e) {
      throw invalid(`a mocks file must be YAML; ${file}: ${(e as Error).message.split('\n')[0]}`, { file });
    }
  } else {
    const parsed = tryParseJson(body);
    if (!parsed.ok) throw invalid(`a mocks file must be JSON; ${file}: ${parsed.error}`, { file });
    value = parsed.value;
  }
  return validateMocks(value, file, dirname(resolve(file)));
}
