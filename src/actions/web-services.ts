/**
 * @module
 * Web Services Data Actions credentials (HELP-CRED): Basic Auth sends the Basic header with every
 * request; User Defined puts its fields in the `credentials` Velocity context; User Defined (OAuth)
 * does too, and first runs the integration's custom auth action, whose output is the
 * `authResponse` Velocity context of every other action of the integration.
 */
import { SwitchboardError } from '../core/index.ts';
import type { CompiledAction } from './compile.ts';
import { ActionErrors } from './errors.ts';
import type { ActionDefinition, ActionResult, RequestTrace } from './types.ts';

/** The credential types of the web services data actions integration (API `credentialType.name`). */
export const WEB_SERVICE_CREDENTIAL_TYPES = ['basicAuth', 'userDefined', 'userDefinedOAuth'] as const;
/** One of {@link WEB_SERVICE_CREDENTIAL_TYPES}. */
export type WebServiceCredentialType = (typeof WEB_SERVICE_CREDENTIAL_TYPES)[number];

/** What {@link createIntegrationAuth} needs. */
export interface IntegrationAuthSpec {
  readonly type: WebServiceCredentialType;
  /** Field name → value. Basic Auth reads `userName` and `password`. */
  readonly fields: Readonly<Record<string, string>>;
  /** The custom auth action (User Defined (OAuth) only). */
  readonly authAction?: CompiledAction;
}

/** Runs the custom auth action with `credentials`: the integration's fields, and no auth response of its own. */
type RunAuthAction = (authAction: CompiledAction, credentials: IntegrationAuth) => Promise<ActionResult>;

/** An integration's credentials at run time, shared by every action of the integration. */
export interface IntegrationAuth {
  readonly type: WebServiceCredentialType;
  readonly fields: Readonly<Record<string, string>>;
  /**
   * The custom auth action's output, run once and kept until {@link invalidate} (a 401) or,
   * when the output has a numeric `expires_in`, until that many seconds have passed.
   */
  authResponse(run: RunAuthAction, now: number): Promise<Record<string, unknown> | undefined>;
  invalidate(): void;
  /** The header Basic Auth adds, if any. */
  readonly basicHeader: string | undefined;
  /** Values to keep out of traces (the fields and the auth response's strings). */
  secrets(): string[];
}

/**
 * Build an integration's credentials; checks that each type has what it needs.
 * @example
 * const auth = createIntegrationAuth({ type: 'basicAuth', fields: { userName: 'u', password: 'p' } });
 */
export function createIntegrationAuth(spec: IntegrationAuthSpec): IntegrationAuth {
  if (spec.type === 'basicAuth' && spec.fields.userName === undefined) {
    throw new SwitchboardError(ActionErrors.SB_ACTION_INVALID, 'a Basic Auth credential must have a userName field', {
      details: { field: 'credentials.userName' },
    });
  }
  if (spec.type === 'userDefinedOAuth' && !spec.authAction) {
    throw new SwitchboardError(
      ActionErrors.SB_ACTION_INVALID,
      "a User Defined (OAuth) credential needs its integration's custom auth action",
      { details: { field: 'authAction' } },
    );
  }
  let cached: { value: Record<string, unknown>; until: number } | undefined;
  let pending: Promise<Record<string, unknown>> | undefined;

  const basicHeader =
    spec.type === 'basicAuth'
      ? `Basic ${Buffer.from(`${spec.fields.userName ?? ''}:${spec.fields.password ?? ''}`, 'utf8').toString('base64')}`
      : undefined;
  let fieldsOnly: IntegrationAuth | undefined;

  async function runAuth(run: RunAuthAction, now: number): Promise<Record<string, unknown>> {
    fieldsOnly ??= createIntegrationAuth({ type: 'userDefined', fields: spec.fields });
    const result = await run(spec.authAction!, fieldsOnly);
    if (result.status !== 'success') {
      const f = result.trace.failure;
      throw new SwitchboardError(
        ActionErrors.SB_ACTION_AUTH_FAILED,
        `the integration's custom auth action must succeed before its actions run; "${spec.authAction!.definition.name}" ${result.status === 'timeout' ? 'timed out' : 'failed'}: ${f?.message ?? 'no reason given'}`,
        {
          details: {
            field: 'authAction',
            action: spec.authAction!.definition.name,
            ...(f ? { stage: f.stage } : {}),
            ...(result.transient ? { transient: result.transient } : {}),
          },
        },
      );
    }
    const value = result.outputs;
    // [INFERRED] Genesys does not publish how long it keeps the auth response; an OAuth-shaped
    // `expires_in` bounds it here, otherwise it is kept until an action meets a 401.
    const ttl =
      typeof value.expires_in === 'number' && value.expires_in > 0 ? value.expires_in * 1000 : Number.POSITIVE_INFINITY;
    cached = { value, until: now + ttl };
    return value;
  }

  return {
    type: spec.type,
    fields: spec.fields,
    async authResponse(run, now) {
      if (spec.type !== 'userDefinedOAuth') return undefined;
      if (cached && now < cached.until) return cached.value;
      pending ??= runAuth(run, now).finally(() => (pending = undefined));
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
    basicHeader,
    secrets() {
      const out = Object.values(spec.fields).filter((v) => v.length >= 4);
      for (const v of Object.values(cached?.value ?? {})) if (typeof v === 'string' && v.length >= 8) out.push(v);
      if (basicHeader) out.push(basicHeader.slice('Basic '.length));
      return out.sort((a, b) => b.length - a.length);
    },
  };
}

/**
 * A traced request with the credential values replaced by `[credential]` (HELP-CRED: "the
 * integration redacts any authorization information" from what a test shows).
 * @example
 * redactCredentials(trace.request, auth).headers.Authorization // 'Basic [credential]'
 */
export function redactCredentials(request: RequestTrace, auth: IntegrationAuth | undefined): RequestTrace {
  const secrets = auth?.secrets() ?? [];
  const hide = (text: string): string => secrets.reduce((t, s) => t.split(s).join('[credential]'), text);
  // Genesys: "the integration redacts any authorization information" — an Authorization header a
  // template builds (a Basic header of encoded fields, a token) is hidden whatever its source.
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([k, v]) => [k, AUTHORIZATION.test(k) ? hideAuthorization(v) : hide(v)]),
  );
  return {
    ...request,
    url: hide(request.url),
    headers,
    ...(request.body === undefined ? {} : { body: hide(request.body) }),
  };
}

const AUTHORIZATION = /^(proxy-)?authorization$/i;

/** `Basic abc…` → `Basic [credential]`; a value without a scheme is hidden whole. */
function hideAuthorization(value: string): string {
  const m = /^(\S+)\s+\S/.exec(value);
  return m ? `${m[1]} [credential]` : value === '' ? value : '[credential]';
}

/**
 * Whether an action calls another service than Genesys Cloud (a web-services action): its
 * integration says so, or its URL is absolute or built from `${credentials.*}`. Such an action
 * needs no Genesys permission and is the one web services credentials apply to.
 * @example
 * callsOtherService(loadAction(doc).definition) // true for 'https://crm.example.com/...'
 */
export function callsOtherService(def: ActionDefinition): boolean {
  const url = def.request.requestUrlTemplate.trim();
  return (
    def.integrationType === 'custom-rest-actions' ||
    /^https?:\/\//i.test(url) ||
    url.includes('${credentials.') ||
    url.startsWith('$!{credentials.')
  );
}
