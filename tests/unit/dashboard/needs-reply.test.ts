import { describe, expect, it } from 'vitest';
import { needsReplyRows } from '@/components/dashboard/needs-reply-rows';
import type { Conversation } from '@/utils/db/schema';
import { conversationUrl, threadUrl } from '@/utils/platforms/sites';
import { conversationRow } from './rows';

const HOUR = 60 * 60_000;
const NOW = Date.UTC(2026, 5, 1, 12);

const row = (id: string, conversation: Partial<Conversation>) =>
  conversationRow(id, { status: 'waiting', ...conversation });

describe('"Needs reply" (issue #16)', () => {
  it('lists every waiting conversation of every platform, the oldest wait first, and nothing snoozed, done or answered', () => {
    const rows = [
      row('x-2h', { platform: 'x', waitingSince: NOW - 2 * HOUR }),
      row('snoozed', { status: 'snoozed', waitingSince: NOW - 9 * HOUR }),
      row('done', { status: 'done' }),
      row('answered', { status: 'open' }),
      row('linkedin-list-5h', { platform: 'linkedin', waitingSince: NOW - 5 * HOUR, waitingSinceSource: 'list' }),
      row('facebook-thread-3h', { platform: 'facebook', waitingSince: NOW - 3 * HOUR, waitingSinceSource: 'page' }),
    ];
    expect(needsReplyRows(rows).map((each) => each.conversation.id)).toEqual([
      'linkedin-list-5h',
      'facebook-thread-3h',
      'x-2h',
    ]);
  });

  it('opens a row known only from a list without a link on the inbox page: LinkedIn searches for the name', () => {
    expect(conversationUrl('linkedin', 'inbox:abc', 'Anna Berger')).toBe(
      'https://www.linkedin.com/messaging/?searchTerm=Anna%20Berger',
    );
    expect(conversationUrl('instagram', 'inbox:abc', 'Anna Berger')).toBe('https://www.instagram.com/direct/inbox/');
    expect(conversationUrl('linkedin', '2-YWJj', 'Anna Berger')).toBe(
      'https://www.linkedin.com/messaging/thread/2-YWJj/',
    );
    // The other views' links (threadUrl) never lead to a thread that does not exist either.
    expect(threadUrl('x', 'inbox:abc')).toBe('https://x.com/i/chat');
  });
});
