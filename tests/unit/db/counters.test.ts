import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SidekickDatabase } from '@/utils/db/database';
import { deleteContact, recordConversation, updateConversation } from '@/utils/db/operations';
import { countOpenByPlatform } from '@/utils/db/queries';
import type { Conversation } from '@/utils/db/schema';
import { PLATFORMS } from '@/utils/platforms/sites';
import { freshDatabase, threadSnapshot } from './helpers';

const STATUSES = ['open', 'waiting', 'done', 'snoozed'] as const;

/** What the counters must say: counted from the rows themselves. */
async function countedFromRows(db: SidekickDatabase) {
  const rows = await db.conversations.toArray();
  return Object.fromEntries(
    PLATFORMS.map((p) => [
      p,
      rows.filter((r) => r.platform === p && (r.status === 'open' || r.status === 'waiting')).length,
    ]),
  );
}

const conversation = (i: number, status: Conversation['status']): Conversation => ({
  id: `v${i}`,
  platform: PLATFORMS[i % PLATFORMS.length] ?? 'instagram',
  threadId: `t${i}`,
  contactId: `c${i}`,
  status,
  tags: [],
  createdAt: 1,
  updatedAt: 1,
});

describe('conversation counters', () => {
  it('follow every kind of write to conversations', async () => {
    const write = fc.oneof(
      fc.record({
        kind: fc.constant('bulkPut' as const),
        ids: fc.array(fc.nat(30), { maxLength: 8 }),
        status: fc.constantFrom(...STATUSES),
      }),
      fc.record({
        kind: fc.constant('bulkAdd' as const),
        ids: fc.array(fc.nat(30), { maxLength: 8 }),
        status: fc.constantFrom(...STATUSES),
      }),
      fc.record({ kind: fc.constant('update' as const), id: fc.nat(30), status: fc.constantFrom(...STATUSES) }),
      fc.record({ kind: fc.constant('modify' as const), status: fc.constantFrom(...STATUSES) }),
      fc.record({
        kind: fc.constant('bulkUpdate' as const),
        ids: fc.array(fc.nat(30), { maxLength: 8 }),
        status: fc.constantFrom(...STATUSES),
      }),
      fc.record({ kind: fc.constant('bulkDelete' as const), ids: fc.array(fc.nat(30), { maxLength: 8 }) }),
      fc.record({ kind: fc.constant('deleteWhere' as const), status: fc.constantFrom(...STATUSES) }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(write, { maxLength: 12 }), async (writes) => {
        const db = freshDatabase();
        for (const w of writes) {
          if (w.kind === 'bulkPut') await db.conversations.bulkPut(w.ids.map((i) => conversation(i, w.status)));
          // A bulkAdd whose duplicates fail stores the rest: only those are counted.
          if (w.kind === 'bulkAdd')
            await db.conversations.bulkAdd(w.ids.map((i) => conversation(i, w.status))).catch(() => undefined);
          if (w.kind === 'update') await db.conversations.update(`v${w.id}`, { status: w.status });
          if (w.kind === 'modify') await db.conversations.where('platform').equals('x').modify({ status: w.status });
          if (w.kind === 'bulkUpdate')
            await db.conversations.bulkUpdate(w.ids.map((i) => ({ key: `v${i}`, changes: { status: w.status } })));
          if (w.kind === 'bulkDelete') await db.conversations.bulkDelete(w.ids.map((i) => `v${i}`));
          if (w.kind === 'deleteWhere') await db.conversations.where('status').equals(w.status).delete();
          if (w.kind === 'clear') await db.conversations.clear();
        }
        expect(await countOpenByPlatform(db)).toEqual(await countedFromRows(db));
        db.close();
      }),
      { numRuns: 60 },
    );
    // 60 databases: seconds on a loaded 2-core machine. The limit guards against a hang, it times nothing.
  }, 60_000);

  it("stay exact when one transaction asks for several writes at once (a restore's chunks)", async () => {
    const db = freshDatabase();
    const chunk = (from: number) => Array.from({ length: 50 }, (_, i) => conversation(from + i, 'open'));
    await db.transaction('rw', db.conversations, () =>
      Promise.all([
        db.conversations.bulkAdd(chunk(0)),
        db.conversations.bulkAdd(chunk(50)),
        db.conversations.bulkPut(chunk(100)),
      ]),
    );
    expect(await countOpenByPlatform(db)).toEqual(await countedFromRows(db));
    db.close();
  });

  it('follow the writers, and a failed transaction leaves them as they were', async () => {
    const db = freshDatabase();
    const id = (await recordConversation(db, threadSnapshot())) ?? '';
    await recordConversation(db, threadSnapshot({ platform: 'x', threadId: '1-2', participant: { name: 'Bo' } }));
    expect(await countOpenByPlatform(db)).toEqual({ instagram: 1, x: 1, facebook: 0, linkedin: 0 });
    await updateConversation(db, id, { status: 'done' });
    expect(await countOpenByPlatform(db)).toMatchObject({ instagram: 0, x: 1 });
    await db
      .transaction('rw', db.conversations, async () => {
        await db.conversations.update(id, { status: 'open' });
        throw new Error('abort');
      })
      .catch(() => undefined);
    expect(await countOpenByPlatform(db)).toMatchObject({ instagram: 0, x: 1 });
    const x = await db.conversations.where('platform').equals('x').first();
    await deleteContact(db, x?.contactId ?? '');
    expect(await countOpenByPlatform(db)).toEqual({ instagram: 0, x: 0, facebook: 0, linkedin: 0 });
  });

  it('are computed from the stored rows when a version 2 database upgrades', async () => {
    const name = 'counters-upgrade';
    const v2 = new SidekickDatabase(name, 2);
    await v2.conversations.bulkAdd(Array.from({ length: 20 }, (_, i) => conversation(i, STATUSES[i % 3] ?? 'open')));
    v2.close();
    const current = new SidekickDatabase(name);
    expect(await countOpenByPlatform(current)).toEqual(await countedFromRows(current));
    expect(await countOpenByPlatform(current)).not.toEqual({ instagram: 0, x: 0, facebook: 0, linkedin: 0 });
    current.close();
  });
});
