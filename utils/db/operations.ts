import { z } from 'zod';
import { because } from '../errors';
import type { PageSnapshot } from '../platforms/types';
import type { SidekickDatabase } from './database';
import { DbError } from './errors';
import {
  ContactSchema,
  type Conversation,
  ConversationSchema,
  DEFAULT_SETTINGS,
  type Note,
  NoteSchema,
  newId,
  patchOf,
  type Settings,
  SettingsSchema,
  type Tag,
  TagSchema,
  type Template,
  TemplateSchema,
} from './schema';

/**
 * Every write the background performs. Each validates its result against the stored schema before it
 * touches the database, and runs in one transaction, so a failure leaves nothing half-written.
 */

const TAG_COLORS = ['#4f46e5', '#0891b2', '#059669', '#ca8a04', '#dc2626', '#db2777', '#7c3aed', '#475569'];

// ---- page reports → contacts and conversations -------------------------------------------------

/**
 * The one constructor of a new, open conversation: of a thread a page shows (recordConversation) or of a
 * row seen only in an inbox list (utils/inbox/merge.ts, with `listOnly` and its `inboxKey`).
 */
export async function addConversation(
  db: SidekickDatabase,
  fields: Pick<Conversation, 'platform' | 'threadId' | 'contactId' | 'listOnly' | 'inboxKey'>,
  now: number,
): Promise<Conversation> {
  const conversation = ConversationSchema.parse({
    id: newId(),
    ...fields,
    status: 'open',
    createdAt: now,
    updatedAt: now,
  });
  await db.conversations.add(conversation);
  return conversation;
}

/** Records the conversation a page shows (and its contact), so that notes, tags and timers can attach. */
export async function recordConversation(db: SidekickDatabase, snapshot: PageSnapshot, now = Date.now()) {
  const { platform, threadId, participant } = snapshot;
  if (snapshot.state !== 'thread' || !threadId || !participant) return undefined;
  const platformId = participant.handle ?? participant.profileUrl ?? participant.name;
  return db.transaction('rw', db.contacts, db.conversations, async () => {
    let contact = await db.contacts.where('[platform+platformId]').equals([platform, platformId]).first();
    const seen = { displayName: participant.name, handle: participant.handle, profileUrl: participant.profileUrl };
    if (!contact) {
      contact = ContactSchema.parse({ id: newId(), platform, platformId, ...seen, createdAt: now, updatedAt: now });
      await db.contacts.add(contact);
    } else if (contact.displayName !== seen.displayName || contact.profileUrl !== seen.profileUrl) {
      await db.contacts.update(contact.id, { ...seen, updatedAt: now });
    }
    const existing = await db.conversations.where('[platform+threadId]').equals([platform, threadId]).first();
    if (existing) {
      if (existing.contactId !== contact.id) await db.conversations.update(existing.id, { contactId: contact.id });
      return existing.id;
    }
    return (await addConversation(db, { platform, threadId, contactId: contact.id }, now)).id;
  });
}

// ---- contacts ----------------------------------------------------------------------------------

export const ContactPatchSchema = patchOf(
  ContactSchema.pick({
    displayName: true,
    customFields: true,
    personId: true,
    doNotContact: true,
    consent: true,
  }),
);

export async function updateContact(db: SidekickDatabase, id: string, patch: z.infer<typeof ContactPatchSchema>) {
  return db.transaction('rw', db.contacts, async () => {
    const contact = await mustGet(db.contacts.get(id), 'contact');
    const next = ContactSchema.parse({ ...contact, ...patch, updatedAt: Date.now() });
    await db.contacts.put(next);
    return next;
  });
}

/**
 * "Forget this person" (GDPR Art. 17): the contact, every identity linked to it (same personId) and
 * everything attached to them — conversations, notes, response times.
 */
