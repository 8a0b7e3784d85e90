import { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * WXT's content-script context without its page-visible channels. WXT announces every start with a DOM
 * event on `document` (and a `window.postMessage`) whose name carries the extension id, stops itself when
 * it hears one, and dispatches `wxt:locationchange` on `window` under the same id-bearing name: the host
 * page can hear all three and forge the first, which would switch the content script off. wxt.config.ts
 * gives the content-script entrypoints this class instead. An orphaned script (extension reloaded) still
 * ends: `isInvalid` notices the missing runtime on its next timer or frame.
 */
export class PrivateContentScriptContext extends ContentScriptContext {
  override stopOldScripts(): void {}

  override listenForNewerScripts(): void {}

  // biome-ignore lint/suspicious/noExplicitAny: one signature standing in for the base class's overloads
  override addEventListener(target: EventTarget, type: string, handler: any, options?: AddEventListenerOptions): void {
    if (type !== 'wxt:locationchange') {
      super.addEventListener(target, type, handler, options);
      return;
    }
    watchLocation(this, handler);
  }
}

/** Calls the handler on every URL change, inside this script only (nothing is dispatched on the page). */
function watchLocation(ctx: ContentScriptContext, handler: (change: { newUrl: URL; oldUrl: URL }) => void): void {
  let lastUrl = new URL(location.href);
  const changedTo = (newUrl: URL) => {
    if (newUrl.href === lastUrl.href) return;
    const oldUrl = lastUrl;
    lastUrl = newUrl;
    handler({ newUrl, oldUrl });
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (typeof navigation?.addEventListener === 'function') {
    navigation.addEventListener(
      'navigate',
      (event) => changedTo(new URL((event as Event & { destination: { url: string } }).destination.url)),
      { signal: ctx.signal },
    );
  } else {
    // Browsers without the Navigation API (as WXT does): a look once a second.
    ctx.setInterval(() => changedTo(new URL(location.href)), 1000);
  }
}

/** The name WXT's entry imports (wxt.config.ts resolves its import of WXT's context module to this file). */
export { PrivateContentScriptContext as ContentScriptContext };
