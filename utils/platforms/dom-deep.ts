import { emptySnapshot, healthOf, type InsertMethod, messageKey } from './dom';
import type { InsertResult, PageSnapshot, PartHealth } from './types';

/**
 * Helpers shared by the X and LinkedIn adapters, whose pages render inside open shadow roots and
 * frames and use three different editors (a React textarea, Draft.js, a custom contenteditable).
 * Everything that touches the host page is small and never throws: a failure reads as "missing".
 * The helpers every adapter uses (dom.ts) are reused, not repeated.
 */

// ---------------------------------------------------------------------------------------------
// Reading across shadow roots
// ---------------------------------------------------------------------------------------------

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

/** Exactly one match is "found"; none is "missing"; more than one is "ambiguous" (we never guess). */
export function single<E extends Element = Element>(
  scope: ParentNode,
  selector: string,
): { element: E | null; health: PartHealth } {
  const matches = scope.querySelectorAll<E>(selector);
  return { element: matches.length === 1 ? (matches[0] ?? null) : null, health: healthOf(matches.length) };
}

/** A link's path, or '' when its href is not a URL. */
export function linkPath(link: Element): string {
  try {
    return new URL(link.getAttribute('href') ?? '', link.ownerDocument.baseURI).pathname;
  } catch {
    return '';
  }
}

/** Visible-ish text: whitespace collapsed, no-break spaces as spaces. */
export const textOf = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The layout puts your own messages at the end of the row and theirs at the start (X, both UIs). */
export function directionByLayout(row: Element): 'inbound' | 'outbound' | null {
  // Tailwind class names first (X Chat), then the computed style they stand for (legacy X).
  if (row.classList.contains('justify-end')) return 'outbound';
  if (row.classList.contains('justify-start')) return 'inbound';
  const justify = row.ownerDocument.defaultView?.getComputedStyle(row).justifyContent ?? '';
  if (/^(?:flex-end|end|right)$/.test(justify)) return 'outbound';
  if (/^(?:flex-start|start|left)$/.test(justify)) return 'inbound';
  return null;
}

/**
 * Keys for message rows without an id of their own (legacy X; LinkedIn rows without an urn): a digest
 * of what the row shows, told apart from identical rows by their order among them, so a key stays the
 * same while older messages load above it.
 */
