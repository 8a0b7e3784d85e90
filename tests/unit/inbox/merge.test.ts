import { describe, expect, it } from 'vitest';
import type { SidekickDatabase } from '@/utils/db/database';
import { mergeInboxReport, rowKey } from '@/utils/inbox/merge';
import { needsReplyCount } from '@/utils/inbox/needs-reply';
import { handleInboxReport } from '@/utils/messaging/inbox-report';
import { INBOX_ENTRY_PREFIX } from '@/utils/platforms/sites';
import type { InboxReport, InboxRow, PageSnapshot } from '@/utils/platforms/types';
import { trackPageReport } from '@/utils/sla/tracking';
import { freshDatabase, threadSnapshot } from '../db/helpers';

// The background's merge of inbox list rows into conversations (issue #16, utils/inbox/merge.ts).

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.parse('2026-03-04T15:00:00Z');

const row = (name: string, fields: Partial<InboxRow> = {}): InboxRow => ({
  name,
  unread: false,
  lastFrom: 'them',
  ...fields,
});
const report = (
  platform: InboxReport['platform'],
  rows: InboxRow[],
  extra: Partial<InboxReport> = {},
): InboxReport => ({
  platform,
  url: {
    instagram: 'https://www.instagram.com/direct/inbox/',
    facebook: 'https://www.facebook.com/messages/',
    x: 'https://x.com/i/chat',
    linkedin: 'https://www.linkedin.com/messaging/',
  }[platform],
  pageLanguage: 'en',
  rows,
  ...extra,
});
const byThread = (db: SidekickDatabase, platform: InboxReport['platform'], threadId: string) =>
  db.conversations.where('[platform+threadId]').equals([platform, threadId]).first();

const MESSENGER = 'https://www.facebook.com/messages/t/7720394857261/';
/** Messenger's thread of Anna Berger, as the adapter reports it: her message at `label`, then `after`. */
const messengerThread = (messages: PageSnapshot['messages']): PageSnapshot =>
  threadSnapshot({
    platform: 'facebook',
    url: MESSENGER,
    threadId: '7720394857261',
    participant: { name: 'Anna Berger', profileUrl: 'https://www.facebook.com/anna.berger.77/' },
    messages,
    composerKind: 'messenger',
  });

