import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageSnapshot, PlatformAdapter } from '../platforms/types';

/** Hidden tabs get no animation frames; new messages there must still be noticed (inbound timers). */
const HIDDEN_TAB_DELAY_MS = 250;

/**
 * One MutationObserver per page, on the adapter's narrowest container, plus a childList-only watch on
 * that container's ancestors so its removal (a single-page-app remount) is noticed too. Work is
 * coalesced to one read per animation frame; `onChange` fires only when the snapshot changed.
 */
export function watchPage(
  ctx: ContentScriptContext,
  adapter: PlatformAdapter,
  onChange: (snapshot: PageSnapshot) => void,
): { refresh: () => void } {
  let observedRoot: Node | null = null;
  let scheduled = false;
  let lastJson = '';

  const read = () => {
    scheduled = false;
    if (ctx.isInvalid) return;
    const root = adapter.observationRoot(document);
    if (root !== observedRoot) observe(root);
    const snapshot = adapter.read(document, new URL(location.href));
    const json = JSON.stringify(snapshot);
    if (json === lastJson) return;
    lastJson = json;
    onChange(snapshot);
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    if (document.hidden) ctx.setTimeout(read, HIDDEN_TAB_DELAY_MS);
    else ctx.requestAnimationFrame(read);
  };

  const observer = new MutationObserver(schedule);
  // Focus moving between two elements of one shadow tree (two LinkedIn chat windows) never reaches the
  // document: both ends retarget to the same host. So an observed shadow root gets its own listener.
  let focusRoot: ShadowRoot | null = null;
  const listenForFocus = (root: Node | null) => {
    focusRoot?.removeEventListener('focusin', schedule);
    focusRoot = root instanceof ShadowRoot ? root : null;
    focusRoot?.addEventListener('focusin', schedule);
  };
  ctx.onInvalidated(() => {
    observer.disconnect();
    listenForFocus(null);
  });

  function observe(root: Node | null) {
    observer.disconnect();
    listenForFocus(root);
    observedRoot = root;
    if (!root) return;
    observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      // What adapters read besides structure: names, links, states. Not style or class churn.
      attributeFilter: ['aria-label', 'href', 'data-testid', 'contenteditable', 'hidden', 'aria-hidden'],
    });
    for (let node = parentAcrossShadow(root); node; node = parentAcrossShadow(node)) {
      observer.observe(node, { childList: true });
    }
  }

  ctx.addEventListener(window, 'wxt:locationchange', schedule);
  ctx.addEventListener(document, 'visibilitychange', schedule);
  // Focus moving between pop-up / overlay windows changes which conversation is active.
  ctx.addEventListener(document, 'focusin', schedule);
  read();
  return { refresh: schedule };
}

const parentAcrossShadow = (node: Node): Node | null =>
  node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
