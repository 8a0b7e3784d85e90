import { describe, expect, it } from 'vitest';
import { SidekickDatabase } from '@/utils/db/database';
import { recordConversation } from '@/utils/db/operations';
import type { SeenMessage } from '@/utils/platforms/types';
import { checkDeadlines, remindAt, snoozeConversation } from '@/utils/sla/alarms';
import { SlaError } from '@/utils/sla/errors';
import { trackMessages } from '@/utils/sla/tracking';
import { freshDatabase, threadSnapshot } from '../db/helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-03-02T08:00:00Z');
const inn = (key: string): SeenMessage => ({ key, direction: 'inbound' });
const out = (key: string): SeenMessage => ({ key, direction: 'outbound' });
const at = (iso: string) => Date.parse(iso);

async function waitingConversation(db: SidekickDatabase, threadId = '111') {
  const id = await recordConversation(db, threadSnapshot({ threadId }), T0);
  if (!id) throw new Error('conversation expected');
  await trackMessages(db, id, [out(`${threadId}-o1`), inn(`${threadId}-i1`)], T0); // Customer service: 2 h / 4 h
  return id;
}

const ids = (conversations: { id: string }[]) => conversations.map((c) => c.id);

describe('checkDeadlines', () => {
  it('counts overdue waits and notifies each breach once, also across a worker restart', async () => {
    const db = freshDatabase();
    const id = await waitingConversation(db);
    expect(await checkDeadlines(db, T0 + HOUR)).toEqual({ overdueCount: 0, newlyBreached: [], dueReminders: [] });
    expect(await checkDeadlines(db, T0 + 2 * HOUR)).toEqual({ overdueCount: 1, newlyBreached: [], dueReminders: [] });

    const breach = await checkDeadlines(db, T0 + 4 * HOUR);
    expect(breach.overdueCount).toBe(1);
    expect(breach.newlyBreached).toEqual([expect.objectContaining({ id, breachNotifiedAt: T0 + 4 * HOUR })]);
    expect((await checkDeadlines(db, T0 + 4 * HOUR + MIN)).newlyBreached).toEqual([]);

    db.close();
    const restarted = new SidekickDatabase(db.name);
    expect(await checkDeadlines(restarted, T0 + 5 * HOUR)).toEqual({
      overdueCount: 1,
      newlyBreached: [],
      dueReminders: [],
    });

    // Answered, then a new wait: its breach is a new one.
    await trackMessages(restarted, id, [inn(`111-i1`), out('111-o2')], T0 + 5 * HOUR);
    expect((await checkDeadlines(restarted, T0 + 5 * HOUR)).overdueCount).toBe(0);
    await trackMessages(restarted, id, [out('111-o2'), inn('111-i2')], T0 + 6 * HOUR);
    expect(ids((await checkDeadlines(restarted, T0 + 10 * HOUR)).newlyBreached)).toEqual([id]);
    expect(ids((await checkDeadlines(restarted, T0 + 11 * HOUR)).newlyBreached)).toEqual([]);
    restarted.close();
  });

  it('lists the most overdue breach first and leaves done and snoozed conversations out', async () => {
    const db = freshDatabase();
    const first = await waitingConversation(db, 'a');
    const done = await waitingConversation(db, 'b');
    const snoozed = await waitingConversation(db, 'c');
    await db.conversations.update(done, { status: 'done' });
    await snoozeConversation(db, snoozed, T0 + 24 * HOUR, T0);
    const id = await recordConversation(db, threadSnapshot({ threadId: 'd' }), T0);
    if (!id) throw new Error('conversation expected');
    await trackMessages(db, id, [inn('d-i1')], T0 + 30 * MIN);
    const check = await checkDeadlines(db, T0 + 5 * HOUR);
    expect(check.overdueCount).toBe(2);
    expect(ids(check.newlyBreached)).toEqual([first, id]);
  });

  it('fires a snooze reminder once, after a worker restart, and marks a breach it brings along', async () => {
    const db = freshDatabase();
    const quiet = await recordConversation(db, threadSnapshot({ threadId: 'quiet' }), T0);
    const waiting = await waitingConversation(db, 'busy');
    if (!quiet) throw new Error('conversation expected');
    await snoozeConversation(db, quiet, remindAt('in-1-hour', T0, 'Europe/Berlin'), T0);
    await snoozeConversation(db, waiting, T0 + 6 * HOUR, T0);
    // Snoozed: the breach at T0 + 4 h is not notified, nor counted.
    expect(await checkDeadlines(db, T0 + 59 * MIN)).toEqual({ overdueCount: 0, newlyBreached: [], dueReminders: [] });
    db.close();

    const restarted = new SidekickDatabase(db.name);
    const first = await checkDeadlines(restarted, T0 + HOUR);
    expect(first.dueReminders).toEqual([expect.objectContaining({ id: quiet, status: 'open' })]);
    expect(first.dueReminders[0]?.snoozedUntil).toBeUndefined();
    expect((await checkDeadlines(restarted, T0 + 2 * HOUR)).dueReminders).toEqual([]);
    expect((await restarted.conversations.get(quiet))?.status).toBe('open');

    const woken = await checkDeadlines(restarted, T0 + 6 * HOUR);
    expect(woken.dueReminders).toEqual([
      expect.objectContaining({ id: waiting, status: 'waiting', breachNotifiedAt: T0 + 6 * HOUR }),
    ]);
    expect(woken.newlyBreached).toEqual([]);
    expect(woken.overdueCount).toBe(1);
    expect((await checkDeadlines(restarted, T0 + 7 * HOUR)).newlyBreached).toEqual([]);
    restarted.close();
  });

  it('refuses a reminder in the past', async () => {
    const db = freshDatabase();
    const id = await waitingConversation(db);
    await expect(snoozeConversation(db, id, T0 - 1, T0)).rejects.toBeInstanceOf(SlaError);
    expect((await db.conversations.get(id))?.status).toBe('waiting');
  });
});

