import { type Platform, routeOf } from './sites';
import type { PlatformAdapter } from './types';

// TEMPORARY scaffold (replaced by the real adapters of issues 4 and 5 before this lands):
// knows only the URL, finds nothing on the page.
export function urlOnlyAdapter(platform: Platform): PlatformAdapter {
  return {
    platform,
    observationRoot: (doc) => (routeOf(platform, location.href).kind === 'other' ? null : doc.body),
    read: (_doc, url) => {
      const route = routeOf(platform, url);
      return {
        platform,
        url: url.href,
        state: route.kind === 'thread' ? 'loading' : route.kind === 'inbox' ? 'no-conversation' : 'not-messages',
        threadId: route.kind === 'thread' ? route.threadId : null,
        surface: 'page',
        participant: null,
        messages: [],
        composerKind: null,
        health: { participant: 'missing', messages: 'missing', composer: 'missing' },
      };
    },
    insertText: async () => ({ ok: false, reason: 'composer-missing', message: 'Composer not found.' }),
    focusComposer: () => false,
  };
}
