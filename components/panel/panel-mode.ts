import { partsNotFound } from '@/utils/health/page-health';
import type { MessageKey } from '@/utils/i18n/strings';
import { isRead, personKnown } from '@/utils/platforms/reading';
import type { PagePart, PageSnapshot } from '@/utils/platforms/types';

/** The panel says "loading" for at most this long after the page started loading; then it degrades. */
export const LOADING_LIMIT_MS = 3000;

export type PanelMode =
  /** The person is known: everything the panel has. */
  | { kind: 'conversation'; canInsert: boolean }
  /** Not settled yet: "loading" until `until` (epoch ms), then degraded. */
  | { kind: 'waiting'; message: MessageKey; until: number }
  /** The page cannot be read for certain: says which parts, and offers templates (Copy, or Insert). */
  | { kind: 'degraded'; unreadable: PagePart[]; canInsert: boolean }
  /** A page that is no conversation (inbox, passcode, request, elsewhere). */
  | { kind: 'notice'; message: MessageKey };

const NOTICES: Record<Exclude<PageSnapshot['state'], 'thread' | 'loading'>, MessageKey> = {
  'no-conversation': 'panel.noConversation',
  'passcode-required': 'panel.passcode',
  'message-request': 'panel.request',
  'not-messages': 'panel.notMessages',
};

/** Insert goes only into a composer that is unmistakable, in a settled thread; else the panel offers Copy. */
export const canInsertInto = (page: PageSnapshot | null): boolean =>
  page?.state === 'thread' && page.threadId !== null && isRead(page.health.composer);

function degraded(page: PageSnapshot | null): PanelMode {
  const unreadable = page
    ? partsNotFound(page)
        .filter(({ health }) => !isRead(health))
        .map(({ part }) => part)
    : [];
  return { kind: 'degraded', unreadable: unreadable.length ? unreadable : ['thread'], canInsert: canInsertInto(page) };
}

/**
 * What the panel shows. It never waits without end: a page still loading `limitMs` after it started
 * (`loadingSince`, the background's record, else `waitingSince`, when the panel itself started to
 * wait) is shown as degraded. `now` and `limitMs` are injected, so this is tested without timers.
 */
export function panelMode({
  page,
  hasView,
  loadingSince,
  waitingSince,
  now,
  limitMs = LOADING_LIMIT_MS,
}: {
  page: PageSnapshot | null;
  hasView: boolean;
  loadingSince?: number;
  waitingSince: number;
  now: number;
  limitMs?: number;
}): PanelMode {
  if (page && page.state !== 'thread' && page.state !== 'loading')
    return { kind: 'notice', message: NOTICES[page.state] };
  const known = personKnown(page);
  if (known && hasView) return { kind: 'conversation', canInsert: canInsertInto(page) };
  // A thread whose person cannot be read does not get better by waiting.
  if (page?.state === 'thread' && !known) return degraded(page);
  const until = ((page?.state === 'loading' ? loadingSince : undefined) ?? waitingSince) + limitMs;
  if (now < until) return { kind: 'waiting', message: page ? 'panel.loading' : 'panel.waiting', until };
  return degraded(page);
}
