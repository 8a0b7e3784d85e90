import { describe, expect, it } from 'vitest';
import { SidekickDatabase } from '@/utils/db/database';
import { computeMetrics } from '@/utils/sla/metrics';
import { seenKeyDigest, trackMessages } from '@/utils/sla/tracking';

const MIN = 60_000;
const HOUR = 60 * MIN;
const local = (day: number, hh: number, mm: number) => new Date(2026, 2, day, hh, mm).getTime();
const NOW = local(5, 9, 0);

/** What the release before page times stored (version 2): waits and events without a time source. */
const V2_DATA = {
  conversations: [
    {
      id: 'waits',
      platform: 'instagram',
      threadId: '111',
      contactId: 'c1',
      status: 'waiting',
      tags: [],
      waitingSince: NOW - 10 * MIN,
      nextDeadline: NOW - 10 * MIN + 4 * HOUR,
      lastInboundAt: NOW - 10 * MIN,
      lastOutboundAt: local(4, 17, 0),
      seenKeys: [seenKeyDigest('o1'), seenKeyDigest('i1')],
      createdAt: 1,
      updatedAt: 1,
    },
    {
      id: 'answered',
      platform: 'x',
      threadId: '222',
      contactId: 'c2',
      status: 'open',
      tags: [],
      lastInboundAt: NOW - 2 * HOUR,
      createdAt: 1,
      updatedAt: 1,
    },
  ],
  responseEvents: [
    { id: 'e-waits', conversationId: 'waits', inboundAt: NOW - 10 * MIN },
    { id: 'e-answered', conversationId: 'answered', inboundAt: NOW - 2 * HOUR, answeredAt: NOW - HOUR },
  ],
};

async function upgradedDatabase(name: string) {
  const v2 = new SidekickDatabase(name, 2);
  await v2.transaction('rw', v2.tables, async () => {
    for (const [table, rows] of Object.entries(V2_DATA)) await v2.table(table).bulkAdd(rows);
  });
  v2.close();
  const current = new SidekickDatabase(name);
  await current.open();
  return current;
}

describe('data from before page times', () => {
  it('keeps working: old waits and responses count as observed', async () => {
    const db = await upgradedDatabase('page-clock-v2-metrics');
    const metrics = await computeMetrics(db, { from: NOW - 24 * HOUR, to: NOW + HOUR, now: NOW, timeZone: 'UTC' });
    expect(metrics.overall).toMatchObject({ responses: 1, medianMs: HOUR, fromPage: 0 });
    expect((await db.conversations.get('waits'))?.waitingSinceSource).toBeUndefined(); // the timer says "at least"
    db.close();
  });

  it('moves an old observed wait back to the page time its message shows', async () => {
    const db = await upgradedDatabase('page-clock-v2-tracking');
    // The messages it has seen, now with the label the page shows: 23:10 last night.
    await trackMessages(
      db,
      'waits',
      [
        { key: 'o1', direction: 'outbound' },
        { key: 'i1', direction: 'inbound', timeLabel: '23:10' },
      ],
      NOW,
      'de',
    );
    expect(await db.conversations.get('waits')).toMatchObject({
      waitingSince: local(4, 23, 10),
      waitingSinceSource: 'page',
    });
    expect(await db.responseEvents.get('e-waits')).toMatchObject({
      inboundAt: local(4, 23, 10),
      inboundSource: 'page',
    });
    db.close();
  });
});
