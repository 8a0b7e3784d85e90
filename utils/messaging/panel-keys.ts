import { browser } from 'wxt/browser';

/**
 * The panel handshake (issue #15, point 2). The page can read our iframe's `src` and frame a copy of the
 * panel in the same tab; that copy is an extension page like ours. So a panel frame sees data only once
 * it has shown the key its tab's content script made and handed the background over extension messaging
 * (`panel.register`). The content script gives the key to its own frame only by navigating that frame's
 * location (its `src` attribute, which the page reads, never carries it); the first frame that claims the
 * key is bound to it, by frame id. Kept in storage.session: a restarted worker still knows its panels.
 */
type PanelKey = { key: string; frameId?: number };

/** Why a panel frame is refused; the frame itself says it in the user's words (panel.notOurs). */
export const PANEL_NOT_OURS = 'This panel was not opened by DM Sidekick on this page.';

const storageKeyOf = (tabId: number) => `panel-key:${tabId}`;
const known = new Map<number, PanelKey | null>();

async function keyOf(tabId: number): Promise<PanelKey | null> {
  const cached = known.get(tabId);
  if (cached !== undefined) return cached;
  const stored = (await browser.storage.session.get(storageKeyOf(tabId)))[storageKeyOf(tabId)] as PanelKey | undefined;
  known.set(tabId, stored ?? null);
  return stored ?? null;
}

async function save(tabId: number, entry: PanelKey): Promise<void> {
  known.set(tabId, entry);
  await browser.storage.session.set({ [storageKeyOf(tabId)]: entry });
}

/** A new key from the tab's top frame (a new panel, or one re-keyed after the page tampered with it). */
export const registerPanelKey = (tabId: number, key: string): Promise<void> => save(tabId, { key });

/** Binds the tab's key to the claiming frame; false for a wrong key or a key another frame holds. */
export async function claimPanel(tabId: number, frameId: number, key: string): Promise<boolean> {
  const entry = await keyOf(tabId);
  if (!entry || entry.key !== key) return false;
  if (entry.frameId === undefined) await save(tabId, { key, frameId });
  else if (entry.frameId !== frameId) return false;
  return true;
}

/** Whether a sender is a panel page at all (dashboard and popup are not gated). */
export const isPanelPage = (url: string | undefined): boolean =>
  url !== undefined && new URL(url).pathname === '/panel.html';

/** Whether this frame of the tab is the panel its content script created (and claimed its key). */
export async function isOwnPanel(tabId: number | undefined, frameId: number | undefined): Promise<boolean> {
  if (tabId === undefined || frameId === undefined) return false;
  return (await keyOf(tabId))?.frameId === frameId;
}

export async function forgetPanelKey(tabId: number): Promise<void> {
  known.delete(tabId);
  await browser.storage.session.remove(storageKeyOf(tabId));
}
