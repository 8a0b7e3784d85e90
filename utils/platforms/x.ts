import { insertByPaste } from './dom';
import {
  bareTarget,
  type ComposerTarget,
  createRowKeys,
  createSwitchGuard,
  directionByLayout,
  focusComposerElement,
  guardedLocate,
  insertChecked,
  insertIntoTextarea,
  insertOnce,
  linkPath,
  shadowAttachSignal,
  single,
  textOf,
} from './dom-deep';
import { routeOf } from './sites';
import type { PageSnapshot, PageState, PartHealth, Participant, PlatformAdapter, SeenMessage } from './types';
import { X_SELECTORS as X, type XLayout } from './x.selectors';

/** Chat lives in a shadow root at /i/chat; the legacy UI in the document at /messages. */
const layoutOf = (url: URL): XLayout => (url.pathname.startsWith('/messages') ? X.legacy : X.chat);

function layoutRoot(doc: Document, layout: XLayout): ParentNode | null {
  if (layout === X.legacy) return doc;
  return doc.querySelector(X.chatHost)?.shadowRoot ?? null;
}

interface ThreadParts {
  participant: Participant | null;
  messages: SeenMessage[];
  composer: HTMLElement | null;
  health: PageSnapshot['health'];
  rendered: boolean;
}

function readParticipant(root: ParentNode, layout: XLayout): { participant: Participant | null; health: PartHealth } {
  const header = single(root, layout.header);
  if (!header.element) return { participant: null, health: header.health };
  const nameElement = single(header.element, layout.name);
  const name = textOf(nameElement.element).replace(X.nameBadgeSuffix, '');
  if (!name) return { participant: null, health: nameElement.health === 'ambiguous' ? 'ambiguous' : 'missing' };
  const handles = new Set<string>();
  for (const link of header.element.querySelectorAll('a[href]')) {
    const handle = X.handlePath.exec(linkPath(link))?.[1];
    if (handle && !X.reservedPaths.has(handle.toLowerCase())) handles.add(handle);
  }
  // A group header links to no one (or to several people): no handle then.
  const [handle] = handles.size === 1 ? [...handles] : [];
  return {
    participant: handle ? { name, handle, profileUrl: `https://x.com/${handle}` } : { name },
    health: 'found',
  };
}

function readMessages(root: ParentNode, layout: XLayout): { messages: SeenMessage[]; health: PartHealth } {
  const list = single(root, layout.list);
  if (!list.element) return { messages: [], health: list.health };
  const messages: SeenMessage[] = [];
  const keyOf = createRowKeys();
  let unclear = false;
  for (const row of list.element.querySelectorAll(layout.row)) {
    const direction = directionByLayout(row);
    if (!direction) {
      unclear = true;
      continue;
    }
    const timeLabel = textOf(row.querySelector(layout.time)) || undefined;
    const id = layout.rowIdAttribute ? row.getAttribute(layout.rowIdAttribute) : null;
    const key = id || keyOf([direction, timeLabel ?? '', textOf(row)]);
    messages.push({ key: key.slice(0, 200), direction, ...(timeLabel && { timeLabel }) });
  }
  return { messages, health: unclear ? 'ambiguous' : 'found' };
}

/** The editable element: the textarea, or Draft's contenteditable (which may carry the test id or sit inside it). */
function readComposer(root: ParentNode, layout: XLayout): { composer: HTMLElement | null; health: PartHealth } {
  const found = single<HTMLElement>(root, layout.composer);
  const element = found.element;
  if (!element || element instanceof HTMLTextAreaElement || element.getAttribute('contenteditable') === 'true') {
    return { composer: element, health: found.health };
  }
  const inner = single<HTMLElement>(element, '[contenteditable="true"]');
  return { composer: inner.element, health: inner.health };
}

