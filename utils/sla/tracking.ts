import type { SidekickDatabase } from '../db/database';
import { recordConversation } from '../db/operations';
import { type Conversation, ConversationSchema, newId, type ResponseEvent, ResponseEventSchema } from '../db/schema';
import { cyrb53 } from '../hash';
import type { PageSnapshot, SeenMessage } from '../platforms/types';
import { conversationClock, loadPolicyContext } from './policy';

/**
 * Response tracking from what the page reports. Pages show times per group of messages (and lists are
 * virtualized), so the clock is the background's own: the moment a message was FIRST SEEN.
 *
 * What is stored (nothing lives in the worker's memory, so a restart loses nothing):
 * - `conversation.seenKeys`: digests (53-bit hash, base 36) of the newest SEEN_KEYS_LIMIT message
 *   keys, both directions, oldest first. Digests, because keys may be long and say nothing we need.
 * - `conversation.waitingSince`: when the customer's oldest unanswered message was first seen.
 * - one ResponseEvent per wait: `inboundAt` = waitingSince, added when the wait starts, `answeredAt`
 *   set when an outbound message answers it. Several customer messages before one answer are one wait.
 *
 * Which reported messages are new: the report is a contiguous window of the thread, oldest first.
 * - The first report of a conversation (no digests yet) is taken as it is: the customer messages after
 *   the last outbound one wait from now; everything above is history and records no response.
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

type ReportedMessage = Pick<SeenMessage, 'key' | 'direction'>;

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
    const fresh = messages.slice(firstNew);
    if (fresh.length === 0) return unchanged(position);

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
      delete next.nextDeadline;
      if (next.status === 'waiting') next.status = 'open';
    }

    let startedWaiting = false;
    if (trailingInbound > 0) {
      if (next.status === 'done') {
        // Closed without an answer here (answered elsewhere, or nothing to answer): that wait is over.
        if (next.waitingSince !== undefined) await dropOpenWait(db, next.id, next.waitingSince);
        delete next.waitingSince;
        delete next.nextDeadline;
        next.status = 'waiting';
      }
      if (next.waitingSince === undefined) {
        startedWaiting = true;
        next.waitingSince = now;
        next.nextDeadline = await breachDeadline(db, next, now);
        await db.responseEvents.add(
          ResponseEventSchema.parse({ id: newId(), conversationId: next.id, inboundAt: now }),
        );
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
  const conversationId = await recordConversation(db, snapshot, now);
  if (!conversationId) return undefined;
  return trackMessages(db, conversationId, snapshot.messages, now);
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

async function breachDeadline(db: SidekickDatabase, conversation: Conversation, waitingSince: number) {
  const { settings, tags } = await loadPolicyContext(db);
  return conversationClock(conversation, tags, settings, waitingSince, waitingSince).clock.breachAt;
}

/** Sets answeredAt on the wait's event (adds the event if it went missing, e.g. a partial restore). */
async function answerWait(
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

function openWait(db: SidekickDatabase, conversationId: string, waitingSince: number) {
  return db.responseEvents
    .where('[conversationId+inboundAt]')
    .equals([conversationId, waitingSince])
    .filter((event) => event.answeredAt === undefined)
    .first();
}
