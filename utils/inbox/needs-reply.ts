import Dexie from 'dexie';
import { counterKey } from '../db/counters';
import type { SidekickDatabase } from '../db/database';
import { PLATFORMS } from '../platforms/sites';

/**
 * "Needs reply" (issue #16): the conversations whose customer waits for an answer, on every platform,
 * whether known from the thread or only from a list row: status `waiting` (snoozed and done ones are the
 * person's decision). What the toolbar badge counts, and how many of them are past their SLA breach.
 */
export async function needsReplyCount(db: SidekickDatabase, now: number): Promise<{ count: number; overdue: number }> {
  const [counters, overdue] = await Promise.all([
    db.counters.bulkGet(PLATFORMS.map((platform) => counterKey(platform, 'waiting'))),
    db.conversations
      .where('[status+nextDeadline]')
      .between(['waiting', Dexie.minKey], ['waiting', now], true, true)
      .count(),
  ]);
  return { count: counters.reduce((sum, row) => sum + (row?.count ?? 0), 0), overdue };
}
