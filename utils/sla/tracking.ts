import type { SidekickDatabase } from '../db/database';
import { type Conversation, ConversationSchema, newId, type ResponseEvent, ResponseEventSchema } from '../db/schema';
import { cyrb53 } from '../hash';
import { recordThreadConversation } from '../inbox/merge';
import type { PageSnapshot, SeenMessage } from '../platforms/types';
import { type MessageTime, messageTimes } from '../time/message-times';
import { conversationClock, loadPolicyContext } from './policy';

/**
 * Response tracking from what the page reports. A message's time is the page's own where its time
 * label pins the minute (utils/time/message-times.ts: labels carried over a group, in the page's
 * language), else the moment it was FIRST SEEN; each wait records which (`page` | `observed`: then
 * the wait is at least what the timer shows). When a later report gives the oldest unanswered message
 * an earlier page time (its label rendered late), the wait moves back to it and the deadline with it.
 *
 * What is stored (nothing lives in the worker's memory, so a restart loses nothing):
 * - `conversation.seenKeys`: digests (53-bit hash, base 36) of the newest SEEN_KEYS_LIMIT message
 *   keys, both directions, oldest first. Digests, because keys may be long and say nothing we need.
 * - `conversation.waitingSince`: the time of the customer's oldest unanswered message, and its source.
 * - one ResponseEvent per wait: `inboundAt` = waitingSince (and its source), added when the wait starts,
 *   `answeredAt` set when an outbound message answers it (when first seen). Several customer messages
 *   before one answer are one wait.
 *
 * Which reported messages are new: the report is a contiguous window of the thread, oldest first.
 * - The first report of a conversation (no digests yet) is taken as it is: the customer messages after
 *   the last outbound one wait from the first one's time; everything above is history and records no
 *   response.
 * - Later reports are anchored on the LAST message whose digest is known: only messages after it are
 *   new. Unknown rows above it (scrolled-up history, rows re-rendered by virtualization) are not.
 * - A window that contains no known message at all (scrolled far up into history, or more than a whole
 *   window of messages arrived unseen) changes nothing: it cannot be placed. Scrolling through to known
 *   messages places it again; then everything below the known ones counts as new.
 *
 * Within the new messages: an outbound one answers the current wait (answeredAt = now); the customer
 * messages after the last outbound one start a wait if none is running. A customer message followed by
 * an outbound one within the same batch was answered while we were not watching: no response time can
 * be known, so none is recorded.
 *
 * Status: a wait makes `open` → `waiting`; an answer makes `waiting` → `open`; a new customer message
 * reopens a `done` conversation as `waiting` (dropping a wait left from before it was closed); a
 * `snoozed` one stays snoozed (its wait runs; checkDeadlines wakes it at `snoozedUntil`).
 * `nextDeadline` is the breach time of the running wait, absent when nothing waits.
 */

/** How many message digests a conversation keeps: more than one rendered window, small on disk (~0.8 KB). */
export const SEEN_KEYS_LIMIT = 64;

/** A message key's digest as stored in `seenKeys` (cyrb53; the key itself is not kept). */
export function seenKeyDigest(key: string): string {
  return cyrb53(key);
}

/** How the report related to what was seen before. */
export type TrackPosition = 'first-sight' | 'anchored' | 'unanchored' | 'empty';

export type TrackResult = {
  /** The conversation as stored after this report. */
  conversation: Conversation;
  position: TrackPosition;
  /** Messages of this report counted as new (0 for a repeated or re-virtualized report). */
  newMessages: number;
  /** A wait started with this report. */
  startedWaiting: boolean;
  /** The response this report recorded (an outbound message answered a wait). */
  answered?: ResponseEvent;
};

type ReportedMessage = Pick<SeenMessage, 'key' | 'direction' | 'timeLabel'>;

/** Without a page language, the labels are read in the browser's (the site follows it by default). */
export const FALLBACK_LANGUAGE = globalThis.navigator?.language ?? 'en';

/**
 * Updates a conversation's response tracking from the messages its page shows now (oldest first).
 * Idempotent: the same report twice changes nothing the second time. One transaction, so two reports
 * arriving together (two tabs) are applied one after the other. undefined when the conversation is gone.
 */
