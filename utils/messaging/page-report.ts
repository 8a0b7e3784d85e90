import { browser } from 'wxt/browser';
import { recordDegradation, recordReport } from '../health/page-health';
import { PLATFORMS, type Platform, SITE_MATCHES } from '../platforms/sites';
import type { PageSnapshot } from '../platforms/types';
import { RpcError } from './errors';
import { notifyPageChanged } from './live-server';
import { activePageState, savePageState, subFrameSurface } from './page-states';
import type { CallContext } from './server';

/** The platform whose site `url` is on (the hosts of SITE_MATCHES), or null. */
export function platformOfUrl(url: string | undefined): Platform | null {
  if (!url || !URL.canParse(url)) return null;
  const { origin } = new URL(url);
  return (
    PLATFORMS.find((platform) => SITE_MATCHES[platform].some((pattern) => new URL(pattern).origin === origin)) ?? null
  );
}

const extensionVersion = () => browser.runtime.getManifest().version;

/**
 * A content script's report of its page. Checked against its sender first: a frame on x.com cannot
 * speak for an Instagram conversation. Then saved as the frame's page state, tracked (`track`: the
 * conversation and its messages in the database) and noted for Page health.
 */
export async function handlePageReport(
  snapshot: PageSnapshot,
  { tabId, frameId, url }: CallContext,
  track: (snapshot: PageSnapshot) => Promise<unknown>,
): Promise<{ subFrameSurface: boolean }> {
  const sender = platformOfUrl(url);
  if (sender !== snapshot.platform) {
    throw new RpcError('forbidden', `A ${snapshot.platform} report from a page that is not on ${snapshot.platform}.`);
  }
  if (tabId === undefined) return { subFrameSurface: false };
  await savePageState(tabId, frameId ?? 0, snapshot);
  if (frameId) {
    // Only the top frame mounts the panel; it learns here that a sub-frame holds a conversation.
    const command = {
      kind: 'dms.page-command',
      command: 'sub-frame-surface',
      present: snapshot.state !== 'not-messages',
    };
    browser.tabs.sendMessage(tabId, command, { frameId: 0 }).catch(() => undefined);
  }
  await track(snapshot);
  await recordReport(snapshot, Date.now(), extensionVersion());
  notifyPageChanged(tabId);
  // The command above is lost when the top frame's script is not listening yet: its own report asks.
  return { subFrameSurface: !frameId && (await subFrameSurface(tabId)) };
}

/**
 * The panel gave up waiting for its tab's page to settle. Recorded in Page health from the background's
 * own copy of the page state, and only while that page still has not settled.
 */
export async function handlePageStalled({ tabId }: CallContext): Promise<null> {
  const active = tabId === undefined ? null : await activePageState(tabId);
  if (active?.snapshot.state === 'loading') {
    await recordDegradation(active.snapshot, 'stayed-loading', Date.now(), extensionVersion());
  }
  return null;
}
