import { describe, expect, it } from 'vitest';
import { SidekickDatabase } from '@/utils/db/database';
import { createTag, recordConversation, updateConversation } from '@/utils/db/operations';
import type { SeenMessage } from '@/utils/platforms/types';
import { refreshDeadlines, SEEN_KEYS_LIMIT, trackMessages, trackPageReport } from '@/utils/sla/tracking';
import { freshDatabase, threadSnapshot } from '../db/helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-03-02T08:00:00Z');
const inn = (key: string): SeenMessage => ({ key, direction: 'inbound' });
const out = (key: string): SeenMessage => ({ key, direction: 'outbound' });
/** The local instant `days` from `t`'s local day at hh:mm (labels are read in the browser's zone). */
const labelled = (t: number, days: number, hh: number, mm: number) => {
  const day = new Date(t);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + days, hh, mm).getTime();
};

async function setup() {
  const db = freshDatabase();
  const id = await recordConversation(db, threadSnapshot(), T0);
  if (!id) throw new Error('conversation expected');
  const get = async () => {
    const conversation = await db.conversations.get(id);
    if (!conversation) throw new Error('conversation gone');
    return conversation;
  };
  const events = () => db.responseEvents.where('conversationId').equals(id).sortBy('inboundAt');
  return { db, id, get, events };
}

