import { browser } from 'wxt/browser';
import { CONTENT_CHECKS } from '../messaging/content-checks';
import { reportInbox, reportPage } from '../messaging/content-client';
import type { PageCommand } from '../messaging/page-commands';
import type { InboxRow, InsertResult, PageSnapshot, PlatformAdapter } from '../platforms/types';
import { answerWith } from './answer';
import { watchPage } from './page-watcher';
import { PanelFrame } from './panel-frame';
import type { SidekickContext } from './private-context';
import { startShortcuts } from './shortcuts';
import { watchTyping } from './typing-watch';

const isTopFrame = window.top === window;

/**
 * The content script's whole job: watch the page through the platform adapter, report what it sees
 * to the background, show the panel while a conversation surface is there, and carry out the
 * background's insert / focus commands. Errors are contained: the host page must keep working.
 */
export function startSidekick(ctx: SidekickContext, adapter: PlatformAdapter): void {
  let frame: PanelFrame | undefined;
  /** This frame shows a conversation surface; a sub-frame (LinkedIn's interop iframe) may show one too. */
  let ownSurface = false;
  let subFrameSurface = false;
  /** Whether the background's sub-frame-surface command reached this frame yet. */
  let commandHeard = false;
  /** The latest snapshot's thread: what a shortcut expands for. */
  let shownThread: string | null = null;
  const shortcuts = startShortcuts(ctx, adapter, { threadId: () => shownThread });

  // Sub-frames host adapters, never a second panel: the top frame shows it for the whole tab.
  const syncPanel = () => {
    if (!isTopFrame) return;
    const wanted = ownSurface || subFrameSurface;
    if (wanted && !frame?.isConnected) frame = new PanelFrame(adapter.platform);
    if (!wanted && frame) {
      frame.remove();
      frame = undefined;
    }
  };

  const carryOut = (command: PageCommand): Promise<InsertResult | boolean> => {
    switch (command.command) {
      case 'insert':
        return (
          shortcuts.insertForWaiting(command.text, command.threadId) ??
          adapter.insertText(document, command.text, command.threadId)
        );
      case 'focus-composer':
        return Promise.resolve(adapter.focusComposer(document));
      case 'reveal-panel':
        frame?.reveal();
        return Promise.resolve(frame !== undefined);
      case 'collapse-panel':
        frame?.setCollapsed(true);
        return Promise.resolve(frame !== undefined);
      case 'sub-frame-surface':
        commandHeard = true;
        subFrameSurface = command.present;
        syncPanel();
        return Promise.resolve(true);
    }
  };
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    const command = CONTENT_CHECKS.PageCommand.check(message);
    if (!command) return undefined;
    let reply: Promise<InsertResult | boolean>;
    try {
      reply = carryOut(command);
    } catch (error) {
      reply = Promise.reject(error);
    }
    return answerWith(reply, sendResponse);
  });

  const reportFailed = (error: Error) => {
    // A reload of the extension orphans this script; anything else is worth one line.
    if (!ctx.isInvalid) console.warn('DM Sidekick: could not report the page:', error.message);
  };
  /** The conversation list's rows (issue #16), with the conversation open beside them to link its row. */
  const onInbox = (rows: InboxRow[], snapshot: PageSnapshot) => {
    const { platform, url, pageLanguage, state, threadId, participant } = snapshot;
    const openThread = state === 'thread' && threadId && participant ? { threadId, name: participant.name } : undefined;
    reportInbox({
      platform,
      url,
      rows,
      ...(pageLanguage && { pageLanguage }),
      ...(openThread && { openThread }),
    }).catch(reportFailed);
  };

  // Listening before the first report: from then on, the background's commands find this frame.
  watchPage(
    ctx,
    adapter,
    (snapshot) => {
      ownSurface = snapshot.state !== 'not-messages';
      shownThread = snapshot.state === 'thread' ? snapshot.threadId : null;
      syncPanel();
      reportPage(snapshot)
        .then((answer) => {
          // A sub-frame that reported before this script listened: its command was lost, the answer tells.
          // Once a command arrived, commands are newer than any answer still on its way.
          if (commandHeard) return;
          subFrameSurface = answer.subFrameSurface;
          syncPanel();
        })
        .catch(reportFailed);
    },
    onInbox,
  );
  // Team mode's "is replying" (the fact of typing only, never the text).
  watchTyping(ctx, adapter);
  ctx.onInvalidated(() => frame?.remove());
}
