/**
 * @module
 * What running an integration's data actions needs, by integration type:
 * - Genesys Cloud Data Actions (`purecloud-data-actions`): the OAuth client of its
 *   `pureCloudOAuthClient` credential, whose roles decide what the actions may do;
 * - Web Services Data Actions (`custom-rest-actions`): its Basic Auth, User Defined or User Defined
 *   (OAuth) credential, and for User Defined (OAuth) its custom auth action, whose id is
 *   `customAuth_-_<integrationId>` (the id Genesys gives the action it creates for such an
 *   integration; it is edited through drafts and publishing like any action).
 * Requests of web services actions for hosts other than Genesys Cloud go to the emulator's
 * third-party fetch (a mocks file, passthrough hosts, or a refusal naming the host).
 */
import {
  compileAction,
  createIntegrationAuth,
  loadAuthAction,
  WEB_SERVICE_CREDENTIAL_TYPES,
} from '../../../actions/index.ts';
import type { CompiledAction, IntegrationAuth, WebServiceCredentialType } from '../../../actions/index.ts';
import { declareService } from '../../services-registry.ts';
import type { ActionRecord, CredentialRecord, IntegrationRecord, IntegrationsState } from './store.ts';

/** The integration type of Web Services Data Actions. */
export const WEB_SERVICES_INTEGRATION = 'custom-rest-actions';

/** The id Genesys gives the custom auth action of a User Defined (OAuth) web services integration. */
export function customAuthActionId(integrationId: string): string {
  return `customAuth_-_${integrationId}`;
}

/** How the actions of one integration run, or why they cannot. */
export type IntegrationRun =
  | { readonly kind: 'oauth-client'; readonly clientId: string; readonly clientSecret: string }
  | { readonly kind: 'web-services'; readonly credential: CredentialRecord; readonly authAction?: ActionRecord }
  | { readonly kind: 'refused'; readonly message: string };

const isWebServiceType = (t: string): t is WebServiceCredentialType =>
  (WEB_SERVICE_CREDENTIAL_TYPES as readonly string[]).includes(t);

/**
 * How the actions of `integration` run.
 * @example
 * const run = integrationRunOf(state, state.integrations[id]);
 */
export function integrationRunOf(state: IntegrationsState, integration: IntegrationRecord | undefined): IntegrationRun {
  if (!integration) return { kind: 'refused', message: 'its integration does not exist' };
  if (integration.intendedState !== 'ENABLED')
    return { kind: 'refused', message: `its integration ${integration.id} (${integration.name}) must be enabled` };
  const credential = integration.credentialId ? state.credentials[integration.credentialId] : undefined;
  if (integration.integrationType === WEB_SERVICES_INTEGRATION) {
    if (!credential || !isWebServiceType(credential.type)) {
      return {
        kind: 'refused',
        message: `its web services integration ${integration.id} (${integration.name}) must have a basicAuth, userDefined or userDefinedOAuth credential in its configuration`,
      };
    }
    if (credential.type !== 'userDefinedOAuth') return { kind: 'web-services', credential };
    const authAction = state.actions[customAuthActionId(integration.id)];
    if (!authAction) {
      return {
        kind: 'refused',
        message: `its integration ${integration.id} (${integration.name}) is User Defined (OAuth) and its custom auth action ${customAuthActionId(integration.id)} must be published`,
      };
    }
    return { kind: 'web-services', credential, authAction };
  }
  const { clientId, clientSecret } = credential?.fields ?? {};
  if (credential?.type !== 'pureCloudOAuthClient' || !clientId || !clientSecret) {
    return {
      kind: 'refused',
      message: `its integration ${integration.id} (${integration.name}) must have pureCloudOAuthClient credentials`,
    };
  }
  return { kind: 'oauth-client', clientId, clientSecret };
}

/**
 * The custom auth action Genesys creates when a web services integration is given a User Defined
 * (OAuth) credential: nothing to send yet (the admin fills in its request), and a success template
 * passing the response through, so every field of the auth response is `${authResponse.*}`.
 * [INFERRED] the name and the empty request of the action created.
 */
export function newCustomAuthAction(integration: IntegrationRecord): ActionRecord {
  return {
    id: customAuthActionId(integration.id),
    name: `${integration.name} Custom Auth`,
    category: integration.name,
    integrationId: integration.id,
    secure: false,
    version: 1,
    config: {
      request: { requestUrlTemplate: '', requestType: 'POST', headers: {}, requestTemplate: '${input.rawRequest}' },
      response: { translationMap: {}, translationMapDefaults: {}, successTemplate: '${rawResult}' },
    },
    contract: {
      input: { inputSchema: { type: 'object', properties: {} } },
      output: { successSchema: { type: 'object', properties: {} } },
    },
  };
}

/**
 * The credentials of each web services integration, kept per credential record and auth action
 * record: every change stores a new record, so a changed credential or republished auth action
 * starts a new auth response, while the actions of an unchanged integration share one.
 */
export const webServiceAuths = declareService('web-service-auths', () => {
  const byCredential = new WeakMap<CredentialRecord, { authAction?: ActionRecord; auth: IntegrationAuth }>();
  return {
    /** The run-time credentials of a `web-services` {@link IntegrationRun}. */
    authOf(run: Extract<IntegrationRun, { kind: 'web-services' }>): IntegrationAuth {
      const known = byCredential.get(run.credential);
      if (known && known.authAction === run.authAction) return known.auth;
      const authAction: CompiledAction | undefined = run.authAction
        ? compileAction(
            loadAuthAction({ ...run.authAction, integrationType: WEB_SERVICES_INTEGRATION }, run.authAction.name),
          )
        : undefined;
      const auth = createIntegrationAuth({
        type: run.credential.type as WebServiceCredentialType,
        fields: run.credential.fields,
        ...(authAction ? { authAction } : {}),
      });
      byCredential.set(run.credential, { ...(run.authAction ? { authAction: run.authAction } : {}), auth });
      return auth;
    },
  };
});
