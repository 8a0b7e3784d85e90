// Bench-only: loaded into the background by background-hooks.ts in `wxt build --mode bench` (modules/bench-hooks.ts).
// Measures the data layer in the real browser's IndexedDB, in the extension's origin.
import { withDatabase } from '@/utils/db/connection';
import { countOpenByPlatform, mostOverdue } from '@/utils/db/queries';
import type { Contact, Conversation, Note } from '@/utils/db/schema';
import { PLATFORMS } from '@/utils/platforms/sites';
import { benchTemplates } from './bench-templates';

/** Rows per transaction: fewer, larger transactions (each commit flushes to disk). */
const CHUNK = 25_000;

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Inserts `conversations` conversations (one contact each) and `notes` notes, in chunks; returns ms. */
async function seed(conversations: number, notes: number, chunk = CHUNK): Promise<number> {
  return withDatabase(async (db) => {
    await Promise.all(db.tables.map((table) => table.clear()));
    const now = Date.now();
    return timed(async () => {
      for (let start = 0; start < conversations; start += chunk) {
        const contacts: Contact[] = [];
        const rows: Conversation[] = [];
        for (let i = start; i < Math.min(start + chunk, conversations); i++) {
          const platform = PLATFORMS[i % PLATFORMS.length] ?? 'instagram';
          contacts.push({
            id: `c${i}`,
            platform,
            platformId: `user${i}`,
            displayName: `User ${i}`,
            customFields: {},
            createdAt: now,
            updatedAt: now,
          });
          const status = (['open', 'waiting', 'done', 'snoozed'] as const)[i % 4] ?? 'open';
          rows.push({
            id: `v${i}`,
            platform,
            threadId: `t${i}`,
            contactId: `c${i}`,
            status,
            tags: [],
            nextDeadline: now + ((i * 7919) % 1_000_000),
            createdAt: now,
            updatedAt: now,
          });
        }
        await db.transaction('rw', db.contacts, db.conversations, async () => {
          await db.contacts.bulkAdd(contacts);
          await db.conversations.bulkAdd(rows);
        });
      }
      for (let start = 0; start < notes; start += chunk) {
        const batch: Note[] = [];
        for (let i = start; i < Math.min(start + chunk, notes); i++) {
          batch.push({ id: `n${i}`, contactId: `c${i % conversations}`, text: `note ${i}`, createdAt: now + i });
        }
        await db.notes.bulkAdd(batch);
      }
    });
  });
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
