import { draftEngine } from './editors/draft';
import type { InsertTarget } from './editors/insert';
import { reactTextareaEngine } from './editors/react-textarea';
import { routeOf } from './sites';
import { adapterAround } from './toolkit/adapter';
import { ariaLabelSelector, inboxListReader, presenceVote } from './toolkit/list';
import { linkPath, shadowAttachSignal, textOf } from './toolkit/read';
import { createRowKeys, newestRows } from './toolkit/rows';
import { type ResolvedPart, resolvePart, vote } from './toolkit/signals';
import { emptySnapshot, finishSnapshot, type PartReading } from './toolkit/snapshot';
import { ThreadBinding } from './toolkit/thread';
import type { InboxListReader, PageSnapshot, PageState, Participant, PlatformAdapter, SeenMessage } from './types';
import { X_SELECTORS as X, X_INBOX, X_INBOX_LABELS, type XLayout } from './x.selectors';

/**
 * X DMs: Chat at /i/chat inside an open shadow root, and the legacy /messages pages.
 * Composer engines: X Chat a React textarea, legacy X Draft.js.
 */

/** Chat lives in a shadow root at /i/chat; the legacy UI in the document at /messages. */
const layoutOf = (url: URL): XLayout => (url.pathname.startsWith('/messages') ? X.legacy : X.chat);

function layoutRoot(doc: Document, layout: XLayout): ParentNode | null {
  if (layout === X.legacy) return doc;
  return doc.querySelector(X.chatHost)?.shadowRoot ?? null;
}

/**
 * Encrypted Chat's passcode gate, among the root's few inputs: a query by tag takes the engine's fast path,
 * where the three-selector list was checked on every element of the thread (≈ 0.1 ms a read, 500 rows).
 */
const showsPasscode = (root: ParentNode) =>
  [...root.querySelectorAll('input')].some((input) => input.matches(X.passcodeInput));

/** The header's person: the name by its hook, the header link's accessible name or the title; the handle from the link. */
function readParticipant(
  doc: Document,
  root: ParentNode,
  layout: XLayout,
): { read: ResolvedPart<string>; person: Participant | null } {
  const headers = [...root.querySelectorAll(layout.header)];
  const names = headers.flatMap((header) =>
    [...header.querySelectorAll(layout.name)].map((element) => textOf(element).replace(X.nameBadgeSuffix, '')),
  );
  const handles = new Set<string>();
  const linkNames = new Set<string>();
  for (const link of headers.flatMap((header) => [...header.querySelectorAll('a[href]')])) {
    const handle = X.handlePath.exec(linkPath(link))?.[1];
    if (!handle || X.reservedPaths.has(handle.toLowerCase())) continue;
    handles.add(handle);
    const label = link.getAttribute('aria-label')?.trim();
    if (label) linkNames.add(label);
  }
  const read = resolvePart<string>([
    { signal: 'name-hook', candidates: [...new Set(names.filter(Boolean))] },
    { signal: 'header-link', candidates: [...linkNames] },
    vote('page-title', layout.titleName?.exec(doc.title)?.[1]),
  ]);
  // A group header links to no one (or to several people): no handle then.
  const [handle] = handles.size === 1 ? [...handles] : [];
  const person: Participant | null =
    read.value === null
      ? null
      : handle
        ? { name: read.value, handle, profileUrl: `https://x.com/${handle}` }
        : { name: read.value };
  return { read, person };
}

function readList(root: ParentNode, layout: XLayout): ResolvedPart<Element> {
  return resolvePart([
    { signal: 'list-hook', candidates: [...root.querySelectorAll(layout.list)] },
    {
      signal: 'list-structure',
      candidates: [...root.querySelectorAll(layout.listByStructure)].filter((element) =>
        element.querySelector(layout.row),
      ),
    },
  ]);
}

