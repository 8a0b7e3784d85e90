import { describe, expect, it } from 'vitest';
import type { SidekickDatabase } from '@/utils/db/database';
import { addNote, recordConversation } from '@/utils/db/operations';
import { RpcError } from '@/utils/messaging/errors';
import { APPLIED_REQUEST_TTL_MS, createRequestLog, pruneAppliedRequests } from '@/utils/messaging/request-log';
import { handleRpc, type RpcHandlers } from '@/utils/messaging/server';
import { freshDatabase, threadSnapshot } from '../db/helpers';

/** The background's way in: the request log around handleRpc, with a notes.add that can be told to fail late. */
async function background(db: SidekickDatabase) {
  const conversationId = (await recordConversation(db, threadSnapshot())) ?? '';
  const contactId = (await db.conversations.get(conversationId))?.contactId ?? '';
  const withDatabase = <T>(work: (db: SidekickDatabase) => Promise<T>) => work(db);
  let runs = 0;
  const handlers = {
    'notes.add': async (input: { contactId: string; text: string }) => {
      runs++;
      const stored = await addNote(db, input);
      // Fails after writing: the write must not stay.
      if (input.text === 'fail after writing') throw new RpcError('internal', 'disk on fire');
      return stored;
    },
  } as unknown as RpcHandlers;
  const send = (log: ReturnType<typeof createRequestLog>, requestId: string, text: string) => {
    const message = { kind: 'dms.rpc', name: 'notes.add', input: { contactId, text }, requestId };
    return log.once(requestId, 'notes.add', () => handleRpc(handlers, message, { caller: 'extension' }));
  };
  return { log: createRequestLog(withDatabase), withDatabase, send, runs: () => runs };
}

describe('writes exactly once: the request log', () => {
  it('applies a request id once; a retry, also after a worker restart, gets the first answer', async () => {
    const db = freshDatabase();
    const first = await background(db);
    const answer = await first.send(first.log, 'req-1', 'Prefers mornings');
    expect(answer).toMatchObject({ ok: true, value: { text: 'Prefers mornings' } });
    expect(await first.send(first.log, 'req-1', 'Prefers mornings')).toEqual(answer);
    // A new worker: nothing in memory, the table remembers.
    const restarted = createRequestLog(first.withDatabase);
    expect(await first.send(restarted, 'req-1', 'Prefers mornings')).toEqual(answer);
    expect(first.runs()).toBe(1);
    expect(await db.notes.count()).toBe(1);
  });

  it('runs concurrent copies of one request once', async () => {
    const db = freshDatabase();
    const { log, send, runs } = await background(db);
    const answers = await Promise.all(Array.from({ length: 5 }, () => send(log, 'req-2', 'once')));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(runs()).toBe(1);
    expect(await db.notes.count()).toBe(1);
  });

  it('a failed call stored nothing, and is not remembered: its retry runs again', async () => {
    const db = freshDatabase();
    const { log, send, runs } = await background(db);
    const answer = await send(log, 'req-3', 'fail after writing');
    expect(answer).toEqual({ ok: false, error: { code: 'internal', message: 'disk on fire' } });
    expect(await db.notes.count()).toBe(0);
    expect(await db.appliedRequests.count()).toBe(0);
    await send(log, 'req-3', 'fail after writing');
    expect(runs()).toBe(2);
  });

  it('forgets ids older than a day', async () => {
    const db = freshDatabase();
    const now = 10 * APPLIED_REQUEST_TTL_MS;
    await db.appliedRequests.bulkAdd([
      { id: 'old', at: now - APPLIED_REQUEST_TTL_MS - 1, response: { ok: true, value: null } },
      { id: 'recent', at: now - 1000, response: { ok: true, value: null } },
    ]);
    expect(await pruneAppliedRequests(db, now)).toBe(1);
    expect((await db.appliedRequests.toArray()).map((r) => r.id)).toEqual(['recent']);
  });
});

describe('what the request log keeps', () => {
  it("never keeps a shortcut's expansion: it is the text about to be sent", async () => {
    const db = freshDatabase();
    const log = createRequestLog((work) => work(db));
    const expansion = { ok: true, value: { kind: 'text', text: 'Hi Anna, your order ships today.' } } as const;
    const answer = await log.once('req-expand', 'shortcuts.expand', async () => expansion);
    expect(answer).toEqual(expansion);
    expect(await db.appliedRequests.count()).toBe(0);
  });
});
