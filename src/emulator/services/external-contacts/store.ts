/**
 * @module
 * External contacts state: the contacts and organizations of the org's external contact directory.
 */
import { declareStore } from '../../provider-contract.ts';

/** An external contact, as the API returns it (the fields Architect's Get External Contact reads). */
export interface ExternalContactRecord {
  id: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  title?: string;
  workEmail?: string;
  personalEmail?: string;
  otherEmail?: string;
  workPhone?: { display: string };
  cellPhone?: { display: string };
  homePhone?: { display: string };
  otherPhone?: { display: string };
  externalOrganization?: { id: string };
  createDate: string;
  modifyDate: string;
}

/** An external organization, as the API returns it (the fields Architect reads). */
export interface ExternalOrganizationRecord {
  id: string;
  name: string;
  companyType?: string;
  industry?: string;
  createDate: string;
  modifyDate: string;
}

/** The external contacts store of one org. */
export interface ExternalContactsStore {
  contacts: Record<string, ExternalContactRecord>;
  organizations: Record<string, ExternalOrganizationRecord>;
}

/** External contacts and organizations by id. */
export const externalContactsStore = declareStore<ExternalContactsStore>('externalContacts', () => ({
  contacts: {},
  organizations: {},
}));
