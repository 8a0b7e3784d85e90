import { describe, expect, it } from 'vitest';
import {
  addNote,
  ContactPatchSchema,
  ConversationPatchSchema,
  createTag,
  createTemplate,
  deleteContact,
  deleteNote,
  deleteTag,
  deleteTemplate,
  markTemplateUsed,
  readSettings,
  recordConversation,
  SettingsPatchSchema,
  TemplatePatchSchema,
  updateContact,
  updateConversation,
  updateNote,
  updateSettings,
  updateTag,
  updateTemplate,
} from '@/utils/db/operations';
import {
  allTags,
  conversationsByStatus,
  conversationsOnPlatform,
  conversationView,
  countOpenByPlatform,
  mostOverdue,
  notesOf,
  templatesByUsage,
  templatesInFolder,
} from '@/utils/db/queries';
import { DEFAULT_SETTINGS } from '@/utils/db/schema';
import { answeredError } from '../answered';
import { freshDatabase, threadSnapshot } from './helpers';

const rejectsWith = async (promise: Promise<unknown>, code: string, message: RegExp) => {
  expect(await answeredError(promise)).toMatchObject({ code, message: expect.stringMatching(message) });
};

describe('contacts and conversations from page reports', () => {
  it('records a thread once, with its contact, and follows a renamed participant', async () => {
    const db = freshDatabase();
    const first = await recordConversation(db, threadSnapshot());
    const again = await recordConversation(
      db,
      threadSnapshot({ participant: { name: 'Anna B.', handle: 'anna.berger' } }),
    );
    expect(again).toBe(first);
    expect(await db.contacts.count()).toBe(1);
    const view = await conversationView(db, 'instagram', '111');
    expect(view?.contact).toMatchObject({ displayName: 'Anna B.', platformId: 'anna.berger', platform: 'instagram' });
    expect(view?.conversation).toMatchObject({ status: 'open', tags: [], threadId: '111' });
  });

  it('records nothing for inboxes or pages whose participant is unknown', async () => {
    const db = freshDatabase();
    expect(await recordConversation(db, threadSnapshot({ state: 'no-conversation', threadId: null }))).toBeUndefined();
    expect(await recordConversation(db, threadSnapshot({ participant: null }))).toBeUndefined();
    expect(await db.conversations.count()).toBe(0);
  });

  it('links identities across platforms through personId', async () => {
    const db = freshDatabase();
    await recordConversation(db, threadSnapshot());
    await recordConversation(
      db,
      threadSnapshot({ platform: 'linkedin', threadId: '2-abc=', participant: { name: 'Anna Berger' } }),
    );
    const [instagram, linkedin] = await db.contacts.orderBy('platform').toArray();
    if (!instagram || !linkedin) throw new Error('two contacts expected');
    await updateContact(db, instagram.id, { personId: 'person-anna', customFields: { company: 'Köln GmbH' } });
    await updateContact(db, linkedin.id, { personId: 'person-anna' });
    const view = await conversationView(db, 'linkedin', '2-abc=');
    expect(view?.identities.map((c) => c.platform)).toEqual(['instagram']);
    expect(view?.identities[0]?.customFields).toEqual({ company: 'Köln GmbH' });
  });

  it('never stores custom field names that would reach Object.prototype', async () => {
    const db = freshDatabase();
    await recordConversation(db, threadSnapshot());
    const id = (await db.contacts.toCollection().first())?.id ?? '';
    await expect(updateContact(db, id, { customFields: { constructor: 'x' } })).rejects.toThrow(/reserved key/);
    // zod drops an own "__proto__" key (as JSON.parse makes it) instead of copying it.
    const saved = await updateContact(db, id, {
      customFields: JSON.parse('{"__proto__": {"polluted": 1}, "vip": "yes"}'),
    });
    expect(Object.keys(saved.customFields)).toEqual(['vip']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys((await db.contacts.get(id))?.customFields ?? {})).toEqual(['vip']);
  });

  it('updates status, assignee and tags, and lists by status, platform and deadline', async () => {
    const db = freshDatabase();
    const id = (await recordConversation(db, threadSnapshot())) ?? '';
    await recordConversation(db, threadSnapshot({ platform: 'x', threadId: '1-2', participant: { name: 'Bo' } }));
    const vip = await createTag(db, { name: 'VIP' });
    await updateConversation(db, id, { status: 'waiting', assignee: 'Tom', tags: [vip.id] });
    await db.conversations.update(id, { nextDeadline: 5_000 });

    expect((await conversationsByStatus(db, 'waiting')).map((c) => c.id)).toEqual([id]);
    expect(await conversationsOnPlatform(db, 'x')).toHaveLength(1);
    expect((await mostOverdue(db)).map((c) => c.id)).toEqual([id]);
    expect(await countOpenByPlatform(db)).toEqual({ instagram: 1, x: 1, facebook: 0, linkedin: 0 });
    await rejectsWith(updateConversation(db, id, { tags: ['nope'] }), 'not-found', /Unknown tag id nope/);
  });

  it('orders the overdue list by deadline across open and waiting, leaving done ones out', async () => {
    const db = freshDatabase();
    const ids: string[] = [];
    for (const [i, status] of (['open', 'waiting', 'done', 'waiting'] as const).entries()) {
      const id = (await recordConversation(db, threadSnapshot({ threadId: `t${i}` }))) ?? '';
      await db.conversations.update(id, { status, nextDeadline: [300, 100, 50, 200][i] });
      ids.push(id);
    }
    expect((await mostOverdue(db, 2)).map((c) => c.id)).toEqual([ids[1], ids[3]]);
  });

  it('"forget this person" removes the contact, its conversations, notes and response times', async () => {
    const db = freshDatabase();
    const conversationId = (await recordConversation(db, threadSnapshot())) ?? '';
    const other =
      (await recordConversation(db, threadSnapshot({ threadId: '222', participant: { name: 'Bo' } }))) ?? '';
    const contactId = (await db.conversations.get(conversationId))?.contactId ?? '';
    await addNote(db, { contactId, text: 'Prefers German' });
    await db.responseEvents.bulkAdd([
      { id: 'r1', conversationId, inboundAt: 1, answeredAt: 2 },
      { id: 'r2', conversationId: other, inboundAt: 1 },
    ]);
    await deleteContact(db, contactId);
    expect(await db.contacts.get(contactId)).toBeUndefined();
    expect(await db.conversations.get(conversationId)).toBeUndefined();
    expect(await db.notes.where('contactId').equals(contactId).count()).toBe(0);
    expect((await db.responseEvents.toArray()).map((e) => e.id)).toEqual(['r2']);
  });
});

