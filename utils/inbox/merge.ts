import type { SidekickDatabase } from '../db/database';
import { addConversation, recordConversation } from '../db/operations';
import {
  type Contact,
  ContactSchema,
  type Conversation,
  ConversationSchema,
  newId,
  ResponseEventSchema,
} from '../db/schema';
import { cyrb53 } from '../hash';
import { INBOX_ENTRY_PREFIX, type Platform } from '../platforms/sites';
import type { InboxReport, InboxRow, PageSnapshot } from '../platforms/types';
import { answerWait, breachDeadline, FALLBACK_LANGUAGE, openWait } from '../sla/tracking';
import { latestInstant, parseTimeLabel } from '../time/labels';

/**
 * Inbox capture (issue #16): the rows of a platform's conversation list merged into conversations, in the
 * background, one transaction per report. The rules:
 * - A row is its conversation by the thread it links to; without a link, by the handle its avatar names
 *   (one person, one conversation); without either (LinkedIn), by what it shows: name and avatar shape
 *   (`rowKey`). Such a row is linked to its thread only when the list marks it as the open conversation and
 *   the open thread shows the same name; until then it stays a separate "seen in inbox" entry, never merged
 *   on a guess. Two rows of one report with the same key cannot be told apart: both are left out.
 * - Theirs last: the conversation waits since the row's time (the latest instant its label allows, with the
 *   label's precision), unless a better time is known (the thread's own) or our answer came after it.
 *   Read or unread: reading is not answering (the unread marker is kept besides).
 * - Mine last: the wait is answered, unless the thread dates the wait after that row's time.
 * - A conversation known only from a list is marked `listOnly` until its thread is read.
 * - A row that is no longer in the list changes nothing; nothing of a row but the visible name is stored.
 */

/** What identifies a row without a thread link: its handle, else its name and avatar shape (a digest). */
export function rowKey(row: InboxRow): string {
  return `${INBOX_ENTRY_PREFIX}${cyrb53(row.handle ? `handle\u241f${row.handle}` : `shown\u241f${row.name}\u241f${row.avatarShape ?? 'none'}`)}`;
}

export type InboxMergeResult = {
  /** Rows applied to a conversation. */
  merged: number;
  /** Rows left out because another row of the report had the same key. */
  indistinct: number;
};

export async function mergeInboxReport(
  db: SidekickDatabase,
  report: InboxReport,
  now: number,
): Promise<InboxMergeResult> {
  const language = report.pageLanguage ?? FALLBACK_LANGUAGE;
  const keys = report.rows.map((row) => (row.threadId ? undefined : rowKey(row)));
  const counts = new Map<string, number>();
  for (const key of keys) if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  return db.transaction(
    'rw',
    [db.contacts, db.conversations, db.notes, db.responseEvents, db.settings, db.tags],
    async () => {
      const result: InboxMergeResult = { merged: 0, indistinct: 0 };
      // Which conversations rows without a link were joined to (inboxKey → id): one walk per report, not per row.
      const linked = new Map<string, string>();
      if (keys.some(Boolean)) {
        await db.conversations
          .where('platform')
          .equals(report.platform)
          .each((conversation) => conversation.inboxKey && linked.set(conversation.inboxKey, conversation.id));
      }
      for (const [i, row] of report.rows.entries()) {
        const key = keys[i];
        if (key && (counts.get(key) ?? 0) > 1) {
          result.indistinct++;
          continue;
        }
        const conversation = await conversationOf(db, report, row, key, linked, now);
        if (key && conversation.inboxKey === key) linked.set(key, conversation.id);
        await applyRow(db, conversation, row, language, now);
        result.merged++;
      }
      return result;
    },
  );
}

/**
 * The background's record of a thread report (in place of recordConversation): a conversation known only
 * from a list is now known from its thread; the contact made for its list row goes when the thread names
 * the person otherwise. A "seen in inbox" entry of the same contact (a row known by the person's handle,
 * which the thread shows too) is this thread: it joins it, so one person's conversation is listed once.
 */
