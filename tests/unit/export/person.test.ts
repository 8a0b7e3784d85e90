import { describe, expect, it } from 'vitest';
import { exportBackup, parseBackup, restoreBackup } from '@/utils/db/backup';
import type { SidekickDatabase } from '@/utils/db/database';
import {
  addNote,
  createTag,
  deleteContact,
  recordConversation,
  updateContact,
  updateConversation,
} from '@/utils/db/operations';
import { exportPerson, PersonExportSchema, personExportText } from '@/utils/export/person';
import { freshDatabase, threadSnapshot } from '../db/helpers';

const CONSENT = {
  status: 'given',
  at: Date.UTC(2026, 2, 2, 9),
  method: 'form',
  source: 'Newsletter form, spring',
} as const;

/** Anna on Instagram and X (one person), Bo on Instagram: every kind of record for each. */
async function seed(db: SidekickDatabase) {
  const annaIg = (await recordConversation(db, threadSnapshot(), 1_000)) ?? '';
  const annaX =
    (await recordConversation(
      db,
      threadSnapshot({ platform: 'x', threadId: 'x-1', participant: { name: 'Anna B.', handle: 'anna_b' } }),
      2_000,
    )) ?? '';
  const bo =
    (await recordConversation(
      db,
      threadSnapshot({ threadId: '222', participant: { name: 'Bo Lind', handle: 'bo' } }),
      3_000,
    )) ?? '';
  const contactOf = async (conversationId: string) => (await db.conversations.get(conversationId))?.contactId ?? '';
  const annaIgContact = await contactOf(annaIg);
  const annaXContact = await contactOf(annaX);
  const boContact = await contactOf(bo);
  await updateContact(db, annaIgContact, {
    personId: annaIgContact,
    customFields: { orderNumber: 'IG-1' },
    consent: CONSENT,
  });
  await updateContact(db, annaXContact, { personId: annaIgContact, doNotContact: true });
  await updateContact(db, boContact, { customFields: { company: 'Lind AB' } });
  const vip = await createTag(db, { name: 'VIP' });
  const lead = await createTag(db, { name: 'Lead' });
  await updateConversation(db, annaIg, { tags: [vip.id] });
  await updateConversation(db, bo, { tags: [lead.id] });
  await addNote(db, { contactId: annaIgContact, text: 'Grüße aus Köln' });
  await addNote(db, { contactId: annaXContact, text: 'Same person as on Instagram' });
  await addNote(db, { contactId: boContact, text: 'Bo: call on Thursday' });
  await db.responseEvents.bulkAdd([
    { id: 'r-anna', conversationId: annaX, inboundAt: 5, answeredAt: 9 },
    { id: 'r-bo', conversationId: bo, inboundAt: 6 },
  ]);
  return { annaIg, annaX, bo, annaIgContact, annaXContact, boContact };
}

describe('export everything about a person (GDPR Art. 15)', () => {
  it('holds every stored record of the person and its linked identities, and nothing of anyone else', async () => {
    const db = freshDatabase();
    const ids = await seed(db);
    const data = PersonExportSchema.parse(await exportPerson(db, ids.annaXContact, 10));

    const everything = (await exportBackup(db)).data;
    const annaContacts = [ids.annaIgContact, ids.annaXContact];
    const annaConversations = [ids.annaIg, ids.annaX];
    const sortById = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    // Every fact, stored exactly as it is: compared with the database's full contents, filtered to Anna.
    expect(sortById(data.identities)).toEqual(sortById(everything.contacts.filter((c) => annaContacts.includes(c.id))));
    expect(sortById(data.conversations)).toEqual(
      sortById(everything.conversations.filter((c) => annaConversations.includes(c.id))),
    );
    expect(sortById(data.notes)).toEqual(sortById(everything.notes.filter((n) => annaContacts.includes(n.contactId))));
    expect(data.responseEvents.map((e) => e.id)).toEqual(['r-anna']);
    expect(data.tags.map((t) => t.name)).toEqual(['VIP']);
    expect(data.identities.find((c) => c.id === ids.annaIgContact)?.consent).toEqual(CONSENT);

    // Nothing of Bo anywhere in the file, however nested.
    const text = JSON.stringify(data);
    for (const trace of [ids.boContact, ids.bo, 'Bo Lind', 'Lind AB', 'Thursday', 'Lead', 'r-bo']) {
      expect(text).not.toContain(trace);
    }
  });

  it("reads as text in the user's language, with the source, consent and objection", async () => {
    const db = freshDatabase();
    const ids = await seed(db);
    const text = personExportText(await exportPerson(db, ids.annaIgContact, 10), 'de', 'Europe/Berlin');
    expect(text).toContain('Alles, was DM Sidekick über Anna Berger speichert');
    expect(text).toContain('Quelle: gesehen auf Instagram');
    expect(text).toContain(
      'Einwilligung in Werbung: Erteilt, 02.03.2026, 10:00, Webformular, Quelle: Newsletter form, spring',
    );
    expect(text).toContain('Nicht kontaktieren (Widerspruch vermerkt)');
    expect(text).toContain('Grüße aus Köln');
    expect(text).toContain('orderNumber: IG-1');
    expect(text).not.toContain('Bo');
  });

  it('"forget this person" reaches every linked identity and leaves others alone', async () => {
    const db = freshDatabase();
    const ids = await seed(db);
    await deleteContact(db, ids.annaIgContact);
    expect((await db.contacts.toArray()).map((c) => c.id)).toEqual([ids.boContact]);
    expect((await db.conversations.toArray()).map((c) => c.id)).toEqual([ids.bo]);
    expect((await db.notes.toArray()).map((n) => n.text)).toEqual(['Bo: call on Thursday']);
    expect((await db.responseEvents.toArray()).map((e) => e.id)).toEqual(['r-bo']);
  });
});

describe('consent and objection in backups', () => {
  it('survive backup → replace restore unchanged', async () => {
    const db = freshDatabase();
    const ids = await seed(db);
    const file = parseBackup(JSON.stringify(await exportBackup(db)));
    const restored = freshDatabase();
    await restoreBackup(restored, file, 'replace');
    expect((await restored.contacts.get(ids.annaIgContact))?.consent).toEqual(CONSENT);
    expect((await restored.contacts.get(ids.annaXContact))?.doNotContact).toBe(true);
  });

  it('survive a merge restore onto the same people recorded again under other ids, without consent', async () => {
    const db = freshDatabase();
    const ids = await seed(db);
    const file = parseBackup(JSON.stringify(await exportBackup(db)));
    // Another browser saw Anna's Instagram and X threads first: same people, other ids, nothing recorded.
    const other = freshDatabase();
    await recordConversation(other, threadSnapshot(), 10_000);
    await recordConversation(
      other,
      threadSnapshot({ platform: 'x', threadId: 'x-1', participant: { name: 'Anna B.', handle: 'anna_b' } }),
      11_000,
    );
    await restoreBackup(other, file, 'merge');
    const anna = await other.contacts.where('[platform+platformId]').equals(['instagram', 'anna.berger']).first();
    const annaX = await other.contacts.where('[platform+platformId]').equals(['x', 'anna_b']).first();
    expect(anna?.consent).toEqual(CONSENT);
    expect(annaX?.doNotContact).toBe(true);
    expect(await other.contacts.count()).toBe(3);
    expect(anna?.id).not.toBe(ids.annaIgContact); // merged onto the existing record
  });
});
