import type { SidekickDatabase } from '../db/database';
import type { RpcName, RpcResponse } from './protocol';
import type { RequestLog } from './server';

/** How long an applied request id is remembered: far longer than any client keeps retrying. */
export const APPLIED_REQUEST_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * How a call is applied at most once, decided per call (a new call does not compile until it is placed):
 * - `database`: its handler only reads and writes the database, so it runs inside one transaction together
 *   with the record of its request id — the write and "this id was applied" commit together or not at
 *   all; a worker stopped mid-call leaves neither, and its retry applies the write once.
 * - `effect`: it acts outside the database (the page's composer, the panel, a download): recorded right
 *   after it ran.
 * - `read`: it changes nothing (or, as a panel's claim of its key, the same again), or its answer must
 *   never be kept (a shortcut's expansion is text about to be sent): a retry simply runs again.
 */
type RequestKind = 'database' | 'effect' | 'read';
const KIND: Record<RpcName, RequestKind> = {
  'page.report': 'read',
  // What the list shows now: applying it again changes nothing, and kept, its ids would fill the table.
  'inbox.report': 'read',
  'page.stalled': 'effect',
  'composer.insert': 'effect',
  'composer.focus': 'effect',
  'panel.collapse': 'effect',
  'panel.register': 'effect',
  'panel.claim': 'read',
  'contacts.update': 'database',
  'contacts.delete': 'database',
  'contacts.export': 'read',
  'conversations.update': 'database',
  'conversations.snooze': 'database',
  'tags.create': 'database',
  'tags.update': 'database',
  'tags.delete': 'database',
  'notes.add': 'database',
  'notes.update': 'database',
  'notes.delete': 'database',
  'templates.create': 'database',
  'templates.update': 'database',
  'templates.delete': 'database',
  'templates.restore': 'database',
  'templates.markUsed': 'database',
  'templates.fork': 'database',
  'settings.update': 'database',
  'packs.previewFile': 'read',
  'packs.previewUrl': 'read',
  'packs.checkUpdate': 'read',
  'packs.export': 'read',
  'packs.apply': 'database',
  // Starts a job, like backup.restore.
  'packs.import': 'effect',
  'packs.unsubscribe': 'database',
  'metrics.compute': 'read',
  // Starts a job (utils/messaging/jobs/jobs.ts), whose own transaction writes: a retry gets the same job, not a second.
  // A part of a file kept in memory until its restore: the same part again replaces it.
  'backup.upload': 'read',
  'backup.restore': 'effect',
  'jobs.latest': 'read',
  'shortcuts.list': 'read',
  'shortcuts.expand': 'read',
  // A notice in the panel: shown once.
  'shortcuts.failed': 'effect',
  'team.join': 'effect',
  'team.leave': 'effect',
  // Renewed every few seconds and harmless to repeat: kept, they would fill the table.
  'team.presence': 'read',
  'team.typing': 'read',
};

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
      if (KIND[name] === 'effect') {
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
      if (KIND[name] === 'read') return apply();
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
