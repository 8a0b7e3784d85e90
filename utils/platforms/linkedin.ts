import {
  bareTarget,
  type ComposerTarget,
  createRowKeys,
  createSwitchGuard,
  deepActiveElement,
  focusComposerElement,
  guardedLocate,
  insertByExecCommand,
  insertChecked,
  insertOnce,
  linkPath,
  queryAll,
  searchRoots,
  single,
  textOf,
} from './dom-deep';
import { LINKEDIN_SELECTORS as L, type LinkedinSurfaceKind } from './linkedin.selectors';
import { routeOf } from './sites';
import type { ComposerKind, PartHealth, Participant, PlatformAdapter, SeenMessage } from './types';

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

function surfacesOf(doc: Document, url: URL): Surface[] {
  const route = routeOf('linkedin', url);
  const surfaces: Surface[] = [];
  // The messaging page's thread pane shows the URL's conversation.
  const page = route.kind === 'other' ? null : single(doc, L.page.scope).element;
  if (page) {
    surfaces.push({
      kind: L.page,
      element: page,
      id: 'page',
      threadId: route.kind === 'thread' ? route.threadId : null,
    });
  }
  for (const element of queryAll(searchRoots(doc, L.interopOutlet), L.overlay.scope)) {
    if (element.classList.contains(L.minimizedOverlay)) continue;
    const threadId = threadIdOf(element.querySelector(L.threadLink));
    surfaces.push({ kind: L.overlay, element, id: `overlay:${threadId ?? 'new'}`, threadId });
  }
  return surfaces;
}

function readParticipant(surface: Surface): { participant: Participant | null; health: PartHealth } {
  const title = single(surface.element, surface.kind.name);
  const name = textOf(title.element);
  if (!name || L.newMessageTitle.test(name)) {
    return { participant: null, health: title.health === 'ambiguous' ? 'ambiguous' : 'missing' };
  }
  const profiles = new Set<string>();
  for (const link of surface.element.querySelectorAll(surface.kind.profileLink)) {
    const slug = L.profilePath.exec(linkPath(link))?.[1];
    if (slug) profiles.add(slug);
  }
  // A group conversation links to several people: no single profile then.
  const [slug] = profiles.size === 1 ? [...profiles] : [];
  return {
    participant: slug ? { name, profileUrl: `${LINKEDIN_ORIGIN}/in/${slug}/` } : { name },
    health: 'found',
  };
}

/** Rows in order; the day heading and the group time are shown once and apply to the rows after them. */
function readMessages(scope: Element): { messages: SeenMessage[]; health: PartHealth } {
  const list = single(scope, L.messageList);
  if (!list.element) return { messages: [], health: list.health };
  const messages: SeenMessage[] = [];
  const keyOf = createRowKeys();
  let day = '';
  let time = '';
  for (const event of list.element.querySelectorAll(L.event)) {
    const heading = event.querySelector(L.dayHeading);
    if (heading) [day, time] = [textOf(heading), ''];
    const stamp = event.querySelector(L.groupTime);
    if (stamp) time = textOf(stamp);
    const item = event.querySelector(L.eventItem);
    if (!item) continue;
    const direction = item.classList.contains(L.inboundModifier) ? 'inbound' : 'outbound';
    const timeLabel = [day, time].filter(Boolean).join(' ') || undefined;
    const key = item.getAttribute(L.eventUrnAttribute) || keyOf([direction, timeLabel ?? '', textOf(item)]);
    messages.push({ key: key.slice(0, 200), direction, ...(timeLabel && { timeLabel }) });
  }
  return { messages, health: 'found' };
}

function readComposer(scope: Element): { composer: HTMLElement | null; kind: ComposerKind | null; health: PartHealth } {
  const { element, health } = single<HTMLElement>(scope, L.composer);
  if (!element) return { composer: null, kind: null, health };
  const kind = scope.querySelector(L.inmailSubject) ? 'linkedin-inmail' : 'linkedin-message';
  return { composer: element, kind, health };
}

export function createLinkedinAdapter(): PlatformAdapter {
  const guard = createSwitchGuard();
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

  function locateUnguarded(doc: Document, url: URL): ComposerTarget {
    const route = routeOf('linkedin', url);
    const surface = activeSurface(doc, surfacesOf(doc, url));
    const pageBase = {
      platform: 'linkedin',
      url: url.href,
      threadId: route.kind === 'thread' ? route.threadId : null,
      surface: 'page',
    } as const;

    if (surface === 'ambiguous') {
      // Several chat windows and none ever focused: which one the panel is for is the person's call.
      const target = bareTarget({ ...pageBase, threadId: null }, 'no-conversation');
      return {
        ...target,
        snapshot: { ...target.snapshot, health: { ...target.snapshot.health, composer: 'ambiguous' } },
      };
    }
    if (!surface) {
      const state = route.kind === 'other' ? 'not-messages' : route.kind === 'inbox' ? 'no-conversation' : 'loading';
      return bareTarget(pageBase, state);
    }

    const base = { ...pageBase, threadId: surface.threadId, surface: surface.id };
    // A window for a new message (or /messaging/ without a thread) is no conversation yet.
    if (!surface.threadId) return bareTarget(base, 'no-conversation');
    const { participant, health: participantHealth } = readParticipant(surface);
    const { messages, health: messagesHealth } = readMessages(surface.element);
    const { composer, kind, health: composerHealth } = readComposer(surface.element);
    const health = { participant: participantHealth, messages: messagesHealth, composer: composerHealth };

    // The page's thread pane re-renders after the URL changed; an overlay window carries its own link.
    const rendered = {
      identity: participant ? (participant.profileUrl ?? participant.name) : null,
      messageKeys: messages.map((message) => message.key),
      replyArea: composer,
    };
    if (surface.kind === L.page && !guard.shows(surface.threadId, rendered)) {
      const loading = bareTarget(base, 'loading');
      return { ...loading, snapshot: { ...loading.snapshot, health } };
    }
    return {
      snapshot: { ...base, state: 'thread', participant, messages, composerKind: kind, health },
      composer,
    };
  }

  const locate = (doc: Document, url: URL) =>
    guardedLocate({ platform: 'linkedin', url: url.href }, () => locateUnguarded(doc, url));

  return {
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

    read: (doc, url) => locate(doc, url).snapshot,

    insertText: (doc, text, expectedThreadId) =>
      insertChecked(locate(doc, new URL(doc.location.href)), expectedThreadId, (composer) =>
        insertOnce(composer, text, insertByExecCommand),
      ),

    focusComposer(doc) {
      const { composer } = locate(doc, new URL(doc.location.href));
      return !!composer && focusComposerElement(composer);
    },
  };
}

export const linkedinAdapter = createLinkedinAdapter();
