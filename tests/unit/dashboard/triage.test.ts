import { describe, expect, it } from 'vitest';
import { countTriage, sortForTriage, triageRows } from '@/components/dashboard/triage';
import { DEFAULT_SETTINGS } from '@/utils/db/schema';
import { conversationRow } from './rows';

const NOW = Date.UTC(2026, 5, 1, 12);
const MINUTE = 60_000;

const row = conversationRow;

// Default policy "Customer service": due soon from 90 min, overdue from 2 h, breached from 4 h.
const ROWS = [
  row('done-old', { status: 'done', updatedAt: 1 }),
  row('on-time-waiting', { waitingSince: NOW - 30 * MINUTE }),
  row('snoozed-late', { status: 'snoozed', snoozedUntil: NOW + 3 * 60 * MINUTE, waitingSince: NOW - 500 * MINUTE }),
  row('breached', { waitingSince: NOW - 5 * 60 * MINUTE, platform: 'x' }),
  row('nobody-waiting', {}),
  row('due-soon', { waitingSince: NOW - 100 * MINUTE, platform: 'linkedin' }),
  row('overdue-long', { waitingSince: NOW - 3.5 * 60 * MINUTE }),
  row('done-new', { status: 'done', updatedAt: 5 }),
  row('overdue-short', { waitingSince: NOW - 2.5 * 60 * MINUTE, platform: 'x' }),
  row('snoozed-soon', { status: 'snoozed', snoozedUntil: NOW + 60 * MINUTE }),
];

describe('the triage queue', () => {
  it('orders by urgency: breached → overdue → due soon → on time → snoozed → done', () => {
    const sorted = sortForTriage(triageRows(ROWS, [], DEFAULT_SETTINGS, NOW));
    expect(sorted.map((r) => r.conversation.id)).toEqual([
      'breached',
      'overdue-long',
      'overdue-short',
      'due-soon',
      'on-time-waiting',
      'nobody-waiting',
      'snoozed-soon',
      'snoozed-late',
      'done-new',
      'done-old',
    ]);
    expect(sorted.map((r) => r.state)).toEqual([
      'breached',
      'overdue',
      'overdue',
      'dueSoon',
      'onTime',
      'onTime',
      'snoozed',
      'snoozed',
      'done',
      'done',
    ]);
  });

  it('counts states, and per platform the waiting and the overdue (snoozed and done do not wait)', () => {
    const counts = countTriage(triageRows(ROWS, [], DEFAULT_SETTINGS, NOW));
    expect(counts.byState).toEqual({ breached: 1, overdue: 2, dueSoon: 1, onTime: 2, snoozed: 2, done: 2 });
    expect(counts.byPlatform).toEqual({
      instagram: { waiting: 2, overdue: 1 },
      x: { waiting: 2, overdue: 2 },
      facebook: { waiting: 0, overdue: 0 },
      linkedin: { waiting: 1, overdue: 0 },
    });
  });

  it("follows the conversation's policy: 5 h under Sales (24 h target) is on time", () => {
    const [sales] = triageRows(
      [row('sales', { waitingSince: NOW - 5 * 60 * MINUTE, slaPolicyId: 'sales' })],
      [],
      DEFAULT_SETTINGS,
      NOW,
    );
    expect(sales).toMatchObject({ state: 'onTime', waitingMs: 5 * 60 * MINUTE });
  });
});
