import { z } from 'zod';
import type { SidekickDatabase } from '../db/database';
import { DbError } from '../db/errors';
import { ContactSchema, ConversationSchema, NoteSchema, ResponseEventSchema, type Tag, TagSchema } from '../db/schema';
import { because } from '../errors';
import { formatDateTime } from '../i18n/format';
import { type Language, type MessageKey, translate } from '../i18n/strings';
import { PLATFORM_LABELS, threadUrl } from '../platforms/sites';

/**
 * "Export everything about this person" (GDPR Art. 15, right of access): every stored record of the
 * person — all linked identities (contacts sharing a personId), their conversations with status, tags
 * and times, notes and response times — and nothing about anyone else.
 */
export const PersonExportSchema = z.strictObject({
  format: z.literal('dm-sidekick-person-export'),
  exportedAt: z.number().int().nonnegative(),
  identities: z.array(ContactSchema),
  conversations: z.array(ConversationSchema),
  tags: z.array(TagSchema),
  notes: z.array(NoteSchema),
  responseEvents: z.array(ResponseEventSchema),
});
export type PersonExport = z.infer<typeof PersonExportSchema>;

/** The contact and every identity linked to it: what "this person" means for export and forgetting. */
export async function identitiesOf(db: SidekickDatabase, contactId: string) {
  const contact = await db.contacts.get(contactId);
  if (!contact) throw new DbError('record-gone', 'This person is no longer stored.', because('contact-gone'));
  if (!contact.personId) return [contact];
  const linked = await db.contacts.where('personId').equals(contact.personId).toArray();
  return [contact, ...linked.filter((other) => other.id !== contact.id)];
}

export async function exportPerson(db: SidekickDatabase, contactId: string, now = Date.now()): Promise<PersonExport> {
  return db.transaction('r', [db.contacts, db.conversations, db.tags, db.notes, db.responseEvents], async () => {
    const identities = await identitiesOf(db, contactId);
    const contactIds = identities.map((identity) => identity.id);
    const conversations = await db.conversations.where('contactId').anyOf(contactIds).toArray();
    const tagIds = [...new Set(conversations.flatMap((conversation) => conversation.tags))];
    const [tags, notes, responseEvents] = await Promise.all([
      db.tags.bulkGet(tagIds).then((found) => found.filter((tag): tag is Tag => tag !== undefined)),
      db.notes.where('contactId').anyOf(contactIds).sortBy('createdAt'),
      db.responseEvents
        .where('conversationId')
        .anyOf(conversations.map((conversation) => conversation.id))
        .sortBy('inboundAt'),
    ]);
    return {
      format: 'dm-sidekick-person-export',
      exportedAt: now,
      identities,
      conversations,
      tags,
      notes,
      responseEvents,
    };
  });
}

/** The same export as text a person can read, in the user's language; times in the user's locale. */
export function personExportText(data: PersonExport, language: Language, timeZone?: string): string {
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(language, key, values);
  const time = (at: number | undefined) => (at === undefined ? '—' : formatDateTime(language, at, timeZone));
  const tagName = new Map(data.tags.map((tag) => [tag.id, tag.name]));
  const lines = [t('person.text.title', { name: data.identities[0]?.displayName ?? '' })];
  lines.push(t('person.text.exportedAt', { time: time(data.exportedAt) }), '');
  lines.push(t('person.text.identities'));
  for (const identity of data.identities) {
    lines.push(
      `- ${PLATFORM_LABELS[identity.platform]}: ${identity.displayName} (${identity.handle ?? identity.platformId})`,
      `  ${t('person.text.source', { platform: PLATFORM_LABELS[identity.platform], time: time(identity.createdAt) })}`,
    );
    if (identity.profileUrl) lines.push(`  ${identity.profileUrl}`);
    for (const [key, value] of Object.entries(identity.customFields)) lines.push(`  ${key}: ${value}`);
    if (identity.doNotContact) lines.push(`  ${t('person.text.doNotContact')}`);
    if (identity.consent) {
      lines.push(
        `  ${t('person.text.consent', {
          status: t(`consent.status.${identity.consent.status}`),
          time: time(identity.consent.at),
          method: t(`consent.method.${identity.consent.method}`),
          source: identity.consent.source || '—',
        })}`,
      );
    }
  }
  lines.push('', t('person.text.conversations'));
  for (const conversation of data.conversations) {
    const tags = conversation.tags.map((id) => tagName.get(id)).filter(Boolean);
    lines.push(
      `- ${PLATFORM_LABELS[conversation.platform]} ${threadUrl(conversation.platform, conversation.threadId)}`,
      `  ${t('person.text.conversation', {
        status: t(`status.${conversation.status}`),
        tags: tags.join(', ') || '—',
        first: time(conversation.createdAt),
        inbound: time(conversation.lastInboundAt),
        outbound: time(conversation.lastOutboundAt),
      })}`,
    );
    for (const event of data.responseEvents.filter((e) => e.conversationId === conversation.id)) {
      lines.push(
        `  ${t('person.text.response', { inbound: time(event.inboundAt), answered: time(event.answeredAt) })}`,
      );
    }
  }
  lines.push('', t('person.text.notes'));
  for (const note of data.notes) lines.push(`- ${time(note.createdAt)}: ${note.text.replaceAll('\n', '\n  ')}`);
  return `${lines.join('\n')}\n`;
}
