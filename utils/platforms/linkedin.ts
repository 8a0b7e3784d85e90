import { contenteditableEngine } from './editors/contenteditable';
import type { InsertTarget } from './editors/insert';
import { reactTextareaEngine } from './editors/react-textarea';
import {
  LINKEDIN_INBOX as I,
  LINKEDIN_SELECTORS as L,
  LINKEDIN_INBOX_LABELS,
  type LinkedinSurfaceKind,
} from './linkedin.selectors';
import { invitationThreadId, routeOf } from './sites';
import { adapterAround } from './toolkit/adapter';
import { inboxListReader, presenceVote, textVote } from './toolkit/list';
import { deepActiveElement, firstTextLine, linkPath, queryAll, searchRoots, single, textOf } from './toolkit/read';
import { createRowKeys, MESSAGE_WINDOW } from './toolkit/rows';
import { type ResolvedPart, resolvePart, vote } from './toolkit/signals';
import { emptySnapshot, finishSnapshot, type PartReading } from './toolkit/snapshot';
import { ThreadBinding } from './toolkit/thread';
import type { ComposerKind, InboxListReader, PageSnapshot, Participant, PlatformAdapter, SeenMessage } from './types';

/**
 * LinkedIn messaging: the /messaging/thread/<id>/ page and overlay chat windows on any page (in the
 * document, the interop outlet's shadow root, or the /preload/ iframe). Composer engine: a plain
 * contenteditable.
 */

/** A conversation surface: the messaging page's thread pane, or one overlay chat window. */
interface Surface {
  kind: LinkedinSurfaceKind;
  element: Element;
  /** 'page', or the overlay window's own id: its thread. */
  id: string;
  threadId: string | null;
}

const LINKEDIN_ORIGIN = 'https://www.linkedin.com';

function threadIdOf(link: Element | null): string | null {
  if (!link) return null;
  const route = routeOf('linkedin', new URL(linkPath(link), LINKEDIN_ORIGIN));
  return route.kind === 'thread' ? route.threadId : null;
}

/**
 * The messaging page's thread pane: by its class, else (a UI with hashed class names) the nearest ancestor
 * of the page's one message form that also holds a heading, the conversation's title.
 */
function threadPane(doc: Document): Element | null {
  const byClass = single(doc, L.page.scope);
  if (byClass.health !== 'missing') return byClass.element;
  const forms = new Set([...doc.querySelectorAll(L.composerByStructure)].map((box) => box.closest('form')));
  const [form] = forms.size === 1 ? [...forms] : [];
  let pane = form?.parentElement;
  while (pane && !pane.querySelector(L.heading)) pane = pane.parentElement;
  return pane ?? null;
}

function surfacesOf(doc: Document, url: URL): Surface[] {
  const route = routeOf('linkedin', url);
  const surfaces: Surface[] = [];
  // The messaging page's thread pane shows the URL's conversation.
  const page = route.kind === 'other' ? null : threadPane(doc);
  if (page) {
    surfaces.push({
      kind: L.page,
      element: page,
      id: 'page',
      threadId: route.kind === 'thread' ? route.threadId : null,
    });
  }
  // A profile's invitation dialog with its note open: a conversation with that profile's person.
  const profile = L.profilePath.exec(url.pathname)?.[1];
  const invitation = profile ? invitationThreadId(decodeURIComponent(profile)) : null;
  for (const element of invitation ? queryAll(searchRoots(doc, L.interopOutlet), L.invite.scope) : []) {
    if (element.querySelector(L.inviteNote))
      surfaces.push({ kind: L.invite, element, id: 'invite', threadId: invitation });
  }
  for (const element of queryAll(searchRoots(doc, L.interopOutlet), L.overlay.scope)) {
    if (element.classList.contains(L.minimizedOverlay)) continue;
    const threadId = threadIdOf(element.querySelector(L.threadLink));
    surfaces.push({ kind: L.overlay, element, id: `overlay:${threadId ?? 'new'}`, threadId });
  }
  return surfaces;
}

