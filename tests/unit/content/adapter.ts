import { reactTextareaEngine } from '@/utils/platforms/editors/react-textarea';
import { emptySnapshot } from '@/utils/platforms/toolkit/snapshot';
import type { PlatformAdapter } from '@/utils/platforms/types';

export const THREAD = 'thread-1';
const URL_OF_THREAD = new URL(`https://x.com/i/chat/${THREAD}`);

/** An adapter whose shown conversation is THREAD and whose composer is `composer`. */
export function composerAdapter(composer: HTMLElement): PlatformAdapter {
  const snapshot = {
    ...emptySnapshot('x', URL_OF_THREAD, 'thread'),
    threadId: THREAD,
    health: { participant: 'found', messages: 'found', composer: 'found' },
  } as const;
  return {
    platform: 'x',
    observationRoot: () => document.body,
    read: () => snapshot,
    insertText: () => Promise.resolve({ ok: true }),
    focusComposer: () => false,
    composerAccess: () => ({ target: { snapshot, composer }, engine: reactTextareaEngine }),
  };
}
