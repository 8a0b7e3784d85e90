import { useMemo } from 'react';
import { browser } from 'wxt/browser';
import { errorText } from '@/components/shared/errorText';
import { PLATFORM_LABELS, PLATFORMS, threadUrl } from '@/utils/platforms/sites';
import { formatDuration } from '@/utils/sla/clock';
import { countTriage, isOverdueState, sortForTriage, triageRows } from '../dashboard/triage';
import { useI18n } from '../shared/i18n';
import { useLive } from '../shared/useLive';
import { useShownClock } from '../shared/useShownClock';

/** The toolbar popup's glance: waiting and overdue per platform, and the next overdue conversation. */
export function PopupSummary() {
  const { t, language } = useI18n();
  const shownClock = useShownClock();
  const rows = useLive('conversations.list', null);
  const tags = useLive('tags.all', null);
  const settings = useLive('settings', null);
  const prepared = useMemo(
    () =>
      rows.status === 'ready' && tags.status === 'ready' && settings.status === 'ready'
        ? // Against the shown clock, as the dashboard's list (ConversationsTab) is.
          triageRows(rows.value, tags.value, settings.value, shownClock)
        : null,
    [rows, tags, settings, shownClock],
  );
  if (!prepared) return rows.status === 'error' ? <p role="alert">{errorText(t, rows.error)}</p> : null;
  const counts = countTriage(prepared);
  const next = sortForTriage(prepared).find((row) => isOverdueState(row.state));
  const open = async (url: string) => {
    await browser.tabs.create({ url });
    window.close();
  };
  return (
    <>
      <table className="w-full text-left">
        <caption className="sr-only">{t('popup.counts')}</caption>
        <thead>
          <tr className="text-xs text-zinc-700 dark:text-zinc-300">
            <th scope="col">{t('popup.platform')}</th>
            <th scope="col" className="text-right">
              {t('popup.waiting')}
            </th>
            <th scope="col" className="text-right">
              {t('popup.overdue')}
            </th>
          </tr>
        </thead>
        <tbody>
          {PLATFORMS.map((platform) => (
            <tr key={platform} data-platform={platform}>
              <th scope="row" className="font-normal">
                {PLATFORM_LABELS[platform]}
              </th>
              <td className="text-right" data-count="waiting">
                {counts.byPlatform[platform].waiting}
              </td>
              <td
                className={`text-right ${counts.byPlatform[platform].overdue ? 'font-semibold text-red-800 dark:text-red-300' : ''}`}
                data-count="overdue"
              >
                {counts.byPlatform[platform].overdue}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {next ? (
        <div className="flex items-center justify-between gap-2">
          <p>
            {t('popup.nextOverdue', {
              name: next.contact.displayName,
              platform: PLATFORM_LABELS[next.conversation.platform],
              duration: formatDuration(next.waitingMs ?? 0, language),
            })}
          </p>
          <button
            type="button"
            aria-label={t('popup.openNext', {
              name: next.contact.displayName,
              platform: PLATFORM_LABELS[next.conversation.platform],
            })}
            className="shrink-0 rounded border border-zinc-500 px-2 py-1"
            onClick={() => void open(threadUrl(next.conversation.platform, next.conversation.threadId))}
          >
            {t('popup.open')}
          </button>
        </div>
      ) : (
        <p>{t('popup.nothingOverdue')}</p>
      )}
    </>
  );
}