describe('tags', () => {
  it('are unique regardless of case, get a colour, rename, and leave conversations when deleted', async () => {
    const db = freshDatabase();
    const vip = await createTag(db, { name: ' VIP ' });
    expect(vip).toMatchObject({ name: 'VIP', nameKey: 'vip', color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    await rejectsWith(createTag(db, { name: 'vip' }), 'invalid', /A tag named "vip" already exists/);
    const lead = await createTag(db, { name: 'Lead', color: '#123456' });
    await rejectsWith(updateTag(db, lead.id, { name: 'Vip' }), 'invalid', /already exists/);
    expect(await updateTag(db, lead.id, { name: 'Hot lead' })).toMatchObject({ nameKey: 'hot lead' });
    expect((await allTags(db)).map((t) => t.name)).toEqual(['Hot lead', 'VIP']);

    const id = (await recordConversation(db, threadSnapshot())) ?? '';
    await updateConversation(db, id, { tags: [vip.id, lead.id] });
    await deleteTag(db, vip.id);
    expect((await db.conversations.get(id))?.tags).toEqual([lead.id]);
  });

  it('refuses a colour that is not #rrggbb', async () => {
    await expect(createTag(freshDatabase(), { name: 'x', color: 'red' })).rejects.toThrow(/colour/);
  });
});

describe('notes', () => {
  it('are listed newest first per contact, edited with a time, and deleted', async () => {
    const db = freshDatabase();
    await recordConversation(db, threadSnapshot());
    const contactId = (await db.contacts.toCollection().first())?.id ?? '';
    const older = await addNote(db, { contactId, text: 'first' });
    await new Promise((r) => setTimeout(r, 2));
    const newer = await addNote(db, { contactId, text: 'second' });
    expect((await notesOf(db, contactId)).map((n) => n.text)).toEqual(['second', 'first']);

    const edited = await updateNote(db, older.id, 'first, edited');
    expect(edited.editedAt).toBeGreaterThanOrEqual(edited.createdAt);
    await deleteNote(db, newer.id);
    expect((await notesOf(db, contactId)).map((n) => n.text)).toEqual(['first, edited']);
  });

  it('refuse empty text and unknown contacts', async () => {
    const db = freshDatabase();
    await rejectsWith(addNote(db, { contactId: 'ghost', text: 'x' }), 'not-found', /contact no longer exists/);
    await recordConversation(db, threadSnapshot());
    const contactId = (await db.contacts.toCollection().first())?.id ?? '';
    await expect(addNote(db, { contactId, text: '   ' })).rejects.toThrow();
  });
});

describe('templates', () => {
  it('list by folder and by usage; locked ones refuse edits', async () => {
    const db = freshDatabase();
    const hello = await createTemplate(db, { title: 'Hello', body: 'Hi {{firstName}}', folder: 'Service' });
    const price = await createTemplate(db, { title: 'Pricing', body: 'Our prices…', folder: 'Sales' });
    await createTemplate(db, { title: 'Apology', body: 'Sorry…', folder: 'Service' });
    expect((await templatesInFolder(db, 'Service')).map((t) => t.title)).toEqual(['Apology', 'Hello']);

    await markTemplateUsed(db, price.id);
    await markTemplateUsed(db, price.id);
    await markTemplateUsed(db, hello.id);
    expect((await templatesByUsage(db, 2)).map((t) => [t.title, t.usageCount])).toEqual([
      ['Pricing', 2],
      ['Hello', 1],
    ]);

    expect((await updateTemplate(db, hello.id, { body: 'Hello {{firstName|there}}' })).body).toContain('|there');
    await db.templates.update(price.id, { locked: true });
    await rejectsWith(updateTemplate(db, price.id, { title: 'Mine' }), 'forbidden', /fork it/);
    await deleteTemplate(db, hello.id);
    await rejectsWith(markTemplateUsed(db, hello.id), 'not-found', /no longer exists/);
  });
});

describe('packs and response events', () => {
  it('store and read back by their indexes', async () => {
    const db = freshDatabase();
    await db.packs.add({
      id: 'pack-1',
      name: 'Service EN',
      version: '1.2.0',
      source: { kind: 'file', name: 'service.dmpack.json' },
      installedAt: 1,
      updatedAt: 1,
    });
    const template = await createTemplate(db, { title: 'Ack', body: 'Thanks!' });
    await db.templates.update(template.id, { packId: 'pack-1', packTemplateId: 'ack' });
    expect(await db.templates.where('packId').equals('pack-1').count()).toBe(1);
    await db.responseEvents.bulkAdd([
      { id: 'a', conversationId: 'c', inboundAt: 20 },
      { id: 'b', conversationId: 'c', inboundAt: 10, answeredAt: 15 },
    ]);
    const events = await db.responseEvents.where('conversationId').equals('c').sortBy('inboundAt');
    expect(events.map((e) => e.id)).toEqual(['b', 'a']);
  });
});

describe('settings', () => {
  it('start from the defaults and validate updates', async () => {
    const db = freshDatabase();
    expect(await readSettings(db)).toEqual(DEFAULT_SETTINGS);
    const customerService = DEFAULT_SETTINGS.slaPolicies.find((p) => p.id === 'customer-service');
    expect(customerService).toMatchObject({ targetMinutes: 120, breachMinutes: 240 });
    expect(await updateSettings(db, { myName: 'Tom', signature: 'Tom, Support' })).toMatchObject({ myName: 'Tom' });
    expect((await readSettings(db)).signature).toBe('Tom, Support');
    await rejectsWith(updateSettings(db, { defaultSlaPolicyId: 'nope' }), 'invalid', /default SLA policy/);
    expect((await readSettings(db)).defaultSlaPolicyId).toBe('customer-service');
  });
});

describe('patches change only what they name', () => {
  it('a status patch keeps the tags; a contact patch keeps custom fields; a template edit keeps tags and platforms; a settings patch keeps the rest', async () => {
    const db = freshDatabase();
    const id = (await recordConversation(db, threadSnapshot())) ?? '';
    const vip = await createTag(db, { name: 'VIP' });
    await updateConversation(db, id, { tags: [vip.id] });
    // As the patch arrives after the client's and the background's validation.
    await updateConversation(db, id, ConversationPatchSchema.parse({ status: 'done' }));
    expect((await db.conversations.get(id))?.tags).toEqual([vip.id]);

    const contactId = (await db.conversations.get(id))?.contactId ?? '';
    await updateContact(db, contactId, { customFields: { company: 'Köln GmbH' } });
    await updateContact(db, contactId, ContactPatchSchema.parse({ personId: 'anna' }));
    expect((await db.contacts.get(contactId))?.customFields).toEqual({ company: 'Köln GmbH' });

    const template = await createTemplate(db, { title: 'Hi', body: 'Hi!', tags: ['greeting'], platforms: ['x'] });
    const edited = await updateTemplate(db, template.id, TemplatePatchSchema.parse({ body: 'Hello!' }));
    expect(edited).toMatchObject({ body: 'Hello!', tags: ['greeting'], platforms: ['x'] });

    await updateSettings(db, { myName: 'Tom', language: 'de', notifications: true });
    await updateSettings(db, SettingsPatchSchema.parse({ signature: 'Tom, Support' }));
    expect(await readSettings(db)).toMatchObject({
      myName: 'Tom',
      language: 'de',
      notifications: true,
      signature: 'Tom, Support',
    });
  });
});