export async function trackMessages(
  db: SidekickDatabase,
  conversationId: string,
  messages: readonly ReportedMessage[],
  now: number,
  language = FALLBACK_LANGUAGE,
): Promise<TrackResult | undefined> {
  return db.transaction('rw', [db.conversations, db.responseEvents, db.settings, db.tags], async () => {
    const conversation = await db.conversations.get(conversationId);
    if (!conversation) return undefined;
    const unchanged = (position: TrackPosition): TrackResult => ({
      conversation,
      position,
      newMessages: 0,
      startedWaiting: false,
    });
    if (messages.length === 0) return unchanged('empty');

    const digests = messages.map((message) => seenKeyDigest(message.key));
    const seen = conversation.seenKeys ?? [];
    let position: TrackPosition;
    let firstNew: number;
    if (seen.length === 0) {
      position = 'first-sight';
      firstNew = 0;
    } else {
      const known = new Set(seen);
      const lastKnown = digests.findLastIndex((digest) => known.has(digest));
      if (lastKnown < 0) return unchanged('unanchored');
      position = 'anchored';
      firstNew = lastKnown + 1;
    }
    const times = messageTimes({ messages, language, now, firstNew });
    const fresh = messages.slice(firstNew);
    if (fresh.length === 0) {
      const moved = await moveWaitBack(db, conversation, oldestUnanswered(messages, times), now);
      return moved ? { ...unchanged(position), conversation: moved } : unchanged(position);
    }

    const next: Conversation = {
      ...conversation,
      seenKeys: [...seen, ...digests.slice(firstNew)].slice(-SEEN_KEYS_LIMIT),
      updatedAt: now,
    };
    const lastOutbound = fresh.findLastIndex((message) => message.direction === 'outbound');
    const trailingInbound = fresh.length - 1 - lastOutbound;
    if (lastOutbound >= 0) next.lastOutboundAt = now;
    if (fresh.some((message) => message.direction === 'inbound')) next.lastInboundAt = now;

    let answered: ResponseEvent | undefined;
    if (lastOutbound >= 0 && next.waitingSince !== undefined) {
      answered = await answerWait(db, next, next.waitingSince, now);
      next.firstResponseMs ??= now - next.waitingSince;
      delete next.waitingSince;
      delete next.waitingSinceSource;
      delete next.waitingSincePrecision;
      delete next.nextDeadline;
      if (next.status === 'waiting') next.status = 'open';
    }

    let startedWaiting = false;
    if (trailingInbound > 0) {
      if (next.status === 'done') {
        // Closed without an answer here (answered elsewhere, or nothing to answer): that wait is over.
        if (next.waitingSince !== undefined) await dropOpenWait(db, next.id, next.waitingSince);
        delete next.waitingSince;
        delete next.waitingSinceSource;
        delete next.waitingSincePrecision;
        delete next.nextDeadline;
        next.status = 'waiting';
      }
      // A new wait starts at the first customer message after the last answer among the new ones; a
      // running one may learn an earlier time for its oldest message.
      const start =
        next.waitingSince === undefined ? times[firstNew + lastOutbound + 1] : oldestUnanswered(messages, times);
      const since = afterAnswer(start ?? { at: now, source: 'observed' }, conversation.lastOutboundAt);
      if (next.waitingSince === undefined) {
        startedWaiting = true;
        next.waitingSince = since.at;
        next.waitingSinceSource = since.source;
        next.nextDeadline = await breachDeadline(db, next, since.at);
        await db.responseEvents.add(
          ResponseEventSchema.parse({
            id: newId(),
            conversationId: next.id,
            inboundAt: since.at,
            inboundSource: since.source,
          }),
        );
      } else if (since.source === 'page' && (since.at < next.waitingSince || next.waitingSinceSource === 'list')) {
        await moveEvent(db, next, since);
      }
      if (next.status === 'open') next.status = 'waiting';
    }

    const stored = ConversationSchema.parse(next);
    await db.conversations.put(stored);
    return {
      conversation: stored,
      position,
      newMessages: fresh.length,
      startedWaiting,
      ...(answered && { answered }),
    };
  });
}

/**
 * The background's whole step for a page report: records the conversation (and contact), then tracks
 * its messages. undefined for pages without a conversation.
 */
export async function trackPageReport(
  db: SidekickDatabase,
  snapshot: PageSnapshot,
  now: number,
): Promise<TrackResult | undefined> {
  const conversationId = await recordThreadConversation(db, snapshot, now);
  if (!conversationId) return undefined;
  return trackMessages(db, conversationId, snapshot.messages, now, snapshot.pageLanguage);
}

/**
 * Recomputes `nextDeadline` from the policy that applies now: call after a change of settings (policies,
 * business hours, platform defaults), of a tag's policy, or of a conversation's tags or policy. Without
 * ids, every conversation that has a deadline. Returns how many changed.
 */
