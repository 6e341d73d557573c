/**
 * @module
 * External contacts state: the contacts of the org's external contact directory.
 */
import { declareStore } from '../../kernel.ts';

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

/** The external contacts store of one org. */
export interface ExternalContactsStore {
  contacts: Record<string, ExternalContactRecord>;
}

/** External contacts by id. */
export const externalContactsStore = declareStore<ExternalContactsStore>('externalContacts', () => ({ contacts: {} }));