function readThreadParts(root: ParentNode, layout: XLayout): ThreadParts {
  const { participant, health: participantHealth } = readParticipant(root, layout);
  const { messages, health: messagesHealth } = readMessages(root, layout);
  const { composer, health: composerHealth } = readComposer(root, layout);
  const health = { participant: participantHealth, messages: messagesHealth, composer: composerHealth };
  return {
    participant,
    messages,
    composer,
    health,
    rendered: Object.values(health).some((part) => part !== 'missing'),
  };
}

/**
 * X Chat's composer is a React textarea. The legacy one is Draft.js, whose paste handler inserts at the
 * caret it keeps in its model, also while blurred: no focus first (Draft clears the DOM selection on
 * blur, and focusing would put the caret at the start). execCommand would duplicate text in an empty
 * Draft editor (facebookarchive/draft-js#36).
 */
const writeInto = (composer: HTMLElement, text: string): Promise<boolean> =>
  composer instanceof HTMLTextAreaElement
    ? insertIntoTextarea(composer, text)
    : insertOnce(composer, text, insertByPaste);

export function createXAdapter(): PlatformAdapter {
  const guard = createSwitchGuard();

  function locate(doc: Document, url: URL): ComposerTarget {
    return guardedLocate({ platform: 'x', url: url.href }, () => locateUnguarded(doc, url));
  }

  function locateUnguarded(doc: Document, url: URL): ComposerTarget {
    const route = routeOf('x', url);
    const layout = layoutOf(url);
    const threadId = route.kind === 'thread' ? route.threadId : null;
    const base = { platform: 'x', url: url.href, threadId, surface: 'page' } as const;
    const bare = (state: PageState) => bareTarget(base, state);

    if (route.kind === 'other') return bare('not-messages');
    const root = layoutRoot(doc, layout);
    const locked = layout === X.chat && (X.passcodeRoute.test(url.pathname) || !!root?.querySelector(X.passcodeInput));
    if (locked) return bare('passcode-required');
    if (route.kind === 'inbox') return bare('no-conversation');
    if (!root) return bare('loading');

    const parts = readThreadParts(root, layout);
    const requestPrompt = root.querySelector(X.requestPrompt);
    const rendered = {
      identity: parts.participant ? (parts.participant.handle ?? parts.participant.name) : null,
      messageKeys: parts.messages.map((message) => message.key),
      // A request shows its accept/decline prompt where the composer would be.
      replyArea: requestPrompt ?? parts.composer,
    };
    // Until the page shows this thread, what is on screen may be the previous one's: report none of it.
    if (!parts.rendered || !guard.shows(route.threadId, rendered)) {
      const loading = bare('loading');
      return { ...loading, snapshot: { ...loading.snapshot, health: parts.health } };
    }
    return {
      snapshot: {
        ...base,
        state: requestPrompt ? 'message-request' : 'thread',
        participant: parts.participant,
        messages: parts.messages,
        composerKind: parts.composer ? layout.composerKind : null,
        health: parts.health,
      },
      composer: parts.composer,
    };
  }

  return {
    platform: 'x',

    observationRoot(doc) {
      try {
        const url = new URL(doc.location.href);
        if (routeOf('x', url).kind === 'other') return null;
        if (layoutOf(url) === X.legacy) return doc.querySelector('main') ?? doc.body;
        const host = doc.querySelector(X.chatHost);
        if (!host) return doc.body;
        return host.shadowRoot ?? shadowAttachSignal(host);
      } catch {
        return doc.body;
      }
    },

    read: (doc, url) => locate(doc, url).snapshot,

    insertText(doc, text, expectedThreadId) {
      return insertChecked(locate(doc, new URL(doc.location.href)), expectedThreadId, (composer) =>
        writeInto(composer, text),
      );
    },

    focusComposer(doc) {
      const { composer } = locate(doc, new URL(doc.location.href));
      return !!composer && focusComposerElement(composer);
    },
  };
}

export const xAdapter = createXAdapter();
