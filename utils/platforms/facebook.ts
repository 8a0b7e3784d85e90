import {
  CONVERSATION_CHANGED,
  emptySnapshot,
  firstTextLine,
  guarded,
  healthOf,
  insertByBeforeInput,
  insertByPaste,
  insertIntoComposer,
  isEndAligned,
  isVisible,
  type MessageRowReader,
  matchingOutside,
  nameFromLabel,
  type PartRead,
  readMessageRows,
  ThreadBinding,
} from './dom';
import { FACEBOOK_LABELS, FACEBOOK_RESERVED_PATHS, FACEBOOK_SELECTORS as S, TIME_SEPARATOR } from './meta-selectors';
import { routeOf } from './sites';
import type { InsertResult, PageSnapshot, Participant, PlatformAdapter, SeenMessage } from './types';

/**
 * Facebook Messenger on facebook.com: the conversation page /messages/t/<id>/ (and /messages/e2ee/t/<id>/),
 * and chat pop-ups over any other facebook.com page.
 *
 * Conversation ids. The URL id may be a thread id, a profile id or a vanity name, and Facebook rewrites one
 * into another in place (/messages/t/<profile id> → /messages/e2ee/t/<thread id>). The snapshot reports the
 * URL's id as it is now; when the URL is replaced in place (same history entry) while the same person is
 * shown, the old id stays an alias of the conversation, so an insert the panel asked for under the old id
 * still lands (ThreadBinding). A pop-up has no URL: its id is the peer's profile id or vanity name, which
 * is also what /messages/t/<id>/ accepts for that person. Group pop-ups without a single profile have no id.
 */

const AREA_LABELS: readonly string[] = Object.values(FACEBOOK_LABELS.composerArea);
const WRITE_TO = Object.values(FACEBOOK_LABELS.writeTo);
const MESSAGE_SENT = Object.values(FACEBOOK_LABELS.messageSent);
const YOU: readonly string[] = Object.values(FACEBOOK_LABELS.you);

/** Lexical takes a synthetic beforeinput exactly (measured); paste only if a build stops honouring it. */
const INSERT_METHODS = [insertByBeforeInput, insertByPaste];

/** A conversation as rendered in one surface (the page's [role=main] or a pop-up). */
type SurfaceRead = {
  threadId: string | null;
  participant: PartRead<Participant | null>;
  messages: PartRead<SeenMessage[]>;
  composer: PartRead<HTMLElement | null>;
};

/** The profile a link points to: facebook.com/<vanity or id>/ or profile.php?id=<id>. */
function profileKeyOf(link: HTMLAnchorElement): string | undefined {
  return guarded(undefined, () => {
    const url = new URL(link.href);
    if (!/(^|\.)facebook\.com$/.test(url.hostname)) return undefined;
    const segments = url.pathname.split('/').filter(Boolean);
    if (segments.length === 1 && segments[0] === 'profile.php') return url.searchParams.get('id') ?? undefined;
    const key = segments.length === 1 ? decodeURIComponent(segments[0] as string) : '';
    return /^[\w.-]+$/.test(key) && !FACEBOOK_RESERVED_PATHS.has(key.toLowerCase()) ? key : undefined;
  });
}

function readComposer(root: Element): PartRead<HTMLElement | null> {
  const boxes = [...root.querySelectorAll<HTMLElement>(S.textbox)].filter(isVisible);
  const inArea = boxes.filter((box) =>
    AREA_LABELS.includes(box.parentElement?.closest('[aria-label]')?.getAttribute('aria-label') ?? ''),
  );
  const candidates = inArea.length > 0 ? inArea : boxes;
  const composer = candidates.length === 1 ? (candidates[0] as HTMLElement) : null;
  const rendered = composer && { node: composer, identity: composer.getAttribute('aria-label') ?? '' };
  return { health: healthOf(candidates.length), value: composer, rendered };
}

