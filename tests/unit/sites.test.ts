import { describe, expect, it } from 'vitest';
import { invitationThreadId, PLATFORMS, routeOf, threadUrl } from '@/utils/platforms/sites';

describe('routeOf', () => {
  it.each([
    ['instagram', 'https://www.instagram.com/direct/t/340282366841710300949128/', '340282366841710300949128'],
    ['instagram', 'https://www.instagram.com/direct/e2ee/t/17842/', '17842'],
    ['x', 'https://x.com/i/chat/44196397-783214', '44196397-783214'],
    ['x', 'https://x.com/i/chat/g1234567890', 'g1234567890'],
    ['x', 'https://x.com/i/chat/requests/other/12-34', '12-34'],
    ['x', 'https://twitter.com/messages/12-34', '12-34'],
    ['facebook', 'https://www.facebook.com/messages/t/100004321/', '100004321'],
    ['facebook', 'https://www.facebook.com/messages/e2ee/t/thaian.nguyen.731572', 'thaian.nguyen.731572'],
    ['linkedin', 'https://www.linkedin.com/messaging/thread/2-ZmM3YjQ%3D/', '2-ZmM3YjQ='],
  ] as const)('%s %s is thread %s', (platform, url, threadId) => {
    expect(routeOf(platform, url)).toEqual({ kind: 'thread', threadId });
  });

  it.each([
    ['instagram', 'https://www.instagram.com/direct/inbox/'],
    ['x', 'https://x.com/i/chat'],
    ['x', 'https://x.com/i/chat/requests'],
    ['x', 'https://x.com/i/chat/requests/other'],
    ['x', 'https://x.com/messages/compose'],
    ['facebook', 'https://www.facebook.com/messages/'],
    ['linkedin', 'https://www.linkedin.com/messaging/'],
  ] as const)('%s %s is the inbox', (platform, url) => {
    expect(routeOf(platform, url)).toEqual({ kind: 'inbox' });
  });

  it.each([
    ['instagram', 'https://www.instagram.com/explore/'],
    ['instagram', 'https://www.instagram.com/directory/'],
    ['x', 'https://x.com/home'],
    ['facebook', 'https://www.facebook.com/groups/123'],
    ['linkedin', 'https://www.linkedin.com/feed/'],
  ] as const)('%s %s is outside the messages area', (platform, url) => {
    expect(routeOf(platform, url)).toEqual({ kind: 'other' });
  });
});

describe('threadUrl', () => {
  it.each(PLATFORMS)('%s: the URL it builds routes back to the same thread', (platform) => {
    const threadId = platform === 'linkedin' ? '2-ZmM3YjQ=' : platform === 'x' ? '12-34' : '340282366841710300949128';
    expect(routeOf(platform, threadUrl(platform, threadId))).toEqual({ kind: 'thread', threadId });
  });

  it('a LinkedIn invitation (no thread yet) opens on the profile it invites', () => {
    expect(threadUrl('linkedin', invitationThreadId('anna-berger-4711'))).toBe(
      'https://www.linkedin.com/in/anna-berger-4711/',
    );
  });
});
