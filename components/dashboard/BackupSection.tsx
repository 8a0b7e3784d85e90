import { useState } from 'react';
import { exportBackup, MAX_BACKUP_BYTES } from '@/utils/db/backup';
import { uploadParts } from '@/utils/db/backup-upload';
import { withDatabase } from '@/utils/db/connection';
import type { MessageKey } from '@/utils/i18n/strings';
import { call } from '@/utils/messaging/client';
import { readTextFile } from '@/utils/text-file';
import { errorText } from '../shared/errorText';
import { useI18n } from '../shared/i18n';
import { PageSection } from '../shared/PageSection';
import { JobProgress, jobError, ProgressBar, percentOf, useJob } from './JobProgress';

/** Export everything to one file; restore from one, merged into what is here or replacing it. */
export function BackupSection() {
  const { t } = useI18n();
  // Own messages are kept as a key and its values, so that they follow the language.
  const [status, setStatus] = useState<
    | { kind: 'ok'; key: MessageKey; values?: Record<string, number> }
    | { kind: 'error'; key?: undefined; text: string }
    | null
  >(null);
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  // The restore runs as a job in the background: this page (or a later one) follows it.
  const { job, follow, lookupError } = useJob('backup.restore');
  const failure = job && jobError(job);

  // The dashboard reads the backup itself (an extension page may open the database): no message size limit.
  const [exported, setExported] = useState<{ done: number; total: number } | null>(null);
  const exportAll = async () => {
    try {
      setStatus(null);
      setExported({ done: 0, total: 0 });
      const backup = await withDatabase((db) =>
        exportBackup(db, Date.now(), (done, total) => setExported({ done, total })),
      );
      const url = URL.createObjectURL(new Blob([JSON.stringify(backup)], { type: 'application/json' }));
      const link = Object.assign(document.createElement('a'), {
        href: url,
        download: `dm-sidekick-backup-${new Date().toISOString().slice(0, 10)}.json`,
      });
      link.click();
      URL.revokeObjectURL(url);
      setStatus({ kind: 'ok', key: 'backup.downloaded' });
    } catch (error) {
      setStatus({ kind: 'error', text: errorText(t, error) });
    } finally {
      setExported(null);
    }
  };

  const restore = async (file: File | undefined) => {
    if (!file) return;
    try {
      setStatus(null);
      const text = await readTextFile(file, MAX_BACKUP_BYTES);
      // In parts: one message carries at most 64 MiB (utils/db/backup-upload.ts).
      const uploadId = crypto.randomUUID();
      for (const part of uploadParts(text, uploadId)) await call('backup.upload', part);
      follow(await call('backup.restore', { uploadId, mode }));
    } catch (error) {
      setStatus({ kind: 'error', text: errorText(t, error) });
    }
  };

  return (
    <PageSection
      id="backup-heading"
      title={t('backup.heading')}
      intro={t('backup.intro')}
      className="flex flex-col gap-2"
    >
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={exportAll}
          disabled={exported !== null}
          className="rounded bg-indigo-600 px-3 py-1.5 text-white"
        >
          {t('backup.export')}
        </button>
        <label className="flex items-center gap-2">
          {t('backup.restoreMode')}
          <select
            value={mode}
            onChange={(e) => setMode(e.target.value as 'merge' | 'replace')}
            className="rounded border border-zinc-300 bg-transparent p-1"
          >
            <option value="merge">{t('backup.merge')}</option>
            <option value="replace">{t('backup.replace')}</option>
          </select>
        </label>
        <input
          type="file"
          accept="application/json,.json"
          aria-label={t('backup.restoreFile')}
          disabled={job?.state === 'running'}
          onChange={(e) => {
            void restore(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      {exported && (
        <ProgressBar
          percent={percentOf(exported.done, exported.total)}
          label="backup.exportProgress"
          checking="backup.exportStarting"
          running="backup.exporting"
        />
      )}
      <JobProgress job={job} label="backup.progress" checking="backup.checking" running="backup.restoring" />
      {job?.state === 'succeeded' && (
        <p role="status">
          {t('backup.restored', {
            conversations: job.result?.conversations ?? 0,
            notes: job.result?.notes ?? 0,
            templates: job.result?.templates ?? 0,
          })}
        </p>
      )}
      {lookupError !== null && (
        <p role="alert" className="text-red-600">
          {errorText(t, lookupError)}
        </p>
      )}
      {failure && (
        <p role="alert" className="text-red-600">
          {errorText(t, failure)}
        </p>
      )}
      {status && (
        <p
          role={status.kind === 'error' ? 'alert' : 'status'}
          className={status.kind === 'error' ? 'text-red-600' : ''}
        >
          {status.key ? t(status.key, status.values) : status.text}
        </p>
      )}
    </PageSection>
  );
}
