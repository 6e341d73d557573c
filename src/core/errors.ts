/**
 * @module
 * The error model shared by every bounded context: a stable code, retry semantics and a fix hint.
 * Each context declares its codes with {@link defineErrorCodes}; `docs/errors.md` is generated from
 * the registry (`npm run docs:errors`) and a test keeps the two in sync.
 */

import type { ErrorCodeName } from './error-code-names.ts';

/** How a caller should react to an error. */
export type RetryPolicy =
  /** The same request will fail the same way: fix the input. */
  | 'never'
  /** A transient failure: retrying (with backoff) may succeed. */
  | 'backoff'
  /** Retry after the delay the error carries (`retryAfterMs`). */
  | 'after';

/** The declaration of one error code. */
export interface ErrorCodeSpec {
  /** One-line description of the rule that was broken. */
  readonly summary: string;
  readonly retry: RetryPolicy;
  /** How to fix it, shown to users. */
  readonly hint: string;
  /** HTTP status used when the error crosses an HTTP boundary. */
  readonly status?: number;
}

const registry = new Map<string, ErrorCodeSpec & { readonly context: string }>();

export type { ErrorCodeName } from './error-code-names.ts';

/**
 * Declare the error codes of one bounded context. Codes are global and must be unique.
 * @example
 * export const TriggerErrors = defineErrorCodes('triggers', {
 *   SB_TRIGGER_INVALID: { summary: 'A trigger breaks a validation rule.', retry: 'never', hint: 'Fix the listed fields.', status: 400 },
 * });
 */
export function defineErrorCodes<const T extends Record<string, ErrorCodeSpec>>(
  context: string,
  codes: T,
): { readonly [K in keyof T]: K } {
  const out: Record<string, string> = {};
  for (const [code, spec] of Object.entries(codes)) {
    if (!/^SB_[A-Z0-9_]+$/.test(code)) throw new Error(`error code ${code} must match SB_[A-Z0-9_]+`);
    const prior = registry.get(code);
    if (prior && prior.context !== context) throw new Error(`error code ${code} is declared twice`);
    registry.set(code, { ...spec, context });
    out[code] = code;
  }
  return out as { readonly [K in keyof T]: K };
}

/**
 * `code` if the registry declares it, else `fallback`: for a code read back from data (a journal,
 * a response) before it becomes a {@link SwitchboardError} again.
 * @example
 * new SwitchboardError(declaredCode(journaled.code, 'SB_WORKFLOW_FAILED'), journaled.message)
 */
export function declaredCode(code: string | undefined, fallback: ErrorCodeName): ErrorCodeName {
  return code !== undefined && registry.has(code) ? (code as ErrorCodeName) : fallback;
}

/** Every declared error code, for documentation and tests. */
export function listErrorCodes(): ReadonlyArray<ErrorCodeSpec & { readonly code: string; readonly context: string }> {
  return [...registry.entries()]
    .map(([code, spec]) => ({ code, ...spec }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The declaration of a code, if it exists. */
export function errorCodeSpec(code: string): (ErrorCodeSpec & { readonly context: string }) | undefined {
  return registry.get(code);
}

/** Options accepted by {@link SwitchboardError}. */
export interface SwitchboardErrorOptions {
  /** Override the code's default hint with a more specific one. */
  readonly hint?: string;
  readonly cause?: unknown;
  /** Structured context (file, field, position…), shown in traces and `--json` output. */
  readonly details?: Readonly<Record<string, unknown>>;
  /** For `retry: 'after'`: how long to wait. */
  readonly retryAfterMs?: number;
}

/**
 * The base error of Switchboard. Message form: the rule; the specific failure; (hint separately).
 * @example
 * throw new SwitchboardError('SB_TRIGGER_INVALID', 'trigger "x": name must be 1-256 characters; got 0', { details: { field: 'name' } });
 */
export class SwitchboardError extends Error {
  readonly code: ErrorCodeName;
  readonly retry: RetryPolicy;
  readonly hint: string;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>>;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCodeName, message: string, options: SwitchboardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const spec = registry.get(code);
    this.name = 'SwitchboardError';
    this.code = code;
    this.retry = spec?.retry ?? 'never';
    this.hint = options.hint ?? spec?.hint ?? '';
    this.status = spec?.status ?? 500;
    this.details = options.details ?? {};
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether retrying could succeed. */
  get retryable(): boolean {
    return this.retry !== 'never';
  }

  /** A plain JSON form for `--json` output, traces and HTTP bodies. */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      retry: this.retry,
      hint: this.hint,
      ...(Object.keys(this.details).length > 0 ? { details: this.details } : {}),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }
}

/** Type guard for {@link SwitchboardError}. */
export function isSwitchboardError(e: unknown): e is SwitchboardError {
  return e instanceof SwitchboardError;
}

export const CoreErrors = defineErrorCodes('core', {
  SB_INTERNAL: {
    summary: 'An unexpected internal error.',
    retry: 'backoff',
    hint: 'This is a bug in Switchboard; the message and stack say where. Please report it.',
    status: 500,
  },
  SB_INPUT_INVALID: {
    summary: 'A command-line or API input is malformed.',
    retry: 'never',
    hint: 'Check the value named in the message against the command help or API schema.',
    status: 400,
  },
  SB_FILE_UNREADABLE: {
    summary: 'A file could not be read or parsed.',
    retry: 'never',
    hint: 'Check that the path exists and holds the expected format (JSON, YAML or .i3WorkFlow).',
    status: 400,
  },
});
