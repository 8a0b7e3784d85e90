import type { IndexableType, Table } from 'dexie';
import { z } from 'zod';
import { because, describeZodError, type ErrorDetail } from '../errors';
import type { SidekickDatabase } from './database';
import { DbError } from './errors';
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
/**
 * Larger files are refused before parsing (the worker holds the text and what it parses to at once). The
 * file reaches the background in parts (backup-upload.ts), so the 64 MiB of one message is no limit.
 */
export const MAX_BACKUP_BYTES = 200 * 1024 * 1024;
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

/** Rows read per request while exporting: progress moves in steps this big. */
const EXPORT_PAGE = 5_000;
type Pageable<T> = { offset(n: number): { limit(n: number): { toArray(): Promise<T[]> } } };

/**
 * Everything, as one consistent snapshot (one read transaction). Read by the dashboard itself, an
 * extension page in the database's origin, so no message carries the file (Chrome refuses messages over
 * 64 MiB) and no call times out; tables are read in pages so `report` can move a progress bar.
 */
export async function exportBackup(
  db: SidekickDatabase,
  now = Date.now(),
  report: (done: number, total: number) => void = () => undefined,
): Promise<BackupFile> {
  const tables = [db.contacts, db.conversations, db.tags, db.notes, db.templates, db.packs, db.responseEvents];
  return db.transaction('r', [...tables, db.settings], async () => {
    const counts = await Promise.all(tables.map((table) => table.count()));
    const total = counts.reduce((sum, n) => sum + n, 0);
    let done = 0;
    const readAll = async <T>(table: Pageable<T>): Promise<T[]> => {
      const rows: T[] = [];
      let page: T[];
      do {
        page = await table.offset(rows.length).limit(EXPORT_PAGE).toArray();
        rows.push(...page);
        done += page.length;
        report(done, total);
      } while (page.length === EXPORT_PAGE);
      return rows;
    };
    return {
      format: BACKUP_FORMAT,
      schemaVersion: BACKUP_SCHEMA_VERSION,
      exportedAt: now,
      data: {
        contacts: await readAll(db.contacts),
        conversations: await readAll(db.conversations),
        tags: await readAll(db.tags),
        notes: await readAll(db.notes),
        templates: await readAll(db.templates),
        packs: await readAll(db.packs),
        responseEvents: await readAll(db.responseEvents),
        settings: (await db.settings.get('settings'))?.value ?? null,
      },
    };
  });
}

const refuse = (reason: string, detail: ErrorDetail): never => {
  throw new DbError('backup-refused', `This backup cannot be restored: ${reason}. Nothing was changed.`, detail);
};

/** Checks a backup file's text completely before anything is written; every refusal names the problem. */
export function parseBackup(text: string): BackupFile {
  if (text.length > MAX_BACKUP_BYTES) {
    refuse(
      `it is ${(text.length / 1024 / 1024).toFixed(0)} MB, more than the ${MAX_BACKUP_BYTES / 1024 / 1024} MB limit`,
      because('backup-too-large', { limitMb: MAX_BACKUP_BYTES / 1024 / 1024 }),
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text, (key, value) => {
      if ((FORBIDDEN_KEYS as readonly string[]).includes(key)) throw new ForbiddenKeyError(key);
      return value;
    });
  } catch (error) {
    if (error instanceof ForbiddenKeyError) {
      refuse(
        `it contains the key "${error.key}", which is never allowed`,
        because('backup-forbidden-key', { key: error.key }),
      );
    }
    refuse(`it is not valid JSON (${(error as Error).message})`, because('backup-not-backup'));
  }
  const head = raw as { format?: unknown; schemaVersion?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== BACKUP_FORMAT) {
    refuse('it is not a DM Sidekick backup file', because('backup-not-backup'));
  }
  if (head?.schemaVersion !== BACKUP_SCHEMA_VERSION) {
    refuse(
      `its schemaVersion ${JSON.stringify(head?.schemaVersion)} is unknown (this version reads ${BACKUP_SCHEMA_VERSION})`,
      because('backup-version', {
        version: String(JSON.stringify(head?.schemaVersion)).slice(0, 40),
        supported: BACKUP_SCHEMA_VERSION,
      }),
    );
  }
  const parsed = BackupFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problem = describeZodError(parsed.error);
    refuse(problem, because('backup-invalid', { problem }));
  }
  const file = (parsed as { data: BackupFile }).data;
  checkIntegrity(file.data);
  return file;
}

