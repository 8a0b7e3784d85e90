import { useState } from 'react';
import { call } from '@/utils/messaging/client';

/** Export everything to one file; restore from one, merged into what is here or replacing it. */
export function BackupSection() {
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');

  const exportAll = async () => {
    try {
      const backup = await call('backup.export', null);
      const url = URL.createObjectURL(new Blob([JSON.stringify(backup)], { type: 'application/json' }));
      const link = Object.assign(document.createElement('a'), {
        href: url,
        download: `dm-sidekick-backup-${new Date().toISOString().slice(0, 10)}.json`,
      });
      link.click();
      URL.revokeObjectURL(url);
      setStatus({ kind: 'ok', text: 'Backup downloaded.' });
    } catch (error) {
      setStatus({ kind: 'error', text: (error as Error).message });
    }
  };

  const restore = async (file: File | undefined) => {
    if (!file) return;
    try {
      const summary = await call('backup.restore', { text: await file.text(), mode });
      setStatus({
        kind: 'ok',
        text: `Restored ${summary.conversations ?? 0} conversations, ${summary.notes ?? 0} notes and ${summary.templates ?? 0} templates.`,
      });
    } catch (error) {
      setStatus({ kind: 'error', text: (error as Error).message });
    }
  };

  return (
    <section aria-labelledby="backup-heading" className="flex flex-col gap-2">
      <h2 id="backup-heading" className="text-lg font-semibold">
        Backup
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Everything lives only in this browser. Uninstalling the extension deletes it: export a backup regularly.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={exportAll} className="rounded bg-indigo-600 px-3 py-1.5 text-white">
          Export backup
        </button>
        <label className="flex items-center gap-2">
          Restore:
          <select
            value={mode}
            onChange={(e) => setMode(e.target.value as 'merge' | 'replace')}
            className="rounded border border-zinc-300 bg-transparent p-1"
          >
            <option value="merge">merge into my data</option>
            <option value="replace">replace all my data</option>
          </select>
        </label>
        <input
          type="file"
          accept="application/json,.json"
          aria-label="Restore from backup file"
          onChange={(e) => {
            void restore(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      {status && (
        <p
          role={status.kind === 'error' ? 'alert' : 'status'}
          className={status.kind === 'error' ? 'text-red-600' : ''}
        >
          {status.text}
        </p>
      )}
    </section>
  );
}
