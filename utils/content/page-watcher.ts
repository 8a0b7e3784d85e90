import type { InboxRow, PageSnapshot, PlatformAdapter } from '../platforms/types';
import type { SidekickContext } from './private-context';

/** Hidden tabs get no animation frames; new messages there must still be noticed (inbound timers). */
const HIDDEN_TAB_DELAY_MS = 250;

/**
 * A page that keeps changing without telling us anything new (a long history loading, someone typing)
 * is read less often: after this many reads in a row that found the same settled snapshot, the next
 * read waits until QUIET_CHURN_GAP_MS after the previous one. A read that finds news, a navigation,
 * focus and visibility changes go back to one read per frame. Measured on 2,000 rows loading into an
 * Instagram thread (`npm run bench`): reading every frame cost the page 6 % of its main-thread time.
 */
const UNCHANGED_READS_BEFORE_BACKOFF = 2;
export const QUIET_CHURN_GAP_MS = 200;
/**
 * Messages arriving in bursts (a busy thread, a history loading into the newest window) are news on
 * every frame, yet reading and reporting each frame is what cost X's and LinkedIn's fixtures 15–26 % of
 * the page's own script (`npm run bench`, host share). So after a read whose only news was its messages,
 * the next read waits until this long after it: the first message after a quiet spell still shows in
 * the next frame, the ones right behind it at most this much later. Any other news (another thread, a
 * name, a part's health) keeps reads on the next frame.
 */
export const MESSAGE_NEWS_GAP_MS = 150;

/**
 * One MutationObserver per page, on the adapter's narrowest container, plus a childList-only watch on
 * that container's ancestors so its removal (a single-page-app remount) is noticed too; the same for the
 * adapter's conversation list where it lies elsewhere (issue #16). Work is coalesced to one read per
 * animation frame (less while the page churns without news or with news of messages alone, see above);
 * `onChange` fires only when the snapshot changed, `onInbox` only when the list's rows (or the
 * conversation open beside them) did.
 */
