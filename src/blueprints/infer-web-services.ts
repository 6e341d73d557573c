/**
 * @module
 * The web services integration of a folder no setup describes: its data actions that call another
 * service than Genesys Cloud go to an integration of their own (their credentials are not a
 * Genesys OAuth client's), which takes the folder's exported custom auth action
 * (`*.customAuth.json`) and the credential fields given on the command line (`--credential`).
 */
import { callsOtherService } from '../actions/index.ts';
import type { CompiledAction } from '../actions/index.ts';
import type { LoadedIntegration } from './load-bundle.ts';
import { credentialValues } from './manifest.ts';
import type { IntegrationCredentialSpec } from './manifest.ts';

/** The name of a folder's own web services integration. */
export const webServicesIntegrationName = (folder: string): string => `${folder} web services`;

/** Whether a data action without a named integration belongs to the folder's web services integration. */
export const isWebServicesAction = (compiled: CompiledAction | undefined): boolean =>
  compiled !== undefined && callsOtherService(compiled.definition);

/**
 * The folder's web services integration with its auth: a User Defined (OAuth) credential when the
 * folder exports one custom auth action, else User Defined, with the fields given; what is
 * missing is said in `left` (its actions then fail with SB_ACTION_CREDENTIALS_MISSING).
 * @example
 * const web = withWebServicesAuth(integration, authActions, { clientId: 'abc' }, left);
 */
export function withWebServicesAuth(
  integration: LoadedIntegration,
  authActions: ReadonlyArray<{ readonly file: string; readonly compiled: CompiledAction }>,
  fields: Readonly<Record<string, string>> | undefined,
  left: string[],
): LoadedIntegration {
  if (authActions.length > 1)
    left.push(
      `integration "${integration.name}": ${authActions.length} custom auth actions (${authActions.map((a) => a.file).join(', ')}); a folder without switchboard.json takes one — name it in a manifest's "authAction"`,
    );
  const authAction = authActions.length === 1 ? authActions[0]! : undefined;
  const given = fields && Object.keys(fields).length > 0 ? fields : undefined;
  if (!given) {
    if (authAction)
      left.push(
        `integration "${integration.name}": its custom auth action ${authAction.file} needs the credential fields (\${credentials.*}) the org holds; give them with --credential name=value`,
      );
    return integration;
  }
  return {
    ...integration,
    credentials: { type: authAction ? 'userDefinedOAuth' : 'userDefined', fields: given },
    ...(authAction ? { authAction: authAction.compiled } : {}),
  };
}

/**
 * A setup's web services credential with its field values; a field read from an unset environment
 * variable is left out, and said in `left`.
 * @example
 * credentialsOf('CRM', { type: 'userDefined', fields: { apiKey: { env: 'CRM_KEY' } } }, left);
 */
export function credentialsOf(
  integration: string,
  spec: IntegrationCredentialSpec,
  left: string[],
): NonNullable<LoadedIntegration['credentials']> {
  const { type, fields, unset } = credentialValues(spec, process.env);
  for (const { field, variable } of unset)
    left.push(
      `credential field "${field}" of integration "${integration}": environment variable ${variable} is not set`,
    );
  return { type, fields };
}
