import type { ConversationRow } from '@/utils/db/views';
import { formatDateTime, formatRelative } from '@/utils/i18n/format';
import { conversationUrl, PLATFORM_LABELS } from '@/utils/platforms/sites';
import { useI18n } from '../shared/i18n';
import { PageSection } from '../shared/PageSection';
import { useShownClock } from '../shared/useShownClock';
import { needsReplyRows, timeSourceOf } from './needs-reply-rows';

/**
 * The dashboard's "Needs reply" view (issue #16): who waits for an answer on any platform, oldest first,
 * with where the waiting time comes from and an "Open" link to the conversation on its platform.
 */
export function NeedsReplyView({ rows }: { rows: readonly ConversationRow[] }) {
  const { t, language } = useI18n();
  const now = useShownClock();
  const waiting = needsReplyRows(rows);
  return (
    <PageSection
      id="needs-reply"
      title={t('needsReply.title')}
      intro={t('needsReply.intro')}
      className="flex flex-col gap-3"
    >
      {waiting.length === 0 ? (
        <p>{t('needsReply.empty')}</p>
      ) : (
        <ul
          aria-label={t('needsReply.list', { count: waiting.length })}
          className="flex flex-col divide-y divide-zinc-200 dark:divide-zinc-700"
        >
          {waiting.map(({ conversation, contact }) => {
            const since = conversation.waitingSince ?? now;
            const source = timeSourceOf(conversation);
            const platform = PLATFORM_LABELS[conversation.platform];
            return (
              <li
                key={conversation.id}
                className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2"
                data-platform={conversation.platform}
              >
                <span className="font-medium">{contact.displayName}</span>
                <span className="text-sm text-zinc-600 dark:text-zinc-400">{platform}</span>
                <span className="text-sm">
                  {t(source === 'page' ? 'needsReply.since' : 'needsReply.atLeastSince', {
                    time: formatRelative(language, since, now),
                  })}{' '}
                  <time
                    dateTime={new Date(since).toISOString()}
                    title={formatDateTime(language, since)}
                    className="sr-only"
                  >
                    {formatDateTime(language, since)}
                  </time>
                </span>
                <span className="text-xs text-zinc-600 dark:text-zinc-400">{t(`needsReply.source.${source}`)}</span>
                {conversation.unread && (
                  <span className="rounded bg-sky-100 px-1.5 text-xs text-sky-900">{t('needsReply.unread')}</span>
                )}
                {conversation.listOnly && (
                  <span className="rounded bg-zinc-100 px-1.5 text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
                    {t('needsReply.listOnly')}
                  </span>
                )}
                <a
                  className="ml-auto rounded border border-zinc-400 px-2 py-0.5 text-sm underline-offset-2 hover:underline dark:border-zinc-500"
                  href={conversationUrl(conversation.platform, conversation.threadId, contact.displayName)}
                  target="_blank"
                  rel="noreferrer"
                  aria-label={t('needsReply.openLabel', { name: contact.displayName, platform })}
                >
                  {t('needsReply.open')}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </PageSection>
  );
}