/** The peer: the one profile linked outside the message list (several: a group or unclear, never guessed). */
function readParticipant(
  root: Element,
  list: Element | undefined,
  composer: HTMLElement | null,
): { key: string | undefined; read: PartRead<Participant | null> } {
  const keysOf = new Map<HTMLAnchorElement, string | undefined>();
  for (const link of matchingOutside<HTMLAnchorElement>(root, S.link, list)) {
    const linkKey = profileKeyOf(link);
    if (linkKey) keysOf.set(link, linkKey);
  }
  const keys = new Set(keysOf.values());
  const key = keys.size === 1 ? [...keys][0] : undefined;
  const keyed = [...keysOf.keys()].filter((link) => keysOf.get(link) === key);
  const heading = [...root.querySelectorAll(S.title)].find((title) => !list?.contains(title));
  const name =
    keyed.map(firstTextLine).find(Boolean) ??
    nameFromLabel(composer?.getAttribute('aria-label'), WRITE_TO) ??
    (heading && firstTextLine(heading)) ??
    key;
  if (keys.size > 1) return { key, read: { health: 'ambiguous', value: null, rendered: null } };
  if (!name) return { key, read: { health: 'missing', value: null, rendered: null } };
  const profileUrl = keyed[0]?.href;
  const participant: Participant = { name, ...(key && { handle: key }), ...(profileUrl && { profileUrl }) };
  const node = keyed[0] ?? heading ?? root;
  return { key, read: { health: 'found', value: participant, rendered: { node, identity: `${key}|${name}` } } };
}

const ROW_READER: MessageRowReader = {
  isMessage: (row) => row.matches(S.messageRow),
  separatorOf: (row) => {
    const text = row.textContent ?? '';
    return TIME_SEPARATOR.test(text) ? text.trim() : undefined;
  },
  bodyOf: (row) => row.querySelector(S.bubble)?.textContent?.trim() ?? '',
  describe(row, separator) {
    // "Message sent 14:03 by Anna Berger: …": time and sender; without it, the layout tells the direction.
    const text = row.textContent ?? '';
    const sent = MESSAGE_SENT.map((pattern) => pattern.exec(text)).find(Boolean);
    const direction = (sent ? YOU.includes(sent[2] as string) : isEndAligned(row)) ? 'outbound' : 'inbound';
    return { direction, timeLabel: sent?.[1] ?? separator };
  },
};

/** The newest rendered messages (MESSAGE_WINDOW, see readMessageRows), oldest first. */
const readMessages = (list: Element, threadId: string): SeenMessage[] =>
  readMessageRows(list.querySelectorAll(S.row), threadId, ROW_READER);

/** Reads one surface. `threadId` is the URL's on the conversation page; pop-ups go by their peer's profile. */
function readSurface(root: Element, urlThreadId?: string): SurfaceRead {
  const lists = [...root.querySelectorAll(S.messageList)];
  const list = lists.length === 1 ? lists[0] : undefined;
  const composer = readComposer(root);
  const { key, read: participant } = readParticipant(root, list, composer.value);
  const threadId = urlThreadId ?? key ?? null;
  const messages: PartRead<SeenMessage[]> = list
    ? {
        health: 'found',
        value: readMessages(list, threadId ?? ''),
        rendered: { node: list, identity: list.getAttribute('aria-label') ?? '' },
      }
    : { health: healthOf(lists.length), value: [], rendered: null };
  return { threadId, participant, messages, composer };
}

/** Chat pop-ups: the smallest element around a composer outside [role=main] that also holds a message list. */
function popupRoots(doc: Document): Element[] {
  const roots: Element[] = [];
  for (const box of doc.querySelectorAll(S.textbox)) {
    if (box.closest(S.main) || !isVisible(box)) continue;
    let root = box.parentElement;
    while (root && !root.querySelector(S.messageList)) root = root.parentElement;
    if (root && root.querySelectorAll(S.textbox).length === 1 && !roots.includes(root)) roots.push(root);
  }
  return roots;
}

/** The history entry's key stays the same when a URL is replaced in place (Navigation API). */
const historyKeyOf = (doc: Document) =>
  guarded(
    undefined,
    () =>
      (doc.defaultView as { navigation?: { currentEntry?: { key: string } } } | null)?.navigation?.currentEntry?.key,
  );