export async function recordThreadConversation(
  db: SidekickDatabase,
  snapshot: PageSnapshot,
  now: number,
): Promise<string | undefined> {
  const { platform, threadId } = snapshot;
  // One transaction from the look-up on: a list report of the same page (it arrives with the thread's
  // own) could otherwise make the row's conversation in between, and its contact would be left behind.
  return db.transaction('rw', [db.contacts, db.conversations, db.notes, db.responseEvents], async () => {
    const before = snapshot.state === 'thread' && threadId ? await findByThread(db, platform, threadId) : undefined;
    const id = await recordConversation(db, snapshot, now);
    if (!id) return id;
    const current = await db.conversations.get(id);
    if (!current) return id;
    const entries = (await db.conversations.where('contactId').equals(current.contactId).toArray()).filter(
      (other) => other.id !== id && other.listOnly && other.threadId.startsWith(INBOX_ENTRY_PREFIX),
    );
    const [entry, ...others] = entries;
    if (!current.listOnly && !(entry && others.length === 0)) return id;
    const { listOnly: _fromList, ...next } = current;
    if (entry && others.length === 0) {
      await dropEntry(db, entry);
      next.tags = [...new Set([...next.tags, ...entry.tags])];
      next.inboxKey = entry.threadId;
    }
    await save(db, { ...next, updatedAt: now });
    if (before && before.contactId !== current.contactId) await dropListContact(db, before.contactId);
    return id;
  });
}

// ---- helpers (inside the caller's transaction) --------------------------------------------------

const findByThread = (db: SidekickDatabase, platform: Platform, threadId: string) =>
  db.conversations.where('[platform+threadId]').equals([platform, threadId]).first();

/** The row's conversation: found by link, handle or key, linked to the open thread, or new (listOnly). */
async function conversationOf(
  db: SidekickDatabase,
  report: InboxReport,
  row: InboxRow,
  key: string | undefined,
  linked: ReadonlyMap<string, string>,
  now: number,
): Promise<Conversation> {
  const { platform } = report;
  if (row.threadId)
    return (await findByThread(db, platform, row.threadId)) ?? newEntry(db, platform, row, row.threadId, now);
  const entryKey = key as string;
  const open = report.openThread;
  if (row.active && open && open.name === row.name)
    return linkToThread(db, platform, row, entryKey, open.threadId, now);
  const linkedId = linked.get(entryKey);
  const joined = linkedId === undefined ? undefined : await db.conversations.get(linkedId);
  if (joined) return joined;
  const entry = await findByThread(db, platform, entryKey);
  if (entry) return entry;
  if (row.handle) {
    // A handle names one person: their one conversation read from its thread is this row's.
    const contact = await db.contacts.where('[platform+platformId]').equals([platform, row.handle]).first();
    const theirs = contact ? await db.conversations.where('contactId').equals(contact.id).toArray() : [];
    const [only, ...more] = theirs.filter((conversation) => !conversation.listOnly);
    if (only && more.length === 0) return save(db, { ...only, inboxKey: entryKey });
  }
  return newEntry(db, platform, row, entryKey, now);
}

/**
 * The list marks this row as the conversation open beside it, and the open thread shows the same name: the
 * row's entry and the thread are one conversation. The entry's tags join the thread's conversation.
 */
async function linkToThread(
  db: SidekickDatabase,
  platform: Platform,
  row: InboxRow,
  key: string,
  threadId: string,
  now: number,
): Promise<Conversation> {
  const [thread, entry] = await Promise.all([findByThread(db, platform, threadId), findByThread(db, platform, key)]);
  if (thread) {
    if (entry && entry.id !== thread.id) await dropEntry(db, entry);
    const tags = [...new Set([...thread.tags, ...(entry?.tags ?? [])])];
    return save(db, { ...thread, tags, inboxKey: key });
  }
  if (entry) return save(db, { ...entry, threadId, inboxKey: key });
  return newEntry(db, platform, row, threadId, now, key);
}

/** A conversation known only from its list row, with a contact for the row's person. */
async function newEntry(
  db: SidekickDatabase,
  platform: Platform,
  row: InboxRow,
  threadId: string,
  now: number,
  inboxKey?: string,
): Promise<Conversation> {
  const platformId = row.handle ?? `${INBOX_ENTRY_PREFIX}${cyrb53(`${threadId}\u241f${row.name}`)}`;
  let contact: Contact | undefined = await db.contacts
    .where('[platform+platformId]')
    .equals([platform, platformId])
    .first();
  if (!contact) {
    contact = ContactSchema.parse({
      id: newId(),
      platform,
      platformId,
      displayName: row.name,
      ...(row.handle && { handle: row.handle }),
      createdAt: now,
      updatedAt: now,
    });
    await db.contacts.add(contact);
  }
  return addConversation(
    db,
    { platform, threadId, contactId: contact.id, listOnly: true, ...(inboxKey && { inboxKey }) },
    now,
  );
}

