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

/**
 * Records the requests that reach IndexedDB (`conversations add`, `templates getMany 3`, `contacts query`): a
 * middleware below the counters' (level 10). Call before the database's first use.
 */
export function recordRequests(db: SidekickDatabase): string[] {
  const requests: string[] = [];
  db.use({
    stack: 'dbcore',
    name: 'requests',
    level: 0,
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) => {
            requests.push(`${name} ${req.type}`);
            return table.mutate(req);
          },
          getMany: (req) => {
            requests.push(`${name} getMany ${req.keys.length}`);
            return table.getMany(req);
          },
          query: (req) => {
            requests.push(`${name} query`);
            return table.query(req);
          },
          openCursor: (req) => {
            requests.push(`${name} query`);
            return table.openCursor(req);
          },
        };
      },
    }),
  });
  return requests;
}