/** The list by its class and as the list of the items with an event urn; one holding the other agrees. */
function readList(scope: Element): ResolvedPart<Element> {
  const urnLists = new Set<Element>();
  for (const item of scope.querySelectorAll(L.eventUrn)) {
    const list = item.closest('ul');
    if (list && scope.contains(list)) urnLists.add(list);
  }
  return resolvePart(
    [
      { signal: 'list-class', candidates: [...scope.querySelectorAll(L.messageList)] },
      { signal: 'event-urns', candidates: [...urnLists] },
    ],
    (a, b) => a.contains(b) || b.contains(a),
  );
}

/** The heading tied to a profile link (around it or inside it), outside the message list. */
function profileHeadings(scope: Element, list: Element | null): { name: string; link: Element }[] {
  const found: { name: string; link: Element }[] = [];
  for (const heading of scope.querySelectorAll(L.heading)) {
    if (list?.contains(heading)) continue;
    const link = heading.closest(L.profileLink) ?? heading.querySelector(L.profileLink);
    const name = textOf(heading);
    if (link && name) found.push({ name, link });
  }
  return found;
}

function readParticipant(
  surface: Surface,
  list: Element | null,
): { read: ResolvedPart<string>; person: Participant | null } {
  const titles = [...surface.element.querySelectorAll(surface.kind.name)].map(textOf).filter(Boolean);
  const headings = profileHeadings(surface.element, list);
  const read = resolvePart<string>([
    { signal: 'title-class', candidates: [...new Set(titles)] },
    { signal: 'profile-heading', candidates: [...new Set(headings.map((heading) => heading.name))] },
  ]);
  if (read.value === null || L.newMessageTitle.test(read.value)) {
    return {
      read: { ...read, value: null, health: read.health === 'ambiguous' ? 'ambiguous' : 'missing' },
      person: null,
    };
  }
  const slugs = new Set<string>();
  const links =
    headings.length > 0
      ? headings.map((heading) => heading.link)
      : [...surface.element.querySelectorAll(L.profileLink)];
  for (const link of links) {
    if (list?.contains(link)) continue;
    const slug = L.profilePath.exec(linkPath(link))?.[1];
    if (slug) slugs.add(slug);
  }
  // A group conversation links to several people: no single profile then.
  const [slug] = slugs.size === 1 ? [...slugs] : [];
  return {
    read,
    person: slug ? { name: read.value, profileUrl: `${LINKEDIN_ORIGIN}/in/${slug}/` } : { name: read.value },
  };
}

/**
 * A message's side: by LinkedIn's BEM modifier where the page has its classes; in a UI with hashed class
 * names, by the group's sender (shown once per group, carried forward) against the person the conversation
 * is with (1:1 only). null when neither tells (the message is then left out and the list is ambiguous).
 */
function directionOf(item: Element, sender: string, peerName: string | null): SeenMessage['direction'] | null {
  if (item.matches(L.eventItem)) return item.classList.contains(L.inboundModifier) ? 'inbound' : 'outbound';
  if (!sender || !peerName) return null;
  return sender === peerName ? 'inbound' : 'outbound';
}

/** An event's message: its BEM class, else its event urn (none: a day heading or another event). */
const itemOf = (event: Element) => event.querySelector(L.eventItem) ?? event.querySelector(L.eventUrn);

/** The day heading and the group's sender in force where a read starts (both carried forward). */
type RowContext = { day: string; sender: string };

/** Where an earlier read started, and the context it found before that event. */
type KnownStart = { list?: Element; event?: Element } & Partial<RowContext>;

/**
 * The context before `events[end]`, walked back only as far as needed: to the nearest day heading and
 * group sender, or to `known.event` (where an earlier read of this list started) and its context.
 */
