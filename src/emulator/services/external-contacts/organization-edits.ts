/**
 * @module
 * Searching, changing and removing external organizations.
 *
 * | Method | Path | Permission | SDK |
 * |---|---|---|---|
 * | GET | `/api/v2/externalcontacts/organizations?q=&sortOrder=&pageSize=&pageNumber=` | `externalContacts:externalOrganization:view` | ExternalContactsApi.getExternalcontactsOrganizations |
 * | PUT | `/api/v2/externalcontacts/organizations/{externalOrganizationId}` | `externalContacts:externalOrganization:edit` | ExternalContactsApi.putExternalcontactsOrganization |
 * | DELETE | `/api/v2/externalcontacts/organizations/{externalOrganizationId}` | `externalContacts:externalOrganization:delete` | ExternalContactsApi.deleteExternalcontactsOrganization |
 *
 * `q` matches, without case, when every word is in the name, company type or industry
 * [INFERRED]. `sortOrder` is `field:direction` with a field of `companyType`, `industry`, `name`
 * (the SDK's list) and `asc` or `desc`. A PUT replaces the organization (`id` and `createDate`
 * stay). Deleting one takes its reference off the contacts that had it [INFERRED].
 */
import { z } from 'zod';
import { badRequest, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonObject } from '../../http.ts';
import type { EmulatorApp } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import type { ExternalOrganizationRecord } from './store.ts';
import { externalContactsStore } from './store.ts';

const OrganizationBody = z
  .object({ name: z.string().trim().min(1), companyType: z.string().optional(), industry: z.string().optional() })
  .loose();

const SORT_FIELDS = ['companyType', 'industry', 'name'] as const;

const view = (r: ExternalOrganizationRecord): Record<string, unknown> => ({
  ...r,
  selfUri: `/api/v2/externalcontacts/organizations/${r.id}`,
});

/** The sort of `sortOrder` (default `name:asc`); 400 naming `sortOrder` for another field or direction. */
function sorter(raw: string | undefined): (a: ExternalOrganizationRecord, b: ExternalOrganizationRecord) => number {
  const [field = 'name', dir = 'asc'] = (raw?.trim() || 'name:asc').split(':');
  const key = SORT_FIELDS.find((f) => f.toLowerCase() === field.toLowerCase());
  if (!key || !['asc', 'desc'].includes(dir.toLowerCase()))
    throw badRequest(`sortOrder "${raw}" must be one of ${SORT_FIELDS.join(', ')} with :asc or :desc`, [
      { errorCode: 'invalid.value', fieldName: 'sortOrder' },
    ]);
  const sign = dir.toLowerCase() === 'desc' ? -1 : 1;
  return (a, b) => ((a[key] ?? '').localeCompare(b[key] ?? '') || a.id.localeCompare(b.id)) * sign;
}

/** Register the organization search, PUT and DELETE (create and read one are in the provider). */
export function registerOrganizationEdits(app: EmulatorApp): void {
  app.get(
    '/api/v2/externalcontacts/organizations',
    requirePermission('externalContacts:externalOrganization:view'),
    (c) => {
      const q = c.req.query('q')?.trim().toLowerCase() ?? '';
      if (q.length > 1_000)
        throw badRequest('q is longer than 1,000 characters', [{ errorCode: 'invalid.value', fieldName: 'q' }]);
      const words = q.split(/\s+/).filter((w) => w !== '');
      const page = pageParams(c, { maxSize: 100 });
      const all = Object.values(c.get('org').get(externalContactsStore).organizations)
        .filter((r) => {
          const text = [r.name, r.companyType, r.industry].filter(Boolean).join(' ').toLowerCase();
          return words.every((w) => text.includes(w));
        })
        .sort(sorter(c.req.query('sortOrder')))
        .map(view);
      return c.json(paged(all, page, '/api/v2/externalcontacts/organizations'));
    },
  );

  app.put(
    '/api/v2/externalcontacts/organizations/:externalOrganizationId',
    requirePermission('externalContacts:externalOrganization:edit'),
    async (c) => {
      const id = c.req.param('externalOrganizationId');
      const org = c.get('org');
      const store = org.get(externalContactsStore);
      const current = store.organizations[id];
      if (!current) throw notFound('externalOrganization', id);
      const raw = await readJsonObject(c);
      if (raw.id !== undefined && raw.id !== id)
        throw badRequest(`The body's id "${String(raw.id)}" is not the path's externalOrganizationId "${id}"`, [
          { errorCode: 'invalid.value', fieldName: 'id' },
        ]);
      const parsed = OrganizationBody.safeParse(raw);
      if (!parsed.success)
        throw badRequest(
          `The external organization is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          parsed.error.issues.map((i) => ({ errorCode: 'invalid.value', fieldName: i.path.join('.') })),
        );
      const rest = Object.fromEntries(
        Object.entries(parsed.data).filter(([k]) => !['id', 'createDate', 'modifyDate', 'selfUri'].includes(k)),
      );
      const record: ExternalOrganizationRecord = {
        ...(rest as Omit<ExternalOrganizationRecord, 'id' | 'createDate' | 'modifyDate'>),
        id,
        createDate: current.createDate,
        modifyDate: new Date(c.get('services').clock.now()).toISOString(),
      };
      store.organizations[id] = record;
      org.touch(externalContactsStore);
      return c.json(view(record));
    },
  );

  app.delete(
    '/api/v2/externalcontacts/organizations/:externalOrganizationId',
    requirePermission('externalContacts:externalOrganization:delete'),
    (c) => {
      const id = c.req.param('externalOrganizationId');
      const org = c.get('org');
      const store = org.get(externalContactsStore);
      if (!store.organizations[id]) throw notFound('externalOrganization', id);
      delete store.organizations[id];
      for (const contact of Object.values(store.contacts))
        if (contact.externalOrganization?.id === id) delete contact.externalOrganization;
      org.touch(externalContactsStore);
      return c.json({});
    },
  );
}
