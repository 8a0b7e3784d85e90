import { browser } from 'wxt/browser';
import type { PageSnapshot } from '../platforms/types';
import { pageStateKey as keyOf, parsePageStateKey } from './page-state-key';

/**
 * What each tab's content script last reported, in storage.session: it survives the service worker
 * being stopped (MV3 stops it after ~30 s idle), stays in memory only, and is not readable by content
 * scripts (session storage is limited to trusted contexts by default).
 *
 * The worker keeps its own copy, read from storage.session once per worker start: this worker is the
 * only writer, and a panel opening asks for its tab's state before anything else (a storage round trip
 * of all tabs' states cost the panel ~5 ms of its first answer, measured with `npm run bench`).
 */
/** Since when a frame has reported 'loading' without a break (kept only while it does). */
const loadingKeyOf = (pageKey: string) => `loading:${pageKey}`;

type FrameState = { tabId: number; frameId: number; snapshot: PageSnapshot; loadingSince?: number };
let loaded: Promise<Map<string, FrameState>> | undefined;

function states(): Promise<Map<string, FrameState>> {
  loaded ??= browser.storage.session.get(null).then((all) => {
    const byKey = new Map<string, FrameState>();
    for (const [key, snapshot] of Object.entries(all)) {
      const frame = parsePageStateKey(key);
      const loadingSince = all[loadingKeyOf(key)];
      if (frame)
        byKey.set(key, {
          ...frame,
          snapshot: snapshot as PageSnapshot,
          ...(typeof loadingSince === 'number' && { loadingSince }),
        });
    }
    return byKey;
  });
  return loaded;
}

/**
 * `now` dates the start of a loading state: the panel gives up waiting a fixed time after it, even when
 * the worker was restarted in between.
 */
export async function savePageState(
  tabId: number,
  frameId: number,
  snapshot: PageSnapshot,
  now = Date.now(),
): Promise<void> {
  const key = keyOf(tabId, frameId);
  const byKey = await states();
  const previous = byKey.get(key)?.loadingSince;
  const loadingSince = snapshot.state === 'loading' ? (previous ?? now) : undefined;
  byKey.set(key, { tabId, frameId, snapshot, ...(loadingSince !== undefined && { loadingSince }) });
  await browser.storage.session.set({
    [key]: snapshot,
    ...(loadingSince !== undefined && { [loadingKeyOf(key)]: loadingSince }),
  });
  if (previous !== undefined && loadingSince === undefined) await browser.storage.session.remove(loadingKeyOf(key));
}

/** The frames of a tab that reported, in the order they first did. */
const framesOf = async (tabId: number) => [...(await states()).values()].filter((state) => state.tabId === tabId);

/** The tab's active conversation surface: a frame showing a thread wins over one that shows none. */
export async function activePageState(tabId: number): Promise<FrameState | null> {
  const frames = await framesOf(tabId);
  return frames.find((f) => f.snapshot.state === 'thread') ?? frames.find((f) => f.frameId === 0) ?? null;
}

/** Whether a sub-frame of the tab (not its top frame) shows a conversation surface. */
export async function subFrameSurface(tabId: number): Promise<boolean> {
  return (await framesOf(tabId)).some((state) => state.frameId !== 0 && state.snapshot.state !== 'not-messages');
}

export async function forgetTab(tabId: number): Promise<void> {
  const keys = (await framesOf(tabId)).map((state) => keyOf(state.tabId, state.frameId));
  const loadingKeys = keys.map(loadingKeyOf);
  const byKey = await states();
  for (const key of keys) byKey.delete(key);
  await browser.storage.session.remove([...keys, ...loadingKeys]);
}
