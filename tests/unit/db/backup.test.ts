import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  type BackupFile,
  exportBackup,
  MAX_BACKUP_BYTES,
  parseBackup,
  restoreBackup,
} from '@/utils/db/backup';
import type { SidekickDatabase } from '@/utils/db/database';
import {
  addNote,
  createTag,
  createTemplate,
  recordConversation,
  updateConversation,
  updateSettings,
} from '@/utils/db/operations';
import type { Contact, Conversation, Note, Tag } from '@/utils/db/schema';
import type { ErrorDetail } from '@/utils/errors';
import { answeredError } from '../answered';
import { freshDatabase, recordRequests, threadSnapshot } from './helpers';

async function seed(db: SidekickDatabase) {
  const conversationId = (await recordConversation(db, threadSnapshot())) ?? '';
  const contactId = (await db.conversations.get(conversationId))?.contactId ?? '';
  const tag = await createTag(db, { name: 'VIP' });
  await updateConversation(db, conversationId, { tags: [tag.id], status: 'waiting' });
  await addNote(db, { contactId, text: 'Grüße aus Köln 🙂 — prefers mornings' });
  await createTemplate(db, { title: 'Hello', body: 'Hi {{firstName|there}},\n\nthanks!', folder: 'Service' });
  await db.packs.add({
    id: 'p',
    name: 'Pack',
    version: '1.0.0',
    source: { kind: 'file', name: 'p.dmpack.json' },
    installedAt: 1,
    updatedAt: 1,
  });
  await db.responseEvents.add({ id: 'r', conversationId, inboundAt: 1, answeredAt: 2 });
  await updateSettings(db, { myName: 'Tom' });
  return { conversationId, contactId };
}

const counts = async (db: SidekickDatabase) =>
  Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.count()] as const)));

