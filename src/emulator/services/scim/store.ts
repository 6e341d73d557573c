/**
 * @module
 * What SCIM keeps of a user beyond the directory's record (`users/store.ts`): the attributes the
 * Users API does not show, set through SCIM and shown by SCIM only.
 */
import { declareStore } from '../../provider-contract.ts';

/** A SCIM email or phone number (`ScimEmail`, `ScimPhoneNumber`). */
export interface ScimContact {
  value: string;
  type?: string;
  primary?: boolean;
}

/** The SCIM-only attributes of one user. */
export interface ScimExtras {
  externalId?: string;
  /** Emails besides the work email, which is the user's `email`. */
  otherEmails?: ScimContact[];
  phoneNumbers?: ScimContact[];
  /** The manager's user id (enterprise `manager.value`). */
  manager?: string;
  employeeNumber?: string;
  /** `yyyy-MM-dd`. */
  dateHire?: string;
  /** Genesys extension `externalIds`. */
  externalIds?: { authority: string; value: string }[];
}

/** SCIM-only attributes by user id. */
export const scimStore = declareStore<{ users: Record<string, ScimExtras> }>('scim', () => ({ users: {} }));