export async function deleteContact(db: SidekickDatabase, id: string): Promise<void> {
  await db.transaction('rw', [db.contacts, db.conversations, db.notes, db.responseEvents], async () => {
    const contact = await db.contacts.get(id);
    const ids = contact?.personId ? await db.contacts.where('personId').equals(contact.personId).primaryKeys() : [];
    const contactIds = [...new Set([id, ...ids])];
    const conversationIds = await db.conversations.where('contactId').anyOf(contactIds).primaryKeys();
    await db.responseEvents.where('conversationId').anyOf(conversationIds).delete();
    await db.conversations.bulkDelete(conversationIds);
    await db.notes.where('contactId').anyOf(contactIds).delete();
    await db.contacts.bulkDelete(contactIds);
  });
}

// ---- conversations -----------------------------------------------------------------------------

export const ConversationPatchSchema = patchOf(
  ConversationSchema.pick({
    status: true,
    tags: true,
    assignee: true,
    slaPolicyId: true,
    snoozedUntil: true,
  }),
);

export async function updateConversation(
  db: SidekickDatabase,
  id: string,
  patch: z.infer<typeof ConversationPatchSchema>,
): Promise<Conversation> {
  return db.transaction('rw', db.conversations, db.tags, async () => {
    const conversation = await mustGet(db.conversations.get(id), 'conversation');
    if (patch.tags) {
      const known = await db.tags.bulkGet(patch.tags);
      const missing = patch.tags.filter((_, i) => !known[i]);
      if (missing.length)
        throw new DbError('record-gone', `Unknown tag id ${missing.join(', ')}.`, because('tag-gone'));
    }
    const next = ConversationSchema.parse({ ...conversation, ...patch, updatedAt: Date.now() });
    await db.conversations.put(next);
    return next;
  });
}

// ---- tags --------------------------------------------------------------------------------------

export const TagInputSchema = z.strictObject({
  name: TagSchema.shape.name,
  color: TagSchema.shape.color.optional(),
  slaPolicyId: TagSchema.shape.slaPolicyId,
});

export async function createTag(db: SidekickDatabase, input: z.infer<typeof TagInputSchema>): Promise<Tag> {
  return db.transaction('rw', db.tags, async () => {
    const nameKey = input.name.trim().toLocaleLowerCase();
    if (await db.tags.where('nameKey').equals(nameKey).count()) {
      throw new DbError(
        'name-taken',
        `A tag named "${input.name.trim()}" already exists.`,
        nameTaken(input.name.trim()),
      );
    }
    const color = input.color ?? TAG_COLORS[(await db.tags.count()) % TAG_COLORS.length];
    const tag = TagSchema.parse({ id: newId(), ...input, nameKey, color, createdAt: Date.now() });
    await db.tags.add(tag);
    return tag;
  });
}

export const TagPatchSchema = patchOf(TagInputSchema);

export async function updateTag(db: SidekickDatabase, id: string, patch: z.infer<typeof TagPatchSchema>) {
  return db.transaction('rw', db.tags, async () => {
    const tag = await mustGet(db.tags.get(id), 'tag');
    const name = patch.name?.trim() ?? tag.name;
    const nameKey = name.toLocaleLowerCase();
    const clash = await db.tags.where('nameKey').equals(nameKey).first();
    if (clash && clash.id !== id)
      throw new DbError('name-taken', `A tag named "${name}" already exists.`, nameTaken(name));
    const next = TagSchema.parse({ ...tag, ...patch, name, nameKey });
    await db.tags.put(next);
    return next;
  });
}

/** Removes the tag from every conversation that carries it, too. */
export async function deleteTag(db: SidekickDatabase, id: string): Promise<void> {
  await db.transaction('rw', db.tags, db.conversations, async () => {
    await db.conversations
      .where('tags')
      .equals(id)
      .modify((conversation) => {
        conversation.tags = conversation.tags.filter((tagId) => tagId !== id);
      });
    await db.tags.delete(id);
  });
}

// ---- notes -------------------------------------------------------------------------------------

export const NoteInputSchema = NoteSchema.pick({ contactId: true, text: true });