function contextBefore(events: NodeListOf<Element>, end: number, known: KnownStart): RowContext {
  let day: string | undefined;
  let sender: string | undefined;
  for (let i = end - 1; i >= 0 && (day === undefined || sender === undefined); i--) {
    const event = events[i] as Element;
    const item = itemOf(event);
    const stamps = event.querySelectorAll(L.time);
    for (let j = stamps.length - 1; j >= 0; j--) {
      const stamp = stamps[j] as Element;
      if (!item?.contains(stamp)) day ??= textOf(stamp);
      else sender ??= stamp.parentElement ? firstTextLine(stamp.parentElement) : '';
    }
    if (event === known.event) return { day: day ?? known.day ?? '', sender: sender ?? known.sender ?? '' };
  }
  return { day: day ?? '', sender: sender ?? '' };
}

/**
 * The newest MESSAGE_WINDOW messages in order, read by structure (list items, their <time> elements, the
 * event urn), so that a UI with hashed class names reads alike. The day heading and the group time are
 * shown once and apply to the rows after them: the read starts at the head of the window's first group
 * (rows without an urn are told apart by their order within it), with the day and sender in force there
 * walked back to. `memo` keeps where the last read started, so the next one, after rows arrived at the
 * end, walks back only to there instead of over every rendered row.
 */
function readMessages(
  list: Element,
  peerName: string | null,
  memo: KnownStart,
): { messages: SeenMessage[]; unclear: boolean } {
  const events = list.querySelectorAll(L.event);
  let start = events.length;
  for (let count = 0; start > 0 && count < MESSAGE_WINDOW; ) if (itemOf(events[--start] as Element)) count++;
  let groupStart = start;
  while (groupStart > 0 && !(events[groupStart] as Element).querySelector(L.time)) groupStart--;
  const head = events[groupStart];
  // An earlier start counts only while it is still in this list at or above this one.
  const knownAbove =
    memo.list === list &&
    !!memo.event &&
    !!head &&
    list.contains(memo.event) &&
    (memo.event === head || !!(memo.event.compareDocumentPosition(head) & Node.DOCUMENT_POSITION_FOLLOWING));
  const known: KnownStart = knownAbove ? memo : {};
  let { day, sender } =
    known.event === head
      ? { day: known.day ?? '', sender: known.sender ?? '' }
      : contextBefore(events, groupStart, known);
  Object.assign(memo, { list, event: head, day, sender });

  const messages: SeenMessage[] = [];
  const keyOf = createRowKeys();
  let time = '';
  let unclear = false;
  for (let i = groupStart; i < events.length; i++) {
    const event = events[i] as Element;
    const item = itemOf(event);
    for (const stamp of event.querySelectorAll(L.time)) {
      if (!item?.contains(stamp)) [day, time] = [textOf(stamp), ''];
      else [time, sender] = [textOf(stamp), stamp.parentElement ? firstTextLine(stamp.parentElement) : ''];
    }
    if (!item) continue;
    const direction = directionOf(item, sender, peerName);
    if (!direction) {
      unclear ||= i >= start;
      continue;
    }
    const timeLabel = [day, time].filter(Boolean).join(' ') || undefined;
    const key = item.getAttribute(L.eventUrnAttribute) || keyOf([direction, timeLabel ?? '', textOf(item)]);
    if (i >= start) messages.push({ key, direction, ...(timeLabel && { timeLabel }) });
  }
  return { messages, unclear };
}

function readComposer(scope: Element): { read: ResolvedPart<HTMLElement>; kind: ComposerKind | null } {
  const read = resolvePart<HTMLElement>([
    { signal: 'composer-class', candidates: [...scope.querySelectorAll<HTMLElement>(L.composer)] },
    { signal: 'form-textbox', candidates: [...scope.querySelectorAll<HTMLElement>(L.composerByStructure)] },
  ]);
  const kind = read.value ? (scope.querySelector(L.inmailSubject) ? 'linkedin-inmail' : 'linkedin-message') : null;
  return { read, kind };
}

/**
 * An invitation's note: no message list (nothing was said yet); the person of the profile the URL names, by
 * the Connect control's label and the top card's heading; the note textarea by its id and its name.
 */
