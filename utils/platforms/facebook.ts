import { focusComposerElement } from './editors/contenteditable';
import { type InsertTarget, insertChecked } from './editors/insert';
import { lexicalEngine } from './editors/lexical';
import { withEngine } from './editors/trigger';
import {
  FACEBOOK_INBOX_LABELS,
  FACEBOOK_LABELS,
  FACEBOOK_RESERVED_PATHS,
  FACEBOOK_INBOX as I,
  FACEBOOK_SELECTORS as S,
} from './facebook.selectors';
import { routeOf } from './sites';
import { afterLastDot, ariaLabelSelector, inboxListReader, labelledAs, presenceVote } from './toolkit/list';
import {
  firstTextLine,
  guarded,
  historyKeyOf,
  isEndAligned,
  isVisible,
  matchingOutside,
  nameFromLabel,
  textOf,
} from './toolkit/read';
import { type MessageRowReader, messageKey, readMessageRows, TIME_SEPARATOR } from './toolkit/rows';
import { type ResolvedPart, resolvePart, vote } from './toolkit/signals';
import { emptySnapshot, finishSnapshot, type PartReading } from './toolkit/snapshot';
import { ThreadBinding } from './toolkit/thread';
import type { InboxListReader, PageSnapshot, Participant, PlatformAdapter, SeenMessage } from './types';

