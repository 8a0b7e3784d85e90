import { useEffect, useRef } from 'react';
import { browser } from 'wxt/browser';
import { PanelFillCommandSchema } from '@/utils/shortcuts/content-wire';

/**
 * A shortcut typed in the composer whose template needs values: the background asks this tab's panel
 * to open its "Fill in before inserting" form for that template (`onFill`). Without `onFill` (the
 * dashboard) nothing listens.
 */
export function useFillTemplateCommand(onFill: ((templateId: string) => void) | undefined): void {
  const latest = useRef(onFill);
  latest.current = onFill;
  const listening = onFill !== undefined;
  useEffect(() => {
    if (!listening) return;
    let ownTabId: number | undefined;
    void browser.tabs.getCurrent().then((tab) => {
      ownTabId = tab?.id;
    });
    const listener = (message: unknown) => {
      const command = PanelFillCommandSchema.safeParse(message);
      if (command.success && command.data.tabId === ownTabId) latest.current?.(command.data.templateId);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [listening]);
}