describe('a list row whose last message is theirs', () => {
  it('makes a conversation known only from the list wait since the row time, read or unread', async () => {
    const db = freshDatabase();
    await mergeInboxReport(
      db,
      report('facebook', [
        row('Anna Berger', { threadId: '7720394857261', timeLabel: '3h', unread: true }),
        row('Ben Okafor', { threadId: '100009876543210', timeLabel: '5h' }),
      ]),
      NOW,
    );
    expect(await byThread(db, 'facebook', '7720394857261')).toMatchObject({
      status: 'waiting',
      listOnly: true,
      unread: true,
      waitingSince: NOW - 3 * HOUR,
      waitingSinceSource: 'list',
      waitingSincePrecision: 'relative',
    });
    // Read is not answered: Ben waits too.
    expect(await byThread(db, 'facebook', '100009876543210')).toMatchObject({ status: 'waiting', unread: false });
    expect(await needsReplyCount(db, NOW)).toEqual({ count: 2, overdue: 1 });
  });

  it('keeps a better time the thread gave, and moves a coarser wait back to an earlier row time', async () => {
    const db = freshDatabase();
    await trackPageReport(db, messengerThread([{ key: 'a1', direction: 'inbound', timeLabel: '2:10 PM' }]), NOW);
    const fromThread = await byThread(db, 'facebook', '7720394857261');
    expect(fromThread).toMatchObject({ waitingSinceSource: 'page' });
    await mergeInboxReport(
      db,
      report('facebook', [row('Anna Berger', { threadId: '7720394857261', timeLabel: '3h' })]),
      NOW,
    );
    expect(await byThread(db, 'facebook', '7720394857261')).toMatchObject({
      waitingSince: fromThread?.waitingSince,
      waitingSinceSource: 'page',
    });

    await mergeInboxReport(db, report('x', [row('Ben', { threadId: '1-2', timeLabel: '2h' })]), NOW);
    await mergeInboxReport(db, report('x', [row('Ben', { threadId: '1-2', timeLabel: '1d' })]), NOW + MIN);
    expect(await byThread(db, 'x', '1-2')).toMatchObject({ waitingSince: NOW + MIN - 24 * HOUR });
    expect(await db.responseEvents.count()).toBe(2);
  });

  it('does not reopen what was answered after the row time, nor a conversation marked done', async () => {
    const db = freshDatabase();
    await trackPageReport(db, messengerThread([{ key: 'a1', direction: 'inbound' }]), NOW - HOUR);
    await trackPageReport(
      db,
      messengerThread([
        { key: 'a1', direction: 'inbound' },
        { key: 'o1', direction: 'outbound' },
      ]),
      NOW - 30 * MIN,
    );
    // The list has not caught up: it still shows her message of 45 minutes ago.
    await mergeInboxReport(
      db,
      report('facebook', [row('Anna Berger', { threadId: '7720394857261', timeLabel: '45m' })]),
      NOW,
    );
    expect(await byThread(db, 'facebook', '7720394857261')).toMatchObject({ status: 'open' });

    await mergeInboxReport(db, report('x', [row('Ben', { threadId: '1-2', timeLabel: '2h' })]), NOW);
    const ben = await byThread(db, 'x', '1-2');
    await db.conversations.update(ben?.id as string, { status: 'done' });
    await mergeInboxReport(db, report('x', [row('Ben', { threadId: '1-2', timeLabel: '3h' })]), NOW + HOUR);
    expect(await byThread(db, 'x', '1-2')).toMatchObject({ status: 'done' });
  });
});

describe('a list row whose last message is mine', () => {
  it('answers the wait the list or an observed thread read started', async () => {
    const db = freshDatabase();
    await mergeInboxReport(db, report('x', [row('Ben', { threadId: '1-2', timeLabel: '2h' })]), NOW);
    await mergeInboxReport(db, report('x', [row('Ben', { threadId: '1-2', timeLabel: '5m', lastFrom: 'me' })]), NOW);
    const ben = await byThread(db, 'x', '1-2');
    expect(ben).toMatchObject({ status: 'open', firstResponseMs: 2 * HOUR - 5 * MIN, lastOutboundAt: NOW - 5 * MIN });
    expect(ben?.waitingSince).toBeUndefined();
    expect(await db.responseEvents.toArray()).toEqual([
      expect.objectContaining({ inboundAt: NOW - 2 * HOUR, answeredAt: NOW - 5 * MIN }),
    ]);
  });

  it('leaves a wait the thread dated after the row time (the list not caught up yet)', async () => {
    const db = freshDatabase();
    await trackPageReport(db, messengerThread([{ key: 'a1', direction: 'inbound', timeLabel: '2:10 PM' }]), NOW);
    await mergeInboxReport(
      db,
      report('facebook', [row('Anna Berger', { threadId: '7720394857261', timeLabel: '1d', lastFrom: 'me' })]),
      NOW,
    );
    expect(await byThread(db, 'facebook', '7720394857261')).toMatchObject({ status: 'waiting' });
  });
});

