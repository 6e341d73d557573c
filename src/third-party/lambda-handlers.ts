/**
 * @module
 * Local handlers for AWS Lambda data actions: a mock with `lambda: { module, export }` runs the
 * exported function the way Lambda invokes it — the action's rendered request body, parsed as JSON,
 * is the event; the context names the function (its ARN from the request) — and answers with the
 * value it returns, as JSON. [INFERRED] A handler that throws answers 502 with Lambda's error shape
 * (`errorMessage`, `errorType`) and `X-Amz-Function-Error: Unhandled`, so the data action fails
 * with the handler's message, as a Lambda function error fails it.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { SwitchboardError, tryParseJson } from '../core/index.ts';
import { ThirdPartyErrors } from './errors.ts';

/** A Lambda handler as Node.js Lambda functions export it. */
type LambdaHandler = (event: unknown, context: LambdaContext) => unknown;

/** The part of Lambda's context object a handler may read. */
interface LambdaContext {
  readonly functionName: string;
  readonly invokedFunctionArn: string;
  readonly awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

/** What a local handler answered. */
export interface LambdaAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string>;
}

const loaded = new Map<string, Promise<Record<string, unknown>>>();

async function handlerOf(module: string, name: string): Promise<LambdaHandler> {
  let mod = loaded.get(module);
  if (!mod) {
    mod = import(pathToFileURL(module).href) as Promise<Record<string, unknown>>;
    loaded.set(module, mod);
    mod.catch(() => loaded.delete(module));
  }
  let exports: Record<string, unknown>;
  try {
    exports = await mod;
  } catch (e) {
    throw new SwitchboardError(
      ThirdPartyErrors.SB_THIRD_PARTY_MOCKS_INVALID,
      `a lambda mock's module must load; ${module}: ${(e as Error).message}`,
      { details: { module } },
    );
  }
  const fn =
    exports[name] ??
    (name === 'handler' ? (exports.default as Record<string, unknown> | undefined)?.handler : undefined);
  if (typeof fn !== 'function')
    throw new SwitchboardError(
      ThirdPartyErrors.SB_THIRD_PARTY_MOCKS_INVALID,
      `a lambda mock's module must export the function "${name}"; ${module} exports ${Object.keys(exports).join(', ') || 'nothing'}`,
      { details: { module, export: name } },
    );
  return fn as LambdaHandler;
}

/** The function's name in an ARN (`arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`), else the text itself. */
function functionName(arn: string): string {
  const m = /:function:([^:/]+)/.exec(arn);
  return m ? m[1]! : arn;
}

/**
 * Run a local Lambda handler for one request to the function at `arn`.
 * @example
 * const answer = await invokeLambda({ module: '/abs/tier.mjs', export: 'handler' }, arn, '{"id":"c-1"}', 30_000);
 */
export async function invokeLambda(
  spec: { readonly module: string; readonly export: string },
  arn: string,
  body: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<LambdaAnswer> {
  const handler = await handlerOf(spec.module, spec.export);
  const parsed = tryParseJson(body);
  const started = Date.now();
  const context: LambdaContext = {
    functionName: functionName(arn),
    invokedFunctionArn: arn,
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
  };
  const json = { 'content-type': 'application/json' };
  try {
    const result = await abortable(Promise.resolve(handler(parsed.ok ? parsed.value : body, context)), signal);
    return { status: 200, body: JSON.stringify(result ?? null), headers: json };
  } catch (e) {
    if (signal?.aborted) throw e;
    const err = e instanceof Error ? e : new Error(String(e));
    return {
      status: 502,
      body: JSON.stringify({ errorMessage: err.message, errorType: err.name }),
      headers: { ...json, 'x-amz-function-error': 'Unhandled' },
    };
  }
}

function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
