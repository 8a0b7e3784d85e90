import { lexicalEngine } from './editors/lexical';
import {
  INSTAGRAM_INBOX as I,
  INSTAGRAM_HANDLE,
  INSTAGRAM_INBOX_LABELS,
  INSTAGRAM_LABELS,
  INSTAGRAM_RESERVED_PATHS,
  INSTAGRAM_SELECTORS as S,
} from './instagram.selectors';
import { routeOf } from './sites';
import { adapterAround } from './toolkit/adapter';
import { afterLastDot, ariaLabelSelector, inboxListReader, labelledAs, presenceVote } from './toolkit/list';
import {
  firstTextLine,
  guarded,
  highestVisible,
  isEndAligned,
  isVisible,
  lowestVisible,
  matchingOutside,
  nameFromLabel,
  textOf,
} from './toolkit/read';
import { type MessageRowReader, messageKey, readMessageRows, TIME_SEPARATOR } from './toolkit/rows';
import { resolvePart, type SignalVote, vote } from './toolkit/signals';
import { emptySnapshot, finishSnapshot, type PartReading } from './toolkit/snapshot';
import { ThreadBinding } from './toolkit/thread';
import type { InboxListReader, PageSnapshot, Participant, PlatformAdapter } from './types';

/**
 * Instagram web DMs (www.instagram.com/direct/…). The content script matches the whole site because the
 * inbox is reached by in-app navigation; the path decides at run time. One surface: the open thread.
 * Rows have no ids: a message's key is a digest of its direction, group time and text.
 * Composer engine: Lexical.
 */

const CONVERSATION_LABELS = Object.values(INSTAGRAM_LABELS.conversation);
const COMPOSER_LABELS: readonly string[] = Object.values(INSTAGRAM_LABELS.composer);
const YOU_SENT: readonly string[] = Object.values(INSTAGRAM_LABELS.youSent);

/** The profile handle a link points to, if it is a profile link (one path segment, not an app route). */
function handleOf(link: HTMLAnchorElement): string | undefined {
  return guarded(undefined, () => {
    const url = new URL(link.href);
    if (!/(^|\.)instagram\.com$/.test(url.hostname)) return undefined;
    const segments = url.pathname.split('/').filter(Boolean);
    const handle = segments.length === 1 ? decodeURIComponent(segments[0] as string) : '';
    return INSTAGRAM_HANDLE.test(handle) && !INSTAGRAM_RESERVED_PATHS.has(handle.toLowerCase()) ? handle : undefined;
  });
}

/** Containers labelled "Conversation with …" in one of the table's languages. */
const labelledConversations = (main: Element) =>
  [...main.querySelectorAll(S.labelledContainer)].filter((element) =>
    nameFromLabel(element.getAttribute('aria-label'), CONVERSATION_LABELS),
  );

/** Whether an element scrolls vertically (computed style: independent of class names). */
const scrolls = (element: Element) =>
  /auto|scroll/.test(element.ownerDocument.defaultView?.getComputedStyle(element).overflowY ?? '');

/** The first element inside `root` (document order) that scrolls vertically; stops at the first match. */
function firstScroller(root: Element): Element | undefined {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (scrolls(node as Element)) return node as Element;
  return undefined;
}

/** The rows are the children of the inner container with the most children, at most three levels into
 * the conversation's scrollable element (instagram-dm-unsender dom-lookup.js). */
function rowsUnder(scroller: Element | undefined): Element | undefined {
  let best = scroller;
  let level = scroller ? [scroller] : [];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    level = level.flatMap((element) => [...element.children]);
    for (const element of level) if (element.childElementCount > (best?.childElementCount ?? 0)) best = element;
  }
  return best;
}

/** The scroller nearest the newest message content in <main>: the conversation's, whatever its label. */
function contentScroller(main: Element): Element | undefined {
  const contents = main.querySelectorAll(S.messageContent);
  for (let node = contents[contents.length - 1]?.parentElement; node && node !== main; node = node.parentElement) {
    if (scrolls(node)) return node;
  }
  return undefined;
}

function isOwnRow(row: Element): boolean {
  const headings = [...row.querySelectorAll(S.rowHeading)];
  return headings.some((heading) => YOU_SENT.includes(heading.textContent?.trim() ?? '')) || isEndAligned(row);
}

