import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { forgetTab, savePageState } from '@/utils/messaging/page-states';
import { serveRpc } from '@/utils/messaging/server';

export default defineBackground(() => {
  serveRpc({
    'page.report': async (snapshot, { tabId, frameId }) => {
      if (tabId === undefined) return null;
      await savePageState(tabId, frameId ?? 0, snapshot);
      return null;
    },
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
});