const snapshotOf = (url: URL, surface: string, read: SurfaceRead, settled: boolean): PageSnapshot => ({
  ...emptySnapshot('facebook', url, settled ? 'thread' : 'loading'),
  threadId: read.threadId,
  surface,
  participant: read.participant.value,
  messages: read.messages.value,
  composerKind: read.composer.value ? 'messenger' : null,
  health: { participant: read.participant.health, messages: read.messages.health, composer: read.composer.health },
});

export function createFacebookAdapter(): PlatformAdapter {
  const binding = new ThreadBinding();
  /** The pop-up the person last worked in: focus moves into the panel when they pick a template. */
  let lastActivePopup: Element | undefined;

  function activePopup(doc: Document, popups: Element[]): Element | undefined {
    const focused = popups.find((popup) => popup.contains(doc.activeElement));
    if (focused) lastActivePopup = focused;
    if (lastActivePopup && popups.includes(lastActivePopup)) return lastActivePopup;
    return popups.length === 1 ? popups[0] : undefined;
  }

  /** The snapshot, and the surface read behind it (for insertText and focusComposer). */
  function inspect(doc: Document, url: URL): { snapshot: PageSnapshot; read?: SurfaceRead } {
    const route = routeOf('facebook', url);
    if (route.kind === 'inbox') return { snapshot: emptySnapshot('facebook', url, 'no-conversation') };
    if (route.kind === 'thread') {
      const main = doc.querySelector(S.main);
      if (!main) return { snapshot: { ...emptySnapshot('facebook', url, 'loading'), threadId: route.threadId } };
      const read = readSurface(main, route.threadId);
      // A URL change alone is not enough: the header, list and composer must have caught up.
      const parts = [read.participant.rendered, read.messages.rendered, read.composer.rendered];
      const settled =
        read.participant.health === 'found' &&
        read.messages.health === 'found' &&
        binding.settle(route.threadId, parts, historyKeyOf(doc));
      return { snapshot: snapshotOf(url, 'page', read, settled), read };
    }
    const popups = popupRoots(doc);
    if (popups.length === 0) return { snapshot: emptySnapshot('facebook', url, 'not-messages') };
    const popup = activePopup(doc, popups);
    if (!popup) {
      const ambiguous = { participant: 'ambiguous', messages: 'ambiguous', composer: 'ambiguous' } as const;
      return { snapshot: { ...emptySnapshot('facebook', url, 'loading'), surface: 'popup', health: ambiguous } };
    }
    const read = readSurface(popup);
    const settled = read.threadId !== null && read.participant.health === 'found' && read.messages.health === 'found';
    return { snapshot: snapshotOf(url, `popup:${read.threadId ?? '?'}`, read, settled), read };
  }

  function insertText(doc: Document, text: string, expectedThreadId: string): Promise<InsertResult> {
    const url = new URL(doc.location.href);
    const target = guarded(undefined, () => {
      if (routeOf('facebook', url).kind === 'thread') {
        const { snapshot, read } = inspect(doc, url);
        return snapshot.state === 'thread' && binding.isSettled(expectedThreadId) ? read : undefined;
      }
      // Pop-ups: the one showing that conversation, whichever the person looked at last.
      return popupRoots(doc)
        .map((popup) => readSurface(popup))
        .find((read) => read.threadId === expectedThreadId);
    });
    if (!target) return Promise.resolve(CONVERSATION_CHANGED);
    return insertIntoComposer(target.composer.value, target.composer.health, text, INSERT_METHODS);
  }

  return {
    platform: 'facebook',
    observationRoot(doc) {
      // Pop-ups can open over any facebook.com page, so every page is watched.
      const route = routeOf('facebook', doc.location.href);
      return (route.kind !== 'other' && doc.querySelector(S.main)) || doc.body;
    },
    read: (doc, url) => guarded(emptySnapshot('facebook', url, 'loading'), () => inspect(doc, url).snapshot),
    insertText,
    focusComposer: (doc) =>
      guarded(false, () => {
        const composer = inspect(doc, new URL(doc.location.href)).read?.composer.value;
        composer?.focus();
        return Boolean(composer);
      }),
  };
}

export const facebookAdapter = createFacebookAdapter();
