import { browser } from 'wxt/browser';
import type { ContentScriptContext as WxtContext } from 'wxt/utils/content-script-context';

/**
 * The content scripts' context, in place of WXT's ContentScriptContext (wxt.config.ts resolves the import
 * of WXT's entry to this file). WXT's announces every start with a DOM event on `document` (and a
 * `window.postMessage`) whose name carries the extension id, stops itself when it hears one, and dispatches
 * `wxt:locationchange` on `window` under the same id-bearing name: the host page can hear all three and
 * forge the first, which would switch the content script off. This one has none of those channels and only
 * what our content scripts use (`isInvalid`, `onInvalidated`, `addEventListener`, `signal`): WXT's class,
 * its location watcher, event names and logger were ≈ 1 KB gzip of every content script. An orphaned
 * script (extension reloaded) still ends: `isInvalid` notices the missing runtime on its next read.
 */
// WXT's entry imports this name (wxt.config.ts resolves its import of WXT's context module to this file);
// declared here, WXT's import injection leaves it alone (an `export { … as ContentScriptContext }` got
// WXT's class imported beside it).
export class ContentScriptContext {
  private readonly abortController = new AbortController();

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  get isInvalid(): boolean {
    if (browser.runtime?.id == null) this.abortController.abort();
    return this.signal.aborted;
  }

  onInvalidated(callback: () => void): () => void {
    this.signal.addEventListener('abort', callback);
    return () => this.signal.removeEventListener('abort', callback);
  }

  /** A listener removed when the context ends; `wxt:locationchange` is this script's own (see watchLocation). */
  // biome-ignore lint/suspicious/noExplicitAny: one signature standing in for WXT's overloads
  addEventListener(target: EventTarget, type: string, handler: any, options?: AddEventListenerOptions): void {
    if (type === 'wxt:locationchange') watchLocation(this, handler);
    else target.addEventListener(type, handler, { ...options, signal: this.signal });
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
    const timer = setInterval(() => {
      if (!ctx.isInvalid) changedTo(new URL(location.href));
    }, 1000);
    ctx.onInvalidated(() => clearInterval(timer));
  }
}

/**
 * What the content scripts' code may use of its context: only what this class has, with WXT's typings (the
 * entries are typed with WXT's class, which has more: a call to a member this one lacks must not compile).
 */
export type SidekickContext = Pick<WxtContext, 'isInvalid' | 'onInvalidated' | 'addEventListener' | 'signal'>;