export function createRowKeys(): (shown: readonly string[]) => string {
  const seen = new Map<string, number>();
  return (shown) => {
    const digest = messageKey(...shown);
    const earlier = seen.get(digest) ?? 0;
    seen.set(digest, earlier + 1);
    return earlier === 0 ? digest : `${digest}.${earlier}`;
  };
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

// ---------------------------------------------------------------------------------------------
// Thread switches in single-page apps
// ---------------------------------------------------------------------------------------------

/** What identifies the conversation on screen, independent of the URL. */
interface RenderedThread {
  /** Handle or profile link, else the name in the header; null without a header. */
  identity: string | null;
  messageKeys: readonly string[];
  /** Where a reply is written: the composer (or what the page shows instead of one); null if absent. */
  replyArea: Element | null;
}

/**
 * The URL changes before the page re-renders (X, LinkedIn). After a switch from A to B the header,
 * list and composer on screen may still be A's, so B counts as shown only once the header names
 * someone else, none of A's messages is left, and the composer is a new one. A page that keeps its
 * composer node across conversations gets it accepted on the next read that still agrees.
 */
export function createSwitchGuard() {
  let shown: { threadId: string; identity: string | null; keys: Set<string>; replyArea: Element | null } | null = null;
  let keptComposerSeenFor: string | null = null;

  const moved = (threadId: string, rendered: RenderedThread): boolean => {
    if (!shown || shown.threadId === threadId) return true;
    const headerMoved = rendered.identity !== null && rendered.identity !== shown.identity;
    const listMoved = rendered.messageKeys.every((key) => !shown?.keys.has(key));
    if (!headerMoved || !listMoved || !rendered.replyArea) {
      keptComposerSeenFor = null;
      return false;
    }
    if (rendered.replyArea !== shown.replyArea || keptComposerSeenFor === threadId) return true;
    keptComposerSeenFor = threadId;
    return false;
  };

  return {
    /** Whether `rendered` belongs to `threadId`; if so it becomes the reference for the next switch. */
    shows(threadId: string, rendered: RenderedThread): boolean {
      if (!moved(threadId, rendered)) return false;
      shown = {
        threadId,
        identity: rendered.identity,
        keys: new Set(rendered.messageKeys),
        replyArea: rendered.replyArea,
      };
      keptComposerSeenFor = null;
      return true;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Writing into composers
// ---------------------------------------------------------------------------------------------

/** The page's framework re-renders after our input events (React commits in a microtask or task). */
const SETTLE_MS = 30;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/** Who the composer belongs to when an insert arrives, and the composer element itself. */
export interface ComposerTarget {
  snapshot: PageSnapshot;
  composer: HTMLElement | null;
}

/** A snapshot of a surface that shows nothing we can use (no conversation, a gate, not loaded yet). */
export function bareTarget(
  { platform, url, threadId, surface }: Pick<PageSnapshot, 'platform' | 'url' | 'threadId' | 'surface'>,
  state: PageSnapshot['state'],
): ComposerTarget {
  return { snapshot: { ...emptySnapshot(platform, new URL(url), state), threadId, surface }, composer: null };
}

/** Reading the host page must never throw into the page watcher: a DOM we cannot read is "not ready". */
export function guardedLocate(
  base: Pick<PageSnapshot, 'platform' | 'url'>,
  locate: () => ComposerTarget,
): ComposerTarget {
  try {
    return locate();
  } catch {
    return bareTarget({ ...base, threadId: null, surface: 'page' }, 'loading');
  }
}

/** Puts the caret back into a composer: a textarea remembers its own; a contenteditable needs help. */
export function focusComposerElement(composer: HTMLElement): boolean {
  try {
    if (composer instanceof HTMLTextAreaElement) composer.focus({ preventScroll: true });
    else focusKeepingCaret(composer);
    return true;
  } catch {
    return false;
  }
}

/**
 * The checks every insert makes before writing: still the conversation the panel showed, a thread
 * (not a gate or a request), exactly one composer. Then `write` inserts and reads the editor back.
 */
export async function insertChecked(
  target: ComposerTarget,
  expectedThreadId: string,
  write: (composer: HTMLElement) => Promise<boolean>,
): Promise<InsertResult> {
  const { snapshot, composer } = target;
  if (snapshot.threadId !== expectedThreadId) {
    return { ok: false, reason: 'conversation-changed', message: 'The conversation changed; nothing was inserted.' };
  }
  if (snapshot.state !== 'thread') {
    return { ok: false, reason: 'not-a-thread', message: `The conversation is not ready (${snapshot.state}).` };
  }
  if (snapshot.health.composer === 'ambiguous') {
    return { ok: false, reason: 'composer-ambiguous', message: 'More than one message box; nothing was inserted.' };
  }
  if (!composer) return { ok: false, reason: 'composer-missing', message: 'No message box found.' };
  try {
    if (await write(composer)) return { ok: true };
  } catch {
    // The page's editor threw on our events: report it like any other failed read-back.
  }
  return { ok: false, reason: 'verify-failed', message: 'The text did not arrive in the message box as expected.' };
}

/**
 * Inserts into a (React-controlled) textarea at its caret, replacing the selection. First as typing
 * would (execCommand keeps the page's undo stack and fires real input events); only if that changed
 * nothing, through the native value setter plus an input event, which React's value tracker sees
 * as a change (assigning `.value` in the page's world would update the tracker and be ignored).
 * A partial change is never followed by a second attempt, so the text cannot land twice.
 */
export async function insertIntoTextarea(box: HTMLTextAreaElement, text: string): Promise<boolean> {
  const before = box.value;
  const start = box.selectionStart ?? before.length;
  const end = box.selectionEnd ?? start;
  const expected = before.slice(0, start) + text + before.slice(end);
  box.focus({ preventScroll: true });
  box.setSelectionRange(start, end);
  box.ownerDocument.execCommand?.('insertText', false, text);
  await settle();
  if (box.value !== before) return box.value === expected;
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(box, expected);
  box.setSelectionRange(start + text.length, start + text.length);
  box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  await settle();
  return box.value === expected;
}

/**
 * Types into a contenteditable at its caret with execCommand, line by line with insertParagraph
 * between lines: Chromium would split on newlines itself, Firefox turns them into <br> (Briskine, 2026).
 * LinkedIn's own paste handler leaves the caret at the start (Briskine 01fd6fdf), so not a paste.
 */
export const insertByExecCommand: InsertMethod = (editor, text) => {
  focusKeepingCaret(editor);
  const doc = editor.ownerDocument;
  text.split('\n').forEach((line, index) => {
    if (index > 0) doc.execCommand('insertParagraph');
    if (line) doc.execCommand('insertText', false, line);
  });
};

/**
 * Inserts `text` into a contenteditable with `method` and reads the editor back: true when exactly one
 * more copy of the text is there (the count, not the position, so it holds wherever the caret was).
 */
export async function insertOnce(editor: HTMLElement, text: string, method: InsertMethod): Promise<boolean> {
  const occurrences = () => countOf(editableText(editor), normalize(text));
  const before = occurrences();
  method(editor, text);
  await settle();
  return occurrences() === before + 1;
}

/**
 * Focuses a contenteditable without losing the person's caret. A caret that is no longer inside
 * (focus moved to our panel, or the page cleared the selection) goes to the end of the draft:
 * focus() alone would put it at the start.
 */
function focusKeepingCaret(editor: HTMLElement): void {
  const selection = selectionFor(editor);
  const inside = !!selection?.anchorNode && editor.contains(selection.anchorNode);
  editor.focus({ preventScroll: true });
  if (inside || !selection) return;
  selection.selectAllChildren(editor);
  selection.collapseToEnd();
}

/** Chromium keeps a shadow tree's selection on its root; document.getSelection() shows only the host. */
function selectionFor(node: Node): Selection | null {
  const root = node.getRootNode() as (ShadowRoot & { getSelection?: () => Selection | null }) | Document;
  if (root instanceof ShadowRoot && typeof root.getSelection === 'function') return root.getSelection();
  return node.ownerDocument?.getSelection() ?? null;
}

const BLOCK_TAGS = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/**
 * The plain text of a contenteditable, one line per block (<p>, <div>) or <br>; a trailing <br>
 * only holds an empty line open. innerText would do, but it adds blank lines for paragraph margins
 * and jsdom lacks it.
 */
export function editableText(editor: Element): string {
  return normalize(linesOf(editor).join('\n'));
}

function linesOf(block: Element): string[] {
  const lines: string[] = [];
  let inline: string | null = null;
  const endInline = () => {
    if (inline !== null) lines.push(inline.replace(/\n$/, ''));
    inline = null;
  };
  for (const child of block.childNodes) {
    if (child instanceof Element && BLOCK_TAGS.has(child.tagName)) {
      endInline();
      lines.push(...linesOf(child));
    } else {
      inline = (inline ?? '') + inlineText(child);
    }
  }
  endInline();
  return lines.length > 0 ? lines.flatMap((line) => line.split('\n')) : [''];
}

function inlineText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element)) return '';
  if (node.tagName === 'BR') return '\n';
  return [...node.childNodes].map(inlineText).join('');
}

/** Editors store spaces at edges as no-break spaces and CRLF as LF. */
const normalize = (text: string) => text.replace(/\u00a0/g, ' ').replace(/\r\n?/g, '\n');

function countOf(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}
