import Dexie from 'dexie';
import type { SidekickDatabase } from '../db/database';
import { type Conversation, ConversationSchema } from '../db/schema';
import { because } from '../errors';
import { isOverdue } from './clock';
import { SlaError } from './errors';
import { conversationClock, loadPolicyContext } from './policy';
import { addDays, localDateTime, zonedEpoch } from './zoned';

/**
 * What the background's periodic alarm does: the overdue count for the toolbar badge, breaches to
 * notify (once each), and snoozed conversations whose reminder time has come. Everything it needs and
 * everything it marks is in the database, so a restarted worker neither misses nor repeats anything.
 */

/** Statuses whose waits count: snoozed conversations are quiet until their time, done ones are closed. */
const ACTIVE = ['open', 'waiting'] as const;

export type DeadlineCheck = {
  /** Open or waiting conversations whose wait is past its SLA target (breached ones included). */
  overdueCount: number;
  /** Waits that reached their breach time since they were last notified, most overdue first; now marked. */
  newlyBreached: Conversation[];
  /** Snoozed conversations whose `snoozedUntil` has come, now back to `waiting` (something waits) or `open`. */
  dueReminders: Conversation[];
};

export async function checkDeadlines(db: SidekickDatabase, now: number): Promise<DeadlineCheck> {
  return db.transaction('rw', [db.conversations, db.settings, db.tags], async () => {
    // Reminders first: a woken conversation that is already past its breach time gets its breach marked
    // too, so one reminder notification stands for both.
    const dueReminders = (
      await db.conversations
        .where('status')
        .equals('snoozed')
        .filter((c) => c.snoozedUntil !== undefined && c.snoozedUntil <= now)
        .toArray()
    )
      .sort((a, b) => (a.snoozedUntil ?? 0) - (b.snoozedUntil ?? 0))
      .map((conversation) => {
        const next: Conversation = {
          ...conversation,
          status: conversation.waitingSince === undefined ? 'open' : 'waiting',
          updatedAt: now,
        };
        delete next.snoozedUntil;
        if (next.nextDeadline !== undefined && next.nextDeadline <= now && !breachNotified(next)) {
          next.breachNotifiedAt = now;
        }
        return next;
      });
    await db.conversations.bulkPut(dueReminders);

    const pastBreach = (
      await Promise.all(
        ACTIVE.map((status) =>
          db.conversations
            .where('[status+nextDeadline]')
            .between([status, Dexie.minKey], [status, now], true, true)
            .toArray(),
        ),
      )
    ).flat();
    const newlyBreached = pastBreach
      .filter((c) => c.waitingSince !== undefined && !breachNotified(c))
      .sort((a, b) => (a.nextDeadline ?? 0) - (b.nextDeadline ?? 0))
      .map((conversation) => ({ ...conversation, breachNotifiedAt: now }));
    await db.conversations.bulkPut(newlyBreached);

    const { settings, tags } = await loadPolicyContext(db);
    const waiting = (
      await Promise.all(
        ACTIVE.map((status) =>
          db.conversations
            .where('[status+nextDeadline]')
            .between([status, Dexie.minKey], [status, Dexie.maxKey])
            .toArray(),
        ),
      )
    ).flat();
    let overdueCount = 0;
    for (const conversation of waiting) {
      if (conversation.waitingSince === undefined) continue;
      const { clock } = conversationClock(conversation, tags, settings, conversation.waitingSince, now);
      if (isOverdue(clock.state)) overdueCount++;
    }
    return { overdueCount, newlyBreached, dueReminders };
  });
}

/** The breach of the current wait was notified already (a marker from an earlier wait does not count). */
const breachNotified = (conversation: Conversation) =>
  conversation.breachNotifiedAt !== undefined &&
  conversation.waitingSince !== undefined &&
  conversation.breachNotifiedAt >= conversation.waitingSince;

// ---- snooze and reminders ----------------------------------------------------------------------

export type ReminderPreset =
  | 'in-1-hour'
  /** 09:00 on the next calendar day, local time. */
  | 'tomorrow-9'
  /** The same local time of day, three calendar days later (a DST change in between keeps the clock time). */
  | 'in-3-days'
  /** An absolute time (epoch ms). */
  | { at: number }
  /** A local date and time as an `<input type="datetime-local">` gives it: "2026-03-30T14:30". */
  | { local: string };

const HOUR_MS = 60 * 60_000;

const pastReminder = () =>
  new SlaError('reminder-time', 'A reminder time must lie in the future.', because('reminder-past'));

/** When a reminder set `now` with `preset` fires, in the user's `timeZone`. Throws `invalid` for a past time. */
export function remindAt(preset: ReminderPreset, now: number, timeZone: string): number {
  const at = reminderTime(preset, now, timeZone);
  if (!Number.isFinite(at) || at <= now) throw pastReminder();
  return at;
}

function reminderTime(preset: ReminderPreset, now: number, timeZone: string): number {
  if (preset === 'in-1-hour') return now + HOUR_MS;
  const local = localDateTime(now, timeZone);
  if (preset === 'tomorrow-9') return zonedEpoch(addDays(local, 1), 9 * 60, timeZone);
  if (preset === 'in-3-days') {
    const withinMinute = now - Math.floor(now / 60_000) * 60_000;
    return zonedEpoch(addDays(local, 3), local.hour * 60 + local.minute, timeZone) + withinMinute;
  }
  if ('at' in preset) return Math.round(preset.at);
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(preset.local);
  if (!match) {
    throw new SlaError('reminder-time', 'A reminder time looks like 2026-03-30T14:30.', because('reminder-malformed'));
  }
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const date = { year, month, day };
  const real = addDays(date, 0); // 2026-02-30 would roll over into March
  if (real.month !== month || real.day !== day || hour > 23 || minute > 59) {
    throw new SlaError(
      'reminder-time',
      `There is no ${preset.local}.`,
      because('reminder-no-such-time', { time: preset.local }),
    );
  }
  return zonedEpoch(date, hour * 60 + minute, timeZone);
}

/**
 * Snoozes a conversation until `until` (from remindAt). Its wait keeps running but it is left out of
 * overdue counts and breach notifications until checkDeadlines wakes it.
 */
export async function snoozeConversation(
  db: SidekickDatabase,
  id: string,
  until: number,
  now: number,
): Promise<Conversation> {
  if (!Number.isInteger(until) || until <= now) {
    throw pastReminder();
  }
  return db.transaction('rw', db.conversations, async () => {
    const conversation = await db.conversations.get(id);
    if (!conversation) {
      throw new SlaError('conversation-gone', 'That conversation no longer exists.', because('conversation-gone'));
    }
    const next = ConversationSchema.parse({ ...conversation, status: 'snoozed', snoozedUntil: until, updatedAt: now });
    await db.conversations.put(next);
    return next;
  });
}
