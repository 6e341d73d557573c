/**
 * @module
 * Integrations state: integrations (type `purecloud-data-actions` or `custom-rest-actions`), their
 * credentials (an OAuth client of this emulator) and the data actions bound to them.
 */
import { declareStore } from '../../provider-contract.ts';

/** An integration instance. */
export interface IntegrationRecord {
  id: string;
  name: string;
  integrationType: string;
  intendedState: 'ENABLED' | 'DISABLED';
  /** The credential holding the OAuth client the integration's actions run as. */
  credentialId?: string;
  /** The configuration's notes (`IntegrationConfiguration.notes`). */
  notes?: string;
  dateCreated: string;
}

/** A credential (`pureCloudOAuthClient`: fields `clientId`, `clientSecret`). */
export interface CredentialRecord {
  id: string;
  name: string;
  type: string;
  fields: Record<string, string>;
}

/** A data action as stored: the `Action` model with config and contract. */
export interface ActionRecord {
  id: string;
  name: string;
  category: string;
  integrationId: string;
  secure: boolean;
  version: number;
  config: Record<string, unknown>;
  contract: { input: { inputSchema: Record<string, unknown> }; output: { successSchema: Record<string, unknown> } };
}

/** The integrations store of one org. */
export interface IntegrationsState {
  integrations: Record<string, IntegrationRecord>;
  credentials: Record<string, CredentialRecord>;
  actions: Record<string, ActionRecord>;
  /** Drafts by action id: of a published action, or of an action that has only a draft yet. */
  drafts?: Record<string, ActionRecord>;
}

/** The declared store. */
export const integrationsStore = declareStore<IntegrationsState>('integrations', () => ({
  integrations: {},
  credentials: {},
  actions: {},
  drafts: {},
}));
