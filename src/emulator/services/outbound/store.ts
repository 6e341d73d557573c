/**
 * @module
 * Outbound state of one org: contact lists with their contacts, and DNC lists with their phone
 * numbers and email addresses.
 */
import { declareStore } from '../../provider-contract.ts';

/** A typed column of a contact list (`ContactPhoneNumberColumn`, `EmailColumn`, `WhatsAppColumn`). */
export interface TypedColumn {
  columnName: string;
  type: string;
  /** The column holding the contact's time zone for callable / contactable times. */
  timeColumn?: string;
}

/** A contact list: its columns and what they mean. */
export interface ContactListRecord {
  id: string;
  name: string;
  divisionId: string;
  version: number;
  dateCreated: string;
  dateModified: string;
  columnNames: string[];
  phoneColumns: TypedColumn[];
  emailColumns: TypedColumn[];
  whatsAppColumns: TypedColumn[];
  previewModeColumnName?: string;
  previewModeAcceptedValues?: string[];
  attemptLimitsId?: string;
  automaticTimeZoneMapping: boolean;
  zipCodeColumnName?: string;
  trimWhitespace: boolean;
}

/** A contact of a contact list. */
export interface ContactRecord {
  id: string;
  contactListId: string;
  /** Column → value, in the order they were written. */
  data: Record<string, string>;
  callable: boolean;
  /** Phone column → whether that number may be called (absent: callable). */
  phoneNumberStatus: Record<string, { callable: boolean }>;
  /** Media type (Voice, SMS, Email, WhatsApp) → contactable, as the caller set it. */
  contactableStatus?: Record<
    string,
    { contactable?: boolean; columnStatus?: Record<string, { contactable?: boolean }> }
  >;
  /** Set by `priority=true` on add: dial next. */
  priority?: boolean;
  dateCreated: string;
}

/** The kinds of DNC list the emulator models (`dncSourceType`). */
export const DNC_SOURCE_TYPES = ['rds'] as const;

/** `DncList.contactMethod` values (the SDK's enum). */
export const CONTACT_METHODS = ['Phone', 'Email', 'Any'] as const;

/** An entry of a DNC list: when it expires (absent: never). */
export interface DncEntry {
  expires?: string;
}

/** A DNC (do-not-contact) list and its entries. */
export interface DncListRecord {
  id: string;
  name: string;
  divisionId: string;
  version: number;
  dateCreated: string;
  dateModified: string;
  dncSourceType: (typeof DNC_SOURCE_TYPES)[number];
  contactMethod: (typeof CONTACT_METHODS)[number];
  /** Normalized phone number → entry. */
  phoneNumbers: Record<string, DncEntry>;
  /** Lower-cased email address → entry. */
  emailAddresses: Record<string, DncEntry>;
}

/** The Outbound store of one org. */
export interface OutboundStore {
  contactLists: Record<string, ContactListRecord>;
  /** Contacts by list id, then by contact id. */
  contacts: Record<string, Record<string, ContactRecord>>;
  dncLists: Record<string, DncListRecord>;
}

/** Contact lists, their contacts and DNC lists by id. */
export const outboundStore = declareStore<OutboundStore>('outbound', () => ({
  contactLists: {},
  contacts: {},
  dncLists: {},
}));
