import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type BackupFile, parseBackup, restoreBackup } from '@/utils/db/backup';
import type { SidekickDatabase } from '@/utils/db/database';
import { createTemplate } from '@/utils/db/operations';
import { createJobs, sessionJobStore } from '@/utils/messaging/jobs/jobs';
import type { Job } from '@/utils/messaging/jobs/schema';
import { applyImport, planImport } from '@/utils/packs/import';
import { parsePack } from '@/utils/packs/parse';
import { customersBackup } from '../../../harness/extension';
import { freshDatabase } from '../../db/helpers';
import { packInput, packText } from '../../packs/helpers';

/** One worker's jobs over `db`; a second call over the same database and storage is a restarted worker. */
const workerOver = (db: SidekickDatabase) =>
  createJobs({ withDatabase: (work) => work(db), store: sessionJobStore, keepAlive: async () => undefined });

type Jobs = ReturnType<typeof workerOver>;

/** Asks like the dashboard does until the job has ended. */
async function settled(jobs: Jobs, kind: Job['kind'] = 'backup.restore'): Promise<Job | null> {
  for (;;) {
    const job = await jobs.latest(kind);
    if (job?.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A restore job whose every progress report is also looked up the way a page would see it. */
function startRestore(jobs: Jobs, text: string, seen: Promise<Job | null>[] = []) {
  return jobs.start('backup.restore', {
    check: () => parseBackup(text),
    write: (db, file, report) =>
      restoreBackup(db, file, 'replace', (done, total) => {
        report(done, total);
        seen.push(jobs.latest('backup.restore'));
      }),
  });
}

// Thousands of rows in fake-indexeddb: seconds on a loaded machine, beyond Vitest's default 5 s per test.
describe('background jobs (restore)', { timeout: 60_000 }, () => {
  beforeEach(() => fakeBrowser.reset());

  it('answers at once, reports progress while it writes, and ends in success with counts', async () => {
    const db = freshDatabase();
    const jobs = workerOver(db);
    const seen: Promise<Job | null>[] = [];
    const started = await startRestore(jobs, customersBackup(4_000), seen);
    expect(started).toMatchObject({ state: 'running', progress: { done: 0, total: 0 } });

    const finished = await settled(jobs);
    expect(finished).toMatchObject({
      id: started.id,
      state: 'succeeded',
      result: { contacts: 4_000, conversations: 4_000 },
    });
    const progress = (await Promise.all(seen)).map((job) => job?.progress);
    // 8,000 rows in chunks: the page sees the share of rows written grow, not a jump from nothing to done.
    expect(progress.filter((p) => p && p.done > 0 && p.done < p.total).length).toBeGreaterThan(2);
    expect(progress.every((p) => p?.total === 8_000)).toBe(true);
    expect(await db.conversations.count()).toBe(4_000);
  }, 30_000);

  it('a file refused by its check ends as a named failure, the database unchanged', async () => {
    const db = freshDatabase();
    await createTemplate(db, { title: 'Mine', body: 'keep me' });
    const jobs = workerOver(db);
    await startRestore(jobs, '{"format": "dm-sidekick-backup"');

    const finished = await settled(jobs);
    expect(finished?.state).toBe('failed');
    expect(finished?.error).toMatchObject({ code: 'invalid', message: expect.stringContaining('not valid JSON') });
    expect((await db.templates.toArray()).map((t) => t.title)).toEqual(['Mine']);
  });

  it('a failure in the middle of writing rolls everything back, "replace" included', async () => {
    const db = freshDatabase();
    await createTemplate(db, { title: 'Mine', body: 'keep me' });
    const jobs = workerOver(db);
    const file: BackupFile = parseBackup(customersBackup(5_000));
    // Two contacts claiming one platform identity violate a unique index after 2 chunks were written.
    file.data.contacts.splice(4_500, 0, { ...file.data.contacts[0]!, id: 'clone' });
    await jobs.start('backup.restore', {
      check: () => file,
      write: (target, input, report) => restoreBackup(target, input, 'replace', report),
    });

    const finished = await settled(jobs);
    expect(finished).toMatchObject({ state: 'failed', error: { code: 'internal' } });
    expect(finished?.progress.done).toBeGreaterThan(0);
    expect((await db.templates.toArray()).map((t) => t.title)).toEqual(['Mine']);
    expect(await db.contacts.count()).toBe(0);
    // A failed job leaves no commit marker: a later worker could not mistake it for a success.
    expect(await workerOver(db).latest('backup.restore')).toMatchObject({ state: 'failed' });
  });

  it('refuses a second restore while one runs, by name', async () => {
    const jobs = workerOver(freshDatabase());
    await startRestore(jobs, customersBackup(2_000));
    await expect(startRestore(jobs, customersBackup(1))).rejects.toMatchObject({
      detail: { reason: 'job-running' },
    });
    expect(await settled(jobs)).toMatchObject({ state: 'succeeded', result: { conversations: 2_000 } });
  });

  it('a reopened dashboard, even on a restarted worker, finds the finished job and its counts', async () => {
    const db = freshDatabase();
    const first = workerOver(db);
    const started = await startRestore(first, customersBackup(300));
    // Asked while it runs (the dashboard closed and opened again right away): the same job, running.
    expect(await first.latest('backup.restore')).toMatchObject({ id: started.id, state: 'running' });
    await settled(first);

    expect(await workerOver(db).latest('backup.restore')).toMatchObject({
      id: started.id,
      state: 'succeeded',
      result: { conversations: 300 },
    });
  });

  it('a job its stopped worker left "running" is settled by its commit marker: done with counts, or nothing changed', async () => {
    const db = freshDatabase();
    const jobs = workerOver(db);
    const committed = await startRestore(jobs, customersBackup(10));
    await settled(jobs);
    // Two jobs as a worker stopped right after the commit, and one stopped before it, left them.
    await sessionJobStore.set({ ...committed, state: 'running' });
    expect(await workerOver(db).latest('backup.restore')).toMatchObject({
      state: 'succeeded',
      result: { conversations: 10 },
    });

    await sessionJobStore.set({ ...committed, id: 'never-committed', state: 'running' });
    const interrupted = await workerOver(db).latest('backup.restore');
    expect(interrupted).toMatchObject({ state: 'failed', error: { detail: { reason: 'job-interrupted' } } });
    // Settled once: asked again, the same answer.
    expect(await workerOver(db).latest('backup.restore')).toEqual(interrupted);
  });

  it('a large pack import is a job of its own kind: progress between chunks, then its counts and name', async () => {
    const db = freshDatabase();
    const jobs = workerOver(db);
    const templates = Array.from({ length: 1_200 }, (_, i) => ({
      id: `t${i}`,
      title: `Template ${i}`,
      body: `Body ${i}`,
    }));
    const plan = await planImport(db, parsePack(packText(packInput({}, templates))), {
      kind: 'file',
      name: 'big.json',
    });
    const seen: Promise<Job | null>[] = [];
    // A restore may run meanwhile: one job of each kind at a time.
    await startRestore(jobs, customersBackup(10));
    await jobs.start('packs.import', {
      check: () => plan,
      write: (target, checked, report) =>
        applyImport(target, checked, {}, {}, (done, total) => {
          report(done, total);
          seen.push(jobs.latest('packs.import'));
        }),
    });

    expect(await settled(jobs, 'packs.import')).toMatchObject({
      state: 'succeeded',
      result: { packId: 'acme.service', added: 1_200 },
    });
    const progress = (await Promise.all(seen)).map((job) => job?.progress);
    expect(progress.filter((p) => p && p.done > 0 && p.done < p.total).length).toBeGreaterThan(1);
    expect(await db.templates.count()).toBe(1_200);
    expect(await settled(jobs)).toMatchObject({ state: 'succeeded', result: { conversations: 10 } });
  }, 30_000);
});