async function save(db: SidekickDatabase, conversation: Conversation): Promise<Conversation> {
  const stored = ConversationSchema.parse(conversation);
  await db.conversations.put(stored);
  return stored;
}

/** A "seen in inbox" entry that turned out to be a thread's conversation: it goes, with its waits. */
async function dropEntry(db: SidekickDatabase, entry: Conversation): Promise<void> {
  await db.responseEvents.where('conversationId').equals(entry.id).delete();
  await db.conversations.delete(entry.id);
  await dropListContact(db, entry.contactId);
}

/** A contact made for a list row goes once no conversation and no note refers to it. */
async function dropListContact(db: SidekickDatabase, contactId: string): Promise<void> {
  const contact = await db.contacts.get(contactId);
  if (!contact?.platformId.startsWith(INBOX_ENTRY_PREFIX)) return;
  const [conversations, notes] = await Promise.all([
    db.conversations.where('contactId').equals(contactId).count(),
    db.notes.where('contactId').equals(contactId).count(),
  ]);
  if (conversations === 0 && notes === 0) await db.contacts.delete(contactId);
}

/** The row's time: the latest instant its label allows, and how precise the label is. */
function rowTime(row: InboxRow, language: string, now: number) {
  const parsed = row.timeLabel ? parseTimeLabel(row.timeLabel, { language, now }) : undefined;
  return parsed?.kind === 'known'
    ? { at: Math.min(latestInstant(parsed), now), precision: parsed.precision }
    : undefined;
}

const stopWaiting = (conversation: Conversation) => {
  delete conversation.waitingSince;
  delete conversation.waitingSinceSource;
  delete conversation.waitingSincePrecision;
  delete conversation.nextDeadline;
};

async function applyRow(
  db: SidekickDatabase,
  conversation: Conversation,
  row: InboxRow,
  language: string,
  now: number,
) {
  const next: Conversation = { ...conversation, unread: row.unread };
  const time = rowTime(row, language, now);
  const at = time?.at ?? now;
  // Done and snoozed are the person's decisions: a list cannot tell whether its message is newer than them.
  const decided = next.status === 'done' || next.status === 'snoozed';
  if (row.lastFrom === 'them' && !decided && !(next.lastOutboundAt !== undefined && at <= next.lastOutboundAt)) {
    next.lastInboundAt = Math.max(next.lastInboundAt ?? 0, at);
    const coarse = next.waitingSinceSource !== 'page';
    if (next.waitingSince === undefined || (coarse && at < next.waitingSince)) {
      const event = next.waitingSince === undefined ? undefined : await openWait(db, next.id, next.waitingSince);
      await db.responseEvents.put(
        ResponseEventSchema.parse({
          ...(event ?? { id: newId(), conversationId: next.id }),
          inboundAt: at,
          // A list time is an upper bound, as a first-seen time is: the wait is at least that long.
          inboundSource: 'observed',
        }),
      );
      next.waitingSince = at;
      next.waitingSinceSource = time ? 'list' : 'observed';
      if (time) next.waitingSincePrecision = time.precision;
      else delete next.waitingSincePrecision;
      next.nextDeadline = await breachDeadline(db, next, at);
      if (next.status === 'open') next.status = 'waiting';
    }
  }
  if (row.lastFrom === 'me') {
    const waited = next.waitingSince;
    // The thread dated the wait after this row's answer: the list has not caught up with it yet.
    const stale = waited !== undefined && next.waitingSinceSource === 'page' && time !== undefined && time.at < waited;
    let answeredAt = time?.at;
    if (waited !== undefined && !decided && !stale) {
      answeredAt = Math.max(waited, at);
      await answerWait(db, next, waited, answeredAt);
      next.firstResponseMs ??= answeredAt - waited;
      stopWaiting(next);
      if (next.status === 'waiting') next.status = 'open';
    }
    if (answeredAt !== undefined && answeredAt > (next.lastOutboundAt ?? 0)) next.lastOutboundAt = answeredAt;
  }
  next.updatedAt = now;
  await save(db, next);
}
