/**
 * @module
 * The data-action model shared by every stage: the definition (one shape for the three source
 * formats), the execution result and the execution trace.
 */
import type { ErrorBody } from '../core/index.ts';

/** An HTTP method a data action may use (Terraform schema: GET | PUT | POST | PATCH | DELETE). */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

/** A JSON Schema (draft-04) document, as stored in an action contract. */
export type JsonSchema = Record<string, unknown>;

/** Where a definition was loaded from. */
export type ActionSourceFormat = 'custom-json' | 'api' | 'terraform';

/** The request half of an action's config (platform spec §3.1). */
interface ActionRequestConfig {
  readonly requestUrlTemplate: string;
  readonly requestType: HttpMethod;
  /** Header name → Velocity template of its value. */
  readonly headers: Readonly<Record<string, string>>;
  /** Body template for POST/PUT/PATCH; `${input.rawRequest}` by default. */
  readonly requestTemplate: string;
}

/** The response half of an action's config (platform spec §3.1, §3.3 items 6-7). */
export interface ActionResponseConfig {
  /** Variable name → JSONPath (Jayway syntax) into the response. */
  readonly translationMap: Readonly<Record<string, string>>;
  /** Variable name → JSON text used when the path resolves nothing. */
  readonly translationMapDefaults: Readonly<Record<string, string>>;
  /** Velocity template producing the output JSON; `${rawResult}` by default. */
  readonly successTemplate: string;
}

/** One data action, whichever format it came from. */
export interface ActionDefinition {
  readonly name: string;
  readonly category?: string;
  readonly integrationId?: string;
  /** `purecloud-data-actions` (Genesys Cloud Data Actions) or `custom-rest-actions` (web services). */
  readonly integrationType: string;
  readonly actionType: string;
  readonly secure: boolean;
  /** 1-60 seconds (platform spec §3.2); absent means the engine default. */
  readonly timeoutSeconds?: number;
  readonly request: ActionRequestConfig;
  readonly response: ActionResponseConfig;
  readonly contract: { readonly input: JsonSchema; readonly output: JsonSchema };
  readonly source: ActionSourceFormat;
}

/** A schema violation, named by JSON pointer. */
export interface ValidationIssue {
  /** JSON pointer of the offending value (`''` for the root). */
  readonly pointer: string;
  readonly message: string;
}

/** How a translation variable got its value. */
type TranslationSource = 'path' | 'default' | 'unresolved';

/** One translation-map variable in the trace. */
export interface TranslationTrace {
  readonly name: string;
  readonly path: string;
  readonly source: TranslationSource;
  /** The JSON text bound to the variable (absent when unresolved). */
  readonly value?: string;
}

/** The rendered request in the trace. */
export interface RequestTrace {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Absent for GET and DELETE, which send no body. */
  readonly body?: string;
}

/** The raw response in the trace. */
export interface ResponseTrace {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly durationMs: number;
  /**
   * Who answered: Genesys Cloud (the emulator or the org), a mock of the mocks file, or the real
   * third-party service (`--passthrough`).
   */
  readonly route?: 'genesys' | 'mock' | 'passthrough';
  /** The mock that answered (its name, else `mocks[<index>]`). */
  readonly mock?: string;
}

/** The pipeline stages, in order. */
export type ActionStage =
  | 'input'
  | 'requestUrlTemplate'
  | 'headers'
  | 'requestTemplate'
  | 'http'
  | 'response'
  | 'translationMap'
  | 'successTemplate'
  | 'successSchema';

/** Why an execution failed, with where. */
export interface ActionFailure {
  readonly code: string;
  readonly message: string;
  readonly stage: ActionStage;
  /** Template name, header, translation variable or JSON pointer, when the failure has one. */
  readonly field?: string;
  readonly line?: number;
  readonly column?: number;
  /** The Genesys error body `/execute` answers with. */
  readonly errorBody: ErrorBody;
}

/** Everything an execution did, up to where it stopped. */
export interface ActionTrace {
  readonly action: string;
  /** Set when the action is secure: the values below are redacted (`[secure]`), the structure kept. */
  readonly secure?: true;
  readonly input: unknown;
  readonly stages: { stage: ActionStage; ok: boolean }[];
  inputErrors: ValidationIssue[];
  request?: RequestTrace;
  response?: ResponseTrace;
  translations: TranslationTrace[];
  /** The success template after rendering, before JSON parsing. */
  renderedSuccess?: string;
  outputErrors: ValidationIssue[];
  failure?: ActionFailure;
  durationMs: number;
}

/**
 * Why a failed or timed-out execution may pass when sent again: what a retry policy retries.
 * A failure of the input, the template, the translation or the contract is not transient.
 */
export interface TransientFailure {
  /**
   * `429`: rate limited; `5xx`: a server error (500, 502, 503, 504) or no answer at all (network);
   * `timeout`: no answer within the timeout.
   */
  readonly kind: '429' | '5xx' | 'timeout';
  /** The HTTP status answered, when one was. */
  readonly status?: number;
  /** How long the answer asked to wait (`Retry-After`, or a 429's "[N] seconds"), ms. */
  readonly retryAfterMs?: number;
}

/** The outcome of one execution. */
export interface ActionResult {
  readonly status: 'success' | 'failure' | 'timeout';
  /** Success: the resolved output object. Failure/timeout: the standard failure outputs. */
  readonly outputs: Record<string, unknown>;
  /** The outputs as Architect sees them (dotted keys, collections). */
  readonly flattened: Record<string, unknown>;
  readonly trace: ActionTrace;
  /** Set when the failure or timeout may pass if the request is sent again. */
  readonly transient?: TransientFailure;
}