export async function refreshDeadlines(db: SidekickDatabase, conversationIds?: readonly string[]): Promise<number> {
  return db.transaction('rw', [db.conversations, db.settings, db.tags], async () => {
    const { settings, tags } = await loadPolicyContext(db);
    const candidates = conversationIds
      ? (await db.conversations.bulkGet([...conversationIds])).filter((c): c is Conversation => c !== undefined)
      : await db.conversations.where('nextDeadline').aboveOrEqual(0).toArray();
    const changed: Conversation[] = [];
    for (const conversation of candidates) {
      const deadline =
        conversation.waitingSince === undefined
          ? undefined
          : conversationClock(conversation, tags, settings, conversation.waitingSince, conversation.waitingSince).clock
              .breachAt;
      if (deadline === conversation.nextDeadline) continue;
      const next = { ...conversation };
      if (deadline === undefined) delete next.nextDeadline;
      else next.nextDeadline = deadline;
      changed.push(next);
    }
    await db.conversations.bulkPut(changed);
    return changed.length;
  });
}

// ---- helpers (inside the caller's transaction) --------------------------------------------------

/** The time of the first customer message after the report's last outbound one (undefined: none). */
function oldestUnanswered(messages: readonly ReportedMessage[], times: readonly MessageTime[]) {
  const first = messages.findLastIndex((message) => message.direction === 'outbound') + 1;
  return first < messages.length ? times[first] : undefined;
}

/**
 * A wait cannot start before the answer seen in an earlier report (a site's clock behind ours): then
 * it starts there. `answeredAt` undefined: no such answer.
 */
function afterAnswer(since: MessageTime, answeredAt: number | undefined): MessageTime {
  return answeredAt !== undefined && since.at < answeredAt ? { at: answeredAt, source: 'observed' } : since;
}

/**
 * A running wait whose oldest message now shows an earlier page time (its label was not rendered
 * before) starts at that time: the event, `waitingSince` and the deadline move back. Returns the
 * stored conversation when it changed.
 */
async function moveWaitBack(
  db: SidekickDatabase,
  conversation: Conversation,
  since: MessageTime | undefined,
  now: number,
): Promise<Conversation | undefined> {
  const { waitingSince, lastOutboundAt } = conversation;
  if (!since || waitingSince === undefined) return undefined;
  // On a first sight, history's answers count as seen then, together with the wait: no bound.
  const earlier = afterAnswer(
    since,
    lastOutboundAt !== undefined && lastOutboundAt < waitingSince ? lastOutboundAt : undefined,
  );
  if (earlier.source !== 'page' || earlier.at >= waitingSince) return undefined;
  const next: Conversation = { ...conversation, updatedAt: now };
  await moveEvent(db, next, earlier);
  const stored = ConversationSchema.parse(next);
  await db.conversations.put(stored);
  return stored;
}

/** Moves the open wait of `conversation` (mutated) to the earlier page time `since`, deadline included. */
export async function moveEvent(db: SidekickDatabase, conversation: Conversation, since: MessageTime) {
  const open = await openWait(db, conversation.id, conversation.waitingSince as number);
  if (open) await db.responseEvents.put({ ...open, inboundAt: since.at, inboundSource: since.source });
  conversation.waitingSince = since.at;
  conversation.waitingSinceSource = since.source;
  delete conversation.waitingSincePrecision;
  conversation.nextDeadline = await breachDeadline(db, conversation, since.at);
}

export async function breachDeadline(db: SidekickDatabase, conversation: Conversation, waitingSince: number) {
  const { settings, tags } = await loadPolicyContext(db);
  return conversationClock(conversation, tags, settings, waitingSince, waitingSince).clock.breachAt;
}

/** Sets answeredAt on the wait's event (adds the event if it went missing, e.g. a partial restore). */
export async function answerWait(
  db: SidekickDatabase,
  conversation: Conversation,
  waitingSince: number,
  now: number,
): Promise<ResponseEvent> {
  const open = await openWait(db, conversation.id, waitingSince);
  const event = ResponseEventSchema.parse(
    open
      ? { ...open, answeredAt: now }
      : { id: newId(), conversationId: conversation.id, inboundAt: waitingSince, answeredAt: now },
  );
  await db.responseEvents.put(event);
  return event;
}

async function dropOpenWait(db: SidekickDatabase, conversationId: string, waitingSince: number) {
  const open = await openWait(db, conversationId, waitingSince);
  if (open) await db.responseEvents.delete(open.id);
}

export function openWait(db: SidekickDatabase, conversationId: string, waitingSince: number) {
  return db.responseEvents
    .where('[conversationId+inboundAt]')
    .equals([conversationId, waitingSince])
    .filter((event) => event.answeredAt === undefined)
    .first();
}
