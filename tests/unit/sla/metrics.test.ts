import { describe, expect, it } from 'vitest';
import { updateSettings } from '@/utils/db/operations';
import type { Conversation, ResponseEvent } from '@/utils/db/schema';
import type { Platform } from '@/utils/platforms/sites';
import { computeMetrics, median, percentile } from '@/utils/sla/metrics';
import { freshDatabase } from '../db/helpers';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;

const conversation = (
  id: string,
  platform: Platform,
  status: Conversation['status'],
  extra: Partial<Conversation> = {},
): Conversation => ({
  id,
  platform,
  threadId: id,
  contactId: `contact-${id}`,
  status,
  tags: [],
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});
const event = (id: string, conversationId: string, inbound: string, responseMs?: number): ResponseEvent => ({
  id,
  conversationId,
  inboundAt: at(inbound),
  ...(responseMs !== undefined && { answeredAt: at(inbound) + responseMs }),
});

describe('percentiles', () => {
  it('takes the middle (mean of two) and the nearest rank', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(3); // (2 + 3) / 2 = 2.5, rounded
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)).toBe(90);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 90)).toBe(100); // rank ceil(9.9) = 10
    expect(percentile([7], 90)).toBe(7);
  });
});

describe('computeMetrics', () => {
  // 2–4 March 2026 in Berlin (UTC+1): from Mon 00:00 to Thu 00:00 local.
  const from = at('2026-03-01T23:00:00Z');
  const to = at('2026-03-04T23:00:00Z');
  const now = at('2026-03-04T20:00:00Z');

  it('gives medians, the 90th percentile, the share within target, counts and a daily trend', async () => {
    const db = freshDatabase();
    await db.tags.add({ id: 'vip', name: 'VIP', nameKey: 'vip', color: '#4f46e5', slaPolicyId: 'sales', createdAt: 1 });
    await db.tags.add({ id: 'quiet', name: 'Quiet', nameKey: 'quiet', color: '#4f46e5', createdAt: 1 });
    await db.conversations.bulkAdd([
      conversation('c1', 'instagram', 'open', { lastInboundAt: at('2026-03-04T22:59:00Z') }),
      conversation('c2', 'x', 'open', { tags: ['vip'], lastInboundAt: at('2026-03-04T08:00:00Z') }),
      conversation('c3', 'facebook', 'open', { lastInboundAt: at('2026-03-03T23:30:00Z') }),
      conversation('c4', 'linkedin', 'waiting', {
        lastInboundAt: at('2026-02-25T10:00:00Z'),
        waitingSince: now - 3 * HOUR,
        nextDeadline: now + HOUR,
      }),
      conversation('c5', 'instagram', 'waiting', {
        lastInboundAt: now - HOUR,
        waitingSince: now - HOUR,
        nextDeadline: now + 3 * HOUR,
      }),
      conversation('c6', 'instagram', 'done', { tags: ['vip'], lastInboundAt: at('2026-03-02T09:00:00Z') }),
    ]);
    await db.responseEvents.bulkAdd([
      event('e1', 'c1', '2026-03-02T10:00:00Z', 30 * MIN), // within 2 h
      event('e2', 'c1', '2026-03-03T09:00:00Z', 3 * HOUR), // misses 2 h
      event('e3', 'c2', '2026-03-02T12:00:00Z', 5 * HOUR), // VIP → Sales, 24 h: within
      event('e4', 'c2', '2026-03-04T08:00:00Z', HOUR), // within
      event('e5', 'c3', '2026-03-03T23:30:00Z', 10 * MIN), // 00:30 on 4 March in Berlin
      event('e6', 'c1', '2026-03-04T23:00:00Z', 5 * MIN), // at `to`: outside
      event('e7', 'c4', '2026-02-25T10:00:00Z', 5 * MIN), // before the period
      event('e8', 'c5', '2026-03-04T19:00:00Z'), // unanswered
    ]);

    const metrics = await computeMetrics(db, { from, to, now, timeZone: 'Europe/Berlin' });

    // Response times (M = 60,000 ms): 10, 30, 60, 180, 300 min.
    expect(metrics.overall).toEqual({
      responses: 5,
      medianMs: HOUR,
      p90Ms: 5 * HOUR,
      withinTarget: 4,
      withinTargetShare: 0.8,
      open: 5,
      waiting: 2,
      overdue: 1, // c4: 3 h against 2 h
      fromPage: 0,
    });
    expect(metrics.byPlatform.instagram).toEqual({
      responses: 2,
      medianMs: 105 * MIN, // (30 + 180) / 2
      p90Ms: 3 * HOUR,
      withinTarget: 1,
      withinTargetShare: 0.5,
      open: 2,
      waiting: 1,
      overdue: 0,
      fromPage: 0,
    });
    expect(metrics.byPlatform.x).toMatchObject({
      responses: 2,
      medianMs: 3 * HOUR,
      p90Ms: 5 * HOUR,
      withinTargetShare: 1,
      open: 1,
    });
    expect(metrics.byPlatform.facebook).toMatchObject({ responses: 1, medianMs: 10 * MIN, open: 1, waiting: 0 });
    expect(metrics.byPlatform.linkedin).toEqual({
      responses: 0,
      medianMs: null,
      p90Ms: null,
      withinTarget: 0,
      withinTargetShare: null,
      open: 1,
      waiting: 1,
      overdue: 1,
      fromPage: 0,
    });
    expect(metrics.byTag.vip).toMatchObject({ responses: 2, medianMs: 3 * HOUR, withinTarget: 2, open: 1, waiting: 0 });
    expect(metrics.byTag.quiet).toMatchObject({ responses: 0, open: 0 });
    expect(metrics.daily).toEqual([
      { day: '2026-03-02', responses: 2, medianMs: 165 * MIN }, // 30 and 300 min
      { day: '2026-03-03', responses: 1, medianMs: 3 * HOUR },
      { day: '2026-03-04', responses: 2, medianMs: 35 * MIN }, // 60 and 10 min
    ]);
  });

  it('measures "within target" in business hours', async () => {
    const db = freshDatabase();
    await updateSettings(db, {
      businessHours: { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
    });
    await db.conversations.add(conversation('c1', 'instagram', 'open', { lastInboundAt: at('2026-03-06T16:30:00Z') }));
    // Friday 17:30 → Monday 09:45 (CET): 64 h 15 min on the clock, 45 min of business time.
    await db.responseEvents.add(event('e1', 'c1', '2026-03-06T16:30:00Z', 64 * HOUR + 15 * MIN));
    const metrics = await computeMetrics(db, {
      from: at('2026-03-06T00:00:00Z'),
      to: at('2026-03-07T00:00:00Z'),
      now: at('2026-03-09T12:00:00Z'),
      timeZone: 'Europe/Berlin',
    });
    expect(metrics.overall).toMatchObject({ responses: 1, medianMs: 64 * HOUR + 15 * MIN, withinTarget: 1 });
    expect(metrics.daily).toEqual([
      { day: '2026-03-06', responses: 1, medianMs: 64 * HOUR + 15 * MIN },
      { day: '2026-03-07', responses: 0, medianMs: null },
    ]);
  });

  it('says how many response times came from page times and how many from first sight', async () => {
    const db = freshDatabase();
    await db.conversations.bulkAdd([
      conversation('p1', 'instagram', 'open', { lastInboundAt: at('2026-03-03T12:00:00Z') }),
      conversation('p2', 'x', 'open', { lastInboundAt: at('2026-03-03T12:00:00Z') }),
    ]);
    await db.responseEvents.bulkAdd([
      { ...event('e1', 'p1', '2026-03-02T23:10:00Z', 5 * HOUR), inboundSource: 'page' },
      { ...event('e2', 'p2', '2026-03-03T09:00:00Z', 10 * MIN), inboundSource: 'observed' },
      event('e3', 'p2', '2026-03-03T10:00:00Z', 20 * MIN), // stored before sources were recorded
    ]);
    const metrics = await computeMetrics(db, { from, to, now, timeZone: 'Europe/Berlin' });
    expect(metrics.overall).toMatchObject({ responses: 3, fromPage: 1, medianMs: 20 * MIN, p90Ms: 5 * HOUR });
    expect(metrics.byPlatform.instagram).toMatchObject({ responses: 1, fromPage: 1 });
    expect(metrics.byPlatform.x).toMatchObject({ responses: 2, fromPage: 0 });
  });
});
