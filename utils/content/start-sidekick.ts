import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { reportPage } from '../messaging/content-client';
import { PageCommandSchema } from '../messaging/page-commands';
import type { InsertResult, PageSnapshot, PlatformAdapter } from '../platforms/types';
import { watchPage } from './page-watcher';
import { PanelFrame } from './panel-frame';

const isTopFrame = window.top === window;

/**
 * The content script's whole job: watch the page through the platform adapter, report what it sees
 * to the background, show the panel while a conversation surface is there, and carry out the
 * background's insert / focus commands. Errors are contained: the host page must keep working.
 */
export function startSidekick(ctx: ContentScriptContext, adapter: PlatformAdapter): void {
  let frame: PanelFrame | undefined;

  const showPanel = (snapshot: PageSnapshot) => {
    // Sub-frames (LinkedIn's interop iframe) host adapters, never a second panel.
    if (!isTopFrame) return;
    const wanted = snapshot.state !== 'not-messages';
    if (wanted && !frame?.isConnected) frame = new PanelFrame(snapshot.platform);
    if (!wanted && frame) {
      frame.remove();
      frame = undefined;
    }
  };

  watchPage(ctx, adapter, (snapshot) => {
    showPanel(snapshot);
    reportPage(snapshot).catch((error: Error) => {
      // A reload of the extension orphans this script; anything else is worth one line.
      if (!ctx.isInvalid) console.warn('DM Sidekick: could not report the page:', error.message);
    });
  });
  ctx.onInvalidated(() => frame?.remove());

  browser.runtime.onMessage.addListener((message: unknown): Promise<InsertResult | boolean> | undefined => {
    const command = PageCommandSchema.safeParse(message);
    if (!command.success) return undefined;
    switch (command.data.command) {
      case 'insert':
        return adapter.insertText(document, command.data.text, command.data.threadId);
      case 'focus-composer':
        return Promise.resolve(adapter.focusComposer(document));
      case 'reveal-panel':
        frame?.reveal();
        return Promise.resolve(frame !== undefined);
      case 'collapse-panel':
        frame?.setCollapsed(true);
        return Promise.resolve(frame !== undefined);
    }
  });
}
