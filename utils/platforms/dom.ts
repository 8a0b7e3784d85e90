/**
 * Small helpers shared by the platform adapters (utils/platforms/<platform>.ts). They read the host
 * page, and one of them writes into a composer; all of them are guarded, so a surprise in the host's
 * DOM ends in a fallback value, never in an exception thrown into the page.
 *
 *   guarded            run a read, fall back on any exception
 *   healthOf           found / missing / ambiguous from a number of candidates
 *   emptySnapshot      a snapshot that has found nothing (yet)
 *   isVisible          rendered and not hidden
 *   highestVisible     the visible element nearest the top (a conversation's header link)
 *   lowestVisible      the visible element(s) nearest the bottom (a chat composer)
 *   matchingOutside    the elements matching a selector outside a subtree (links outside the message list)
 *   firstTextLine      an element's first line of text (a display name above a handle)
 *   nameFromLabel      the name inside a localized label ("Write to {name}")
 *   isEndAligned       whether a message row is laid out to the end side (your own messages)
 *   readMessageRows    the newest message rows of a list as keyed messages (a bounded window)
 *   messageKey         a short non-reversible digest standing for a message (never its text)
 *   ThreadBinding      whether the rendered conversation already belongs to the thread the URL names
 *   insertByBeforeInput, insertByPaste   ways of asking an editor to insert at its caret
 *   CONVERSATION_CHANGED                 the insert result when the page moved on
 *   insertIntoComposer insert text at a composer's caret, exactly once, verified by reading it back
 */
import { cyrb53 } from '../hash';
import type { Platform } from './sites';
import type { InsertResult, PageSnapshot, PageState, PartHealth, SeenMessage } from './types';

