/**
 * @module
 * Finding a contact by one of its identifiers, and merging two contacts — what messaging
 * blueprints call to tie an ephemeral contact to a curated one.
 *
 * | Method | Path | Permission | SDK |
 * |---|---|---|---|
 * | POST | `/api/v2/externalcontacts/identifierlookup`, `…/identifierlookup/contacts` | `externalContacts:contact:view` | ExternalContactsApi.postExternalcontactsIdentifierlookup(Contacts) |
 * | POST | `/api/v2/externalcontacts/merge/contacts` | `externalContacts:contact:edit` `[INFERRED]` | ExternalContactsApi.postExternalcontactsMergeContacts |
 *
 * Identifier types: `Phone` (compared by digits; Genesys asks for the country code and a leading
 * `+`), `Email` (any of the contact's emails, without case) and `ExternalId` (`externalIds[].value`
 * of the contact as created) `[INFERRED]`; another type is a 400 naming the ones known.
 * A merge makes a new contact: the target's fields, the source's where the target has none; the
 * two merged contacts are then gone (404). Two curated contacts are refused, as Genesys refuses
 * them; a contact is curated unless it was created with `type` `Ephemeral` or `Identified`.
 */
import { z } from 'zod';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import type { ExternalContactRecord } from './store.ts';
import { externalContactsStore } from './store.ts';

const PHONES = ['workPhone', 'cellPhone', 'homePhone', 'otherPhone'] as const;
const EMAILS = ['workEmail', 'personalEmail', 'otherEmail'] as const;
const TYPES = ['Phone', 'Email', 'ExternalId'] as const;

const Identifier = z.object({ type: z.string().min(1), value: z.string().min(1).max(1024) }).loose();
const Merge = z.object({ sourceContactId: z.string().min(1), targetContactId: z.string().min(1) }).loose();

const digits = (s: string): string => s.replace(/\D/g, '');

function matches(r: ExternalContactRecord, type: (typeof TYPES)[number], value: string): boolean {
  switch (type) {
    case 'Phone': {
      const want = digits(value);
      return want.length > 0 && PHONES.some((k) => r[k] !== undefined && digits(r[k].display) === want);
    }
    case 'Email':
      return EMAILS.some((k) => typeof r[k] === 'string' && r[k].toLowerCase() === value.trim().toLowerCase());
    case 'ExternalId': {
      const ids = (r as unknown as { externalIds?: unknown }).externalIds;
      return (
        Array.isArray(ids) &&
        ids.some((x) => typeof x === 'object' && x !== null && (x as { value?: unknown }).value === value)
      );
    }
  }
}

const isCurated = (r: ExternalContactRecord): boolean => {
  const type = (r as unknown as { type?: unknown }).type;
  return type !== 'Ephemeral' && type !== 'Identified';
};

/** Register identifier lookup and contact merge. */
export function registerLookupAndMerge(
  app: EmulatorApp,
  view: (r: ExternalContactRecord) => Record<string, unknown>,
): void {
  for (const path of [
    '/api/v2/externalcontacts/identifierlookup',
    '/api/v2/externalcontacts/identifierlookup/contacts',
  ]) {
    app.post(path, requirePermission('externalContacts:contact:view'), async (c) => {
      const parsed = Identifier.safeParse(await readJsonObject(c));
      if (!parsed.success)
        throw badRequest('An identifier lookup needs a "type" and a "value"', [
          { errorCode: 'invalid.value', fieldName: parsed.error.issues[0]?.path.join('.') ?? 'type' },
        ]);
      const type = TYPES.find((t) => t.toLowerCase() === parsed.data.type.toLowerCase());
      if (!type)
        throw badRequest(
          `Identifier type "${parsed.data.type}" is not one the emulator looks up (${TYPES.join(', ')})`,
          [{ errorCode: 'invalid.value', fieldName: 'type' }],
        );
      const found = Object.values(c.get('org').get(externalContactsStore).contacts).find((r) =>
        matches(r, type, parsed.data.value),
      );
      if (!found) throw notFound('externalContact', `${type}:${parsed.data.value}`);
      return c.json(view(found));
    });
  }

  app.post('/api/v2/externalcontacts/merge/contacts', requirePermission('externalContacts:contact:edit'), async (c) => {
    const parsed = Merge.safeParse(await readJsonObject(c));
    if (!parsed.success)
      throw badRequest('A merge needs "sourceContactId" and "targetContactId"', [
        { errorCode: 'invalid.value', fieldName: parsed.error.issues[0]?.path.join('.') ?? 'sourceContactId' },
      ]);
    const { sourceContactId, targetContactId } = parsed.data;
    if (sourceContactId === targetContactId)
      throw badRequest('A contact cannot be merged with itself', [
        { errorCode: 'invalid.value', fieldName: 'targetContactId' },
      ]);
    const org = c.get('org');
    const contacts = org.get(externalContactsStore).contacts;
    const source = contacts[sourceContactId];
    const target = contacts[targetContactId];
    if (!source) throw notFound('externalContact', sourceContactId);
    if (!target) throw notFound('externalContact', targetContactId);
    if (isCurated(source) && isCurated(target))
      throw new ApiError(400, 'bad.request', 'Two curated contacts cannot be merged');
    const services = c.get('services');
    const now = new Date(services.clock.now()).toISOString();
    const defined = (r: ExternalContactRecord): Record<string, unknown> =>
      Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined && v !== ''));
    const merged: ExternalContactRecord = {
      ...defined(source),
      ...defined(target),
      id: services.ids.uuid(),
      createDate: now,
      modifyDate: now,
    };
    (merged as unknown as { type: string }).type =
      isCurated(target) || isCurated(source) ? 'Curated' : (target as unknown as { type: string }).type;
    delete contacts[sourceContactId];
    delete contacts[targetContactId];
    contacts[merged.id] = merged;
    org.touch(externalContactsStore);
    return c.json({ ...view(merged), mergeSet: [{ id: sourceContactId }, { id: targetContactId }] });
  });
}
