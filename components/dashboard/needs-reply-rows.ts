import type { Conversation } from '@/utils/db/schema';
import type { ConversationRow } from '@/utils/db/views';

/**
 * "Needs reply" (issue #16): every conversation whose customer waits for an answer, on all four platforms,
 * known from its thread or only from a list row; the oldest wait first. Snoozed and done ones are the
 * person's decision and stay out (the triage inbox shows them).
 */
export function needsReplyRows(rows: readonly ConversationRow[]): ConversationRow[] {
  return rows
    .filter(({ conversation }) => conversation.status === 'waiting' && conversation.waitingSince !== undefined)
    .sort((a, b) => (a.conversation.waitingSince ?? 0) - (b.conversation.waitingSince ?? 0));
}

/** Where the wait's start came from, as the view names it: the thread's own time, a list row's, or first seen. */
export const timeSourceOf = (conversation: Conversation): 'page' | 'list' | 'observed' =>
  conversation.waitingSinceSource ?? 'observed';