/** The newest MESSAGE_WINDOW rows; a row whose side the layout does not tell makes the list ambiguous. */
function readMessages(list: Element, layout: XLayout): { messages: SeenMessage[]; unclear: boolean } {
  const messages: SeenMessage[] = [];
  const keyOf = createRowKeys();
  let unclear = false;
  for (const row of newestRows(list.querySelectorAll(layout.row))) {
    const direction = directionByLayout(row);
    if (!direction) {
      unclear = true;
      continue;
    }
    const timeLabel = textOf(row.querySelector(layout.time)) || undefined;
    const id = layout.rowIdAttribute ? row.getAttribute(layout.rowIdAttribute) : null;
    const key = id || keyOf([direction, timeLabel ?? '', textOf(row)]);
    messages.push({ key, direction, ...(timeLabel && { timeLabel }) });
  }
  return { messages, unclear };
}

/** The layout puts your own messages at the end of the row and theirs at the start (X, both UIs). */
function directionByLayout(row: Element): 'inbound' | 'outbound' | null {
  // Tailwind class names first (X Chat), then the computed style they stand for (legacy X).
  if (row.classList.contains('justify-end')) return 'outbound';
  if (row.classList.contains('justify-start')) return 'inbound';
  const justify = row.ownerDocument.defaultView?.getComputedStyle(row).justifyContent ?? '';
  if (/^(?:flex-end|end|right)$/.test(justify)) return 'outbound';
  if (/^(?:flex-start|start|left)$/.test(justify)) return 'inbound';
  return null;
}

/** The editable element: the textarea, or Draft's contenteditable (which may carry the hook or sit inside it). */
function editableOf(element: HTMLElement): HTMLElement | null {
  if (element instanceof HTMLTextAreaElement || element.getAttribute('contenteditable') === 'true') return element;
  const inner = element.querySelectorAll<HTMLElement>('[contenteditable="true"]');
  return inner.length === 1 ? (inner[0] as HTMLElement) : null;
}

function readComposer(root: ParentNode, layout: XLayout): ResolvedPart<HTMLElement> {
  const editables = (selector: string) =>
    [...root.querySelectorAll<HTMLElement>(selector)]
      .map(editableOf)
      .filter((element): element is HTMLElement => !!element);
  return resolvePart([
    { signal: 'composer-hook', candidates: editables(layout.composer) },
    { signal: 'composer-structure', candidates: editables(layout.composerByStructure) },
  ]);
}

export function createXAdapter(): PlatformAdapter {
  const binding = new ThreadBinding();

  function locate(doc: Document, url: URL): InsertTarget {
    const route = routeOf('x', url);
    const layout = layoutOf(url);
    const threadId = route.kind === 'thread' ? route.threadId : null;
    const bare = (state: PageState, readings: PartReading[] = [], health?: PageSnapshot['health']): InsertTarget => ({
      snapshot: finishSnapshot(
        { ...emptySnapshot('x', url, state), threadId, ...(health && { health }) },
        doc,
        readings,
      ),
      composer: null,
    });

    if (route.kind === 'other') return bare('not-messages');
    const root = layoutRoot(doc, layout);
    const locked = layout === X.chat && (X.passcodeRoute.test(url.pathname) || (!!root && showsPasscode(root)));
    if (locked) return bare('passcode-required');
    if (route.kind === 'inbox') return bare('no-conversation');
    if (!root) return bare('loading');

    const { read: participant, person } = readParticipant(doc, root, layout);
    const list = readList(root, layout);
    const { messages, unclear } = list.value ? readMessages(list.value, layout) : { messages: [], unclear: false };
    const composer = readComposer(root, layout);
    const messagesHealth = unclear ? 'ambiguous' : list.health;
    const health = { participant: participant.health, messages: messagesHealth, composer: composer.health };
    const region =
      (root as Node).nodeType === Node.DOCUMENT_NODE ? (doc.querySelector('main') ?? doc.body) : (root as Node);
    // A request shows its accept/decline prompt where the composer would be: no composer there is no drift.
    const requestPrompt = root.querySelector(X.requestPrompt);
    const readings: PartReading[] = [
      { part: 'participant', health: participant.health, failedSignals: participant.failedSignals, region },
      { part: 'messages', health: messagesHealth, failedSignals: list.failedSignals, region: list.value ?? region },
      ...(requestPrompt
        ? []
        : [{ part: 'composer', health: composer.health, failedSignals: composer.failedSignals, region } as const]),
    ];
    // Until the person and the list moved on from the previous thread, what is on screen is not this thread.
    const settled = binding.settle(route.threadId, {
      identity: person ? (person.handle ?? person.name) : null,
      listKeys: messages.map((message) => message.key),
      listNode: list.value,
    });
    if (!settled) return bare('loading', readings, health);
    return {
      snapshot: finishSnapshot(
        {
          ...emptySnapshot('x', url, requestPrompt ? 'message-request' : 'thread'),
          threadId,
          participant: person,
          messages,
          composerKind: composer.value ? layout.composerKind : null,
          health,
        },
        doc,
        readings,
      ),
      composer: composer.value,
    };
  }

  return adapterAround({
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
    locate,
    engineOf: (composer) => (composer instanceof HTMLTextAreaElement ? reactTextareaEngine : draftEngine),
  });
}

