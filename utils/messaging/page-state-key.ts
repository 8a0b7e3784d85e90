/**
 * The storage.session key of one frame's last page report: the background writes it (page-states.ts) and
 * the e2e helpers read the real data path through it. No imports, so Node-side test code can use it too.
 */
export const pageStateKey = (tabId: number, frameId: number) => `page:${tabId}:${frameId}`;

const PAGE_KEY = /^page:(\d+):(\d+)$/;

/** The tab and frame a key names, or null for any other key of the session storage. */
export function parsePageStateKey(key: string): { tabId: number; frameId: number } | null {
  const match = PAGE_KEY.exec(key);
  return match ? { tabId: Number(match[1]), frameId: Number(match[2]) } : null;
}
