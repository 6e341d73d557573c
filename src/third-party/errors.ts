/**
 * @module
 * The error codes of the `third-party` context: requests from data actions to hosts other than
 * Genesys Cloud, answered by a mock, passed through, or refused.
 */
import { defineErrorCodes } from '../core/index.ts';

/** Error codes of the `third-party` context. */
export const ThirdPartyErrors = defineErrorCodes('third-party', {
  SB_THIRD_PARTY_NOT_MOCKED: {
    summary: 'A data action called a host that is neither Genesys Cloud nor mocked nor passed through.',
    retry: 'never',
    hint: 'Add the mock entry the message shows to the mocks file (`--mocks <file>`), or send the host to the real service with `--passthrough <host>`.',
    status: 502,
  },
  SB_THIRD_PARTY_MOCKS_INVALID: {
    summary:
      'A mocks file (or a `--passthrough` host pattern, or a `lambda` handler module) breaks a rule of its format.',
    retry: 'never',
    hint: 'Fix the field named by JSON pointer; each mock needs an absolute `url` pattern and one of `response`, `responses` or `lambda` (a handler module that loads and exports the function named).',
    status: 400,
  },
});
