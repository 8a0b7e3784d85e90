import {
  CONVERSATION_CHANGED,
  emptySnapshot,
  firstTextLine,
  guarded,
  healthOf,
  highestVisible,
  insertByBeforeInput,
  insertByPaste,
  insertIntoComposer,
  isEndAligned,
  isVisible,
  lowestVisible,
  type MessageRowReader,
  matchingOutside,
  nameFromLabel,
  type PartRead,
  readMessageRows,
  ThreadBinding,
} from './dom';
import {
  INSTAGRAM_HANDLE,
  INSTAGRAM_LABELS,
  INSTAGRAM_RESERVED_PATHS,
  INSTAGRAM_SELECTORS as S,
  TIME_SEPARATOR,
} from './meta-selectors';
import { routeOf } from './sites';
import type { PageSnapshot, Participant, PlatformAdapter, SeenMessage } from './types';

/**
 * Instagram web DMs (www.instagram.com/direct/…). The content script matches the whole site because the
 * inbox is reached by in-app navigation; the path decides at run time. One surface: the open thread.
 * Rows have no ids: a message's key is a digest of its direction, group time and text.
 */

const CONVERSATION_LABELS = Object.values(INSTAGRAM_LABELS.conversation);
const COMPOSER_LABELS: readonly string[] = Object.values(INSTAGRAM_LABELS.composer);
const YOU_SENT: readonly string[] = Object.values(INSTAGRAM_LABELS.youSent);

/** Lexical takes a synthetic beforeinput exactly (measured); paste only if a build stops honouring it. */
const INSERT_METHODS = [insertByBeforeInput, insertByPaste];

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

/** Conversation containers: labelled "Conversation with …"; in languages the table lacks, the labelled
 * container that holds message content (the innermost one). */
function conversationContainers(main: Element): Element[] {
  const labelled = [...main.querySelectorAll(S.labelledContainer)];
  const named = labelled.filter((element) => nameFromLabel(element.getAttribute('aria-label'), CONVERSATION_LABELS));
  if (named.length > 0) return named;
  const holding = labelled.filter((element) => element.querySelector(S.messageContent));
  return holding.filter((element) => !holding.some((other) => other !== element && element.contains(other)));
}

/**
 * The peer: the highest visible profile link. Links outside the message rows are tried first (the
 * header; the rows hold one avatar link per message, thousands in a long thread); the rows only when
 * no visible link outside them points to a profile. `rows` is the rows container (see rowsContainer).
 */
function readParticipant(
  main: Element,
  conversations: Element[],
  rows: Element | undefined,
): PartRead<Participant | null> {
  const handles = new Map<HTMLAnchorElement, string | undefined>();
  const handle = (link: HTMLAnchorElement) => {
    if (!handles.has(link)) handles.set(link, handleOf(link));
    return handles.get(link);
  };
  let profileLinks = matchingOutside<HTMLAnchorElement>(main, S.profileLink, rows).filter(handle);
  let peerLink = highestVisible(profileLinks);
  if (!peerLink && rows) {
    profileLinks = [...main.querySelectorAll<HTMLAnchorElement>(S.profileLink)].filter(handle);
    peerLink = highestVisible(profileLinks);
  }
  const peerHandle = peerLink && handle(peerLink);
  // The avatar link comes first and has no text; another link to the same profile carries the name.
  const linkName = profileLinks
    .filter((link) => handle(link) === peerHandle)
    .map(firstTextLine)
    .find(Boolean);
  const labelName = nameFromLabel(conversations[0]?.getAttribute('aria-label'), CONVERSATION_LABELS);
  const name = linkName ?? labelName ?? peerHandle;
  if (conversations.length > 1) return { health: 'ambiguous', value: null, rendered: null };
  if (!name) return { health: 'missing', value: null, rendered: null };
  const participant: Participant = {
    name,
    ...(peerHandle && { handle: peerHandle, profileUrl: (peerLink as HTMLAnchorElement).href }),
  };
  const node = peerLink ?? (conversations[0] as Element);
  return { health: 'found', value: participant, rendered: { node, identity: `${peerHandle}|${name}` } };
}

/** The first element inside `root` (document order) that scrolls vertically; stops at the first match. */
function firstScroller(root: Element): Element | undefined {
  const view = root.ownerDocument.defaultView;
  if (!view) return undefined;
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/auto|scroll/.test(view.getComputedStyle(node as Element).overflowY)) return node as Element;
  }
  return undefined;
}

/** The rows are the children of the inner container with the most children, at most three levels into
 * the conversation's scrollable element (instagram-dm-unsender dom-lookup.js). */
function rowsContainer(conversation: Element): Element | undefined {
  const scroller = firstScroller(conversation);
  let best = scroller;
  let level = scroller ? [scroller] : [];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    level = level.flatMap((element) => [...element.children]);
    for (const element of level) if (element.childElementCount > (best?.childElementCount ?? 0)) best = element;
  }
  return best;
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

