import { useEffect } from 'react';
import { call } from '@/utils/messaging/client';
import type { Platform } from '@/utils/platforms/sites';
import type { Presence } from '@/utils/sync/schema';
import { conversationKeyOf } from '@/utils/sync/team-doc';
import { useI18n } from './i18n';

/** The panel renews its presence this often; the background drops one not renewed for 25 s. */
const PRESENCE_RENEW_MS = 10_000;

/**
 * While a team is joined and this panel shows a conversation, tells the background so, renewed while
 * it stays open: the other members see "… is viewing". Cleared when the conversation changes or the
 * panel goes away.
 */
export function usePresenceHeartbeat(shown: { platform: Platform; threadId: string } | null, joined: boolean) {
  const platform = shown?.platform;
  const threadId = shown?.threadId;
  useEffect(() => {
    if (!joined || !platform || !threadId) return;
    const report = () => void call('team.presence', { platform, threadId }).catch(() => undefined);
    report();
    const timer = setInterval(report, PRESENCE_RENEW_MS);
    const clear = () => void call('team.presence', null).catch(() => undefined);
    window.addEventListener('pagehide', clear);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', clear);
      clear();
    };
  }, [joined, platform, threadId]);
}

/** The members on this conversation: "Anna is replying" first, then "Ben is viewing". */
export function presenceOn(presence: Presence[], platform: Platform, threadId: string): Presence[] {
  const key = conversationKeyOf(platform, threadId);
  return presence
    .filter((entry) => entry.conversationKey === key)
    .sort((a, b) => (a.activity === b.activity ? a.name.localeCompare(b.name) : a.activity === 'replying' ? -1 : 1));
}

/**
 * "Anna is viewing" / "Anna is replying": a colleague is on this conversation right now. In the panel the
 * line stays while nobody else is there (saying so), so colleagues coming and going never move what is
 * below it under the person's pointer (a click meant for "New template" or an Insert landing elsewhere).
 */
export function PresenceNotice({ here, compact = false }: { here: Presence[]; compact?: boolean }) {
  const { t } = useI18n();
  const words = here.map((entry) => t(`presence.${entry.activity}`, { name: entry.name })).join(' · ');
  if (compact) {
    return here.length ? (
      <span className="truncate text-xs font-medium text-amber-800 dark:text-amber-300">{words}</span>
    ) : null;
  }
  return (
    <p
      role="status"
      aria-label={t('presence.region')}
      title={words || undefined}
      className={
        here.length
          ? 'truncate rounded bg-amber-100 p-2 text-amber-950 dark:bg-amber-900 dark:text-amber-50'
          : 'truncate rounded bg-zinc-50 p-2 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400'
      }
    >
      {words || t('presence.alone')}
    </p>
  );
}
