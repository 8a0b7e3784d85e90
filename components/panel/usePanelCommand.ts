import { useEffect, useRef } from 'react';
import { browser } from 'wxt/browser';

/** A schema of a panel command (zod or zod/mini: both parse so). */
type CommandSchema<C> = { safeParse(message: unknown): { success: true; data: C } | { success: false } };

/**
 * The background's commands for the panel of one tab (it sends them to every extension page): `take` runs
 * for those that parse and name this panel's tab, the latest render's `take`. A command taken (`take`
 * returns true) is answered true, so the background can offer it again until one is. Without `take`
 * nothing listens.
 */
export function usePanelCommand<C extends { tabId: number }>(
  schema: CommandSchema<C>,
  take: ((command: C) => boolean) | undefined,
): void {
  const latest = useRef(take);
  latest.current = take;
  const listening = take !== undefined;
  useEffect(() => {
    if (!listening) return;
    let ownTabId: number | undefined;
    void browser.tabs.getCurrent().then((tab) => {
      ownTabId = tab?.id;
    });
    const listener = (message: unknown, _sender: unknown, sendResponse: (taken: true) => void) => {
      const parsed = schema.safeParse(message);
      if (parsed.success && parsed.data.tabId === ownTabId && latest.current?.(parsed.data)) sendResponse(true);
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [listening, schema]);
}