const refuseFor = (detail: ErrorDetail, reason: string): never => {
  throw new DbError('backup-refused', `This backup cannot be restored: ${reason}. Nothing was changed.`, detail);
};

/** Which rows are one record by something other than their id (the database's unique indexes). */
const UNIQUE_KEYS = {
  contacts: { key: 'platform+platformId', of: (c: Contact) => `${c.platform}:${c.platformId}` },
  conversations: { key: 'platform+threadId', of: (c: Conversation) => `${c.platform}:${c.threadId}` },
  tags: { key: 'nameKey', of: (t: Tag) => t.nameKey },
} as const;
const ID_TABLES = ['contacts', 'conversations', 'tags', 'notes', 'templates', 'packs', 'responseEvents'] as const;

/** The first row whose value an earlier row has already: [earlier row, row, value]. */
function firstRepeat<T>(rows: readonly T[], of: (row: T) => string): [number, number, string] | undefined {
  const seen = new Map<string, number>();
  for (const [index, row] of rows.entries()) {
    const value = of(row);
    const first = seen.get(value);
    if (first !== undefined) return [first, index, value];
    seen.set(value, index);
  }
  return undefined;
}

/**
 * A backup is one consistent picture: every id once per table, every unique value once, and every
 * reference pointing at a row of the same backup. The first problem is refused with the row named
 * (`notes row 3`), before anything is written.
 */
function checkIntegrity(data: BackupFile['data']): void {
  for (const table of ID_TABLES) {
    const repeat = firstRepeat<{ id: string }>(data[table], (row) => row.id);
    if (repeat) {
      const [first, row, id] = repeat;
      refuseFor(
        { reason: 'backup-duplicate-id', values: { table, row, id } },
        `${table} rows ${first} and ${row} have the same id "${id}"`,
      );
    }
  }
  checkUnique('contacts', data.contacts, UNIQUE_KEYS.contacts.of);
  checkUnique('conversations', data.conversations, UNIQUE_KEYS.conversations.of);
  checkUnique('tags', data.tags, UNIQUE_KEYS.tags.of);

  const idsOf = (rows: readonly { id: string }[]) => new Set(rows.map((row) => row.id));
  const [contacts, tags, conversations] = [idsOf(data.contacts), idsOf(data.tags), idsOf(data.conversations)];
  const pointsAt = (table: string, row: number, field: string, id: string, known: Set<string>) => {
    if (known.has(id)) return;
    refuseFor(
      { reason: 'backup-dangling', values: { table, row, field, id } },
      `${table} row ${row} refers in ${field} to "${id}", which the backup does not have`,
    );
  };
  for (const [row, c] of data.conversations.entries()) {
    pointsAt('conversations', row, 'contactId', c.contactId, contacts);
    for (const tag of c.tags) pointsAt('conversations', row, 'tags', tag, tags);
  }
  for (const [row, n] of data.notes.entries()) pointsAt('notes', row, 'contactId', n.contactId, contacts);
  for (const [row, e] of data.responseEvents.entries()) {
    pointsAt('responseEvents', row, 'conversationId', e.conversationId, conversations);
  }
}

function checkUnique<T>(table: keyof typeof UNIQUE_KEYS, rows: readonly T[], of: (row: T) => string): void {
  const repeat = firstRepeat(rows, of);
  if (!repeat) return;
  const [first, row, value] = repeat;
  const { key } = UNIQUE_KEYS[table];
  refuseFor(
    { reason: 'backup-clash', values: { table, row, key } },
    `${table} rows ${first} and ${row} are the same record by ${key} ("${value}")`,
  );
}

class ForbiddenKeyError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

export type RestoreSummary = Record<keyof BackupFile['data'], number>;
/**
 * Steps done of all of a restore's steps (inside its transaction): each row written, and in a merge each
 * contact, tag and conversation first looked up among the existing records.
 */
export type RestoreProgress = (done: number, total: number) => void;
/** Rows per write: small enough that progress moves during a large restore, large enough to stay fast. */
const RESTORE_CHUNK_ROWS = 2_000;