const ROW_READER: MessageRowReader = {
  isMessage: (row) => row.querySelector(S.messageContent) !== null,
  separatorOf,
  bodyOf: (row) => row.querySelector(S.messageContent)?.textContent?.trim() ?? '',
  describe: (row, separator) => ({ direction: isOwnRow(row) ? 'outbound' : 'inbound', timeLabel: separator }),
};

/** The newest rendered messages (MESSAGE_WINDOW, see readMessageRows), oldest first. `container` is
 * rowsContainer's. */
function readMessages(
  conversations: Element[],
  container: Element | undefined,
  threadId: string,
): PartRead<SeenMessage[]> {
  const conversation = conversations[0];
  if (!conversation || !container) return { health: healthOf(conversations.length), value: [], rendered: null };
  const messages = readMessageRows(container.children, threadId, ROW_READER);
  const rendered = { node: conversation, identity: conversation.getAttribute('aria-label') ?? '' };
  return { health: 'found', value: messages, rendered };
}

/** The bottom-most visible text box in <main> that is labelled like a composer (or runs Lexical, for
 * languages the table lacks): search and story replies are text boxes too. */
function readComposer(main: Element): PartRead<HTMLElement | null> {
  const boxes = [...main.querySelectorAll<HTMLElement>(S.textbox)].filter(isVisible);
  const named = boxes.filter((box) => COMPOSER_LABELS.includes(box.getAttribute('aria-label') ?? ''));
  const lowest = lowestVisible(named.length > 0 ? named : boxes.filter((box) => box.matches(S.lexicalEditor)));
  const composer = lowest.length === 1 ? (lowest[0] as HTMLElement) : null;
  const rendered = composer && { node: composer, identity: composer.getAttribute('aria-label') ?? '' };
  return { health: healthOf(lowest.length), value: composer, rendered };
}

/** A rows container with at least this many rows is the one with the most children beyond doubt. */
const SETTLED_ROW_COUNT = 20;

export function createInstagramAdapter(): PlatformAdapter {
  const binding = new ThreadBinding();
  const findMain = (doc: Document) => doc.querySelector(S.main);

  /**
   * rowsContainer, remembered while the container stays in the same conversation and holds enough rows
   * to be unmistakable: finding it reads computed styles and walks three levels of the list, which on a
   * long thread loading history cost the page more than the rest of a read together (measured).
   */
  let remembered: { conversation: Element; rows: Element } | undefined;
  function rowsOf(conversation: Element): Element | undefined {
    const known = remembered?.conversation === conversation ? remembered.rows : undefined;
    if (known && known.childElementCount >= SETTLED_ROW_COUNT && conversation.contains(known)) {
      return known;
    }
    const rows = rowsContainer(conversation);
    remembered = rows && { conversation, rows };
    return rows;
  }

  /** The snapshot, and the composer it found (for insertText). */
  function inspect(doc: Document, url: URL): { snapshot: PageSnapshot; composer: HTMLElement | null } {
    const route = routeOf('instagram', url);
    if (route.kind !== 'thread') {
      const state = route.kind === 'inbox' ? 'no-conversation' : 'not-messages';
      return { snapshot: emptySnapshot('instagram', url, state), composer: null };
    }
    const main = findMain(doc);
    if (!main)
      return { snapshot: { ...emptySnapshot('instagram', url, 'loading'), threadId: route.threadId }, composer: null };
    const conversations = conversationContainers(main);
    const conversation = conversations.length === 1 ? conversations[0] : undefined;
    const rows = conversation && rowsOf(conversation);
    const participant = readParticipant(main, conversations, rows);
    const messages = readMessages(conversations, rows, route.threadId);
    const composer = readComposer(main);
    // A URL change alone is not enough: the header, list and composer must have caught up.
    const settled =
      participant.health === 'found' &&
      messages.health === 'found' &&
      binding.settle(route.threadId, [participant.rendered, messages.rendered, composer.rendered]);
    const snapshot: PageSnapshot = {
      ...emptySnapshot('instagram', url, settled ? 'thread' : 'loading'),
      threadId: route.threadId,
      participant: participant.value,
      messages: messages.value,
      composerKind: composer.value ? 'instagram' : null,
      health: { participant: participant.health, messages: messages.health, composer: composer.health },
    };
    return { snapshot, composer: composer.value };
  }

  return {
    platform: 'instagram',
    observationRoot: (doc) =>
      routeOf('instagram', doc.location.href).kind === 'other' ? null : (findMain(doc) ?? doc.body),
    read: (doc, url) => guarded(emptySnapshot('instagram', url, 'loading'), () => inspect(doc, url).snapshot),
    insertText(doc, text, expectedThreadId) {
      const found = guarded(null, () => inspect(doc, new URL(doc.location.href)));
      if (found?.snapshot.state !== 'thread' || found.snapshot.threadId !== expectedThreadId) {
        return Promise.resolve(CONVERSATION_CHANGED);
      }
      return insertIntoComposer(found.composer, found.snapshot.health.composer, text, INSERT_METHODS);
    },
    focusComposer: (doc) =>
      guarded(false, () => {
        const { composer } = inspect(doc, new URL(doc.location.href));
        composer?.focus();
        return composer !== null;
      }),
  };
}

export const instagramAdapter = createInstagramAdapter();