/** Runs `read`; any exception (a detached node, an unexpected element) yields `fallback` instead. */
export function guarded<T>(fallback: T, read: () => T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

export function healthOf(candidates: number): PartHealth {
  return candidates === 0 ? 'missing' : candidates === 1 ? 'found' : 'ambiguous';
}

export function emptySnapshot(platform: Platform, url: URL, state: PageState): PageSnapshot {
  return {
    platform,
    url: url.href,
    state,
    threadId: null,
    surface: 'page',
    participant: null,
    messages: [],
    composerKind: null,
    health: { participant: 'missing', messages: 'missing', composer: 'missing' },
  };
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

/** The first capture of the first pattern that matches `label` (patterns of a localized label table). */
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
 * some element in it is a flex container justified to the end (measured through computed style, so it
 * does not depend on the site's class names).
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
 * How many message rows a read reports: the newest MESSAGE_WINDOW. Tracking keeps 64 digests
 * (SEEN_KEYS_LIMIT, utils/sla/tracking.ts) and anchors new messages on the last one it knows, so the
 * newest rows are all it needs; reading every rendered row of a long thread cost the host page far more
 * (computed styles per row, a large snapshot) than it told.
 */
export const MESSAGE_WINDOW = 100;

/** What an adapter tells readMessageRows about its rows. */
export type MessageRowReader = {
  isMessage(row: Element): boolean;
  /** A non-message row's time label when it is a time separator. */
  separatorOf(row: Element): string | undefined;
  /** A message row's text as its key digests it (cheap: no layout). */
  bodyOf(row: Element): string;
  /** A message row's direction and time label, given the separator in force above it (may measure layout). */
  describe(row: Element, separator: string | undefined): Pick<SeenMessage, 'direction' | 'timeLabel'>;
};

/**
 * The newest `limit` message rows of `rows` (oldest first) as SeenMessages: the key of a message is a
 * digest of thread, direction, time label and text, plus how often that digest occurred before it. The
 * rows above the window are walked back only to the time separator heading the window's first group
 * (cheap reads); those whose text recurs in the window are described, so the window's keys are the
 * ones a read of every row gives (unless an earlier group carries the very same time label).
 */
export function readMessageRows(
  rows: ArrayLike<Element>,
  threadId: string,
  reader: MessageRowReader,
  limit = MESSAGE_WINDOW,
): SeenMessage[] {
  let start = rows.length;
  for (let count = 0; start > 0 && count < limit; ) if (reader.isMessage(rows[--start] as Element)) count++;
  let groupStart = start;
  let separator: string | undefined;
  while (groupStart > 0 && separator === undefined) {
    const row = rows[groupStart - 1] as Element;
    if (!reader.isMessage(row)) separator = reader.separatorOf(row);
    if (separator === undefined) groupStart--;
  }
  const occurrences = new Map<string, number>();
  const identityOf = (row: Element, label: string | undefined) => {
    const body = reader.bodyOf(row);
    const { direction, timeLabel } = describeOnce(reader, row, label, body);
    const identity = messageKey(threadId, direction, timeLabel ?? '', body);
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    return { key: messageKey(identity, String(occurrence)), direction, ...(timeLabel && { timeLabel }) };
  };
  const window = Array.prototype.slice.call(rows, start) as Element[];
  if (groupStart < start) {
    const bodies = new Set(window.filter(reader.isMessage).map(reader.bodyOf));
    for (let i = groupStart; i < start; i++) {
      const row = rows[i] as Element;
      if (reader.isMessage(row) && bodies.has(reader.bodyOf(row))) identityOf(row, separator);
    }
  }
  const messages: SeenMessage[] = [];
  for (const row of window) {
    if (reader.isMessage(row)) messages.push(identityOf(row, separator));
    else separator = reader.separatorOf(row) ?? separator;
  }
  return messages;
}

/** What describe told of a row, and for which text and separator. */
const described = new WeakMap<
  Element,
  { body: string; separator: string | undefined; value: ReturnType<MessageRowReader['describe']> }
>();

/**
 * reader.describe, once per rendered row while its text and separator stay the same: a row keeps its
 * side, and measuring it reads computed styles, which on every frame of a long thread loading history
 * cost the page more than the rest of a read (measured with `npm run bench`).
 */
function describeOnce(reader: MessageRowReader, row: Element, separator: string | undefined, body: string) {
  const known = described.get(row);
  if (known?.body === body && known.separator === separator) return known.value;
  const value = reader.describe(row, separator);
  described.set(row, { body, separator, value });
  return value;
}

/**
 * A short digest that stands for one message without revealing it: 53 bits of a non-cryptographic
 * hash (cyrb53) over the given parts, base 36. The same parts give the same key on every read, so a
 * message keeps its key while it stays rendered.
 */
export function messageKey(...parts: string[]): string {
  return `m${cyrb53(parts.join('\u241f'))}`;
}

/** A rendered part of a conversation (header, message list, composer): its node and what it shows. */
export type RenderedPart = { node: Node; identity: string };

/** What an adapter read of one part: how sure it is, the value, and the part as rendered (for ThreadBinding). */
export type PartRead<T> = { health: PartHealth; value: T; rendered: RenderedPart | null };

/**
 * Whether the rendered conversation belongs to the thread the URL names. In a single-page app the URL
 * changes first and the previous conversation stays on screen for a moment; a thread counts as settled
 * once every part that is present was re-rendered (another node) or shows something else than when the
 * previous thread was settled. Absent parts count as re-rendered; callers require the ones they need.
 *
 * A URL replaced in place (the same history entry, see `historyKey`) with the same header is the site
 * rewriting its own URL for the same conversation (Facebook: profile id → thread id): the new id is
 * settled at once and the old one stays an alias of it.
 */
export class ThreadBinding {
  private bound: {
    threadId: string;
    aliases: Set<string>;
    parts: (RenderedPart | null)[];
    historyKey?: string;
  } | null = null;

  /** Call on every read of a thread page; true when the rendered parts belong to `threadId`. */
  settle(threadId: string, parts: (RenderedPart | null)[], historyKey?: string): boolean {
    const bound = this.bound;
    const changed = (part: RenderedPart | null, i: number) => {
      const before = bound?.parts[i];
      return !part || !before || part.node !== before.node || part.identity !== before.identity;
    };
    if (!bound || bound.threadId === threadId) {
      this.bound = { threadId, aliases: bound?.aliases ?? new Set([threadId]), parts, historyKey };
      return true;
    }
    const header = parts[0];
    const rewritten =
      historyKey !== undefined && historyKey === bound.historyKey && header?.identity === bound.parts[0]?.identity;
    if (rewritten) {
      this.bound = { threadId, aliases: bound.aliases.add(threadId), parts, historyKey };
      return true;
    }
    if (!parts.every(changed)) return false;
    this.bound = { threadId, aliases: new Set([threadId]), parts, historyKey };
    return true;
  }

  /** Whether `threadId` names the settled conversation (itself or a URL it was rewritten from). */
  isSettled(threadId: string): boolean {
    return this.bound?.aliases.has(threadId) ?? false;
  }
}

/** One way of asking an editor to insert text at its caret (editors honour different ones). */
export type InsertMethod = (editor: HTMLElement, text: string) => void;

/**
 * A synthetic `beforeinput` of type insertReplacementText carrying the text in a DataTransfer: Lexical
 * (Instagram, Messenger) inserts it as raw text at its selection (LexicalEvents.ts → CONTROLLED_TEXT_
 * INSERTION_COMMAND → insertRawText), keeping line breaks. The data goes onto the event's own
 * dataTransfer because Firefox hands listeners an empty one otherwise (Briskine editor-beforeinput.js).
 */
export const insertByBeforeInput: InsertMethod = (editor, text) => {
  const event = new InputEvent('beforeinput', {
    inputType: 'insertReplacementText',
    dataTransfer: new DataTransfer(),
    bubbles: true,
    cancelable: true,
  });
  event.dataTransfer?.setData('text/plain', text);
  editor.dispatchEvent(event);
};

/** A synthetic paste carrying plain text: Draft.js, ProseMirror and Lexical handle it themselves. */
export const insertByPaste: InsertMethod = (editor, text) => {
  const clipboardData = new DataTransfer();
  clipboardData.setData('text/plain', text);
  editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
};

export const CONVERSATION_CHANGED: InsertResult = {
  ok: false,
  reason: 'conversation-changed',
  message: 'The conversation changed: nothing was inserted.',
};

/**
 * Editors render line breaks differently (<br>, <p>, "\n"), so the read-back compares text without
 * whitespace: it still catches a lost line, a second copy and a cleared draft.
 */
const compact = (text: string) => text.replace(/[\s\u200b\ufeff]+/g, '');
/** How long an editor may take to apply an insertion before it counts as ignored. */
const APPLY_TIMEOUT_MS = 250;
const POLL_MS = 25;

/**
 * Inserts `text` at the composer's caret, replacing its selection; at the end when the caret is not in
 * the composer. `health` is the composer's as the adapter found it: only a single match is written to.
 * Tries `methods` in order until one changes the composer, then reads it back: the result must be the
 * previous content with exactly `text` at the caret. A method that changed anything is never followed
 * by another (that could insert twice). Never throws; never sends.
 */
export async function insertIntoComposer(
  composer: HTMLElement | null,
  health: PartHealth,
  text: string,
  methods: InsertMethod[],
): Promise<InsertResult> {
  if (!composer || health !== 'found') {
    return health === 'ambiguous'
      ? { ok: false, reason: 'composer-ambiguous', message: 'More than one message box: nothing was inserted.' }
      : { ok: false, reason: 'composer-missing', message: 'No message box found: nothing was inserted.' };
  }
  try {
    const caret = placeCaret(composer);
    const expected = caret.before.slice(0, caret.start) + compact(text) + caret.before.slice(caret.end);
    for (const insert of methods) {
      insert(composer, text);
      const after = await changedText(composer, caret.before);
      if (after === expected) return { ok: true };
      if (after !== undefined) {
        return {
          ok: false,
          reason: 'verify-failed',
          message: 'The message box did not take the text exactly: check it before sending.',
        };
      }
    }
    return { ok: false, reason: 'verify-failed', message: 'The message box ignored the text.' };
  } catch (error) {
    return { ok: false, reason: 'verify-failed', message: `Could not insert: ${(error as Error).message}` };
  }
}

/** Focuses the editor and keeps the person's caret there (or puts it at the end); returns the caret in compact text. */
function placeCaret(editor: HTMLElement): { before: string; start: number; end: number } {
  const doc = editor.ownerDocument;
  const selection = doc.getSelection();
  if (!selection) throw new Error('The page has no selection to insert at.');
  const inside =
    selection.rangeCount > 0 && editor.contains(selection.anchorNode) && editor.contains(selection.focusNode);
  editor.focus({ preventScroll: true });
  if (!inside) {
    const end = doc.createRange();
    const walker = doc.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    let lastText: Node | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) lastText = node;
    if (lastText) end.setStart(lastText, lastText.textContent?.length ?? 0);
    else end.selectNodeContents(editor.lastElementChild ?? editor);
    end.collapse(true);
    selection.removeAllRanges();
    selection.addRange(end);
  }
  const range = selection.getRangeAt(0);
  const head = doc.createRange();
  head.selectNodeContents(editor);
  head.setEnd(range.startContainer, range.startOffset);
  const start = compact(head.toString()).length;
  return { before: compact(editor.textContent ?? ''), start, end: start + compact(range.toString()).length };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, POLL_MS));

/** The editor's compact text once it changed from `before` and held still for a moment; undefined if it never changed. */
async function changedText(editor: HTMLElement, before: string): Promise<string | undefined> {
  const read = () => compact(editor.textContent ?? '');
  for (let waited = 0; waited <= APPLY_TIMEOUT_MS; waited += POLL_MS) {
    if (read() !== before) {
      await pause();
      return read();
    }
    await pause();
  }
  return undefined;
}
