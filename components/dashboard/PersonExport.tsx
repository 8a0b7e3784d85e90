import { useState } from 'react';
import { errorText } from '@/components/shared/errorText';
import { personExportText } from '@/utils/export/person';
import { call } from '@/utils/messaging/client';
import { downloadText } from '../shared/download';
import { useI18n } from '../shared/i18n';

/** "Export everything about this person" (GDPR Art. 15): one file as JSON, or as readable text. */
export function PersonExport({
  contactId,
  name,
  onError,
}: {
  contactId: string;
  name: string;
  onError: (message: string) => void;
}) {
  const { t, language } = useI18n();
  const [done, setDone] = useState(false);
  const exportAs = async (kind: 'json' | 'text') => {
    try {
      const data = await call('contacts.export', { id: contactId });
      const fileName = `dm-sidekick-person-${name.replace(/[^\p{L}\p{N}]+/gu, '-')}.${kind === 'json' ? 'json' : 'txt'}`;
      if (kind === 'json') downloadText(`${JSON.stringify(data, null, 2)}\n`, fileName, 'application/json');
      else downloadText(personExportText(data, language), fileName, 'text/plain;charset=utf-8');
      setDone(true);
    } catch (error) {
      onError(errorText(t, error));
    }
  };
  const button = 'rounded border border-zinc-500 px-2 py-1';
  return (
    <fieldset className="flex flex-wrap items-center gap-2 text-sm">
      <legend className="float-left mr-2">{t('contact.export')}:</legend>
      <button type="button" className={button} onClick={() => void exportAs('json')}>
        {t('contact.exportJson')}
      </button>
      <button type="button" className={button} onClick={() => void exportAs('text')}>
        {t('contact.exportText')}
      </button>
      {done && <span role="status">{t('contact.exported', { name })}</span>}
    </fieldset>
  );
}