/** A row's time label when it is a time separator (no message content, no link or picture). */
function separatorOf(row: Element): string | undefined {
  const label = row.textContent?.trim() ?? '';
  return TIME_SEPARATOR.test(label) && !row.querySelector('a, img') ? label : undefined;
}

/** A message's content: the element with its role, else its text (either marks a message row). */
const contentOf = (row: Element) => row.querySelector(S.messageContent) ?? row.querySelector(S.messageText);

const ROW_READER: MessageRowReader = {
  isMessage: (row) => contentOf(row) !== null,
  separatorOf,
  bodyOf: (row) => contentOf(row)?.textContent?.trim() ?? '',
  describe: (row, separator) => ({ direction: isOwnRow(row) ? 'outbound' : 'inbound', timeLabel: separator }),
};

/** The peer's profile link: the highest visible one outside the rows (the header), else inside them. */
function peerLink(main: Element, rows: Element | undefined) {
  const handles = new Map<HTMLAnchorElement, string | undefined>();
  const handle = (link: HTMLAnchorElement) => {
    if (!handles.has(link)) handles.set(link, handleOf(link));
    return handles.get(link);
  };
  let links = matchingOutside<HTMLAnchorElement>(main, S.profileLink, rows).filter(handle);
  let link = highestVisible(links);
  if (!link && rows) {
    links = [...main.querySelectorAll<HTMLAnchorElement>(S.profileLink)].filter(handle);
    link = highestVisible(links);
  }
  const peerHandle = link && handle(link);
  if (!link || !peerHandle) return undefined;
  // The avatar link comes first and has no text; another link to the same profile carries the name.
  const name = links
    .filter((other) => handle(other) === peerHandle)
    .map(firstTextLine)
    .find(Boolean);
  return { link, handle: peerHandle, name: name ?? peerHandle };
}

/** A rows container with at least this many rows is the one with the most children beyond doubt. */
const SETTLED_ROW_COUNT = 20;

export function createInstagramAdapter(): PlatformAdapter {
  const binding = new ThreadBinding();
  const findMain = (doc: Document) => doc.querySelector(S.main);

  /**
   * rowsUnder, remembered while the scroller stays and holds enough rows to be unmistakable: finding
   * the rows walks three levels of the list, which on a long thread loading history cost the page more
   * than the rest of a read together (measured).
   */
  const remembered = new WeakMap<Element, Element>();
  function rowsOf(scroller: Element | undefined): Element | undefined {
    if (!scroller) return undefined;
    const known = remembered.get(scroller);
    if (known && known.childElementCount >= SETTLED_ROW_COUNT && scroller.contains(known)) return known;
    const rows = rowsUnder(scroller);
    if (rows) remembered.set(scroller, rows);
    return rows;
  }

  /** The snapshot, the composer it found (for insertText), and how each part was read. */
  function inspect(doc: Document, url: URL): { snapshot: PageSnapshot; composer: HTMLElement | null } {
    const route = routeOf('instagram', url);
    if (route.kind !== 'thread') {
      const state = route.kind === 'inbox' ? 'no-conversation' : 'not-messages';
      return { snapshot: finishSnapshot(emptySnapshot('instagram', url, state), doc), composer: null };
    }
    const main = findMain(doc);
    const loading = { ...emptySnapshot('instagram', url, 'loading'), threadId: route.threadId };
    if (!main) return { snapshot: finishSnapshot(loading, doc), composer: null };

    const labelled = labelledConversations(main);
    // Several labelled conversations are several candidates: the signal cannot tell.
    const byLabel = labelled.length === 1 ? [rowsOf(firstScroller(labelled[0] as Element))] : labelled;
    const rowVotes: SignalVote<Element>[] = [
      { signal: 'conversation-label', candidates: byLabel.filter((rows): rows is Element => !!rows) },
      vote('content-scroller', rowsOf(contentScroller(main))),
    ];
    const rows = resolvePart(rowVotes);
    const rowsElement = rows.value ?? undefined;

    const peer = peerLink(main, rowsElement);
    const labelNames = labelled.map((conversation) =>
      nameFromLabel(conversation.getAttribute('aria-label'), CONVERSATION_LABELS),
    );
    const participant = resolvePart<string>([
      vote('profile-link', peer?.name),
      { signal: 'conversation-label', candidates: labelNames.filter((name): name is string => !!name) },
    ]);
    // The profile link also knows the handle; a label-only read still names the person.
    const name = participant.value ?? null;
    const person: Participant | null = name
      ? { name, ...(peer && peer.name === name && { handle: peer.handle, profileUrl: peer.link.href }) }
      : null;

    const boxes = [...main.querySelectorAll<HTMLElement>(S.textbox)].filter(isVisible);
    const composer = resolvePart<HTMLElement>([
      {
        signal: 'composer-label',
        candidates: lowestVisible(
          boxes.filter((box) => COMPOSER_LABELS.includes(box.getAttribute('aria-label') ?? '')),
        ),
      },
      { signal: 'lexical-hook', candidates: lowestVisible(boxes.filter((box) => box.matches(S.lexicalEditor))) },
    ]);

    const messages = rowsElement ? readMessageRows(rowsElement.children, route.threadId, ROW_READER) : [];
    // A URL change alone is not enough: the person and the message list must have caught up.
    const settled =
      person !== null &&
      rowsElement !== undefined &&
      binding.settle(route.threadId, {
        identity: `${person.handle ?? ''}|${person.name}`,
        listKeys: rowsElement
          ? [...rowsElement.children].slice(-20).map((row) => messageKey(row.textContent ?? ''))
          : [],
        listNode: rowsElement,
      });
    const readings: PartReading[] = [
      { part: 'participant', health: participant.health, failedSignals: participant.failedSignals, region: main },
      { part: 'messages', health: rows.health, failedSignals: rows.failedSignals, region: labelled[0] ?? main },
      { part: 'composer', health: composer.health, failedSignals: composer.failedSignals, region: main },
    ];
    const snapshot: PageSnapshot = {
      ...loading,
      state: settled ? 'thread' : 'loading',
      participant: person,
      messages,
      composerKind: composer.value ? 'instagram' : null,
      health: { participant: participant.health, messages: rows.health, composer: composer.health },
    };
    return { snapshot: finishSnapshot(snapshot, doc, readings), composer: composer.value };
  }

  return adapterAround({
    platform: 'instagram',
    observationRoot: (doc) =>
      routeOf('instagram', doc.location.href).kind === 'other' ? null : (findMain(doc) ?? doc.body),
    locate: inspect,
    engineOf: () => lexicalEngine,
  });
}