describe('rows and threads are one conversation', () => {
  it('a row that links to its thread: opening the thread afterwards keeps one conversation, which it now knows', async () => {
    const db = freshDatabase();
    await mergeInboxReport(
      db,
      report('facebook', [row('Anna Berger', { threadId: '7720394857261', timeLabel: '3h' })]),
      NOW,
    );
    await trackPageReport(db, messengerThread([{ key: 'a1', direction: 'inbound', timeLabel: '11:52 AM' }]), NOW);
    const conversations = await db.conversations.toArray();
    expect(conversations).toHaveLength(1);
    expect(conversations[0]?.listOnly).toBeUndefined();
    // The contact made for the row went: the thread names her by her profile.
    expect((await db.contacts.toArray()).map((contact) => contact.platformId)).toEqual([
      'https://www.facebook.com/anna.berger.77/',
    ]);
    await trackPageReport(
      db,
      messengerThread([
        { key: 'a1', direction: 'inbound', timeLabel: '11:52 AM' },
        { key: 'o1', direction: 'outbound' },
      ]),
      NOW + MIN,
    );
    expect(await needsReplyCount(db, NOW + MIN)).toEqual({ count: 0, overdue: 0 });
  });

  it('a list and its thread reported at the same moment (a thread page opening) still keep one contact', async () => {
    const db = freshDatabase();
    await Promise.all([
      mergeInboxReport(
        db,
        report('facebook', [row('Anna Berger', { threadId: '7720394857261', timeLabel: '3h' })]),
        NOW,
      ),
      trackPageReport(db, messengerThread([{ key: 'a1', direction: 'inbound', timeLabel: '11:52 AM' }]), NOW),
    ]);
    expect(await db.conversations.count()).toBe(1);
    expect((await db.contacts.toArray()).map((contact) => contact.platformId)).toEqual([
      'https://www.facebook.com/anna.berger.77/',
    ]);
  });

  it("an Instagram row known by its avatar's handle joins the thread of that handle", async () => {
    const db = freshDatabase();
    await mergeInboxReport(
      db,
      report('instagram', [row('Anna Berger', { handle: 'anna.berger', timeLabel: '3h' })]),
      NOW,
    );
    expect(await byThread(db, 'instagram', rowKey(row('Anna Berger', { handle: 'anna.berger' })))).toBeDefined();
    await trackPageReport(db, threadSnapshot({ messages: [{ key: 'a1', direction: 'inbound' }] }), NOW);
    const conversations = await db.conversations.toArray();
    expect(conversations.map((c) => c.threadId)).toEqual(['111']);
    // The next list report finds the thread's conversation: no new entry.
    await mergeInboxReport(
      db,
      report('instagram', [row('Anna Berger', { handle: 'anna.berger', timeLabel: '4h' })]),
      NOW,
    );
    expect(await db.conversations.count()).toBe(1);
  });
});