describe('response tracking from page reports', () => {
  it('starts the timer for the customer messages after the last outbound one', async () => {
    const { db, id, get, events } = await setup();
    const result = await trackMessages(db, id, [inn('i0'), out('o1'), inn('i1'), inn('i2')], T0);
    expect(result).toMatchObject({ position: 'first-sight', newMessages: 4, startedWaiting: true });
    expect(await get()).toMatchObject({
      status: 'waiting',
      waitingSince: T0,
      lastInboundAt: T0,
      lastOutboundAt: T0,
      nextDeadline: T0 + 4 * HOUR, // Customer service, the default: breach after 4 h
    });
    expect((await get()).firstResponseMs).toBeUndefined();
    expect(await events()).toEqual([
      { id: expect.any(String), conversationId: id, inboundAt: T0, inboundSource: 'observed' },
    ]);
  });

  it('starts nothing when the first report ends with our own message', async () => {
    const { db, id, get, events } = await setup();
    await trackMessages(db, id, [inn('i1'), out('o1')], T0);
    const conversation = await get();
    expect(conversation.status).toBe('open');
    expect(conversation.waitingSince).toBeUndefined();
    expect(conversation.nextDeadline).toBeUndefined();
    expect(await events()).toEqual([]);
  });

  it('does not count the same report twice, and keeps the oldest unanswered message as waiting since', async () => {
    const { db, id, get, events } = await setup();
    const window = [out('o1'), inn('i1'), inn('i2')];
    await trackMessages(db, id, window, T0);
    const before = await get();
    const again = await trackMessages(db, id, window, T0 + 5 * MIN);
    expect(again).toMatchObject({ position: 'anchored', newMessages: 0, startedWaiting: false });
    expect(await get()).toEqual(before); // not even updatedAt moved

    await trackMessages(db, id, [...window, inn('i3')], T0 + 10 * MIN);
    expect(await get()).toMatchObject({ waitingSince: T0, lastInboundAt: T0 + 10 * MIN, status: 'waiting' });
    expect(await events()).toHaveLength(1);
  });

  it('does not take re-virtualized rows for new messages', async () => {
    const { db, id, get, events } = await setup();
    await trackMessages(db, id, [inn('h9'), out('o1'), inn('i1'), inn('i2')], T0);
    const before = await get();
    // Scrolled up: older rows appear above, the newest rows are unmounted.
    expect(await trackMessages(db, id, [inn('h7'), out('h8'), inn('h9'), out('o1')], T0 + MIN)).toMatchObject({
      position: 'anchored',
      newMessages: 0,
    });
    // Far up: nothing in the window was seen before; it cannot be placed, so it changes nothing.
    expect(await trackMessages(db, id, [inn('h1'), out('h2'), inn('h3')], T0 + 2 * MIN)).toMatchObject({
      position: 'unanchored',
      newMessages: 0,
    });
    // Back down: the same rows reappear.
    expect(
      await trackMessages(db, id, [out('h8'), inn('h9'), out('o1'), inn('i1'), inn('i2')], T0 + 3 * MIN),
    ).toMatchObject({
      newMessages: 0,
    });
    expect(await get()).toEqual(before);
    expect(await events()).toHaveLength(1);
  });

  it('stops the timer on an answer and records the response time, once', async () => {
    const { db, id, get, events } = await setup();
    await trackMessages(db, id, [out('o1'), inn('i1'), inn('i2')], T0);
    const result = await trackMessages(db, id, [out('o1'), inn('i1'), inn('i2'), out('o2')], T0 + 30 * MIN);
    expect(result?.answered).toEqual({
      id: expect.any(String),
      conversationId: id,
      inboundAt: T0,
      inboundSource: 'observed',
      answeredAt: T0 + 30 * MIN,
    });
    const answered = await get();
    expect(answered).toMatchObject({ status: 'open', firstResponseMs: 30 * MIN, lastOutboundAt: T0 + 30 * MIN });
    expect(answered.waitingSince).toBeUndefined();
    expect(answered.nextDeadline).toBeUndefined();
    await trackMessages(db, id, [inn('i2'), out('o2')], T0 + 31 * MIN);
    expect(await events()).toEqual([
      {
        id: expect.any(String),
        conversationId: id,
        inboundAt: T0,
        inboundSource: 'observed',
        answeredAt: T0 + 30 * MIN,
      },
    ]);

    // A second wait: its own response time; the first response time stays the first.
    await trackMessages(db, id, [out('o2'), inn('i3')], T0 + 60 * MIN);
    expect(await get()).toMatchObject({ status: 'waiting', waitingSince: T0 + 60 * MIN });
    await trackMessages(db, id, [out('o2'), inn('i3'), out('o3'), out('o4')], T0 + 75 * MIN);
    expect(await get()).toMatchObject({ status: 'open', firstResponseMs: 30 * MIN });
    expect((await events()).map((e) => (e.answeredAt ?? 0) - e.inboundAt)).toEqual([30 * MIN, 15 * MIN]);
  });

  it('records no response time for a message answered while the page was not watched', async () => {
    const { db, id, get, events } = await setup();
    await trackMessages(db, id, [out('o1')], T0);
    await trackMessages(db, id, [out('o1'), inn('i1'), out('o2')], T0 + HOUR);
    expect(await get()).toMatchObject({ status: 'open', lastInboundAt: T0 + HOUR, lastOutboundAt: T0 + HOUR });
    expect((await get()).waitingSince).toBeUndefined();
    expect(await events()).toEqual([]);
  });

  it('reopens a done conversation on a new customer message, starting a fresh wait', async () => {
    const { db, id, get, events } = await setup();
    await trackMessages(db, id, [out('o1'), inn('i1')], T0);
    await updateConversation(db, id, { status: 'done' }); // closed without answering here
    await trackMessages(db, id, [out('o1'), inn('i1')], T0 + HOUR);
    expect((await get()).status).toBe('done');
    await trackMessages(db, id, [out('o1'), inn('i1'), inn('i2')], T0 + 2 * HOUR);
    expect(await get()).toMatchObject({ status: 'waiting', waitingSince: T0 + 2 * HOUR, nextDeadline: T0 + 6 * HOUR });
    expect((await events()).map((e) => e.inboundAt)).toEqual([T0 + 2 * HOUR]);

    // done with nothing waiting: reopened the same way.
    await trackMessages(db, id, [inn('i2'), out('o2')], T0 + 3 * HOUR);
    await updateConversation(db, id, { status: 'done' });
    await trackMessages(db, id, [out('o2'), inn('i3')], T0 + 4 * HOUR);
    expect(await get()).toMatchObject({ status: 'waiting', waitingSince: T0 + 4 * HOUR });
  });

  it('keeps a snoozed conversation snoozed while its wait runs', async () => {
    const { db, id, get } = await setup();
    await trackMessages(db, id, [out('o1')], T0);
    await updateConversation(db, id, { status: 'snoozed', snoozedUntil: T0 + 5 * HOUR });
    await trackMessages(db, id, [out('o1'), inn('i1')], T0 + HOUR);
    expect(await get()).toMatchObject({ status: 'snoozed', waitingSince: T0 + HOUR, snoozedUntil: T0 + 5 * HOUR });
    await trackMessages(db, id, [out('o1'), inn('i1'), out('o2')], T0 + 2 * HOUR);
    expect(await get()).toMatchObject({ status: 'snoozed', firstResponseMs: HOUR });
  });

  it('keeps counting right after a service-worker restart (a new database connection)', async () => {
    const { db, id } = await setup();
    await trackMessages(db, id, [out('o1'), inn('i1')], T0);
    db.close();
    const restarted = new SidekickDatabase(db.name);
    expect(await trackMessages(restarted, id, [out('o1'), inn('i1')], T0 + MIN)).toMatchObject({ newMessages: 0 });
    const result = await trackMessages(restarted, id, [inn('i1'), out('o2')], T0 + 20 * MIN);
    expect(result?.answered).toMatchObject({ inboundAt: T0, answeredAt: T0 + 20 * MIN });
    expect(await restarted.responseEvents.count()).toBe(1);
    restarted.close();
  });

  it('keeps a bounded list of digests, never the keys themselves', async () => {
    const { db, id, get } = await setup();
    const many = Array.from({ length: 100 }, (_, i) => (i % 2 ? out(`message-key-${i}`) : inn(`message-key-${i}`)));
    await trackMessages(db, id, many, T0);
    const conversation = await get();
    expect(conversation.seenKeys).toHaveLength(SEEN_KEYS_LIMIT);
    expect(JSON.stringify(conversation)).not.toContain('message-key');
    // The newest 64 are known: a window of the last 30 is anchored and new.
    expect(await trackMessages(db, id, [...many.slice(70), inn('next')], T0 + MIN)).toMatchObject({
      position: 'anchored',
      newMessages: 1,
      startedWaiting: true,
    });
  });

  it('takes deadlines from the tag policy and refreshes them when the policy changes', async () => {
    const { db, id, get } = await setup();
    const lead = await createTag(db, { name: 'Lead', slaPolicyId: 'sales' });
    await updateConversation(db, id, { tags: [lead.id] });
    await trackMessages(db, id, [inn('i1')], T0);
    expect((await get()).nextDeadline).toBe(T0 + 48 * HOUR);
    await updateConversation(db, id, { slaPolicyId: 'facebook-very-responsive' });
    expect(await refreshDeadlines(db, [id])).toBe(1);
    expect((await get()).nextDeadline).toBe(T0 + 15 * MIN);
    expect(await refreshDeadlines(db)).toBe(0);
  });

  it('tracks a whole page report: conversation, contact and messages', async () => {
    const db = freshDatabase();
    const snapshot = threadSnapshot({ messages: [out('o1'), { ...inn('i1'), timeLabel: '6:14 PM' }] });
    const result = await trackPageReport(db, snapshot, T0);
    expect(result?.conversation).toMatchObject({
      platform: 'instagram',
      threadId: '111',
      status: 'waiting',
      // The page's "6:14 PM" is ahead of 08:00 UTC today in any zone up to UTC+10: yesterday's.
      waitingSince: labelled(T0, -1, 18, 14),
      waitingSinceSource: 'page',
    });
    expect(await trackPageReport(db, threadSnapshot({ state: 'no-conversation', threadId: null }), T0)).toBeUndefined();
    expect(await trackPageReport(db, snapshot, T0 + MIN)).toMatchObject({ newMessages: 0 });
  });
});

