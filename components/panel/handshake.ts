import { CLAIM_ANSWER } from '@/utils/messaging/content-checks';
import { request } from '@/utils/messaging/content-client';
import type { PanelClaim } from '@/utils/messaging/protocol';

/** The key its content script gave this frame, by navigating it (utils/content/panel-frame.ts). */
export const panelKeyOf = (hash: string): string | null => new URLSearchParams(hash.replace(/^#/, '')).get('key');

/** A claim's outcome: the frame is the panel (and what to show first), or it is not, with or without a key. */
export type ClaimOutcome = { claimed: PanelClaim } | { refused: 'no-key' | 'wrong-key' };

/**
 * Claims this frame's key with the background (utils/messaging/panel-keys.ts). A frame without a key (the
 * page's copy of ours) or with a wrong one is refused and gets none of the user's data. Without zod: the
 * panel's first script claims (entrypoints/panel/first-paint.ts), before the app's code has loaded.
 */
export async function claimPanel(hash: string): Promise<ClaimOutcome> {
  const key = panelKeyOf(hash);
  if (!key) return { refused: 'no-key' };
  try {
    const answer = CLAIM_ANSWER.parse(await request('panel.claim', { key }));
    return answer.ok ? { claimed: answer.value } : { refused: 'wrong-key' };
  } catch {
    return { refused: 'wrong-key' };
  }
}

/**
 * Claims the frame's key now and again at every change of it (the key comes with the first URL or a later
 * navigation of it, a hash change, and again whenever the content script re-keys a reloaded frame).
 */
export function watchPanelKey(onOutcome: (outcome: ClaimOutcome) => void): void {
  const claimNow = async () => onOutcome(await claimPanel(location.hash));
  window.addEventListener('hashchange', () => void claimNow());
  void claimNow();
}
