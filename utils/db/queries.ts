import Dexie from 'dexie';
import type { Platform } from '../platforms/sites';
import { PLATFORMS } from '../platforms/sites';
import { counterKey } from './counters';
import type { SidekickDatabase } from './database';
import type { Conversation, Note, Tag, Template } from './schema';
import type { ContactView, ConversationRow, ConversationView } from './views';

/** Reads behind the lists the UI shows. Each one walks an index; none scans a table. */

export async function conversationView(
  db: SidekickDatabase,
  platform: Platform,
  threadId: string,
): Promise<ConversationView | null> {
  const conversation = await db.conversations.where('[platform+threadId]').equals([platform, threadId]).first();
  if (!conversation) return null;
  const contact = await db.contacts.get(conversation.contactId);
  if (!contact) return null;
  const [identities, tags, notes] = await Promise.all([
    contact.personId
      ? db.contacts
          .where('personId')
          .equals(contact.personId)
          .filter((other) => other.id !== contact.id)
          .toArray()
      : [],
    db.tags.bulkGet(conversation.tags).then((found) => found.filter((tag): tag is Tag => tag !== undefined)),
    notesOf(db, contact.id),
  ]);
  return { conversation, contact, identities, tags, notes };
}

/** A contact's notes, newest first. */
export function notesOf(db: SidekickDatabase, contactId: string, limit?: number): Promise<Note[]> {
  const newestFirst = db.notes
    .where('[contactId+createdAt]')
    .between([contactId, Dexie.minKey], [contactId, Dexie.maxKey])
    .reverse();
  return (limit === undefined ? newestFirst : newestFirst.limit(limit)).toArray();
}

/** Waiting conversations whose deadline comes first (most overdue first). */
export async function mostOverdue(db: SidekickDatabase, limit = 50): Promise<Conversation[]> {
  const perStatus = await Promise.all(
    (['open', 'waiting'] as const).map((status) =>
      db.conversations
        .where('[status+nextDeadline]')
        .between([status, Dexie.minKey], [status, Dexie.maxKey])
        .limit(limit)
        .toArray(),
    ),
  );
  return perStatus
    .flat()
    .sort((a, b) => (a.nextDeadline ?? 0) - (b.nextDeadline ?? 0))
    .slice(0, limit);
}

/** Open and waiting conversations per platform: the counters the writes keep (counters.ts), one read. */
export async function countOpenByPlatform(db: SidekickDatabase): Promise<Record<Platform, number>> {
  const keys = PLATFORMS.flatMap((platform) => [counterKey(platform, 'open'), counterKey(platform, 'waiting')]);
  const rows = await db.counters.bulkGet(keys);
  return Object.fromEntries(
    PLATFORMS.map((platform, i) => [platform, (rows[2 * i]?.count ?? 0) + (rows[2 * i + 1]?.count ?? 0)]),
  ) as Record<Platform, number>;
}

/** Everything the dashboard's contact view shows about one person. */
export async function contactView(db: SidekickDatabase, contactId: string): Promise<ContactView | null> {
  const contact = await db.contacts.get(contactId);
  if (!contact) return null;
  const conversations = await db.conversations.where('contactId').equals(contactId).toArray();
  const [identities, notes, responses] = await Promise.all([
    contact.personId
      ? db.contacts
          .where('personId')
          .equals(contact.personId)
          .filter((other) => other.id !== contactId)
          .toArray()
      : [],
    notesOf(db, contactId),
    db.responseEvents
      .where('conversationId')
      .anyOf(conversations.map((c) => c.id))
      .reverse()
      .sortBy('inboundAt'),
  ]);
  return { contact, identities, conversations, notes, responses };
}

/** Every tracked conversation with its contact and notes: the dashboard's list. */
export async function conversationRows(db: SidekickDatabase): Promise<ConversationRow[]> {
  const [conversations, contacts, notes] = await Promise.all([
    db.conversations.toArray(),
    db.contacts.toArray(),
    db.notes.orderBy('[contactId+createdAt]').reverse().toArray(),
  ]);
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const notesByContact = new Map<string, Note[]>();
  for (const note of notes) {
    const list = notesByContact.get(note.contactId);
    if (list) list.push(note);
    else notesByContact.set(note.contactId, [note]);
  }
  return conversations.flatMap((conversation) => {
    const contact = contactById.get(conversation.contactId);
    if (!contact) return [];
    const contactNotes = notesByContact.get(contact.id) ?? [];
    return [
      {
        conversation,
        contact,
        lastNote: contactNotes[0] ?? null,
        notesText: contactNotes.map((note) => note.text).join('\n'),
      },
    ];
  });
}

export function conversationsByStatus(db: SidekickDatabase, status: Conversation['status']) {
  return db.conversations.where('status').equals(status).toArray();
}

export function conversationsOnPlatform(db: SidekickDatabase, platform: Platform) {
  return db.conversations.where('platform').equals(platform).toArray();
}

export function templatesInFolder(db: SidekickDatabase, folder: string): Promise<Template[]> {
  return db.templates.where('folder').equals(folder).sortBy('title');
}

/** Most used first: the panel's order when the search box is empty. */
export function templatesByUsage(db: SidekickDatabase, limit = 50): Promise<Template[]> {
  return db.templates.orderBy('usageCount').reverse().limit(limit).toArray();
}

export function allTags(db: SidekickDatabase): Promise<Tag[]> {
  return db.tags.orderBy('nameKey').toArray();
}
