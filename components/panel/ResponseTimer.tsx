import type { Conversation, Settings, Tag } from '@/utils/db/schema';
import { formatWaiting, SLA_STRINGS, type SlaState } from '@/utils/sla/clock';
import { conversationClock } from '@/utils/sla/policy';
import { useI18n } from '../shared/i18n';
import { useShownClock } from '../shared/useShownClock';

const STATE_CLASSES: Record<SlaState, string> = {
  within: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
  'due-soon': 'bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100',
  'overdue-target': 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
  breached: 'bg-red-700 text-white',
};

/**
 * "waiting 2 h 13 min" since the customer's oldest unanswered message, coloured against the SLA; "at
 * least" when that message's time is when it was first seen, not the page's own.
 */
export function ResponseTimer({
  conversation,
  tags,
  settings,
}: {
  conversation: Conversation;
  tags: Tag[];
  settings: Settings;
}) {
  const { t, language } = useI18n();
  const now = useShownClock();
  const waitingSince = conversation.waitingSince;
  if (waitingSince === undefined) {
    return (
      <p role="timer" aria-label={t('timer.label')} className="rounded bg-zinc-100 px-2 py-1 text-xs dark:bg-zinc-800">
        {t('timer.none')}
      </p>
    );
  }
  const tagsById = new Map(tags.map((tag) => [tag.id, tag]));
  const { policy, clock } = conversationClock(conversation, tagsById, settings, waitingSince, now);
  const strings = SLA_STRINGS[language];
  return (
    <p
      role="timer"
      aria-label={t('timer.label')}
      data-sla-state={clock.state}
      className={`rounded px-2 py-1 text-xs font-medium ${STATE_CLASSES[clock.state]}`}
    >
      {formatWaiting(Math.max(0, now - waitingSince), language, {
        atLeast: conversation.waitingSinceSource !== 'page',
      })}{' '}
      · {strings.states[clock.state]} ({policy.name}){clock.paused ? ` · ${strings.paused}` : ''}
    </p>
  );
}
