import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { database, isQuotaError, withDatabase } from '@/utils/db/connection';
import { addNote, recordConversation } from '@/utils/db/operations';
import { answeredError } from '../answered';
import { threadSnapshot } from './helpers';

const quotaExceeded = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('the background connection', () => {
  it('recognises a full disk, also when Dexie wraps it in an AbortError', () => {
    expect(isQuotaError(quotaExceeded())).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quotaExceeded()))).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });

  it('a full disk gives a clear message and loses nothing already saved', async () => {
    await withDatabase((db) => recordConversation(db, threadSnapshot({ threadId: 'quota' })));
    const contactId = (await database().contacts.toCollection().first())?.id ?? '';
    await withDatabase((db) => addNote(db, { contactId, text: 'saved before the disk filled up' }));

    const add = vi.spyOn(database().notes, 'add').mockImplementationOnce(() => {
      throw quotaExceeded();
    });
    await expect(
      answeredError(withDatabase((db) => addNote(db, { contactId, text: 'too much' }))),
    ).resolves.toMatchObject({
      code: 'quota',
      message: expect.stringMatching(/disk is full.*not saved.*Everything saved before is intact/),
    });
    add.mockRestore();
    const texts = (await database().notes.where('contactId').equals(contactId).toArray()).map((n) => n.text);
    expect(texts).toEqual(['saved before the disk filled up']);
  });

  it('reopens and retries once when the database was closed under it (worker restart)', async () => {
    const first = database();
    first.close();
    const result = await withDatabase(async (db) => {
      await db.settings.count();
      return db;
    });
    expect(result).not.toBe(first);
    expect(result.isOpen()).toBe(true);
  });

  it('does not retry other failures', async () => {
    const work = vi.fn(async () => {
      throw new Error('constraint');
    });
    await expect(withDatabase(work)).rejects.toThrow('constraint');
    expect(work).toHaveBeenCalledTimes(1);
  });
});
