import { call } from '@/utils/messaging/client';

/** The key its content script gave this frame, by navigating it (utils/content/panel-frame.ts). */
export const panelKeyOf = (hash: string): string | null => new URLSearchParams(hash.replace(/^#/, '')).get('key');

/**
 * Claims this frame's key with the background (utils/messaging/panel-keys.ts): true once the background
 * knows this frame as the panel its tab's content script created. A frame without a key (the page's copy
 * of ours) or with a wrong one is refused and gets none of the user's data.
 */
export async function claimPanel(hash: string): Promise<boolean> {
  const key = panelKeyOf(hash);
  if (!key) return false;
  try {
    await call('panel.claim', { key });
    return true;
  } catch {
    return false;
  }
}