// ---- the conversation list (issue #16) ------------------------------------------------------------

const INBOX_LIST_LABELS: readonly string[] = Object.values(INSTAGRAM_INBOX_LABELS.list);
const INBOX_AVATAR_LABELS = Object.values(INSTAGRAM_INBOX_LABELS.avatar);
const INBOX_UNREAD = ariaLabelSelector(Object.values(INSTAGRAM_INBOX_LABELS.unread));

/** The row's name and preview: its first two texts. */
const rowTexts = (row: Element) => [...row.querySelectorAll(I.text)].map(textOf);

export const instagramInbox: InboxListReader = inboxListReader({
  platform: 'instagram',
  list(doc) {
    const lists = [...(doc.querySelector(S.main)?.querySelectorAll(I.list) ?? [])];
    return resolvePart([
      { signal: 'list-label', candidates: labelledAs(lists, INBOX_LIST_LABELS) },
      { signal: 'list-structure', candidates: lists.filter((list) => list.querySelector(I.rowStructure)) },
    ]).value;
  },
  rows: (list) => list.querySelectorAll(I.row),
  youPrefixes: Object.values(INSTAGRAM_INBOX_LABELS.you),
  name: (row) => [vote('name-text', rowTexts(row)[0] || undefined)],
  link(row) {
    const handle = nameFromLabel(row.querySelector(I.avatar)?.getAttribute('alt'), INBOX_AVATAR_LABELS);
    return handle && INSTAGRAM_HANDLE.test(handle) ? { handle } : {};
  },
  preview: (row) => rowTexts(row)[1],
  timeLabel: (row) => textOf(row.querySelector(I.time)) || afterLastDot(textOf(row)),
  unread: (row) => [presenceVote('unread-label', row, INBOX_UNREAD)],
  active: (row) => row.querySelector(I.active) !== null,
});

export const instagramAdapter: PlatformAdapter = { ...createInstagramAdapter(), inbox: instagramInbox };