describe('response tracking on the page clock', () => {
  /** 9:00 local on 2 March 2026: the community manager opens the inbox. */
  const NINE = new Date(2026, 2, 2, 9, 0).getTime();
  const label = (message: SeenMessage, timeLabel: string): SeenMessage => ({ ...message, timeLabel });

  it('waits since the label of the oldest unanswered message: 23:10 the night before, not 9:00', async () => {
    const { db, id, get, events } = await setup();
    await trackMessages(db, id, [label(out('o1'), 'Sun 18:02'), label(inn('i1'), '23:10'), inn('i2')], NINE, 'de');
    const since = labelled(NINE, -1, 23, 10);
    expect(await get()).toMatchObject({
      status: 'waiting',
      waitingSince: since,
      waitingSinceSource: 'page',
      nextDeadline: since + 4 * HOUR, // breached at 3:10, long before we looked
    });
    expect(await events()).toEqual([
      { id: expect.any(String), conversationId: id, inboundAt: since, inboundSource: 'page' },
    ]);
    const answered = await trackMessages(
      db,
      id,
      [label(out('o1'), 'Sun 18:02'), label(inn('i1'), '23:10'), inn('i2'), out('o2')],
      NINE + 5 * MIN,
      'de',
    );
    expect(answered?.answered).toMatchObject({ inboundAt: since, inboundSource: 'page', answeredAt: NINE + 5 * MIN });
    expect((await get()).firstResponseMs).toBe(NINE + 5 * MIN - since);
  });

  it('falls back to when the message was first seen, marked observed, when no label can be read', async () => {
    const { db, id, get, events } = await setup();
    await trackMessages(db, id, [out('o1'), label(inn('i1'), 'gleich'), inn('i2')], NINE, 'de');
    expect(await get()).toMatchObject({ waitingSince: NINE, waitingSinceSource: 'observed' });
    expect(await events()).toMatchObject([{ inboundAt: NINE, inboundSource: 'observed' }]);
  });

  it('moves a running wait and its deadline back when its message shows an earlier page time later', async () => {
    const { db, id, get, events } = await setup();
    await trackMessages(db, id, [out('o1'), inn('i1')], NINE, 'en');
    expect(await get()).toMatchObject({ waitingSince: NINE, waitingSinceSource: 'observed' });
    // The same messages, now with the label the page rendered late.
    const result = await trackMessages(db, id, [out('o1'), label(inn('i1'), '11:10 PM')], NINE + MIN, 'en');
    const since = labelled(NINE, -1, 23, 10);
    expect(result?.conversation).toMatchObject({
      waitingSince: since,
      waitingSinceSource: 'page',
      nextDeadline: since + 4 * HOUR,
    });
    expect(await get()).toEqual(result?.conversation);
    expect(await events()).toMatchObject([{ inboundAt: since, inboundSource: 'page' }]);
    expect(await events()).toHaveLength(1);
    // A later time never moves it forward.
    await trackMessages(db, id, [out('o1'), label(inn('i1'), '8:59 AM')], NINE + 2 * MIN, 'en');
    expect((await get()).waitingSince).toBe(since);
  });

  it('times a message that arrives under a label already shown above it when it is first seen', async () => {
    const { db, id, get } = await setup();
    await trackMessages(db, id, [label(inn('i1'), '7:30 AM'), label(out('o1'), '7:30 AM')], NINE, 'en');
    // The group's label is carried on (by the adapter, or here when it leaves it off): it says 7:30.
    await trackMessages(
      db,
      id,
      [label(inn('i1'), '7:30 AM'), label(out('o1'), '7:30 AM'), inn('i2')],
      NINE + 20 * MIN,
      'en',
    );
    expect(await get()).toMatchObject({ waitingSince: NINE + 20 * MIN, waitingSinceSource: 'observed' });
  });

  it('times a message under a new label by that label, but never before the answer seen last', async () => {
    const { db, id, get } = await setup();
    await trackMessages(db, id, [label(inn('i1'), '7:30 AM'), label(out('o1'), '7:30 AM')], NINE, 'en');
    await trackMessages(
      db,
      id,
      [label(inn('i1'), '7:30 AM'), label(out('o1'), '7:30 AM'), label(inn('i2'), '8:45 AM')],
      NINE + 20 * MIN,
      'en',
    );
    // 8:45 is before 9:00, when our answer was first seen: the site's clock is behind; the wait starts then.
    expect(await get()).toMatchObject({ waitingSince: NINE, waitingSinceSource: 'observed' });
    await trackMessages(
      db,
      id,
      [label(out('o1'), '7:30 AM'), label(inn('i2'), '8:45 AM'), out('o2'), label(inn('i3'), '10:02 AM')],
      labelled(NINE, 0, 10, 30),
      'en',
    );
    expect(await get()).toMatchObject({ waitingSince: labelled(NINE, 0, 10, 2), waitingSinceSource: 'page' });
  });
});
