import Dexie from 'dexie';
import type { SidekickDatabase } from '../db/database';
import type { Conversation } from '../db/schema';
import { PLATFORMS, type Platform } from '../platforms/sites';
import { businessElapsedMs, isOverdue } from './clock';
import type { DailyPoint, GroupMetrics, SlaMetrics } from './metrics-wire';
import { conversationClock, loadPolicyContext, resolvePolicy } from './policy';
import { addDays, isoDate, type LocalDate, localDateTime } from './zoned';

/**
 * Response-time figures for a period. A response is one answered wait (a ResponseEvent with
 * answeredAt); it belongs to the period, and to the day, in which its customer message came
 * (`inboundAt`: the page's own time where its label gave one, else when it was first seen; the
 * figures say how many of each, `fromPage`). Response time is wall-clock time (what the customer experienced); "within target" is
 * measured like the SLA itself: business time against the conversation's current policy.
 * open / waiting / overdue are counts as of `now`, not of the period.
 */

export type MetricsQuery = {
  /** Period start (inclusive) and end (exclusive), epoch ms. */
  from: number;
  to: number;
  now: number;
  /** The zone the daily trend's days are counted in (the user's). */
  timeZone: string;
};

/** Longest daily trend (days). */
const MAX_TREND_DAYS = 3 * 366;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 ? upper : Math.round(((sorted[middle - 1] as number) + upper) / 2);
}

/** Nearest-rank percentile (p in 0…100]. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

type Response = {
  conversation: Conversation;
  inboundAt: number;
  ms: number;
  withinTarget: boolean;
  fromPage: boolean;
};

export async function computeMetrics(db: SidekickDatabase, query: MetricsQuery): Promise<SlaMetrics> {
  const { from, to, now, timeZone } = query;
  return db.transaction('r', [db.conversations, db.responseEvents, db.settings, db.tags], async () => {
    const { settings, tags } = await loadPolicyContext(db);

    // Responses: every wait's inboundAt is at or before its conversation's lastInboundAt (both are set
    // by the same report), so the conversations with a customer message since `from` hold them all.
    const recent = await db.conversations.where('lastInboundAt').aboveOrEqual(from).toArray();
    const responses: Response[] = [];
    await Promise.all(
      recent.map(async (conversation) => {
        const events = await db.responseEvents
          .where('[conversationId+inboundAt]')
          .between([conversation.id, from], [conversation.id, to], true, false)
          .toArray();
        if (!events.some((event) => event.answeredAt !== undefined)) return;
        const { policy } = resolvePolicy(conversation, tags, settings);
        for (const event of events) {
          if (event.answeredAt === undefined) continue;
          const business = businessElapsedMs(event.inboundAt, event.answeredAt, settings.businessHours);
          responses.push({
            conversation,
            inboundAt: event.inboundAt,
            ms: event.answeredAt - event.inboundAt,
            withinTarget: business <= policy.targetMinutes * 60_000,
            // Events from before page times were read have no source: they were observed.
            fromPage: event.inboundSource === 'page',
          });
        }
      }),
    );

    // Now: waiting conversations are the open/waiting ones with a deadline (a few, via the index).
    const waiting = (
      await Promise.all(
        (['open', 'waiting'] as const).map((status) =>
          db.conversations
            .where('[status+nextDeadline]')
            .between([status, Dexie.minKey], [status, Dexie.maxKey])
            .toArray(),
        ),
      )
    )
      .flat()
      .filter((c) => c.waitingSince !== undefined);
    const overdue = new Set(
      waiting
        .filter((conversation) => {
          const { clock } = conversationClock(conversation, tags, settings, conversation.waitingSince as number, now);
          return isOverdue(clock.state);
        })
        .map((c) => c.id),
    );

    const openByPlatform = await Promise.all(
      PLATFORMS.map(async (platform) => {
        const counts = await Promise.all(
          (['open', 'waiting'] as const).map((status) =>
            db.conversations.where('[platform+status]').equals([platform, status]).count(),
          ),
        );
        return counts.reduce((a, b) => a + b, 0);
      }),
    );
    const openByTag = await Promise.all(
      [...tags.keys()].map((tagId) =>
        db.conversations
          .where('tags')
          .equals(tagId)
          .filter((c) => c.status === 'open' || c.status === 'waiting')
          .count(),
      ),
    );

    const group = (inGroup: (c: Conversation) => boolean, open: number): GroupMetrics => {
      const mine = responses.filter((r) => inGroup(r.conversation));
      const times = mine.map((r) => r.ms);
      const withinTarget = mine.filter((r) => r.withinTarget).length;
      const waitingHere = waiting.filter(inGroup);
      return {
        responses: mine.length,
        medianMs: median(times),
        p90Ms: percentile(times, 90),
        withinTarget,
        withinTargetShare: mine.length ? withinTarget / mine.length : null,
        open,
        waiting: waitingHere.length,
        overdue: waitingHere.filter((c) => overdue.has(c.id)).length,
        fromPage: mine.filter((r) => r.fromPage).length,
      };
    };

    const byPlatform = Object.fromEntries(
      PLATFORMS.map((platform, i) => [platform, group((c) => c.platform === platform, openByPlatform[i] ?? 0)]),
    ) as Record<Platform, GroupMetrics>;
    const byTag = Object.fromEntries(
      [...tags.keys()].map((tagId, i) => [tagId, group((c) => c.tags.includes(tagId), openByTag[i] ?? 0)]),
    );
    const overall = group(
      () => true,
      openByPlatform.reduce((a, b) => a + b, 0),
    );

    return { from, to, overall, byPlatform, byTag, daily: dailyTrend(responses, from, to, timeZone) };
  });
}

function dailyTrend(responses: readonly Response[], from: number, to: number, timeZone: string): DailyPoint[] {
  if (to <= from) return [];
  const dateOf = (epochMs: number): LocalDate => {
    const { year, month, day } = localDateTime(epochMs, timeZone);
    return { year, month, day };
  };
  const timesByDay = new Map<string, number[]>();
  for (const response of responses) {
    const day = isoDate(dateOf(response.inboundAt));
    const times = timesByDay.get(day) ?? [];
    times.push(response.ms);
    timesByDay.set(day, times);
  }
  const last = isoDate(dateOf(to - 1));
  const points: DailyPoint[] = [];
  let date = dateOf(from);
  for (let i = 0; i < MAX_TREND_DAYS; i++) {
    const day = isoDate(date);
    const times = timesByDay.get(day) ?? [];
    points.push({ day, responses: times.length, medianMs: median(times) });
    if (day === last) break;
    date = addDays(date, 1);
  }
  return points;
}
