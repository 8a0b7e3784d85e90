import type { RpcName, RpcResponse } from '../messaging/protocol';
import type { RequestLog } from '../messaging/server';
import type { SidekickDatabase } from './database';

/** How long an applied request id is remembered: far longer than any client keeps retrying. */
export const APPLIED_REQUEST_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Calls whose handlers only read and write the database: each runs inside one transaction together with
 * the record of its request id, so the write and "this id was applied" commit together or not at all — a
 * worker stopped mid-call leaves neither, and its retry applies the write once. Other writes (the page's
 * composer) are recorded right after they ran.
 */
const DATABASE_ONLY: ReadonlySet<RpcName> = new Set<RpcName>([
  'contacts.update',
  'contacts.delete',
  'conversations.update',
  'conversations.snooze',
  'tags.create',
  'tags.update',
  'tags.delete',
  'notes.add',
  'notes.update',
  'notes.delete',
  'templates.create',
  'templates.update',
  'templates.delete',
  'templates.restore',
  'templates.markUsed',
  'templates.fork',
  'settings.update',
  'packs.apply',
  'packs.unsubscribe',
  'backup.restore',
]);

/** Calls that change nothing (or, as a panel's claim of its key, the same again): a retry may simply run again. */
const READ_ONLY: ReadonlySet<RpcName> = new Set<RpcName>([
  'page.report',
  'panel.claim',
  'metrics.compute',
  'backup.export',
  'contacts.export',
  'packs.export',
  'packs.previewFile',
  'packs.previewUrl',
  'packs.checkUpdate',
]);

/**
 * The background's memory of applied writes (table `appliedRequests`, schema version 4): a request id is
 * applied at most once, and a retry of it — the same call again after "Receiving end does not exist", a
 * timeout or a worker restart — gets the first answer. Only successes are recorded: a failed call stored
 * nothing, so its retry may try again.
 */
export function createRequestLog(
  withDatabase: <T>(work: (db: SidekickDatabase) => Promise<T>) => Promise<T>,
): RequestLog {
  // The same id arriving again while its first run is still going (within this worker) joins that run.
  const running = new Map<string, Promise<RpcResponse>>();

  const applyOnce = (id: string, name: RpcName, apply: () => Promise<RpcResponse>): Promise<RpcResponse> =>
    withDatabase(async (db) => {
      const known = await db.appliedRequests.get(id);
      if (known) return known.response as RpcResponse;
      if (!DATABASE_ONLY.has(name)) {
        const response = await apply();
        if (response.ok) await db.appliedRequests.put({ id, at: Date.now(), response });
        return response;
      }
      // A failed answer aborts the transaction (whatever the handler wrote is rolled back) and is returned.
      let refusal: RpcResponse | undefined;
      try {
        return await db.transaction('rw', db.tables, async () => {
          const again = await db.appliedRequests.get(id);
          if (again) return again.response as RpcResponse;
          const response = await apply();
          if (!response.ok) {
            refusal = response;
            throw new Error(response.error.message);
          }
          await db.appliedRequests.put({ id, at: Date.now(), response });
          return response;
        });
      } catch (error) {
        if (refusal) return refusal;
        throw error;
      }
    });

  return {
    once(id, name, apply) {
      if (READ_ONLY.has(name)) return apply();
      const pending = running.get(id);
      if (pending) return pending;
      const run = applyOnce(id, name, apply).finally(() => running.delete(id));
      running.set(id, run);
      return run;
    },
  };
}

/** Forgets request ids older than the TTL (run at each worker start; the index on `at` keeps it cheap). */
export const pruneAppliedRequests = (db: SidekickDatabase, now = Date.now()): Promise<number> =>
  db.appliedRequests
    .where('at')
    .below(now - APPLIED_REQUEST_TTL_MS)
    .delete();
