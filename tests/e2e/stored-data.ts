import type { Page, Worker } from '@playwright/test';
import type { BackupFile } from '../../utils/db/backup';
import { DB_NAME } from '../../utils/db/database';

// What the extension has stored, read where it lives: its IndexedDB, from an extension page or the worker
// (the extension's origin). Read-only, so a test's look never changes what it checks.

type Stored = BackupFile['data'];
/** A page's and a worker's `evaluate` take the same arguments; their union is not callable as such. */
const evaluateIn = (at: Page | Worker) => at.evaluate.bind(at) as Page['evaluate'];
const TABLES = ['contacts', 'conversations', 'tags', 'notes', 'templates', 'packs', 'responseEvents'] as const;

/** Every row of the backup's tables, and the settings, as `backup.ts` exports them. */
export const storedData = (at: Page | Worker): Promise<Stored> =>
  evaluateIn(at)(
    ([name, tables]) =>
      new Promise<Stored>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction([...tables, 'settings'], 'readonly');
          const data: Record<string, unknown> = {};
          for (const table of tables) {
            const request = transaction.objectStore(table).getAll();
            request.onsuccess = () => {
              data[table] = request.result;
            };
          }
          const settings = transaction.objectStore('settings').get('settings');
          settings.onsuccess = () => {
            data.settings = settings.result?.value ?? null;
          };
          transaction.oncomplete = () => {
            open.result.close();
            resolve(data as Stored);
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    [DB_NAME, TABLES] as const,
  );

/** How many rows one store has, or (`key`) one row of it, read where they live (a list of 60,000 rows took minutes to pass over under load). */
const inStore = <T>(at: Page | Worker, store: string, key?: string): Promise<T> =>
  evaluateIn(at)(
    ([name, table, id]) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const rows = open.result.transaction(table, 'readonly').objectStore(table);
          const request = id === undefined ? rows.count() : rows.get(id);
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as T);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    [DB_NAME, store, key] as const,
  );

export const storedCount = (at: Page | Worker, store: string): Promise<number> => inStore<number>(at, store);
export const storedRow = (at: Page | Worker, store: string, key: string): Promise<unknown> => inStore(at, store, key);
