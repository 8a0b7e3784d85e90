import { browser } from 'wxt/browser';
import type { PageSnapshot } from '../platforms/types';

/**
 * What each tab's content script last reported, in storage.session: it survives the service worker
 * being stopped (MV3 stops it after ~30 s idle), stays in memory only, and is not readable by content
 * scripts (session storage is limited to trusted contexts by default).
 */
const keyOf = (tabId: number, frameId: number) => `page:${tabId}:${frameId}`;

export async function savePageState(tabId: number, frameId: number, snapshot: PageSnapshot): Promise<void> {
  await browser.storage.session.set({ [keyOf(tabId, frameId)]: snapshot });
}

/** The tab's active conversation surface: a frame showing a thread wins over one that shows none. */
export async function activePageState(tabId: number): Promise<{ frameId: number; snapshot: PageSnapshot } | null> {
  const prefix = `page:${tabId}:`;
  const all = await browser.storage.session.get(null);
  const frames = Object.entries(all)
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, snapshot]) => ({ frameId: Number(key.slice(prefix.length)), snapshot: snapshot as PageSnapshot }));
  return frames.find((f) => f.snapshot.state === 'thread') ?? frames.find((f) => f.frameId === 0) ?? null;
}

export async function forgetTab(tabId: number): Promise<void> {
  const prefix = `page:${tabId}:`;
  const keys = Object.keys(await browser.storage.session.get(null)).filter((key) => key.startsWith(prefix));
  await browser.storage.session.remove(keys);
}