function readInvite(doc: Document, url: URL, surface: Surface): InsertTarget {
  const slug = L.profilePath.exec(url.pathname)?.[1] ?? '';
  const headings = [...doc.querySelectorAll(L.invite.name)].map(textOf).filter(Boolean);
  const labels = [...doc.querySelectorAll(L.inviteControl)].flatMap((control) => {
    const name = L.inviteLabel.exec(control.getAttribute('aria-label') ?? '')?.[1]?.trim();
    return name ? [name] : [];
  });
  const participant = resolvePart<string>([
    { signal: 'title-class', candidates: [...new Set(labels)] },
    { signal: 'profile-heading', candidates: [...new Set(headings)] },
  ]);
  const composer = resolvePart<HTMLElement>([
    { signal: 'composer-class', candidates: [...surface.element.querySelectorAll<HTMLElement>(L.noteById)] },
    { signal: 'form-textbox', candidates: [...surface.element.querySelectorAll<HTMLElement>(L.noteByName)] },
  ]);
  const health = { participant: participant.health, messages: 'found', composer: composer.health } as const;
  const readings: PartReading[] = [
    { part: 'participant', health: participant.health, failedSignals: participant.failedSignals, region: doc.body },
    { part: 'composer', health: composer.health, failedSignals: composer.failedSignals, region: surface.element },
  ];
  const person = participant.value ? { name: participant.value, profileUrl: `${LINKEDIN_ORIGIN}/in/${slug}/` } : null;
  return {
    snapshot: finishSnapshot(
      {
        ...emptySnapshot('linkedin', url, 'thread'),
        threadId: surface.threadId,
        surface: surface.id,
        participant: person,
        composerKind: composer.value ? 'linkedin-connection-note' : null,
        health,
      },
      doc,
      readings,
    ),
    composer: composer.value,
  };
}

export function createLinkedinAdapter(): PlatformAdapter {
  const binding = new ThreadBinding();
  /** Where the last read of the message list started (readMessages). */
  const listRead: KnownStart = {};
  /** The window the person last typed in: focus moves to our panel when they pick a template. */
  let lastFocused: Element | null = null;

  /** The focused surface, else the last focused one, else the page's thread, else the only window. */
  function activeSurface(doc: Document, surfaces: Surface[]): Surface | 'ambiguous' | null {
    const focused = deepActiveElement(doc);
    const withFocus = focused ? surfaces.find((surface) => surface.element.contains(focused)) : undefined;
    if (withFocus) lastFocused = withFocus.element;
    const chosen =
      withFocus ??
      surfaces.find((surface) => surface.element === lastFocused) ??
      surfaces.find((surface) => surface.kind === L.page) ??
      (surfaces.length === 1 ? surfaces[0] : undefined);
    return chosen ?? (surfaces.length > 1 ? 'ambiguous' : null);
  }

  function locate(doc: Document, url: URL): InsertTarget {
    const route = routeOf('linkedin', url);
    const surface = activeSurface(doc, surfacesOf(doc, url));
    const pageThread = route.kind === 'thread' ? route.threadId : null;
    const bare = (
      base: Partial<PageSnapshot> & Pick<PageSnapshot, 'state'>,
      readings: PartReading[] = [],
    ): InsertTarget => ({
      snapshot: finishSnapshot(
        { ...emptySnapshot('linkedin', url, base.state), threadId: pageThread, ...base },
        doc,
        readings,
      ),
      composer: null,
    });

    if (surface === 'ambiguous') {
      // Several chat windows and none ever focused: which one the panel is for is the person's call.
      const health = { participant: 'missing', messages: 'missing', composer: 'ambiguous' } as const;
      return bare({ state: 'no-conversation', threadId: null, health });
    }
    if (!surface) {
      return bare({
        state: route.kind === 'other' ? 'not-messages' : route.kind === 'inbox' ? 'no-conversation' : 'loading',
      });
    }
    const base = { threadId: surface.threadId, surface: surface.id };
    // A window for a new message (or /messaging/ without a thread) is no conversation yet.
    if (!surface.threadId) return bare({ ...base, state: 'no-conversation' });
    if (surface.kind === L.invite) return readInvite(doc, url, surface);

    const list = readList(surface.element);
    const { read: participant, person } = readParticipant(surface, list.value);
    const { messages, unclear } = list.value
      ? readMessages(list.value, participant.value, listRead)
      : { messages: [], unclear: false };
    const { read: composer, kind } = readComposer(surface.element);
    const messagesHealth = unclear ? 'ambiguous' : list.health;
    const health = { participant: participant.health, messages: messagesHealth, composer: composer.health };
    const region = surface.element;
    const readings: PartReading[] = [
      { part: 'participant', health: participant.health, failedSignals: participant.failedSignals, region },
      { part: 'messages', health: messagesHealth, failedSignals: list.failedSignals, region: list.value ?? region },
      { part: 'composer', health: composer.health, failedSignals: composer.failedSignals, region },
    ];
    // The page's thread pane re-renders after the URL changed; an overlay window carries its own link.
    const settled =
      surface.kind !== L.page ||
      binding.settle(surface.threadId, {
        identity: person ? (person.profileUrl ?? person.name) : null,
        listKeys: messages.map((message) => message.key),
        listNode: list.value,
      });
    if (!settled) return bare({ ...base, state: 'loading', health }, readings);
    return {
      snapshot: finishSnapshot(
        {
          ...emptySnapshot('linkedin', url, 'thread'),
          ...base,
          participant: person,
          messages,
          composerKind: kind,
          health,
        },
        doc,
        readings,
      ),
      composer: composer.value,
    };
  }

  return adapterAround({
    platform: 'linkedin',
    observationRoot(doc) {
      try {
        if (routeOf('linkedin', doc.location.href).kind !== 'other') return doc.querySelector('main') ?? doc.body;
        // Overlay windows live either in the page or in the interop outlet's shadow root: watch where they are.
        const outletRoot = doc.querySelector(L.interopOutlet)?.shadowRoot;
        return outletRoot && !doc.querySelector(L.overlay.scope) ? outletRoot : doc.body;
      } catch {
        return doc.body;
      }
    },
    locate,
    // The invitation's note is a plain textarea; every other composer a contenteditable.
    engineOf: (composer) => (composer instanceof HTMLTextAreaElement ? reactTextareaEngine : contenteditableEngine),
  });
}

