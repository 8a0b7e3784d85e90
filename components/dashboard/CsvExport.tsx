import { useState } from 'react';
import type { Tag } from '@/utils/db/schema';
import { CSV_FORMATS, type CsvFormat, type CsvRecord, contactsCsv, conversationsCsv } from '@/utils/export/csv';
import { downloadText } from '../shared/download';
import { useI18n } from '../shared/i18n';

const FORMATS = Object.keys(CSV_FORMATS) as CsvFormat[];

/** "Export CSV" of the rows in view, for a spreadsheet or a CRM import (HubSpot, Salesforce, Pipedrive). */
export function CsvExport({
  records,
  tags,
  onDone,
}: {
  records: CsvRecord[];
  tags: Tag[];
  onDone: (message: string) => void;
}) {
  const { t } = useI18n();
  const [format, setFormat] = useState<CsvFormat>('generic');
  const [per, setPer] = useState<'conversations' | 'contacts'>('conversations');
  const field = 'rounded border border-zinc-400 bg-transparent p-1.5 dark:border-zinc-500';
  const exportCsv = () => {
    const text = (per === 'contacts' ? contactsCsv : conversationsCsv)(records, tags, format);
    downloadText(
      text,
      `dm-sidekick-${per}-${format}-${new Date().toISOString().slice(0, 10)}.csv`,
      'text/csv;charset=utf-8',
    );
    const count = per === 'contacts' ? new Set(records.map((r) => r.contact.id)).size : records.length;
    onDone(t('csv.downloaded', { count }));
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        aria-label={t('csv.format')}
        value={format}
        onChange={(e) => setFormat(e.target.value as CsvFormat)}
        className={field}
      >
        {FORMATS.map((name) => (
          <option key={name} value={name}>
            {t(`csv.format.${name}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('csv.rows')}
        value={per}
        onChange={(e) => setPer(e.target.value as typeof per)}
        className={field}
      >
        <option value="conversations">{t('csv.rows.conversations')}</option>
        <option value="contacts">{t('csv.rows.contacts')}</option>
      </select>
      <button type="button" onClick={exportCsv} className="rounded border border-zinc-500 px-2 py-1">
        {t('csv.export')}
      </button>
    </div>
  );
}