/**
 * Facebook Messenger on facebook.com: the conversation page /messages/t/<id>/ (and /messages/e2ee/t/<id>/),
 * and chat pop-ups over any other facebook.com page. Composer engine: Lexical.
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

/** A conversation as rendered in one surface (the page's [role=main] or a pop-up). */
type SurfaceRead = {
  threadId: string | null;
  participant: ResolvedPart<string>;
  person: Participant | null;
  list: ResolvedPart<Element>;
  messages: SeenMessage[];
  composer: ResolvedPart<HTMLElement>;
  readings: PartReading[];
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

function readComposer(root: Element): ResolvedPart<HTMLElement> {
  const boxes = [...root.querySelectorAll<HTMLElement>(S.textbox)].filter(isVisible);
  const inArea = (box: HTMLElement) =>
    AREA_LABELS.includes(box.parentElement?.closest('[aria-label]')?.getAttribute('aria-label') ?? '');
  return resolvePart([
    { signal: 'composer-area', candidates: boxes.filter(inArea) },
    { signal: 'lexical-hook', candidates: boxes.filter((box) => box.matches(S.lexicalEditor)) },
  ]);
}

/** The container of all message cells: the nearest ancestor of the first that holds the last. */
function cellContainer(root: Element): Element | undefined {
  const cells = root.querySelectorAll(S.messageCell);
  const last = cells[cells.length - 1];
  let node = cells[0]?.parentElement;
  while (node && node !== root && !(last && node.contains(last) && node !== last.parentElement))
    node = node.parentElement;
  return node && node !== root ? node : undefined;
}

/** The list, by its role and by the cells it holds; they agree when one contains the other. */
function readList(root: Element): ResolvedPart<Element> {
  const related = (a: Element, b: Element) => a.contains(b) || b.contains(a);
  return resolvePart(
    [
      { signal: 'list-role', candidates: [...root.querySelectorAll(S.messageList)] },
      vote('message-cells', cellContainer(root)),
    ],
    related,
  );
}

/** The peer: one profile linked outside the message list, the "Write to" label, the title. */
function readParticipant(root: Element, list: Element | undefined, composer: HTMLElement | null) {
  const keysOf = new Map<HTMLAnchorElement, string>();
  for (const link of matchingOutside<HTMLAnchorElement>(root, S.link, list)) {
    const linkKey = profileKeyOf(link);
    if (linkKey) keysOf.set(link, linkKey);
  }
  const keys = [...new Set(keysOf.values())];
  const key = keys.length === 1 ? keys[0] : undefined;
  const keyed = [...keysOf.keys()].filter((link) => keysOf.get(link) === key);
  const linkNames = keys.map(
    (each) =>
      [...keysOf.keys()]
        .filter((link) => keysOf.get(link) === each)
        .map(firstTextLine)
        .find(Boolean) ?? each,
  );
  const heading = [...root.querySelectorAll(S.title)].find((title) => !list?.contains(title));
  const participant = resolvePart<string>([
    { signal: 'profile-link', candidates: [...new Set(linkNames)] },
    vote('write-to-label', nameFromLabel(composer?.getAttribute('aria-label'), WRITE_TO)),
    vote('title', heading && firstTextLine(heading)),
  ]);
  const name = participant.value;
  const profileUrl = keyed[0]?.href;
  const person: Participant | null = name
    ? { name, ...(key && { handle: key }), ...(key && profileUrl && { profileUrl }) }
    : null;
  return { key, participant, person };
}

/** Rows by their role; where the page dropped it, the list's children. */
const rowsOf = (list: Element) => {
  const byRole = list.querySelectorAll(S.row);
  return byRole.length > 0 ? byRole : list.children;
};

const ROW_READER: MessageRowReader = {
  // Either row signal marks a message row: the messages_table cell, or a bubble of text.
  isMessage: (row) => row.querySelector(S.messageCell) !== null || row.querySelector(S.bubble) !== null,
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

/** Reads one surface. `threadId` is the URL's on the conversation page; pop-ups go by their peer's profile. */
function readSurface(root: Element, urlThreadId?: string): SurfaceRead {
  const list = readList(root);
  const listElement = list.value ?? undefined;
  const composer = readComposer(root);
  const { key, participant, person } = readParticipant(root, listElement, composer.value);
  const threadId = urlThreadId ?? key ?? null;
  const messages = listElement ? readMessageRows(rowsOf(listElement), threadId ?? '', ROW_READER) : [];
  const readings: PartReading[] = [
    { part: 'participant', health: participant.health, failedSignals: participant.failedSignals, region: root },
    { part: 'messages', health: list.health, failedSignals: list.failedSignals, region: listElement ?? root },
    { part: 'composer', health: composer.health, failedSignals: composer.failedSignals, region: root },
  ];
  return { threadId, participant, person, list, messages, composer, readings };
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

const snapshotOf = (doc: Document, url: URL, surface: string, read: SurfaceRead, settled: boolean): PageSnapshot =>
  finishSnapshot(
    {
      ...emptySnapshot('facebook', url, settled ? 'thread' : 'loading'),
      threadId: read.threadId,
      surface,
      participant: read.person,
      messages: read.messages,
      composerKind: read.composer.value ? 'messenger' : null,
      health: { participant: read.participant.health, messages: read.list.health, composer: read.composer.health },
    },
    doc,
    read.readings,
  );

/** What the list shows independent of the thread id: a digest per newest row. */
const listKeysOf = (list: Element | null) =>
  list ? [...rowsOf(list)].slice(-20).map((row) => messageKey(row.textContent ?? '')) : [];

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
    const bare = (state: PageSnapshot['state']) => finishSnapshot(emptySnapshot('facebook', url, state), doc);
    if (route.kind === 'inbox') return { snapshot: bare('no-conversation') };
    if (route.kind === 'thread') {
      const main = doc.querySelector(S.main);
      if (!main) return { snapshot: { ...bare('loading'), threadId: route.threadId } };
      const read = readSurface(main, route.threadId);
      // A URL change alone is not enough: the person and the message list must have caught up.
      const settled =
        read.person !== null &&
        read.list.value !== null &&
        binding.settle(
          route.threadId,
          {
            identity: `${read.person.handle ?? ''}|${read.person.name}`,
            listKeys: listKeysOf(read.list.value),
            listNode: read.list.value,
          },
          historyKeyOf(doc),
        );
      return { snapshot: snapshotOf(doc, url, 'page', read, settled), read };
    }
    const popups = popupRoots(doc);
    if (popups.length === 0) return { snapshot: bare('not-messages') };
    const popup = activePopup(doc, popups);
    if (!popup) {
      const ambiguous = { participant: 'ambiguous', messages: 'ambiguous', composer: 'ambiguous' } as const;
      return { snapshot: { ...bare('loading'), surface: 'popup', health: ambiguous } };
    }
    const read = readSurface(popup);
    const settled = read.threadId !== null && read.person !== null && read.list.value !== null;
    return { snapshot: snapshotOf(doc, url, `popup:${read.threadId ?? '?'}`, read, settled), read };
  }

  /** The surface an insert for `threadId` goes to: the page's conversation, or the pop-up showing it. */
  function targetFor(doc: Document, threadId: string): InsertTarget | null {
    const url = new URL(doc.location.href);
    if (routeOf('facebook', url).kind === 'thread') {
      const { snapshot, read } = inspect(doc, url);
      // An alias counts only once the page shows the conversation bound under it, not while the old one
      // is still on screen after a switch.
      const answersTo = (id: string) => binding.isSettled(snapshot.threadId ?? '') && binding.isSettled(id);
      return { snapshot, composer: read?.composer.value ?? null, answersTo };
    }
    // Pop-ups: the one showing that conversation, whichever the person looked at last.
    for (const popup of popupRoots(doc)) {
      const read = readSurface(popup);
      if (read.threadId !== threadId) continue;
      const settled = read.person !== null && read.list.value !== null;
      return { snapshot: snapshotOf(doc, url, `popup:${threadId}`, read, settled), composer: read.composer.value };
    }
    return null;
  }

  return {
    platform: 'facebook',
    observationRoot(doc) {
      // Pop-ups can open over any facebook.com page, so every page is watched.
      const route = routeOf('facebook', doc.location.href);
      return (route.kind !== 'other' && doc.querySelector(S.main)) || doc.body;
    },
    read: (doc, url) => guarded(emptySnapshot('facebook', url, 'loading'), () => inspect(doc, url).snapshot),
    insertText: (doc, text, expectedThreadId) =>
      insertChecked(
        guarded(null, () => targetFor(doc, expectedThreadId)),
        expectedThreadId,
        lexicalEngine,
        text,
      ),
    focusComposer: (doc) => {
      const composer = guarded(null, () => inspect(doc, new URL(doc.location.href)).read?.composer.value ?? null);
      return !!composer && focusComposerElement(composer);
    },
    composerAccess: (doc) =>
      withEngine(
        guarded(null, () => {
          const { snapshot, read } = inspect(doc, new URL(doc.location.href));
          return { snapshot, composer: read?.composer.value ?? null };
        }),
        lexicalEngine,
      ),
  };
}

// ---- the conversation list (issue #16) ------------------------------------------------------------

const INBOX_LIST_LABELS: readonly string[] = Object.values(FACEBOOK_INBOX_LABELS.list);
const INBOX_UNREAD = ariaLabelSelector(Object.values(FACEBOOK_INBOX_LABELS.unread));

/** The thread a chat list row links to. */
function rowThreadId(row: Element): string | undefined {
  const link = row.querySelector<HTMLAnchorElement>(I.threadLink);
  const route = link ? routeOf('facebook', new URL(link.href, row.ownerDocument.baseURI)) : undefined;
  return route?.kind === 'thread' ? route.threadId : undefined;
}

const rowTexts = (row: Element) => [...row.querySelectorAll(I.text)].map(textOf);

export const facebookInbox: InboxListReader = inboxListReader({
  platform: 'facebook',
  list(doc) {
    const grids = [...doc.querySelectorAll(I.list)].filter((grid) => !grid.closest(S.main));
    return resolvePart([
      { signal: 'list-label', candidates: labelledAs(grids, INBOX_LIST_LABELS) },
      {
        signal: 'list-structure',
        candidates: grids.filter((grid) => grid.closest(I.navigation) && grid.querySelector(I.threadLink)),
      },
    ]).value;
  },
  rows: (list) => list.querySelectorAll(I.row),
  youPrefixes: Object.values(FACEBOOK_INBOX_LABELS.you),
  name: (row) => [
    vote('avatar-alt', row.querySelector(I.avatar)?.getAttribute('alt')?.trim() || undefined),
    vote('name-text', rowTexts(row)[0] || undefined),
  ],
  link: (row) => ({ threadId: rowThreadId(row) }),
  preview: (row) => rowTexts(row)[1],
  timeLabel: (row) => textOf(row.querySelector(I.time)) || afterLastDot(textOf(row)),
  unread: (row) => [presenceVote('unread-label', row, INBOX_UNREAD)],
  active: (row) => row.querySelector(I.active) !== null,
});

export const facebookAdapter: PlatformAdapter = { ...createFacebookAdapter(), inbox: facebookInbox };