export function watchPage(
  ctx: SidekickContext,
  adapter: PlatformAdapter,
  onChange: (snapshot: PageSnapshot) => void,
  onInbox?: (rows: InboxRow[], snapshot: PageSnapshot) => void,
): void {
  let observedRoot: Node | null = null;
  let observedListRoot: Node | null = null;
  let lastJson = '';
  /** The last snapshot reported, but for its messages: whether a read's news is its messages alone. */
  let lastJsonButMessages = '';
  /** How long after the last read the next one waits (MESSAGE_NEWS_GAP_MS after news of messages alone). */
  let newsGap = 0;
  /** The rows and the open thread last reported; none at first, so a page without a list reports nothing. */
  let lastListJson = JSON.stringify([[], null]);
  /**
   * The rows as last read, and whether the list may have changed since: only its own mutations, a new
   * observation root and navigation make the list be read again, so a busy thread beside it (history
   * loading) does not re-read a long list on every frame.
   */
  let rows: InboxRow[] = [];
  let listDirty = true;
  let unchangedReads = 0;
  let lastReadAt = Number.NEGATIVE_INFINITY;
  /** The read asked for and not yet run: `late` when it waits out the back-off. */
  let pending: { late: boolean } | null = null;

  const read = () => {
    pending = null;
    if (ctx.isInvalid) return;
    lastReadAt = performance.now();
    const root = adapter.observationRoot(document);
    if (root !== observedRoot) observe(root);
    const url = new URL(location.href);
    const snapshot = adapter.read(document, url);
    const listNews = onInbox && readList(url, snapshot);
    const json = JSON.stringify(snapshot);
    newsGap = 0;
    if (json === lastJson && !listNews) {
      // A conversation still loading is about to settle: no back-off, so a thread switch shows at once.
      if (snapshot.state !== 'loading') unchangedReads++;
      return;
    }
    unchangedReads = 0;
    if (json === lastJson) return;
    lastJson = json;
    const jsonButMessages = JSON.stringify({ ...snapshot, messages: null });
    if (snapshot.state === 'thread' && jsonButMessages === lastJsonButMessages) newsGap = MESSAGE_NEWS_GAP_MS;
    lastJsonButMessages = jsonButMessages;
    onChange(snapshot);
  };

  /** Reads the list; reports it when it changed. Whether it did. */
  const readList = (url: URL, snapshot: PageSnapshot): boolean => {
    if (!adapter.inbox) return false;
    if (listDirty) {
      listDirty = false;
      const listRoot = adapter.inbox.root(document);
      if (listRoot !== observedListRoot) {
        listObserver.disconnect();
        observedListRoot = listRoot;
        // While the list is not there its root is the body: no class churn of the whole page then.
        if (listRoot)
          watchSubtree(listObserver, listRoot, listRoot === document.body ? PAGE_ATTRIBUTES : LIST_ATTRIBUTES);
      }
      rows = adapter.inbox.read(document, url);
    }
    // The open thread matters only beside rows: a page without a list never reports one.
    const open =
      rows.length > 0 && snapshot.state === 'thread' && snapshot.threadId
        ? [snapshot.threadId, snapshot.participant?.name]
        : null;
    const listJson = JSON.stringify([rows, open]);
    if (listJson === lastListJson) return false;
    lastListJson = listJson;
    onInbox?.(rows, snapshot);
    return true;
  };

  const requestRead = (delay: number) => {
    const request = { late: delay > 0 };
    pending = request;
    const run = () => {
      if (pending === request) read();
    };
    if (document.hidden) setTimeout(run, Math.max(delay, HIDDEN_TAB_DELAY_MS));
    else if (delay > 0) setTimeout(() => afterNextFrame(run), delay);
    else afterNextFrame(run);
  };

  /**
   * The page changed: read in the next frame, or after the back-off while it churns without news, or after
   * the gap behind news of messages alone.
   */
  const schedule = () => {
    if (pending) return;
    const gap = unchangedReads >= UNCHANGED_READS_BEFORE_BACKOFF ? QUIET_CHURN_GAP_MS : newsGap;
    requestRead(gap > 0 ? Math.max(0, lastReadAt + gap - performance.now()) : 0);
  };

  /**
   * Navigation, focus or visibility changed: what the person looks at may be another conversation. A
   * hidden tab gets no frames, so a read still waiting for one moves to a timer.
   */
  const scheduleNow = () => {
    unchangedReads = 0;
    listDirty = true;
    if (!pending || pending.late || document.hidden) requestRead(0);
  };

  const observer = new MutationObserver(schedule);
  const listObserver = new MutationObserver(() => {
    listDirty = true;
    schedule();
  });
  // Focus moving between two elements of one shadow tree (two LinkedIn chat windows) never reaches the
  // document: both ends retarget to the same host. So an observed shadow root gets its own listener.
  let focusRoot: ShadowRoot | null = null;
  const listenForFocus = (root: Node | null) => {
    focusRoot?.removeEventListener('focusin', scheduleNow);
    focusRoot = root instanceof ShadowRoot ? root : null;
    focusRoot?.addEventListener('focusin', scheduleNow);
  };
  ctx.onInvalidated(() => {
    observer.disconnect();
    listObserver.disconnect();
    listenForFocus(null);
  });

  function observe(root: Node | null) {
    observer.disconnect();
    listenForFocus(root);
    observedRoot = root;
    // A new root (a remount, a shadow root attached at last) may hold a list that was not there before.
    listDirty = true;
    if (root) watchSubtree(observer, root);
  }

  ctx.addEventListener(window, 'wxt:locationchange', scheduleNow);
  ctx.addEventListener(document, 'visibilitychange', scheduleNow);
  // Focus moving between pop-up / overlay windows changes which conversation is active.
  ctx.addEventListener(document, 'focusin', scheduleNow);
  read();
}

/**
 * Runs `run` in a task queued from the next frame's callback, so after that frame's own style and layout:
 * what adapters measure (visibility, positions, computed styles) is then a look-up, where inside the frame
 * callback it forced the recalculation of everything the page changed since the last frame, and the
 * profile counted the page's own layout as ours (Instagram's header link position, Messenger's composer
 * visibility: most of our time while rows arrive, `npm run bench`). The window's own timers, not WXT's
 * ctx wrappers: those add an abort listener per call that stays for the page's life (one per read), and
 * `read` checks `ctx.isInvalid` itself.
 */
const afterNextFrame = (run: () => void) => requestAnimationFrame(() => setTimeout(run, 0));

/** What adapters read besides structure: names, links, states. Not style or class churn. */
const PAGE_ATTRIBUTES = ['aria-label', 'href', 'data-testid', 'contenteditable', 'hidden', 'aria-hidden'];
/** A list row's unread and open markers are classes or states (LinkedIn's BEM modifiers, aria-current). */
const LIST_ATTRIBUTES = [...PAGE_ATTRIBUTES, 'class', 'aria-current', 'aria-selected', 'src', 'alt'];

/** Watches `root`'s subtree, and its ancestors' children so that its removal is noticed too. */
function watchSubtree(observer: MutationObserver, root: Node, attributeFilter = PAGE_ATTRIBUTES) {
  observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter });
  for (let node = parentAcrossShadow(root); node; node = parentAcrossShadow(node)) {
    observer.observe(node, { childList: true });
  }
}

const parentAcrossShadow = (node: Node): Node | null =>
  node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
