import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// The panel handshake's memory in the background: a restart is a fresh import of the module.

const KEY = '5b1c8a52-9f3e-4c21-8d0e-1f2a3b4c5d6e';
const OTHER_KEY = '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b';
const freshWorker = async () => {
  vi.resetModules();
  return import('@/utils/messaging/panel-keys');
};

describe('panel keys', () => {
  beforeEach(() => fakeBrowser.reset());

  it("binds a tab's key to the first frame that claims it, and refuses every other frame and key", async () => {
    const keys = await freshWorker();
    await keys.registerPanelKey(7, KEY);
    expect(await keys.isOwnPanel(7, 3)).toBe(false);
    expect(await keys.claimPanel(7, 3, OTHER_KEY)).toBe(false);
    expect(await keys.claimPanel(7, 3, KEY)).toBe(true);
    expect(await keys.claimPanel(7, 4, KEY)).toBe(false);
    expect(await keys.claimPanel(8, 3, KEY)).toBe(false);
    expect(await keys.isOwnPanel(7, 3)).toBe(true);
    expect(await keys.isOwnPanel(7, 4)).toBe(false);
    // A reload of the same frame shows its key again.
    expect(await keys.claimPanel(7, 3, KEY)).toBe(true);
  });

  it('a new key unbinds the frame until the panel claims it; a restarted worker still knows the binding', async () => {
    const first = await freshWorker();
    await first.registerPanelKey(7, KEY);
    await first.claimPanel(7, 3, KEY);
    const restarted = await freshWorker();
    expect(await restarted.isOwnPanel(7, 3)).toBe(true);
    await restarted.registerPanelKey(7, OTHER_KEY);
    expect(await restarted.isOwnPanel(7, 3)).toBe(false);
    expect(await restarted.claimPanel(7, 5, KEY)).toBe(false);
    expect(await restarted.claimPanel(7, 5, OTHER_KEY)).toBe(true);
    await restarted.forgetPanelKey(7);
    expect(await (await freshWorker()).isOwnPanel(7, 5)).toBe(false);
  });

  it('only the panel page is gated', async () => {
    const { isPanelPage } = await freshWorker();
    expect(isPanelPage('chrome-extension://abc/panel.html#platform=x&key=1')).toBe(true);
    expect(isPanelPage('chrome-extension://abc/dashboard.html')).toBe(false);
    expect(isPanelPage(undefined)).toBe(false);
  });
});
