import type { PagePart } from '@/utils/platforms/types';
import { useI18n } from '../shared/i18n';

/** Says in plain words which parts of the page could not be read, and what still works. */
export function DegradedNotice({ unreadable, canInsert }: { unreadable: PagePart[]; canInsert: boolean }) {
  const { t, language } = useI18n();
  const parts = new Intl.ListFormat(language, { type: 'conjunction' }).format(
    unreadable.map((part) => t(`part.${part}`)),
  );
  return (
    <div role="status" className="flex flex-col gap-1 rounded bg-amber-100 p-2 text-amber-950">
      <p>{t('panel.degraded', { parts })}</p>
      {!canInsert && <p>{t('panel.degradedCopy')}</p>}
      <p>{t('panel.degradedNoPerson')}</p>
    </div>
  );
}
