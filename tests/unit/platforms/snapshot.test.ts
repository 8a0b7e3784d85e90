// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { REPORT_LIMITS } from '@/utils/platforms/limits';
import { emptySnapshot, finishSnapshot } from '@/utils/platforms/toolkit/snapshot';
import { PageSnapshotSchema } from '@/utils/platforms/types';

// The finishing step every adapter runs: whatever the page shows, the report is valid, and a read of an
// ordinary page does not copy its messages.

const thread = (messages: { key: string; direction: 'inbound' | 'outbound'; timeLabel?: string }[]) => ({
  ...emptySnapshot('linkedin', new URL('https://www.linkedin.com/messaging/thread/1/'), 'thread'),
  threadId: '1',
  messages,
});

describe('finishSnapshot', () => {
  it('keeps the newest 100 messages; those within the limits are passed on as they are', () => {
    const messages = Array.from({ length: 130 }, (_, i) => ({
      key: `urn:${i}`,
      direction: 'inbound' as const,
      timeLabel: 'Today 9:00 AM',
    }));
    const finished = finishSnapshot(thread(messages), document);
    expect(finished.messages).toHaveLength(100);
    expect(finished.messages[0]).toBe(messages[30]);
    expect(finished.messages.at(-1)).toBe(messages[129]);
  });

  it('cuts a key and a time label beyond the limits, so the report stays valid', () => {
    const finished = finishSnapshot(
      thread([
        { key: 'k'.repeat(5000), direction: 'outbound', timeLabel: `Today ${'9'.repeat(5000)}` },
        { key: 'short', direction: 'inbound', timeLabel: 'T'.repeat(5000) },
      ]),
      document,
    );
    const [first, second] = finished.messages;
    expect(first?.key).toHaveLength(REPORT_LIMITS.key);
    expect(first?.timeLabel).toHaveLength(REPORT_LIMITS.timeLabel);
    expect(first?.timeLabel?.endsWith('…')).toBe(true);
    expect(second).toMatchObject({ key: 'short', direction: 'inbound' });
    expect(second?.timeLabel).toHaveLength(REPORT_LIMITS.timeLabel);
    expect(PageSnapshotSchema.safeParse(finished).success).toBe(true);
  });
});