/**
 * Restores in one transaction: "replace" empties every table first; "merge" keeps what is there and
 * lets the backup win for the same records. Records that are the same contact, conversation or tag
 * under another id (same platform handle, same thread, same tag name) are merged onto the existing id.
 */
export async function restoreBackup(
  db: SidekickDatabase,
  file: BackupFile,
  mode: RestoreMode,
  onProgress: RestoreProgress = () => {},
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
    const { contacts, tags, conversations, notes, templates, packs, responseEvents, settings } = file.data;
    const lookups = mode === 'merge' ? contacts.length + tags.length + conversations.length : 0;
    const writes = [contacts, tags, conversations, notes, templates, packs, responseEvents];
    const total = lookups + writes.reduce((sum, rows) => sum + rows.length, 0) + (settings ? 1 : 0);
    let done = 0;
    const advance = (steps: number) => {
      done += steps;
      onProgress(done, total);
    };
    advance(0);
    const data = mode === 'merge' ? await onExistingIds(db, file.data, advance) : file.data;
    // Merged onto existing ids, two rows of the backup may have become one record: named, not overwritten.
    if (mode === 'merge') {
      for (const table of ['contacts', 'conversations', 'tags'] as const) {
        const repeat = firstRepeat<{ id: string }>(data[table], (row) => row.id);
        if (repeat) {
          refuseFor(
            { reason: 'backup-clash', values: { table, row: repeat[1], key: UNIQUE_KEYS[table].key } },
            `${table} row ${repeat[1]} is, by ${UNIQUE_KEYS[table].key}, a record that row ${repeat[0]} also becomes here`,
          );
        }
      }
    }
    // Referenced rows before the rows that refer to them.
    const targets = [
      [db.contacts, data.contacts],
      [db.tags, data.tags],
      [db.conversations, data.conversations],
      [db.notes, data.notes],
      [db.templates, data.templates],
      [db.packs, data.packs],
      [db.responseEvents, data.responseEvents],
    ] as const;
    for (const [table, rows] of targets) {
      for (let start = 0; start < rows.length; start += RESTORE_CHUNK_ROWS) {
        const chunk = rows.slice(start, start + RESTORE_CHUNK_ROWS);
        const target = table as Table<(typeof chunk)[number], string>;
        // Into emptied tables, `add`: nothing to replace, so IndexedDB and the counters (counters.ts) read no
        // old row first; the backup's ids are unique (checkIntegrity), and a failing add aborts it all.
        await (mode === 'replace' ? target.bulkAdd(chunk) : target.bulkPut(chunk));
        advance(chunk.length);
      }
    }
    if (data.settings) {
      await db.settings.put({ key: 'settings', value: data.settings });
      advance(1);
    }
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
async function onExistingIds(
  db: SidekickDatabase,
  data: BackupFile['data'],
  advance: (steps: number) => void,
): Promise<BackupFile['data']> {
  const contactIds = await idMap(db.contacts, '[platform+platformId]', data.contacts, (c) => [
    c.platform,
    c.platformId,
  ]);
  advance(data.contacts.length);
  const tagIds = await idMap(db.tags, 'nameKey', data.tags, (t) => t.nameKey);
  advance(data.tags.length);
  const conversationIds = await idMap(db.conversations, '[platform+threadId]', data.conversations, (c) => [
    c.platform,
    c.threadId,
  ]);
  advance(data.conversations.length);
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

/**
 * Backup id → existing id, for the rows whose unique `index` value a stored row already has. One walk of the
 * index over all the backup's values (anyOf), not one query per row.
 */
async function idMap<T extends { id: string }>(
  table: { where(index: string): { anyOf(keys: IndexableType[]): { toArray(): Promise<T[]> } } },
  index: string,
  rows: T[],
  keyOf: (row: T) => string | string[],
): Promise<Map<string, string>> {
  const existing = await table.where(index).anyOf(rows.map(keyOf)).toArray();
  const existingIds = new Map(existing.map((row) => [JSON.stringify(keyOf(row)), row.id]));
  const map = new Map<string, string>();
  for (const row of rows) {
    const found = existingIds.get(JSON.stringify(keyOf(row)));
    if (found !== undefined && found !== row.id) map.set(row.id, found);
  }
  return map;
}
