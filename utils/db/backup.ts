import { z } from 'zod';
import { describeZodError, RpcError } from '../messaging/errors';
import type { SidekickDatabase } from './database';
import {
  type Contact,
  ContactSchema,
  type Conversation,
  ConversationSchema,
  FORBIDDEN_KEYS,
  NoteSchema,
  PackSchema,
  ResponseEventSchema,
  SettingsSchema,
  type Tag,
  TagSchema,
  TemplateSchema,
} from './schema';

export const BACKUP_FORMAT = 'dm-sidekick-backup';
export const BACKUP_SCHEMA_VERSION = 1;
/** Larger files are refused before parsing: a real backup of 100,000 conversations stays well below. */
export const MAX_BACKUP_BYTES = 40 * 1024 * 1024;
const MAX_ROWS = 500_000;

export const BackupFileSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  schemaVersion: z.literal(BACKUP_SCHEMA_VERSION),
  exportedAt: z.number().int().nonnegative(),
  data: z.strictObject({
    contacts: z.array(ContactSchema).max(MAX_ROWS),
    conversations: z.array(ConversationSchema).max(MAX_ROWS),
    tags: z.array(TagSchema).max(10_000),
    notes: z.array(NoteSchema).max(MAX_ROWS),
    templates: z.array(TemplateSchema).max(100_000),
    packs: z.array(PackSchema).max(1_000),
    responseEvents: z.array(ResponseEventSchema).max(MAX_ROWS * 4),
    settings: SettingsSchema.nullable(),
  }),
});
export type BackupFile = z.infer<typeof BackupFileSchema>;
export type RestoreMode = 'merge' | 'replace';

export async function exportBackup(db: SidekickDatabase, now = Date.now()): Promise<BackupFile> {
  return db.transaction(
    'r',
    [db.contacts, db.conversations, db.tags, db.notes, db.templates, db.packs, db.responseEvents, db.settings],
    async () => ({
      format: BACKUP_FORMAT,
      schemaVersion: BACKUP_SCHEMA_VERSION,
      exportedAt: now,
      data: {
        contacts: await db.contacts.toArray(),
        conversations: await db.conversations.toArray(),
        tags: await db.tags.toArray(),
        notes: await db.notes.toArray(),
        templates: await db.templates.toArray(),
        packs: await db.packs.toArray(),
        responseEvents: await db.responseEvents.toArray(),
        settings: (await db.settings.get('settings'))?.value ?? null,
      },
    }),
  );
}

const refuse = (reason: string): never => {
  throw new RpcError('invalid', `This backup cannot be restored: ${reason}. Nothing was changed.`);
};

/** Checks a backup file's text completely before anything is written; every refusal names the problem. */
export function parseBackup(text: string): BackupFile {
  if (text.length > MAX_BACKUP_BYTES) {
    refuse(
      `it is ${(text.length / 1024 / 1024).toFixed(0)} MB, more than the ${MAX_BACKUP_BYTES / 1024 / 1024} MB limit`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text, (key, value) => {
      if ((FORBIDDEN_KEYS as readonly string[]).includes(key)) throw new ForbiddenKeyError(key);
      return value;
    });
  } catch (error) {
    if (error instanceof ForbiddenKeyError) refuse(`it contains the key "${error.key}", which is never allowed`);
    refuse(`it is not valid JSON (${(error as Error).message})`);
  }
  const head = raw as { format?: unknown; schemaVersion?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== BACKUP_FORMAT) {
    refuse('it is not a DM Sidekick backup file');
  }
  if (head?.schemaVersion !== BACKUP_SCHEMA_VERSION) {
    refuse(
      `its schemaVersion ${JSON.stringify(head?.schemaVersion)} is unknown (this version reads ${BACKUP_SCHEMA_VERSION})`,
    );
  }
  const parsed = BackupFileSchema.safeParse(raw);
  if (!parsed.success) refuse(describeZodError(parsed.error));
  return (parsed as { data: BackupFile }).data;
}

class ForbiddenKeyError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

export type RestoreSummary = Record<keyof BackupFile['data'], number>;

/**
 * Restores in one transaction: "replace" empties every table first; "merge" keeps what is there and
 * lets the backup win for the same records. Records that are the same contact, conversation or tag
 * under another id (same platform handle, same thread, same tag name) are merged onto the existing id.
 */
export async function restoreBackup(
  db: SidekickDatabase,
  file: BackupFile,
  mode: RestoreMode,
): Promise<RestoreSummary> {
  const tables = [
    db.contacts,
    db.conversations,
    db.tags,
    db.notes,
    db.templates,
    db.packs,
    db.responseEvents,
    db.settings,
  ];
  return db.transaction('rw', tables, async () => {
    if (mode === 'replace') await Promise.all(tables.map((table) => table.clear()));
    const data = mode === 'merge' ? await onExistingIds(db, file.data) : file.data;
    await db.contacts.bulkPut(data.contacts);
    await db.tags.bulkPut(data.tags);
    await db.conversations.bulkPut(data.conversations);
    await db.notes.bulkPut(data.notes);
    await db.templates.bulkPut(data.templates);
    await db.packs.bulkPut(data.packs);
    await db.responseEvents.bulkPut(data.responseEvents);
    if (data.settings) await db.settings.put({ key: 'settings', value: data.settings });
    return {
      contacts: data.contacts.length,
      conversations: data.conversations.length,
      tags: data.tags.length,
      notes: data.notes.length,
      templates: data.templates.length,
      packs: data.packs.length,
      responseEvents: data.responseEvents.length,
      settings: data.settings ? 1 : 0,
    };
  });
}

/** Rewrites the backup's ids to the existing ids of records that are unique by something else. */
async function onExistingIds(db: SidekickDatabase, data: BackupFile['data']): Promise<BackupFile['data']> {
  const contactIds = await idMap(data.contacts, (c: Contact) =>
    db.contacts.where('[platform+platformId]').equals([c.platform, c.platformId]).first(),
  );
  const tagIds = await idMap(data.tags, (t: Tag) => db.tags.where('nameKey').equals(t.nameKey).first());
  const conversationIds = await idMap(data.conversations, (c: Conversation) =>
    db.conversations.where('[platform+threadId]').equals([c.platform, c.threadId]).first(),
  );
  const id = (map: Map<string, string>, value: string) => map.get(value) ?? value;
  return {
    ...data,
    contacts: data.contacts.map((c) => ({ ...c, id: id(contactIds, c.id) })),
    tags: data.tags.map((t) => ({ ...t, id: id(tagIds, t.id) })),
    conversations: data.conversations.map((c) => ({
      ...c,
      id: id(conversationIds, c.id),
      contactId: id(contactIds, c.contactId),
      tags: c.tags.map((tag) => id(tagIds, tag)),
    })),
    notes: data.notes.map((n) => ({ ...n, contactId: id(contactIds, n.contactId) })),
    responseEvents: data.responseEvents.map((e) => ({ ...e, conversationId: id(conversationIds, e.conversationId) })),
  };
}

async function idMap<T extends { id: string }>(
  rows: T[],
  findExisting: (row: T) => Promise<{ id: string } | undefined>,
) {
  const map = new Map<string, string>();
  for (const row of rows) {
    const existing = await findExisting(row);
    if (existing && existing.id !== row.id) map.set(row.id, existing.id);
  }
  return map;
}
