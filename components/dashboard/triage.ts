import type { Settings, Tag } from '@/utils/db/schema';
import type { ConversationRow } from '@/utils/db/views';
import { PLATFORMS, type Platform } from '@/utils/platforms/sites';
import type { SlaState } from '@/utils/sla/clock';
import { conversationClock } from '@/utils/sla/policy';

/**
 * The triage queue's order: what needs an answer first comes first. Pure (the time is passed in), so
 * the dashboard's queue and the popup's counts agree.
 */
export const TRIAGE_STATES = ['breached', 'overdue', 'dueSoon', 'onTime', 'snoozed', 'done'] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];

const FROM_SLA: Record<SlaState, TriageState> = {
  breached: 'breached',
  'overdue-target': 'overdue',
  'due-soon': 'dueSoon',
  within: 'onTime',
};

export type TriageRow = ConversationRow & {
  state: TriageState;
  /** Business time waited, as the panel's timer counts it; null when nobody waits. */
  waitingMs: number | null;
  /** Lower-cased name, handle and notes: what the search looks through. */
  haystack: string;
};

export const isOverdueState = (state: TriageState) => state === 'breached' || state === 'overdue';

export function triageRows(rows: readonly ConversationRow[], tags: readonly Tag[], settings: Settings, now: number) {
  const tagById = new Map(tags.map((tag) => [tag.id, tag]));
  return rows.map((row): TriageRow => {
    const { conversation, contact } = row;
    const waitingSince = conversation.waitingSince;
    const clock =
      waitingSince === undefined || conversation.status === 'done' || conversation.status === 'snoozed'
        ? null
        : conversationClock(conversation, tagById, settings, waitingSince, now).clock;
    const state: TriageState =
      conversation.status === 'done'
        ? 'done'
        : conversation.status === 'snoozed'
          ? 'snoozed'
          : clock
            ? FROM_SLA[clock.state]
            : 'onTime';
    return {
      ...row,
      state,
      waitingMs: clock?.elapsedMs ?? null,
      haystack: `${contact.displayName}\n${contact.handle ?? ''}\n${row.notesText}`.toLocaleLowerCase(),
    };
  });
}

/** Within a state: the longest wait first; snoozed by the soonest wake-up; done by the latest change. */
function withinState(a: TriageRow, b: TriageRow): number {
  if (a.state === 'snoozed') return (a.conversation.snoozedUntil ?? 0) - (b.conversation.snoozedUntil ?? 0);
  if (a.state === 'done') return b.conversation.updatedAt - a.conversation.updatedAt;
  return (b.waitingMs ?? -1) - (a.waitingMs ?? -1);
}

export function sortForTriage(rows: readonly TriageRow[]): TriageRow[] {
  const rank = (row: TriageRow) => TRIAGE_STATES.indexOf(row.state);
  return [...rows].sort(
    (a, b) => rank(a) - rank(b) || withinState(a, b) || a.conversation.id.localeCompare(b.conversation.id),
  );
}

export type TriageCounts = {
  byState: Record<TriageState, number>;
  byPlatform: Record<Platform, { waiting: number; overdue: number }>;
};

/** Per state, and per platform how many wait for an answer and how many of them are overdue. */
export function countTriage(rows: readonly TriageRow[]): TriageCounts {
  const byState = Object.fromEntries(TRIAGE_STATES.map((state) => [state, 0])) as Record<TriageState, number>;
  const byPlatform = Object.fromEntries(
    PLATFORMS.map((p) => [p, { waiting: 0, overdue: 0 }]),
  ) as TriageCounts['byPlatform'];
  for (const row of rows) {
    byState[row.state] += 1;
    if (row.waitingMs === null) continue;
    const platform = byPlatform[row.conversation.platform];
    platform.waiting += 1;
    if (isOverdueState(row.state)) platform.overdue += 1;
  }
  return { byState, byPlatform };
}
