import type { DriftReport, PageSnapshot } from '@/utils/platforms/types';

/** A settled Instagram thread whose every part was read; tests change what they are about. */
export function readableThread(overrides: Partial<PageSnapshot> = {}): PageSnapshot {
  return {
    platform: 'instagram',
    url: 'https://www.instagram.com/direct/t/1001/',
    state: 'thread',
    threadId: '1001',
    surface: 'page',
    participant: { name: 'Anna Berger', handle: 'anna.berger' },
    messages: [{ key: 'k1', direction: 'inbound' }],
    composerKind: 'instagram',
    health: { participant: 'found', messages: 'found', composer: 'found' },
    ...overrides,
  };
}

/** What a content script reports from a page it cannot read: loading, no part found, drift for each. */
export function unknownLayout(overrides: Partial<PageSnapshot> = {}): PageSnapshot {
  return readableThread({
    state: 'loading',
    participant: null,
    messages: [],
    composerKind: null,
    health: { participant: 'missing', messages: 'missing', composer: 'ambiguous' },
    ...overrides,
  });
}

export const participantDrift: DriftReport = {
  part: 'participant',
  health: 'missing',
  failedSignals: ['profile-link', 'conversation-label'],
  skeleton: '<main><div role="none"><span></span></div></main>',
};
