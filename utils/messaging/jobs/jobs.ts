import { browser } from 'wxt/browser';
import type { SidekickDatabase } from '../../db/database';
import { RpcError, toRpcError, toWire } from '../errors';
import { type Job, type JobKind, JobSchema } from './schema';

/** A job's two steps: `check` refuses bad input before anything is written; `write` runs in one transaction. */
export type JobSteps<P> = {
  check: () => P;
  write: (db: SidekickDatabase, input: P, report: (done: number, total: number) => void) => Promise<Job['result']>;
};

/** Where each kind's latest job is kept between worker starts (storage.session in the background). */
export type JobStore = { get(kind: JobKind): Promise<Job | undefined>; set(job: Job): Promise<void> };

export const sessionJobStore: JobStore = {
  async get(kind) {
    const stored = (await browser.storage.session.get(`job:${kind}`))[`job:${kind}`];
    return stored === undefined ? undefined : JobSchema.parse(stored);
  },
  set: (job) => browser.storage.session.set({ [`job:${job.kind}`]: job }),
};

/**
 * MV3 stops a worker after 30 s without events; a call to an extension API resets that timer (Chrome 110+),
 * so a job that outlives the dashboard (closed mid-restore) makes one every 20 s.
 */
const KEEP_ALIVE_MS = 20_000;

/** The record a job's transaction commits together with its writes: a stopped worker's job is judged by it. */
const commitMarkerOf = (jobId: string) => `job:${jobId}`;

export type JobDeps = {
  withDatabase: <T>(work: (db: SidekickDatabase) => Promise<T>) => Promise<T>;
  store: JobStore;
  keepAlive: () => Promise<unknown>;
  now?: () => number;
};

/**
 * Runs long writes in the background worker, not inside one call: `start` answers at once with the job,
 * `latest` tells any page (a reopened dashboard too) how far it is and how it ended. The writes and a
 * commit marker share one transaction, so the result is honest even for a worker stopped mid-job: the
 * marker is there (it succeeded, with its counts) or the database is as it was.
 */
export function createJobs({ withDatabase, store, keepAlive, now = Date.now }: JobDeps) {
  /** This worker's running jobs, updated in place as they progress. */
  const running = new Map<JobKind, Job>();

  const finish = async (job: Job, outcome: Pick<Job, 'state' | 'result' | 'error'>) => {
    const done = JobSchema.parse({ ...job, ...outcome, finishedAt: now() });
    running.delete(job.kind);
    await store.set(done);
    return done;
  };

  async function execute<P>(job: Job, steps: JobSteps<P>): Promise<void> {
    const timer = setInterval(() => void keepAlive().catch(() => undefined), KEEP_ALIVE_MS);
    try {
      const input = steps.check();
      const result = await withDatabase((db) =>
        db.transaction('rw', db.tables, async () => {
          const counts = await steps.write(db, input, (done, total) => {
            job.progress = { done, total };
          });
          await db.appliedRequests.put({
            id: commitMarkerOf(job.id),
            at: now(),
            response: { ok: true, value: counts },
          });
          return counts;
        }),
      );
      await finish(job, { state: 'succeeded', result });
    } catch (error) {
      // A domain refusal (a clash in the backup, a bad pack) keeps its code and the detail the UI words.
      await finish(job, { state: 'failed', error: toWire(toRpcError(error)) });
    } finally {
      clearInterval(timer);
    }
  }

  return {
    async start<P>(kind: JobKind, steps: JobSteps<P>): Promise<Job> {
      if (running.has(kind)) {
        throw new RpcError('invalid', 'The same work is already running: wait until it has finished.', {
          reason: 'job-running',
          values: {},
        });
      }
      const job: Job = {
        id: crypto.randomUUID(),
        kind,
        state: 'running',
        startedAt: now(),
        progress: { done: 0, total: 0 },
      };
      running.set(kind, job);
      await store.set(job);
      // After this call's answer went out: checking a large file blocks the worker for a while.
      setTimeout(() => void execute(job, steps), 0);
      return { ...job };
    },

    /** The kind's latest job: running here, finished, or (left running by a stopped worker) settled now. */
    async latest(kind: JobKind): Promise<Job | null> {
      const live = running.get(kind);
      if (live) return { ...live, progress: { ...live.progress } };
      const stored = await store.get(kind);
      if (stored?.state !== 'running') return stored ?? null;
      const marker = await withDatabase((db) => db.appliedRequests.get(commitMarkerOf(stored.id)));
      const committed = marker?.response as { ok: true; value: Job['result'] } | undefined;
      return finish(
        stored,
        committed
          ? { state: 'succeeded', result: committed.value }
          : {
              state: 'failed',
              error: {
                code: 'internal',
                message: 'DM Sidekick was stopped before this finished. Nothing was changed: try again.',
                detail: { reason: 'job-interrupted', values: {} },
              },
            },
      );
    },
  };
}