// ---- the conversation list (issue #16) ------------------------------------------------------------

const INBOX_UNREAD = [X_INBOX.unreadHook, ariaLabelSelector(Object.values(X_INBOX_LABELS.unread))];

/** Rows whose test id names a conversation (the unread indicator's id begins alike). */
const conversationRows = (scope: ParentNode) =>
  [...scope.querySelectorAll(X_INBOX.row)].filter((row) => X_INBOX.rowId.test(row.getAttribute('data-testid') ?? ''));

function rowThread(row: Element) {
  const id = X_INBOX.rowId.exec(row.getAttribute('data-testid') ?? '');
  const link = row.querySelector<HTMLAnchorElement>(X_INBOX.threadLink);
  const route = link ? routeOf('x', new URL(link.href, row.ownerDocument.baseURI)) : undefined;
  return resolvePart([
    vote('row-id', id ? `${id[1]}-${id[2]}` : undefined),
    vote('row-link', route?.kind === 'thread' ? route.threadId : undefined),
  ]).value;
}

const rowLabels = (row: Element) => [...row.querySelectorAll(X_INBOX.label)].map(textOf);

export const xInbox: InboxListReader = inboxListReader({
  platform: 'x',
  list(doc) {
    const root = doc.querySelector(X.chatHost)?.shadowRoot;
    const panel = root?.querySelector(X_INBOX.panel);
    if (!panel) return null;
    const parents = new Set(conversationRows(panel).map((row) => row.parentElement));
    return resolvePart([
      { signal: 'list-hook', candidates: [...panel.querySelectorAll(X_INBOX.list)] },
      { signal: 'list-structure', candidates: [...parents].filter((parent): parent is HTMLElement => !!parent) },
    ]).value;
  },
  rows: conversationRows,
  youPrefixes: Object.values(X_INBOX_LABELS.you),
  name: (row) => [
    vote(
      'name-text',
      rowLabels(row).find((label) => label && !label.startsWith('@')),
    ),
  ],
  link(row) {
    const handle = rowLabels(row)
      .find((label) => label.startsWith('@'))
      ?.slice(1);
    return { threadId: rowThread(row) ?? undefined, ...(handle && X.handlePath.test(`/${handle}`) && { handle }) };
  },
  preview: (row) => (row.querySelector(X_INBOX.preview) ? textOf(row.querySelector(X_INBOX.preview)) : undefined),
  timeLabel: (row) => textOf(row.querySelector(X_INBOX.time)) || undefined,
  unread: (row) =>
    INBOX_UNREAD.map((selector, i) => presenceVote(i === 0 ? 'unread-hook' : 'unread-label', row, selector)),
  active: (row) => row.matches(X_INBOX.active),
});

export const xAdapter: PlatformAdapter = { ...createXAdapter(), inbox: xInbox };
