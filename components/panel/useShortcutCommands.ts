import { useEffect, useRef } from 'react';
import { browser } from 'wxt/browser';
import type { InsertFailure } from '@/utils/platforms/insert-failures';
import { PanelShortcutCommandSchema } from '@/utils/shortcuts/content-wire';

export type ShortcutCommands = {
  /** A shortcut whose template needs values: open its "Fill in before inserting" form; false while it is not loaded. */
  fill: (templateId: string) => boolean;
  /** A shortcut whose text the composer did not take (it still shows it as `typed`): say why. */
  failed: (typed: string, reason: InsertFailure) => void;
};

/**
 * Shortcuts typed in this tab's composer, as the background passes them on to its panel (issue #17): the
 * handlers of the latest render run. Without handlers (the dashboard) nothing listens.
 */
export function useShortcutCommands(commands: ShortcutCommands | undefined): void {
  const latest = useRef(commands);
  latest.current = commands;
  const listening = commands !== undefined;
  useEffect(() => {
    if (!listening) return;
    let ownTabId: number | undefined;
    void browser.tabs.getCurrent().then((tab) => {
      ownTabId = tab?.id;
    });
    // Taking a command answers true: the background offers it again until this panel listens and knows the
    // template (its list arrives after the first render).
    const listener = (message: unknown, _sender: unknown, sendResponse: (taken: true) => void) => {
      const parsed = PanelShortcutCommandSchema.safeParse(message);
      if (!parsed.success || parsed.data.tabId !== ownTabId) return undefined;
      const handlers = latest.current;
      if (!handlers) return undefined;
      const command = parsed.data;
      if (command.command === 'fill-template') {
        if (!handlers.fill(command.templateId)) return undefined;
      } else handlers.failed(command.typed, command.reason);
      sendResponse(true);
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [listening]);
}
