import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, SidekickDatabase } from '@/utils/db/database';
import { conversationsOnPlatform, mostOverdue, notesOf } from '@/utils/db/queries';

/** What release 1 stored: tags without nameKey, and "VIP"/"vip" allowed side by side. */
const V1_DATA = {
  contacts: [
    {
      id: 'c1',
      platform: 'instagram',
      platformId: 'anna',
      displayName: 'Anna',
      customFields: {},
      createdAt: 1,
      updatedAt: 1,
    },
  ],
  conversations: [
    {
      id: 'v1',
      platform: 'instagram',
      threadId: '111',
      contactId: 'c1',
      status: 'waiting',
      tags: ['t-vip', 't-vip-lower', 't-lead'],
      waitingSince: 10,
      nextDeadline: 42,
      createdAt: 1,
      updatedAt: 1,
    },
  ],
  tags: [
    { id: 't-vip', name: 'VIP', color: '#4f46e5', createdAt: 1 },
    { id: 't-vip-lower', name: 'vip ', color: '#dc2626', createdAt: 2 },
    { id: 't-lead', name: 'Lead', color: '#059669', createdAt: 3 },
  ],
  notes: [{ id: 'n1', contactId: 'c1', text: 'Ordered twice', createdAt: 5 }],
  templates: [
    {
      id: 'tp1',
      title: 'Hi',
      body: 'Hi {{firstName}}',
      folder: '',
      tags: [],
      platforms: [],
      locked: false,
      usageCount: 3,
      createdAt: 1,
      updatedAt: 1,
    },
  ],
  responseEvents: [{ id: 'r1', conversationId: 'v1', inboundAt: 10, answeredAt: 20 }],
};

describe('schema upgrades', () => {
  it('opens a version 1 database with data at the current version, losing nothing', async () => {
    const name = 'migration-v1';
    const v1 = new SidekickDatabase(name, 1);
    await v1.transaction('rw', v1.tables, async () => {
      for (const [table, rows] of Object.entries(V1_DATA)) await v1.table(table).bulkAdd(rows);
    });
    expect(v1.verno).toBe(1);
    v1.close();

    const current = new SidekickDatabase(name);
    await current.open();
    expect(current.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThan(1);

    // Tags that differed only in case are merged onto the oldest; every tag gets its key.
    expect(await current.tags.orderBy('nameKey').toArray()).toEqual([
      { id: 't-lead', name: 'Lead', nameKey: 'lead', color: '#059669', createdAt: 3 },
      { id: 't-vip', name: 'VIP', nameKey: 'vip', color: '#4f46e5', createdAt: 1 },
    ]);
    const conversation = await current.conversations.get('v1');
    expect(conversation?.tags).toEqual(['t-vip', 't-lead']);
    // Everything else is untouched, and the new indexes answer.
    expect(await current.contacts.toArray()).toEqual(V1_DATA.contacts);
    expect(await current.notes.toArray()).toEqual(V1_DATA.notes);
    expect(await current.templates.toArray()).toEqual(V1_DATA.templates);
    expect(await current.responseEvents.toArray()).toEqual(V1_DATA.responseEvents);
    expect((await mostOverdue(current)).map((c) => c.id)).toEqual(['v1']);
    current.close();
  });

  it('version 8 keeps every row, writes fewer index entries, and the queries of the dropped indexes still answer', async () => {
    const name = 'migration-v7';
    const v7 = new SidekickDatabase(name, 7);
    await v7.transaction('rw', v7.tables, async () => {
      for (const [table, rows] of Object.entries(V1_DATA)) {
        await v7.table(table).bulkAdd(table === 'tags' ? rows.map((tag) => ({ ...tag, nameKey: tag.id })) : rows);
      }
    });
    v7.close();

    const current = new SidekickDatabase(name);
    await current.open();
    const indexes = (table: string) => current.backendDB().transaction(table).objectStore(table).indexNames.length;
    // Per row: contacts 3 → 2 (displayName), conversations 9 → 8 (platform), notes 2 → 1 (contactId),
    // templates 5 → 3 (lastUsedAt, [packId+packTemplateId]), responseEvents 2 → 1 (conversationId).
    expect(['contacts', 'conversations', 'notes', 'templates', 'responseEvents'].map(indexes)).toEqual([2, 8, 1, 3, 1]);
    expect(await current.contacts.toArray()).toEqual(V1_DATA.contacts);
    expect(await current.conversations.toArray()).toEqual(V1_DATA.conversations);
    expect(await current.notes.toArray()).toEqual(V1_DATA.notes);
    expect(await current.templates.toArray()).toEqual(V1_DATA.templates);
    expect(await current.responseEvents.toArray()).toEqual(V1_DATA.responseEvents);
    // Read through the first part of a compound index (Dexie's virtual indexes).
    expect((await conversationsOnPlatform(current, 'instagram')).map((c) => c.id)).toEqual(['v1']);
    expect(await conversationsOnPlatform(current, 'x')).toEqual([]);
    expect(await current.notes.where('contactId').anyOf(['c0', 'c1']).primaryKeys()).toEqual(['n1']);
    expect((await notesOf(current, 'c1')).map((n) => n.id)).toEqual(['n1']);
    expect(await current.responseEvents.where('conversationId').equals('v1').count()).toBe(1);
    current.close();
  });
});
