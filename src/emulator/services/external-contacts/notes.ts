/**
 * @module
 * Notes on an external contact — what an automation writes after a call ("customer asked for a
 * refund") and an agent script reads back.
 *
 * | Method | Path | Permission `[INFERRED]` | SDK |
 * |---|---|---|---|
 * | GET | `/api/v2/externalcontacts/contacts/{contactId}/notes?pageSize=&pageNumber=&sortOrder=` | `externalContacts:contact:view` | ExternalContactsApi.getExternalcontactsContactNotes |
 * | POST | `/api/v2/externalcontacts/contacts/{contactId}/notes` | `externalContacts:contact:edit` | ExternalContactsApi.postExternalcontactsContactNotes |
 * | GET | `/api/v2/externalcontacts/contacts/{contactId}/notes/{noteId}` | `externalContacts:contact:view` | ExternalContactsApi.getExternalcontactsContactNote |
 * | PUT | `/api/v2/externalcontacts/contacts/{contactId}/notes/{noteId}` | `externalContacts:contact:edit` | ExternalContactsApi.putExternalcontactsContactNote |
 * | DELETE | `/api/v2/externalcontacts/contacts/{contactId}/notes/{noteId}` | `externalContacts:contact:edit` | ExternalContactsApi.deleteExternalcontactsContactNote |
 *
 * A note needs a non-empty `noteText` (400 naming it). An unknown contact, or a note of another
 * contact, is 404. `createdBy` is the calling user (its `id`, `name`, `version`); a client
 * credentials caller stands as a user whose id is the client's `[INFERRED]`. Notes list newest
 * first unless `sortOrder` ends in `asc` `[INFERRED]`; `entityType` is `Contact` `[INFERRED]`.
 */
import { z } from 'zod';
import { notFound } from '../../errors.ts';
import { pageParams, paged, readJsonBody } from '../../http.ts';
import type { EmulatorApp, OrgState } from '../../provider-contract.ts';
import { declareStore } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { usersStore } from '../users/store.ts';
import { externalContactsStore } from './store.ts';

interface NoteRecord {
  id: string;
  entityId: string;
  entityType: 'Contact';
  noteText: string;
  createDate: string;
  modifyDate: string;
  createdBy: { id: string; name?: string; version: number; selfUri: string };
}

/** Notes on external contacts by note id (each names its contact in `entityId`). */
export const externalContactNotesStore = declareStore<{ notes: Record<string, NoteRecord> }>(
  'externalContactNotes',
  () => ({ notes: {} }),
);

const NoteBody = z.object({ noteText: z.string().trim().min(1, 'a note needs text') }).loose();

const base = (contactId: string): string => `/api/v2/externalcontacts/contacts/${contactId}/notes`;
const view = (n: NoteRecord): Record<string, unknown> => ({ ...n, selfUri: `${base(n.entityId)}/${n.id}` });

/** The path's contact, or 404. */
function contactOf(org: OrgState, contactId: string): string {
  if (!org.get(externalContactsStore).contacts[contactId]) throw notFound('externalContact', contactId);
  return contactId;
}

/** The path's note of the path's contact, or 404. */
function noteOf(org: OrgState, contactId: string, noteId: string): NoteRecord {
  contactOf(org, contactId);
  const note = org.get(externalContactNotesStore).notes[noteId];
  if (!note || note.entityId !== contactId) throw notFound('note', noteId);
  return note;
}

/** Register the notes of a contact. */
export function registerContactNotes(app: EmulatorApp): void {
  const NOTES = '/api/v2/externalcontacts/contacts/:contactId/notes';
  app.get(NOTES, requirePermission('externalContacts:contact:view'), (c) => {
    const org = c.get('org');
    const contactId = contactOf(org, c.req.param('contactId'));
    const page = pageParams(c, { maxSize: 100 });
    const asc = (c.req.query('sortOrder') ?? '').toLowerCase().endsWith('asc');
    const all = Object.values(org.get(externalContactNotesStore).notes)
      .filter((n) => n.entityId === contactId)
      .sort((a, b) => (a.createDate.localeCompare(b.createDate) || a.id.localeCompare(b.id)) * (asc ? 1 : -1))
      .map(view);
    return c.json(paged(all, page, base(contactId)));
  });

  app.post(NOTES, requirePermission('externalContacts:contact:edit'), async (c) => {
    const org = c.get('org');
    const contactId = contactOf(org, c.req.param('contactId'));
    const body = await readJsonBody(c, NoteBody, 'note');
    const services = c.get('services');
    const principal = c.get('principal');
    const authorId = principal.userId ?? principal.clientId;
    const user = principal.userId ? org.get(usersStore).users[principal.userId] : undefined;
    const now = new Date(services.clock.now()).toISOString();
    const note: NoteRecord = {
      id: services.ids.uuid(),
      entityId: contactId,
      entityType: 'Contact',
      noteText: body.noteText,
      createDate: now,
      modifyDate: now,
      createdBy: {
        id: authorId,
        ...(user ? { name: user.name } : {}),
        version: user?.version ?? 1,
        selfUri: `/api/v2/users/${authorId}`,
      },
    };
    org.get(externalContactNotesStore).notes[note.id] = note;
    org.touch(externalContactNotesStore);
    return c.json(view(note));
  });

  app.get(`${NOTES}/:noteId`, requirePermission('externalContacts:contact:view'), (c) =>
    c.json(view(noteOf(c.get('org'), c.req.param('contactId'), c.req.param('noteId')))),
  );

  app.put(`${NOTES}/:noteId`, requirePermission('externalContacts:contact:edit'), async (c) => {
    const org = c.get('org');
    const note = noteOf(org, c.req.param('contactId'), c.req.param('noteId'));
    const body = await readJsonBody(c, NoteBody, 'note');
    note.noteText = body.noteText;
    note.modifyDate = new Date(c.get('services').clock.now()).toISOString();
    org.touch(externalContactNotesStore);
    return c.json(view(note));
  });

  app.delete(`${NOTES}/:noteId`, requirePermission('externalContacts:contact:edit'), (c) => {
    const org = c.get('org');
    const note = noteOf(org, c.req.param('contactId'), c.req.param('noteId'));
    delete org.get(externalContactNotesStore).notes[note.id];
    org.touch(externalContactNotesStore);
    return c.json({});
  });
}
