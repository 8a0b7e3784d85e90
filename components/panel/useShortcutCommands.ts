import { useEffect, useRef } from 'react';
import { browser } from 'wxt/browser';
import type { InsertResult } from '@/utils/platforms/types';
import { PanelShortcutCommandSchema } from '@/utils/shortcuts/content-wire';

export type ShortcutCommands = {
  /** A shortcut whose template needs values: open its "Fill in before inserting" form. */
  fill: (templateId: string) => void;
  /** A shortcut whose text the composer did not take (it still shows what was typed): say why. */
  failed: (templateId: string, reason: Extract<InsertResult, { ok: false }>['reason']) => void;
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
    const listener = (message: unknown) => {
      const parsed = PanelShortcutCommandSchema.safeParse(message);
      if (!parsed.success || parsed.data.tabId !== ownTabId) return;
      const command = parsed.data;
      if (command.command === 'fill-template') latest.current?.fill(command.templateId);
      else latest.current?.failed(command.templateId, command.reason);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [listening]);
}
