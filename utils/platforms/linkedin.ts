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

/**
 * The list by its class and as a list of items with an event urn (a <ul> whose first such item is its own,
 * not a nested list's: one look per list, where asking every item for its list walked the whole thread on
 * every read); one holding the other agrees.
 */
function readList(scope: Element): ResolvedPart<Element> {
  const urnLists = [...scope.querySelectorAll('ul')].filter(
    (list) => list.querySelector(L.eventUrn)?.closest('ul') === list,
  );
  return resolvePart(
    [
      { signal: 'list-class', candidates: [...scope.querySelectorAll(L.messageList)] },
      { signal: 'event-urns', candidates: urnLists },
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
 * names, by the group's sender (shown once per group, carried forward; read only then) against the person
 * the conversation is with (1:1 only). null when neither tells (the message is then left out and the list
 * is ambiguous).
 */
function directionOf(item: Element, sender: () => string, peerName: string | null): SeenMessage['direction'] | null {
  if (item.matches(L.eventItem)) return item.classList.contains(L.inboundModifier) ? 'inbound' : 'outbound';
  if (!peerName) return null;
  const name = sender();
  if (!name) return null;
  return name === peerName ? 'inbound' : 'outbound';
}

/** An event's message: its BEM class, else its event urn (none: a day heading or another event). */
const itemOf = (event: Element) => event.querySelector(L.eventItem) ?? event.querySelector(L.eventUrn);

/** The group's sender: the first line beside its time. */
const senderIn = (group: Element | null) => (group ? firstTextLine(group) : '');

/** The last of `nodes` (in document order) before `node` (its index, -1 for none), found by halving. */
function lastBefore(nodes: NodeListOf<Element>, node: Node): number {
  let [low, high] = [0, nodes.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((nodes[middle] as Element).compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/**
 * The events' <time> elements in document order, and which of them are day headings (outside any message;
 * a group's time lies inside one, beside its sender): two queries of the whole list, where a query per
 * event was a third of a read while rows arrive (LinkedIn fixture, 700 rows: 1.27 → 0.97 ms per read).
 */
function stampsOf(list: Element) {
  const times = list.querySelectorAll(`:scope ${L.event} ${L.time}`);
  const days = list.querySelectorAll(`:scope ${L.event} ${L.dayHeading}`);
  const dayHeadings = new Set(days);
  /** The day heading and the group in force just before `head`: each shown once, they carry forward. */
  const before = (head: Element) => {
    const day = days[lastBefore(days, head)];
    const next = lastBefore(times, head) + 1;
    let groupTime = next - 1;
    while (groupTime >= 0 && dayHeadings.has(times[groupTime] as Element)) groupTime--;
    return { next, day: day ? textOf(day) : '', group: times[groupTime]?.parentElement ?? null };
  };
  return { times, dayHeadings, before };
}

/**
 * The newest MESSAGE_WINDOW messages in order, read by structure (list items, their <time> elements, the
 * event urn), so that a UI with hashed class names reads alike. The day heading and the group time are
 * shown once and apply to the rows after them: the read starts at the head of the window's first group
 * (rows without an urn are told apart by their order within it), with the day and sender in force there.
 */
function readMessages(list: Element, peerName: string | null): { messages: SeenMessage[]; unclear: boolean } {
  const events = list.querySelectorAll(L.event);
  const items = new Map<number, Element | null>();
  const item = (i: number) => {
    if (!items.has(i)) items.set(i, itemOf(events[i] as Element));
    return items.get(i) as Element | null;
  };
  let start = events.length;
  for (let count = 0; start > 0 && count < MESSAGE_WINDOW; ) if (item(--start)) count++;
  let groupStart = start;
  while (groupStart > 0 && !(events[groupStart] as Element).querySelector(L.time)) groupStart--;
  const stamps = stampsOf(list);
  let { next, day, group } =
    events.length > 0 ? stamps.before(events[groupStart] as Element) : { next: 0, day: '', group: null };
  // The group's sender is read only when a message's side needs it (no BEM classes), once per group.
  let sender: string | undefined;
  const groupSender = () => (sender ??= senderIn(group));

  const messages: SeenMessage[] = [];
  const keyOf = createRowKeys();
  let time = '';
  let unclear = false;
  for (let i = groupStart; i < events.length; i++) {
    const event = events[i] as Element;
    for (let stamp = stamps.times[next]; stamp && event.contains(stamp); stamp = stamps.times[++next]) {
      if (stamps.dayHeadings.has(stamp)) [day, time] = [textOf(stamp), ''];
      else [time, group, sender] = [textOf(stamp), stamp.parentElement, undefined];
    }
    const message = item(i);
    if (!message) continue;
    const direction = directionOf(message, groupSender, peerName);
    if (!direction) {
      unclear ||= i >= start;
      continue;
    }
    const timeLabel = [day, time].filter(Boolean).join(' ') || undefined;
    const key = message.getAttribute(L.eventUrnAttribute) || keyOf([direction, timeLabel ?? '', textOf(message)]);
    if (i >= start) messages.push({ key, direction, ...(timeLabel && { timeLabel }) });
  }
  return { messages, unclear };
}

function readComposer(scope: Element): { read: ResolvedPart<HTMLElement>; kind: ComposerKind | null } {
  const read = resolvePart<HTMLElement>([
    { signal: 'composer-class', candidates: [...scope.querySelectorAll<HTMLElement>(L.composer)] },
    { signal: 'form-textbox', candidates: [...scope.querySelectorAll<HTMLElement>(L.composerByStructure)] },
  ]);
  // One query per selector: a selector list is checked on every element of the thread, a single one is not.
  const inmail = () => L.inmailSubject.some((selector) => scope.querySelector(selector));
  const kind = read.value ? (inmail() ? 'linkedin-inmail' : 'linkedin-message') : null;
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
      ? readMessages(list.value, participant.value)
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