describe('remindAt', () => {
  const berlin = 'Europe/Berlin';

  it('gives the preset times in the user zone, across a DST change', () => {
    const saturdayNoon = at('2026-03-28T11:00:00Z'); // Sat 12:00 CET
    expect(remindAt('in-1-hour', saturdayNoon, berlin)).toBe(at('2026-03-28T12:00:00Z'));
    expect(remindAt('tomorrow-9', saturdayNoon, berlin)).toBe(at('2026-03-29T07:00:00Z')); // Sun 09:00 CEST
    const fridayNoon = at('2026-03-27T11:00:30Z'); // Fri 12:00:30 CET
    expect(remindAt('in-3-days', fridayNoon, berlin)).toBe(at('2026-03-30T10:00:30Z')); // Mon 12:00:30 CEST, 71 h later
    expect(remindAt('tomorrow-9', at('2026-10-24T20:00:00Z'), berlin)).toBe(at('2026-10-25T08:00:00Z')); // Sun 09:00 CET
    expect(remindAt('tomorrow-9', at('2026-03-02T12:00:00Z'), 'America/New_York')).toBe(at('2026-03-03T14:00:00Z'));
  });

  it('takes a custom time, absolute or local', () => {
    const now = at('2026-03-28T11:00:00Z');
    expect(remindAt({ at: now + 90 * MIN }, now, berlin)).toBe(now + 90 * MIN);
    expect(remindAt({ local: '2026-03-30T14:30' }, now, berlin)).toBe(at('2026-03-30T12:30:00Z'));
    expect(() => remindAt({ local: '2026-03-28T11:59' }, now, berlin)).toThrow(/future/);
    expect(() => remindAt({ at: now }, now, berlin)).toThrow(SlaError);
    expect(() => remindAt({ local: '2026-02-30T10:00' }, now, berlin)).toThrow(/no 2026-02-30T10:00/);
    expect(() => remindAt({ local: 'tomorrow' }, now, berlin)).toThrow(/looks like/);
  });
});
