import { describe, expect, it } from 'vitest';
import { addNote } from '@/utils/db/operations';
import { teamMaps } from '@/utils/sync/team-doc';
import { member, openConversation } from './members';

// What reaches the doc and what is saved follow the commits: a write the database rolled back never reaches
// the team.

describe('team mirror: doc and saved updates follow the commits', () => {
  it('a write inside an outer transaction (the request log) reaches the doc only when the outer one commits', async () => {
    const anna = await member('Anna');
    const id = await openConversation(anna, '1');
    const contactId = (await anna.db.conversations.get(id))?.contactId ?? '';
    // As the request log runs a handler: refused after the handler wrote, the whole transaction aborts.
    await expect(
      anna.db.transaction('rw', anna.db.tables, async () => {
        await addNote(anna.db, { contactId, text: 'Never saved' });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await anna.mirror.settled();
    expect(teamMaps(anna.doc).notes.size).toBe(0);
    expect(await anna.db.notes.count()).toBe(0);

    await anna.db.transaction('rw', anna.db.tables, async () => {
      await addNote(anna.db, { contactId, text: 'Saved' });
      await anna.db.appliedRequests.put({ id: 'request-1', at: 1, response: null });
    });
    await anna.mirror.settled();
    expect([...teamMaps(anna.doc).notes.values()].map((note) => String(note.get('text')))).toEqual(['Saved']);
  });
});
