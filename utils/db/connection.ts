import Dexie from 'dexie';
import { because } from '../errors';
import { SidekickDatabase } from './database';
import { DbError } from './errors';

/**
 * This realm's handle on the database: the background's, opened lazily on the first call after each
 * service-worker wake (MV3 stops an idle worker after ~30 s), or a full extension page's that reads (the
 * dashboard's backup export). Never from a content script or the in-page iframe.
 */
let current: SidekickDatabase | undefined;

export const database = (): SidekickDatabase => {
  current ??= new SidekickDatabase();
  return current;
};

const isClosedError = (error: unknown) =>
  error instanceof Dexie.DatabaseClosedError ||
  (error instanceof Error && /database has been closed|connection is closing/i.test(error.message));

/** Dexie reports a full disk as QuotaExceededError, sometimes wrapped in an AbortError's `inner`. */
export const isQuotaError = (error: unknown): boolean => {
  const named = error as { name?: string; inner?: unknown } | null;
  return named?.name === 'QuotaExceededError' || (named?.inner !== undefined && isQuotaError(named.inner));
};

/**
 * Runs `work` against the database. A "database closed" error (seen after a worker restart) reopens
 * and retries once; a full disk becomes a clear message — its transaction was rolled back, so what
 * was saved before stays saved.
 */
export async function withDatabase<T>(work: (db: SidekickDatabase) => Promise<T>): Promise<T> {
  try {
    return await work(database());
  } catch (error) {
    if (isQuotaError(error)) throw quotaError();
    if (!isClosedError(error)) throw error;
    current?.close();
    current = new SidekickDatabase();
    try {
      return await work(current);
    } catch (retryError) {
      if (isQuotaError(retryError)) throw quotaError();
      throw retryError;
    }
  }
}

const quotaError = () =>
  new DbError(
    'disk-full',
    'The disk is full, so this change was not saved. Everything saved before is intact. Free some disk space and try again.',
    because('disk-full'),
  );
