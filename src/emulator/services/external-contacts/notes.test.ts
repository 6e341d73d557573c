import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../index.ts';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture } from '../conversations/api.test-support.ts';
import { externalContactNotesStore } from './notes.ts';

const EC = '/api/v2/externalcontacts';

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

describe('notes on an external contact', () => {
  it('adds, reads, lists newest first, changes and deletes a note; createdBy is the calling user', async () => {
    api = startApi();
    const cy = (await api.call('POST', `${EC}/contacts`, { firstName: 'Cy' })).json;
    const notes = `${EC}/contacts/${cy.id}/notes`;
    const alice = api.emu.issueUserToken(DEMO.users.alice);
    const first = await api.call('POST', notes, { noteText: 'Asked for a refund' }, alice);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      entityId: cy.id,
      entityType: 'Contact',
      noteText: 'Asked for a refund',
      createdBy: { id: DEMO.users.alice, version: expect.any(Number) },
      selfUri: `${notes}/${first.json.id}`,
    });
    await api.clock.advance(1_000);
    const second = (await api.call('POST', notes, { noteText: 'Refund issued' })).json;
    const list = await api.call('GET', `${notes}?pageSize=1`);
    expect(list.json).toMatchObject({ total: 2, pageSize: 1, pageCount: 2, entities: [{ id: second.id }] });
    expect((await api.call('GET', `${notes}?sortOrder=createDate:asc`)).json.entities[0].id).toBe(first.json.id);
    const put = await api.call('PUT', `${notes}/${first.json.id}`, { noteText: 'Asked for a full refund' });
    expect(put.json).toMatchObject({ id: first.json.id, noteText: 'Asked for a full refund' });
    expect((await api.call('GET', `${notes}/${first.json.id}`)).json).toEqual(put.json);
    expect((await api.call('DELETE', `${notes}/${first.json.id}`)).status).toBe(200);
    expect((await api.call('GET', `${notes}/${first.json.id}`)).status).toBe(404);
  });

  it('400 names noteText; 404 for an unknown contact or a note of another contact; 403 without edit', async () => {
    api = startApi();
    const cy = (await api.call('POST', `${EC}/contacts`, { firstName: 'Cy' })).json;
    const bo = (await api.call('POST', `${EC}/contacts`, { firstName: 'Bo' })).json;
    const empty = await api.call('POST', `${EC}/contacts/${cy.id}/notes`, { noteText: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'noteText' }]);
    expect((await api.call('POST', `${EC}/contacts/nope/notes`, { noteText: 'x' })).status).toBe(404);
    const note = (await api.call('POST', `${EC}/contacts/${cy.id}/notes`, { noteText: 'x' })).json;
    expect((await api.call('GET', `${EC}/contacts/${bo.id}/notes/${note.id}`)).status).toBe(404);
    const viewer = await clientToken(api.emu, ['externalContacts:contact:view']);
    expect((await api.call('GET', `${EC}/contacts/${cy.id}/notes`, undefined, viewer)).status).toBe(200);
    const denied = await api.call('POST', `${EC}/contacts/${cy.id}/notes`, { noteText: 'y' }, viewer);
    expect(denied.status).toBe(403);
    expect(denied.json.code).toBe('missing.permissions');
  });

  it('deleting the contact deletes its notes', async () => {
    api = startApi();
    const cy = (await api.call('POST', `${EC}/contacts`, { firstName: 'Cy' })).json;
    await api.call('POST', `${EC}/contacts/${cy.id}/notes`, { noteText: 'x' });
    await api.call('DELETE', `${EC}/contacts/${cy.id}`);
    expect((await api.call('GET', `${EC}/contacts/${cy.id}/notes`)).status).toBe(404);
    expect(Object.keys(api.emu.services.org(api.emu.orgId).get(externalContactNotesStore).notes)).toEqual([]);
  });
});