// ---- the conversation list (issue #16) ------------------------------------------------------------

/** A list of conversations: items with a heading (the name) and a <time>. */
const listsConversations = (list: Element) =>
  list.querySelector(`:scope > li ${I.heading}`) && list.querySelector(I.time);

export const linkedinInbox: InboxListReader = inboxListReader({
  platform: 'linkedin',
  list(doc) {
    const scope = doc.querySelector('main') ?? doc;
    return resolvePart([
      { signal: 'list-class', candidates: [...scope.querySelectorAll(I.listClass)] },
      {
        signal: 'list-structure',
        candidates: [...scope.querySelectorAll(I.listStructure)].filter(
          (list) => listsConversations(list) && !list.closest(L.page.scope),
        ),
      },
    ]).value;
  },
  rows: (list) => list.querySelectorAll(I.row),
  youPrefixes: Object.values(LINKEDIN_INBOX_LABELS.you),
  name: (row) => [
    textVote('name-class', row, I.nameClass),
    textVote('heading', row, I.heading),
    vote('avatar-alt', row.querySelector(I.avatar)?.getAttribute('alt')?.trim() || undefined),
  ],
  avatar: (row) => row.querySelector(I.avatar),
  preview: (row) => (row.querySelector(I.snippet) ? textOf(row.querySelector(I.snippet)) : undefined),
  timeLabel: (row) => textOf(row.querySelector(I.time)) || undefined,
  unread: (row) => [
    {
      signal: 'unread-class',
      candidates: row.matches(I.unreadClass) || row.querySelector(I.unreadClass) ? [true] : [],
    },
    presenceVote('unread-badge', row, I.unreadBadge),
  ],
  active: (row) => row.matches(I.active) || row.querySelector(I.active) !== null,
});

export const linkedinAdapter: PlatformAdapter = { ...createLinkedinAdapter(), inbox: linkedinInbox };
