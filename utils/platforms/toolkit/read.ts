/**
 * Reading the host page: small, guarded helpers every adapter uses. A surprise in the host's DOM ends in
 * a fallback value, never in an exception thrown into the page.
 */
import type { PartHealth } from '../types';

/** Runs `read`; any exception (a detached node, an unexpected element) yields `fallback` instead. */
export function guarded<T>(fallback: T, read: () => T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** Exactly one candidate is "found"; none is "missing"; more than one is "ambiguous" (we never guess). */
export function healthOf(candidates: number): PartHealth {
  return candidates === 0 ? 'missing' : candidates === 1 ? 'found' : 'ambiguous';
}

/** The one element in `scope` matching `selector`, with the health of that match. */
export function single<E extends Element = Element>(
  scope: ParentNode,
  selector: string,
): { element: E | null; health: PartHealth } {
  const matches = scope.querySelectorAll<E>(selector);
  return { element: matches.length === 1 ? (matches[0] ?? null) : null, health: healthOf(matches.length) };
}

/** The document plus the open shadow roots of its `hostSelector` elements: where a site's UI lives. */
export function searchRoots(doc: Document, hostSelector: string): ParentNode[] {
  const roots: ParentNode[] = [doc];
  for (const host of doc.querySelectorAll(hostSelector)) if (host.shadowRoot) roots.push(host.shadowRoot);
  return roots;
}

export function queryAll<E extends Element = Element>(roots: readonly ParentNode[], selector: string): E[] {
  return roots.flatMap((root) => [...root.querySelectorAll<E>(selector)]);
}

/** The focused element, followed into open shadow roots (document.activeElement stops at the host). */
export function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export function isVisible(element: Element): boolean {
  return guarded(false, () => element.checkVisibility({ visibilityProperty: true }));
}

const topOf = (element: Element) => element.getBoundingClientRect().top;
const bottomOf = (element: Element) => element.getBoundingClientRect().bottom;

/** The visible element nearest the top of the screen; document order breaks ties. */
export function highestVisible<T extends Element>(elements: Iterable<T>): T | undefined {
  return guarded(undefined, () => {
    let best: T | undefined;
    for (const element of elements) {
      if (isVisible(element) && (!best || topOf(element) < topOf(best))) best = element;
    }
    return best;
  });
}

/** The visible elements whose bottom edge is lowest: one as a rule, several when they tie (undecidable). */
export function lowestVisible<T extends Element>(elements: Iterable<T>): T[] {
  return guarded([], () => {
    const visible = [...elements].filter(isVisible);
    const lowest = Math.max(...visible.map(bottomOf));
    return visible.filter((element) => bottomOf(element) === lowest);
  });
}

/**
 * The elements in `root` matching `selector` (document order), without walking the subtree of
 * `excluded`: a long message list holds one avatar link per message, thousands in a long thread.
 */
export function matchingOutside<T extends Element>(
  root: Element,
  selector: string,
  excluded: Element | undefined,
): T[] {
  if (!excluded) return [...root.querySelectorAll<T>(selector)];
  const found: T[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT, (node) =>
    node === excluded ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  );
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node as Element).matches(selector)) found.push(node as T);
  }
  return found;
}

/** The first non-blank line of text inside `element`. (innerText would glue "Anna Berger" and "anna.berger".) */
export function firstTextLine(element: Element): string {
  return guarded('', () => {
    const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const line = node.textContent?.trim();
      if (line) return line;
    }
    return '';
  });
}

/** Visible-ish text: whitespace collapsed, no-break spaces as spaces. */
export const textOf = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A link's path, or '' when its href is not a URL. */
export function linkPath(link: Element): string {
  return guarded('', () => new URL(link.getAttribute('href') ?? '', link.ownerDocument.baseURI).pathname);
}

/** The first capture of the first pattern that matches `label` (the patterns of a localized label table). */
export function nameFromLabel(label: string | null | undefined, patterns: Iterable<RegExp>): string | undefined {
  if (!label) return undefined;
  for (const pattern of patterns) {
    const name = pattern.exec(label.trim())?.[1]?.trim();
    if (name) return name;
  }
  return undefined;
}

/** How deep and how wide isEndAligned looks into a row: rows are shallow, and reads run every frame. */
const ALIGNMENT_SEARCH = { depth: 8, elements: 120 };

/**
 * Whether a message row puts its content at the end side, as chat layouts do with your own messages:
 * some element in it (the row included) is a flex container justified to the end, measured through
 * computed style, so it does not depend on the site's class names.
 */
export function isEndAligned(row: Element): boolean {
  return guarded(false, () => {
    const view = row.ownerDocument.defaultView;
    if (!view) return false;
    const queue: [Element, number][] = [[row, 0]];
    for (let visited = 0; visited < queue.length && visited < ALIGNMENT_SEARCH.elements; visited++) {
      const [element, depth] = queue[visited] as [Element, number];
      const justify = view.getComputedStyle(element).justifyContent;
      if (justify === 'flex-end' || justify === 'end') return true;
      if (depth < ALIGNMENT_SEARCH.depth) for (const child of element.children) queue.push([child, depth + 1]);
    }
    return false;
  });
}

/**
 * A host whose shadow root is not attached yet gives no signal when it is: attachShadow emits no
 * mutation, and the page watcher's observer cannot see into the root anyway. While waiting, the
 * adapter hands the watcher this detached node to observe; a short poll touches it once the root
 * is there (or the host is gone), which wakes the watcher without touching the host page.
 */
const SHADOW_POLL_MS = 50;
const pendingSignals = new WeakMap<Element, Comment>();

export function shadowAttachSignal(host: Element): Node {
  const existing = pendingSignals.get(host);
  if (existing) return existing;
  const signal = host.ownerDocument.createComment('waiting for a shadow root');
  pendingSignals.set(host, signal);
  const timer = setInterval(() => {
    if (host.isConnected && !host.shadowRoot) return;
    clearInterval(timer);
    pendingSignals.delete(host);
    signal.data = 'shadow root attached';
  }, SHADOW_POLL_MS);
  return signal;
}

/** The history entry's key stays the same when a URL is replaced in place (Navigation API). */
export const historyKeyOf = (doc: Document): string | undefined =>
  guarded(
    undefined,
    () =>
      (doc.defaultView as { navigation?: { currentEntry?: { key: string } } } | null)?.navigation?.currentEntry?.key,
  );