describe('LinkedIn rows without links or ids', () => {
  const anna = row('Anna Berger', { avatarShape: 'mabc', timeLabel: 'Mon' });
  const linkedinThread = (threadId: string, name: string) =>
    threadSnapshot({
      platform: 'linkedin',
      url: `https://www.linkedin.com/messaging/thread/${threadId}/`,
      threadId,
      participant: { name, profileUrl: 'https://www.linkedin.com/in/anna-berger-4711/' },
      messages: [{ key: 'urn1', direction: 'inbound' }],
      composerKind: 'linkedin-message',
    });

  it('stay separate "seen in inbox" entries, even beside the thread of someone with the same name', async () => {
    const db = freshDatabase();
    await trackPageReport(db, linkedinThread('2-T1', 'Anna Berger'), NOW);
    // The open thread is Anna's, but the list marks no row as open: the rows are not linked on a guess.
    await mergeInboxReport(
      db,
      report('linkedin', [anna, row('Anna Berger', { avatarShape: 'none', timeLabel: 'Sun' })], {
        openThread: { threadId: '2-T1', name: 'Anna Berger' },
      }),
      NOW,
    );
    const conversations = await db.conversations.toArray();
    expect(conversations).toHaveLength(3);
    expect(conversations.filter((c) => c.threadId.startsWith(INBOX_ENTRY_PREFIX) && c.listOnly)).toHaveLength(2);
  });

  it('two rows that show the same name and the same avatar cannot be told apart: neither is merged', async () => {
    const db = freshDatabase();
    const result = await mergeInboxReport(db, report('linkedin', [anna, { ...anna, timeLabel: 'Sun' }]), NOW);
    expect(result).toEqual({ merged: 0, indistinct: 2 });
    expect(await db.conversations.count()).toBe(0);
  });

  it('are linked to the thread once the list marks the row open beside that thread', async () => {
    const db = freshDatabase();
    await mergeInboxReport(db, report('linkedin', [anna]), NOW);
    const entry = await byThread(db, 'linkedin', rowKey(anna));
    await db.conversations.update(entry?.id as string, { tags: ['vip'] });
    await trackPageReport(db, linkedinThread('2-T1', 'Anna Berger'), NOW + MIN);
    expect(await db.conversations.count()).toBe(2);
    await mergeInboxReport(
      db,
      report('linkedin', [{ ...anna, active: true }], { openThread: { threadId: '2-T1', name: 'Anna Berger' } }),
      NOW + MIN,
    );
    const [only, ...more] = await db.conversations.toArray();
    expect(more).toEqual([]);
    expect(only).toMatchObject({ threadId: '2-T1', inboxKey: rowKey(anna), tags: ['vip'] });
    // The row's contact went with its entry; later reports of the row find the thread's conversation.
    expect(await db.contacts.count()).toBe(1);
    await mergeInboxReport(db, report('linkedin', [anna]), NOW + 2 * MIN);
    expect(await db.conversations.count()).toBe(1);
  });

  it("an open row whose name is not the open thread's is not linked", async () => {
    const db = freshDatabase();
    await trackPageReport(db, linkedinThread('2-T1', 'Anna Berger'), NOW);
    await mergeInboxReport(
      db,
      report('linkedin', [{ ...row('Ben Okafor', { timeLabel: 'Mon' }), active: true }], {
        openThread: { threadId: '2-T1', name: 'Anna Berger' },
      }),
      NOW,
    );
    const entries = (await db.conversations.toArray()).map((c) => c.threadId.startsWith(INBOX_ENTRY_PREFIX));
    expect(entries.sort()).toEqual([false, true]);
  });
});

describe('what a list report leaves alone', () => {
  it('a row that disappears from the list changes nothing', async () => {
    const db = freshDatabase();
    const rows = [row('Ben', { threadId: '1-2', timeLabel: '2h' }), row('Cem', { threadId: '1-3', timeLabel: '3h' })];
    await mergeInboxReport(db, report('x', rows), NOW);
    const before = await byThread(db, 'x', '1-3');
    await mergeInboxReport(db, report('x', rows.slice(0, 1)), NOW + HOUR);
    expect(await byThread(db, 'x', '1-3')).toEqual(before);
  });

  it('stores nothing of a row but the visible name (no labels, no avatar shapes, no previews)', async () => {
    const db = freshDatabase();
    await mergeInboxReport(
      db,
      report('linkedin', [
        row('Anna Berger', { avatarShape: 'mSHAPE1', timeLabel: 'Mon', unread: true }),
        row('Ben Okafor', { avatarShape: 'mSHAPE2', timeLabel: 'Nov 20', lastFrom: 'me' }),
      ]),
      NOW,
    );
    const stored = JSON.stringify(await Promise.all(db.tables.map((table) => table.toArray())));
    for (const shown of ['mSHAPE1', 'mSHAPE2', 'Mon', 'Nov 20']) expect(stored).not.toContain(shown);
    expect(stored).toContain('Anna Berger');
  });

  it('a list from a page of another platform is refused', async () => {
    const db = freshDatabase();
    const merge = (seen: InboxReport) => mergeInboxReport(db, seen, NOW);
    await expect(
      handleInboxReport(
        report('linkedin', [anna()]),
        { caller: 'content', url: 'https://x.com/i/chat', tabId: 1, frameId: 0 },
        merge,
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await db.conversations.count()).toBe(0);
  });
});

function anna() {
  return row('Anna Berger', { timeLabel: 'Mon' });
}
