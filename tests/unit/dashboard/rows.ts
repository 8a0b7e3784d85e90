import type { Conversation } from '@/utils/db/schema';
import type { ConversationRow } from '@/utils/db/views';

/** A dashboard row of conversation `id` (open, on Instagram, with its own contact) with `conversation`'s fields. */
export const conversationRow = (id: string, conversation: Partial<Conversation>): ConversationRow => ({
  conversation: {
    id,
    platform: 'instagram',
    threadId: id,
    contactId: `c-${id}`,
    status: 'open',
    tags: [],
    createdAt: 0,
    updatedAt: 0,
    ...conversation,
  },
  contact: {
    id: `c-${id}`,
    platform: conversation.platform ?? 'instagram',
    platformId: id,
    displayName: `Person ${id}`,
    customFields: {},
    createdAt: 0,
    updatedAt: 0,
  },
  lastNote: null,
  notesText: '',
});
