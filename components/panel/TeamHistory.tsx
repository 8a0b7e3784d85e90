import { ConversationStatusSchema } from '@/utils/db/schema';
import type { Platform } from '@/utils/platforms/sites';
import { useI18n } from '../shared/i18n';
import { useLive } from '../shared/useLive';

/** Who changed this conversation's status and assignee, and when (last writer wins; the history tells). */
export function TeamHistory({ platform, threadId }: { platform: Platform; threadId: string }) {
  const { t, language } = useI18n();
  const history = useLive('team.history', { platform, threadId });
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  const entries = history.status === 'ready' ? [...history.value].reverse() : [];
  return (
    <details className="text-xs">
      <summary className="cursor-pointer font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
        {t('history.heading')}
      </summary>
      {entries.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <ol aria-label={t('history.heading')} className="flex flex-col gap-0.5">
          {entries.map((entry) => {
            const when = time.format(entry.at);
            // Another member's browser wrote it: an unknown status is shown as it came.
            const status = ConversationStatusSchema.safeParse(entry.value);
            const text =
              entry.field === 'status'
                ? t('history.status', {
                    when,
                    by: entry.by,
                    value: status.success ? t(`status.${status.data}`) : entry.value,
                  })
                : entry.value
                  ? t('history.assignee', { when, by: entry.by, value: entry.value })
                  : t('history.unassigned', { when, by: entry.by });
            return <li key={entry.id}>{text}</li>;
          })}
        </ol>
      )}
    </details>
  );
}