describe('backup and restore', () => {
  it('round-trips exactly: backup → wipe → restore gives identical data', async () => {
    const db = freshDatabase();
    await seed(db);
    const backup = await exportBackup(db, 1000);
    const text = JSON.stringify(backup);

    await Promise.all(db.tables.map((table) => table.clear()));
    expect(Object.values(await counts(db)).every((n) => n === 0)).toBe(true);

    await restoreBackup(db, parseBackup(text), 'replace');
    expect(await exportBackup(db, 1000)).toEqual(backup);
  });

  it('reads every row of a table larger than a page, in key order, and reports its progress up to the total', async () => {
    const db = freshDatabase();
    const { contactId } = await seed(db);
    const extra = Array.from({ length: 12_345 }, (_, i) => ({
      id: `note-${String(i).padStart(5, '0')}`,
      contactId,
      text: `n${i}`,
      createdAt: i,
    }));
    await db.notes.bulkAdd(extra);
    const progress: [number, number][] = [];
    const backup = await exportBackup(db, 1000, (done, total) => progress.push([done, total]));

    expect(backup.data.notes).toEqual(await db.notes.toArray());
    expect(backup.data.notes).toHaveLength(12_345 + 1);
    const total = Object.values(backup.data).reduce((n, rows) => n + (Array.isArray(rows) ? rows.length : 0), 0);
    expect(progress.every(([, t]) => t === total)).toBe(true);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual([total, total]);
    // The notes table alone took three pages of 5,000.
    expect(progress.length).toBeGreaterThanOrEqual(3 + 6);
  }, 30_000);

  it('"replace" removes what the backup does not have; "merge" keeps it', async () => {
    const source = freshDatabase();
    await seed(source);
    const backup = await exportBackup(source);

    const replaced = freshDatabase();
    await createTemplate(replaced, { title: 'Local only', body: 'x' });
    await restoreBackup(replaced, backup, 'replace');
    expect((await replaced.templates.toArray()).map((t) => t.title)).toEqual(['Hello']);

    const merged = freshDatabase();
    await createTemplate(merged, { title: 'Local only', body: 'x' });
    await restoreBackup(merged, backup, 'merge');
    expect((await merged.templates.toCollection().sortBy('title')).map((t) => t.title)).toEqual([
      'Hello',
      'Local only',
    ]);
  });

  it('"merge" joins the same contact, thread and tag stored under other ids instead of failing', async () => {
    const source = freshDatabase();
    await seed(source);
    const backup = await exportBackup(source);

    const target = freshDatabase();
    const { conversationId, contactId } = await seed(target);
    const summary = await restoreBackup(target, backup, 'merge');
    expect(summary.conversations).toBe(1);
    expect(await target.contacts.count()).toBe(1);
    expect(await target.conversations.count()).toBe(1);
    expect(await target.tags.count()).toBe(1);
    // Both devices' notes about the same person now hang off the one contact.
    expect(await target.notes.where('contactId').equals(contactId).count()).toBe(2);
    // The same record (same id) is one record, re-pointed at the existing conversation.
    expect(await target.responseEvents.toArray()).toEqual([expect.objectContaining({ id: 'r', conversationId })]);
  });

  it('writes and looks up in bulk: "replace" adds (no stored row is read), "merge" walks each unique index once', async () => {
    const source = freshDatabase();
    for (let i = 0; i < 30; i++) {
      await recordConversation(
        source,
        threadSnapshot({ threadId: `t${i}`, participant: { name: `P ${i}`, handle: `p${i}` } }),
      );
    }
    const backup = await exportBackup(source);
    const target = freshDatabase();
    const requests = recordRequests(target);
    await restoreBackup(target, backup, 'replace');
    expect(requests.filter((r) => /^(contacts|conversations) /.test(r))).toEqual([
      'contacts deleteRange',
      'conversations deleteRange',
      'contacts add',
      'conversations add',
    ]);
    requests.length = 0;
    await restoreBackup(target, backup, 'merge');
    expect(requests.filter((r) => / query$/.test(r))).toEqual(['contacts query', 'tags query', 'conversations query']);
    expect(await target.conversations.count()).toBe(30);
  });

  describe('refuses malformed backups with a message that names the problem, and writes nothing', () => {
    const valid = async () => JSON.parse(JSON.stringify(await exportBackup(await seededDb()))) as Record<string, any>;
    const seededDb = async () => {
      const db = freshDatabase();
      await seed(db);
      return db;
    };

    it.each([
      ['not JSON', () => '{"format": ', /not valid JSON/],
      ['another file', () => JSON.stringify({ hello: 'world' }), /not a DM Sidekick backup/],
      [
        'unknown version',
        async () => JSON.stringify({ ...(await valid()), schemaVersion: 7 }),
        /schemaVersion 7 is unknown/,
      ],
      [
        'wrong types',
        async () => {
          const file = await valid();
          file.data.notes[0].createdAt = 'yesterday';
          return JSON.stringify(file);
        },
        /data\.notes\.0\.createdAt: .*number/,
      ],
      [
        'an unexpected field',
        async () => {
          const file = await valid();
          file.data.contacts[0].isAdmin = true;
          return JSON.stringify(file);
        },
        /data\.contacts\.0.*isAdmin/,
      ],
      [
        'a __proto__ key',
        async () =>
          (await valid().then(JSON.stringify)).replace('"customFields":{}', '"customFields":{"__proto__":{"x":1}}'),
        /key "__proto__"/,
      ],
      [
        'a constructor key',
        async () => (await valid().then(JSON.stringify)).replace('"format"', '"constructor":{},"format"'),
        /key "constructor"/,
      ],
      [
        '201 MB',
        () => `{"format":"${BACKUP_FORMAT}","pad":"${'x'.repeat(201 * 1024 * 1024)}"}`,
        /201 MB, more than the 200 MB limit/,
      ],
    ])('%s', async (_, makeText, message) => {
      const db = freshDatabase();
      await createTemplate(db, { title: 'Mine', body: 'keep me' });
      const before = await exportBackup(db, 1);
      const text = await makeText();
      const thrown = await answeredError(async () => restoreBackup(db, parseBackup(text), 'replace'));
      expect(thrown).toMatchObject({ code: 'invalid', message: expect.stringMatching(message) });
      expect(thrown.message).toMatch(/Nothing was changed\.$/);
      expect(await exportBackup(db, 1)).toEqual(before);
    });

    it('the size limit is what the messages say', () => {
      expect(MAX_BACKUP_BYTES).toBe(200 * 1024 * 1024);
    });
  });

  describe('refuses an inconsistent backup with the row named, in either mode, and changes nothing', () => {
    type Data = BackupFile['data'];
    it.each<[string, (data: Data) => void, ErrorDetail]>([
      [
        'two contacts with the same platform identity',
        (data) => data.contacts.push({ ...(data.contacts[0] as Contact), id: 'clone' }),
        { reason: 'backup-clash', values: { table: 'contacts', row: 1, key: 'platform+platformId' } },
      ],
      [
        'two tags with the same name',
        (data) => data.tags.push({ ...(data.tags[0] as Tag), id: 'tag-2', name: 'vip' }),
        { reason: 'backup-clash', values: { table: 'tags', row: 1, key: 'nameKey' } },
      ],
      [
        'a repeated note id',
        (data) => {
          const note = { ...(data.notes[0] as Note), id: 'note-1' };
          data.notes = [note, { ...note, text: 'another' }];
        },
        { reason: 'backup-duplicate-id', values: { table: 'notes', row: 1, id: 'note-1' } },
      ],
      [
        'a note about a contact the backup does not have',
        (data) => data.notes.push({ ...(data.notes[0] as Note), id: 'orphan', contactId: 'nobody' }),
        { reason: 'backup-dangling', values: { table: 'notes', row: 1, field: 'contactId', id: 'nobody' } },
      ],
      [
        'a conversation with an unknown tag',
        (data) => (data.conversations[0] as Conversation).tags.push('no-such-tag'),
        { reason: 'backup-dangling', values: { table: 'conversations', row: 0, field: 'tags', id: 'no-such-tag' } },
      ],
      [
        'a response time of an unknown conversation',
        (data) => data.responseEvents.push({ id: 'r2', conversationId: 'gone', inboundAt: 1 }),
        { reason: 'backup-dangling', values: { table: 'responseEvents', row: 1, field: 'conversationId', id: 'gone' } },
      ],
    ])('%s', async (_, spoil, detail) => {
      const source = freshDatabase();
      await seed(source);
      const file = await exportBackup(source);
      spoil(file.data);
      for (const mode of ['replace', 'merge'] as const) {
        const db = freshDatabase();
        await seed(db);
        const before = await exportBackup(db, 1);
        const thrown = await answeredError(async () => restoreBackup(db, parseBackup(JSON.stringify(file)), mode));
        expect(thrown, mode).toMatchObject({ code: 'invalid', detail });
        expect(thrown.message, mode).toMatch(/Nothing was changed\.$/);
        expect(await exportBackup(db, 1), mode).toEqual(before);
      }
    });

    it('merge: two rows that would become the same record here are named, not overwritten', async () => {
      const db = freshDatabase();
      const vip = await createTag(db, { name: 'VIP' });
      const before = await exportBackup(db, 1);
      const file = await exportBackup(db, 1);
      // The backup's "vip" is the local tag by name; its "Sales" has the local tag's id.
      file.data.tags = [
        { ...vip, id: 'other', name: 'vip' },
        { ...vip, name: 'Sales', nameKey: 'sales' },
      ];
      await expect(restoreBackup(db, parseBackup(JSON.stringify(file)), 'merge')).rejects.toMatchObject({
        detail: { reason: 'backup-clash', values: { table: 'tags', row: 1, key: 'nameKey' } },
      });
      expect(await exportBackup(db, 1)).toEqual(before);
    });
  });

  it('rolls a failing restore back completely (one transaction)', async () => {
    const db = freshDatabase();
    await createTemplate(db, { title: 'Mine', body: 'keep me' });
    const source = freshDatabase();
    await seed(source);
    const backup = await exportBackup(source);
    // Two different contacts claiming the same platform identity violate a unique index mid-restore.
    backup.data.contacts.push({ ...backup.data.contacts[0]!, id: 'clone' });
    await expect(restoreBackup(db, backup, 'replace')).rejects.toThrow();
    expect((await db.templates.toArray()).map((t) => t.title)).toEqual(['Mine']);
    expect(await db.contacts.count()).toBe(0);
  });
});
