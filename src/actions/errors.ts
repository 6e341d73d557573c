/**
 * @module
 * The error codes of the data-action engine. Every execution failure carries one of these codes
 * beside the Genesys `ErrorBody` that `/execute` returns.
 */
import { defineErrorCodes } from '../core/index.ts';

/** Error codes of the `actions` context. */
export const ActionErrors = defineErrorCodes('actions', {
  SB_ACTION_INVALID: {
    summary: 'A data-action definition breaks a structural rule (missing request, bad contract, unknown format).',
    retry: 'never',
    hint: 'Fix the field named in the message; the file must be a .custom.json export, an /api/v2/integrations/actions body or Terraform genesyscloud_integration_action attributes.',
    status: 400,
  },
  SB_ACTION_TEMPLATE: {
    summary:
      'A Velocity template (requestUrlTemplate, a header, requestTemplate or successTemplate) cannot be parsed or rendered.',
    retry: 'never',
    hint: 'Fix the template at the line and column given; escape literal `$` and `#` with `\\`.',
    status: 400,
  },
  SB_ACTION_JSONPATH: {
    summary: 'A translationMap JSONPath expression is not valid.',
    retry: 'never',
    hint: "Fix the path at the position given; Genesys uses Jayway JSONPath (e.g. `$.participants[?(@.purpose=='acd')].id`).",
    status: 400,
  },
  SB_ACTION_INPUT_INVALID: {
    summary: "The input does not match the action's input contract.",
    retry: 'never',
    hint: 'Supply the fields the input schema requires, with the declared types.',
    status: 400,
  },
  SB_ACTION_REMOTE_ERROR: {
    summary: "The action's HTTP request returned a non-2xx status.",
    retry: 'never',
    hint: "Read the response body in the trace: check the URL, the permissions of the integration's OAuth client and the request body.",
    status: 400,
  },
  SB_ACTION_TRANSPORT: {
    summary: "The action's HTTP request could not be sent or its response could not be read.",
    retry: 'backoff',
    hint: 'Check that the target (emulator or org) is reachable.',
    status: 502,
  },
  SB_ACTION_RESPONSE_INVALID: {
    summary: 'The response is not usable: not JSON, larger than the limit or nested deeper than 50 levels.',
    retry: 'never',
    hint: 'The endpoint must answer JSON within the size and depth limits (platform spec §3.3).',
    status: 400,
  },
  SB_ACTION_OUTPUT_INVALID: {
    summary: 'The rendered success template is not valid JSON or does not match the success schema.',
    retry: 'never',
    hint: 'Check the translationMap values and defaults (they are inserted as JSON text: strings arrive quoted) and the successSchema.',
    status: 400,
  },
  SB_ACTION_CREDENTIALS_MISSING: {
    summary:
      "A data action's templates use ${credentials.*} or ${authResponse.*}, and it runs without its integration's credentials (or, for ${authResponse.*}, without a custom auth action), so they would be sent as literal text.",
    retry: 'never',
    hint: 'Give the integration its credentials: a bundle manifest `credentials` (+ `authAction` for User Defined (OAuth)), a Terraform genesyscloud_integration_credential (+ genesyscloud_integration_custom_auth_action), or `--credential name=value` / `--auth-action <file>` for one action.',
    status: 400,
  },
  SB_ACTION_AUTH_FAILED: {
    summary:
      'The custom auth action of a User Defined (OAuth) integration failed, so the action could not be authenticated.',
    retry: 'never',
    hint: 'Run the custom auth action alone (`switchboard action test <auth action> --credential name=value …`) and fix its request or the credential fields.',
    status: 401,
  },
  SB_ACTION_TIMEOUT: {
    summary: 'The action did not complete within its timeout (1-60 seconds).',
    retry: 'backoff',
    hint: 'Raise config.timeoutSeconds (at most 60) or make the endpoint answer faster.',
    status: 504,
  },
});
