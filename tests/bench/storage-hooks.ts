// Bench-only: loaded into the background by background-hooks.ts in `wxt build --mode bench` (modules/bench-hooks.ts).
// Measures the data layer in the real browser's IndexedDB, in the extension's origin.
import { BACKUP_FORMAT, BACKUP_SCHEMA_VERSION, type BackupFile, restoreBackup } from '@/utils/db/backup';
import { withDatabase } from '@/utils/db/connection';
import { SidekickDatabase } from '@/utils/db/database';
import { countOpenByPlatform, mostOverdue } from '@/utils/db/queries';
import { PLATFORMS } from '@/utils/platforms/sites';
import { benchTemplates } from './bench-templates';

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** A backup of `conversations` conversations (one contact each) and `notes` notes. */
function seedFile(conversations: number, notes: number): BackupFile {
  const now = Date.now();
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    schemaVersion: BACKUP_SCHEMA_VERSION,
    exportedAt: now,
    data: {
      contacts: [],
      conversations: [],
      tags: [],
      notes: [],
      templates: [],
      packs: [],
      responseEvents: [],
      settings: null,
    },
  };
  for (let i = 0; i < conversations; i++) {
    const platform = PLATFORMS[i % PLATFORMS.length] ?? 'instagram';
    file.data.contacts.push({
      id: `c${i}`,
      platform,
      platformId: `user${i}`,
      displayName: `User ${i}`,
      customFields: {},
      createdAt: now,
      updatedAt: now,
    });
    file.data.conversations.push({
      id: `v${i}`,
      platform,
      threadId: `t${i}`,
      contactId: `c${i}`,
      status: (['open', 'waiting', 'done', 'snoozed'] as const)[i % 4] ?? 'open',
      tags: [],
      nextDeadline: now + ((i * 7919) % 1_000_000),
      createdAt: now,
      updatedAt: now,
    });
  }
  for (let i = 0; i < notes; i++) {
    file.data.notes.push({ id: `n${i}`, contactId: `c${i % conversations}`, text: `note ${i}`, createdAt: now + i });
  }
  return file;
}

/**
 * Inserts the seed's rows through the product's own bulk path, a "replace" restore (utils/db/backup.ts: one
 * transaction, all or nothing, counters kept); returns ms. The rows are built beforehand, so parsing a
 * backup's text is not part of the figure.
 */
async function seed(conversations: number, notes: number): Promise<number> {
  const file = seedFile(conversations, notes);
  return withDatabase(async (db) => {
    await Promise.all(db.tables.map((table) => table.clear()));
    return timed(() => restoreBackup(db, file, 'replace'));
  });
}

/**
 * The floor under a bulk write: `rows` (per store) added with IndexedDB's own API (no Dexie, no
 * middleware, no checks) in one transaction, into a database of its own with the product's stores and
 * indexes; returns ms.
 */
export async function indexedDbAddsMs(rows: Record<string, readonly unknown[]>): Promise<number> {
  const db = new SidekickDatabase('dm-sidekick-floor-bench');
  try {
    await db.open();
    const idb = db.backendDB();
    return await timed(
      () =>
        new Promise<void>((resolve, reject) => {
          const tx = idb.transaction(Object.keys(rows), 'readwrite');
          for (const [store, list] of Object.entries(rows)) for (const row of list) tx.objectStore(store).add(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        }),
    );
  } finally {
    db.close();
    await db.delete();
  }
}

/** The floor under `seed`: the same rows as IndexedDB's own adds. */
function seedFloor(conversations: number, notes: number): Promise<number> {
  const { data } = seedFile(conversations, notes);
  return indexedDbAddsMs({ contacts: data.contacts, conversations: data.conversations, notes: data.notes });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function medianOf(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(work));
  return median(times);
}

/** The template the insert measurement clicks: first in the panel's list (most used), one known variable. */
export const GREETING = { title: 'Bench greeting', body: 'Hi {{firstName}}, thanks for your message!' } as const;

/** Replaces the template library with GREETING and `count - 1` bench templates; returns ms. */
async function seedTemplates(count: number): Promise<number> {
  const templates = benchTemplates(count);
  const first = templates[0];
  if (first) Object.assign(first, GREETING, { usageCount: 1_000_000, tags: [], folder: '' });
  return withDatabase(async (db) => {
    await db.templates.clear();
    return timed(() => db.templates.bulkAdd(templates));
  });
}

export const storageBench = {
  seed,
  seedFloor,
  seedTemplates,
  /** Opening the database cold: a fresh connection's first query. */
  openMs: (runs: number) =>
    medianOf(runs, async () => {
      const { SidekickDatabase } = await import('@/utils/db/database');
      const db = new SidekickDatabase();
      await db.conversations.limit(1).toArray();
      db.close();
    }),
  mostOverdueMs: (runs: number) => medianOf(runs, () => withDatabase((db) => mostOverdue(db, 50))),
  countOpenByPlatformMs: (runs: number) => medianOf(runs, () => withDatabase(countOpenByPlatform)),
};
