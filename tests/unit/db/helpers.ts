import { SidekickDatabase } from '@/utils/db/database';
import type { PageSnapshot } from '@/utils/platforms/types';

let counter = 0;
/** A fresh, empty database per test (fake-indexeddb keeps them in memory). */
export const freshDatabase = (upToVersion?: number) => new SidekickDatabase(`test-${++counter}`, upToVersion);

export const threadSnapshot = (overrides: Partial<PageSnapshot> = {}): PageSnapshot => ({
  platform: 'instagram',
  url: 'https://www.instagram.com/direct/t/111/',
  state: 'thread',
  threadId: '111',
  surface: 'page',
  participant: { name: 'Anna Berger', handle: 'anna.berger', profileUrl: 'https://www.instagram.com/anna.berger/' },
  messages: [],
  composerKind: 'instagram',
  health: { participant: 'found', messages: 'found', composer: 'found' },
  ...overrides,
});
