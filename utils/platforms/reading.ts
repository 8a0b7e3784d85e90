import type { PageSnapshot, PartHealth } from './types';

/** Weak: one signal holds and it is still unique, so the value is used. */
export const isRead = (health: PartHealth): boolean => health === 'found' || health === 'weak';

/**
 * A settled thread whose person was read: the panel shows that person (components/panel/panel-mode.ts),
 * and the background names them in the panel's claim answer, for its first paint.
 */
export const personKnown = (page: PageSnapshot | null): page is PageSnapshot & { threadId: string } =>
  page?.state === 'thread' && page.threadId !== null && page.participant !== null && isRead(page.health.participant);
