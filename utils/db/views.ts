import { z } from 'zod';
import { ContactSchema, ConversationSchema, NoteSchema, ResponseEventSchema, TagSchema } from './schema';

/**
 * The shapes the reads of queries.ts give the UI, defined once: the live subscriptions
 * (utils/messaging/protocol.ts) check them with these schemas, and the types are inferred from them.
 */

export const ConversationViewSchema = z.strictObject({
  conversation: ConversationSchema,
  contact: ContactSchema,
  /** The same person's other identities (contacts sharing its personId). */
  identities: z.array(ContactSchema),
  tags: z.array(TagSchema),
  /** Newest first. */
  notes: z.array(NoteSchema),
});
export type ConversationView = z.infer<typeof ConversationViewSchema>;

export const ContactViewSchema = z.strictObject({
  contact: ContactSchema,
  identities: z.array(ContactSchema),
  conversations: z.array(ConversationSchema),
  notes: z.array(NoteSchema),
  /** Answered and open waits of this contact's conversations, newest first. */
  responses: z.array(ResponseEventSchema),
});
export type ContactView = z.infer<typeof ContactViewSchema>;

export const ConversationRowSchema = z.strictObject({
  conversation: ConversationSchema,
  contact: ContactSchema,
  lastNote: NoteSchema.nullable(),
  /** Every note's text about the contact, newest first: the dashboard searches notes too. */
  notesText: z.string(),
});
export type ConversationRow = z.infer<typeof ConversationRowSchema>;