export async function addNote(db: SidekickDatabase, input: z.infer<typeof NoteInputSchema>): Promise<Note> {
  return db.transaction('rw', db.contacts, db.notes, async () => {
    await mustGet(db.contacts.get(input.contactId), 'contact');
    const note = NoteSchema.parse({ id: newId(), ...input, createdAt: Date.now() });
    await db.notes.add(note);
    return note;
  });
}

export async function updateNote(db: SidekickDatabase, id: string, text: string): Promise<Note> {
  return db.transaction('rw', db.notes, async () => {
    const note = await mustGet(db.notes.get(id), 'note');
    const next = NoteSchema.parse({ ...note, text, editedAt: Date.now() });
    await db.notes.put(next);
    return next;
  });
}

export async function deleteNote(db: SidekickDatabase, id: string): Promise<void> {
  await db.notes.delete(id);
}

// ---- templates ---------------------------------------------------------------------------------

export const TemplateInputSchema = TemplateSchema.pick({
  title: true,
  body: true,
  shortcut: true,
  folder: true,
  tags: true,
  platforms: true,
  language: true,
});

export const TemplatePatchSchema = patchOf(TemplateInputSchema);

export async function createTemplate(db: SidekickDatabase, input: z.input<typeof TemplateInputSchema>) {
  const now = Date.now();
  const template = TemplateSchema.parse({ id: newId(), ...input, createdAt: now, updatedAt: now });
  await db.templates.add(template);
  return template;
}

export async function updateTemplate(
  db: SidekickDatabase,
  id: string,
  patch: z.infer<typeof TemplatePatchSchema>,
): Promise<Template> {
  return db.transaction('rw', db.templates, async () => {
    const template = await mustGet(db.templates.get(id), 'template');
    if (template.locked) {
      throw new DbError(
        'template-locked',
        `"${template.title}" comes from a subscribed pack: fork it to edit your own copy.`,
        because('template-locked', { title: template.title }),
      );
    }
    // Who edited it last is set again by the team's doc (utils/sync/mirror.ts) when a team is joined.
    const next = TemplateSchema.parse({ ...template, ...patch, editedBy: undefined, updatedAt: Date.now() });
    await db.templates.put(next);
    return next;
  });
}

/** Puts a deleted template back exactly as it was (undo). */
export async function restoreTemplate(db: SidekickDatabase, template: Template): Promise<Template> {
  const checked = TemplateSchema.parse(template);
  await db.templates.put(checked);
  return checked;
}

export async function deleteTemplate(db: SidekickDatabase, id: string): Promise<void> {
  await db.templates.delete(id);
}

export async function markTemplateUsed(db: SidekickDatabase, id: string, now = Date.now()): Promise<void> {
  const changed = await db.templates
    .where('id')
    .equals(id)
    .modify((template) => {
      template.usageCount += 1;
      template.lastUsedAt = now;
    });
  if (!changed) throw new DbError('record-gone', 'That template no longer exists.', because('template-gone'));
}

// ---- settings ----------------------------------------------------------------------------------

export async function readSettings(db: SidekickDatabase): Promise<Settings> {
  return (await db.settings.get('settings'))?.value ?? DEFAULT_SETTINGS;
}

export const SettingsPatchSchema = patchOf(SettingsSchema);

export async function updateSettings(db: SidekickDatabase, patch: z.infer<typeof SettingsPatchSchema>) {
  return db.transaction('rw', db.settings, async () => {
    const value = SettingsSchema.parse({ ...(await readSettings(db)), ...patch });
    if (!value.slaPolicies.some((policy) => policy.id === value.defaultSlaPolicyId)) {
      throw new DbError(
        'settings-invalid',
        'The default SLA policy must be one of the policies.',
        because('settings-default-policy'),
      );
    }
    await db.settings.put({ key: 'settings', value });
    return value;
  });
}

const nameTaken = (name: string) => because('name-taken', { name });

async function mustGet<T>(
  lookup: Promise<T | undefined>,
  what: 'contact' | 'conversation' | 'note' | 'tag' | 'template',
): Promise<T> {
  const found = await lookup;
  if (found === undefined) throw new DbError('record-gone', `That ${what} no longer exists.`, because(`${what}-gone`));
  return found;
}
