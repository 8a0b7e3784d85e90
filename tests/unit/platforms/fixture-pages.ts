// Every fixture page of every platform (tests/fixtures/**, with the 2026 variants of tests/fixtures/variants.ts),
// loaded into jsdom at its URL, with the state it claims and what an adapter must read from it. One table for
// the adapter contract suite (contract.test.ts) and the per-signal tests (signals.test.ts).
import { createFacebookAdapter } from '@/utils/platforms/facebook';
import { createInstagramAdapter } from '@/utils/platforms/instagram';
import { createLinkedinAdapter } from '@/utils/platforms/linkedin';
import type { Platform } from '@/utils/platforms/sites';
import type { ComposerKind, PageSnapshot, PageState, PlatformAdapter } from '@/utils/platforms/types';
import { createXAdapter } from '@/utils/platforms/x';
import { loadFixturePage } from '../../fixtures/instagram/meta-jsdom';
import { addInviteNote, openInviteDialog } from '../../fixtures/linkedin/invite';
import { FIXTURE_VARIANTS, X_VARIANTS } from '../../fixtures/variants';
import { loadFixtureDocument, loadXChatPage } from '../../fixtures/x/adapter-jsdom';

export const ADAPTERS: Record<Platform, () => PlatformAdapter> = {
  instagram: createInstagramAdapter,
  facebook: createFacebookAdapter,
  x: createXAdapter,
  linkedin: createLinkedinAdapter,
};

/** What a page claims: its state and, for a conversation, what the adapter must read from it. */
export interface Claim {
  state: PageState;
  threadId?: string | null;
  name?: string;
  /** The messages as `<direction> <time label>`, oldest first. */
  messages?: string[];
  composerKind?: ComposerKind | null;
  health?: PageSnapshot['health'];
}

/**
 * A single-page switch to another conversation as the site renders it: the URL first, then the person and
 * the message list; the composer element stays mounted (X Chat keeps it; every site may).
 */
export interface ThreadSwitch {
  url: string;
  threadId: string;
  name: string;
  renderPerson(doc: Document): void;
  renderList(doc: Document): void;
}

export interface FixturePage {
  platform: Platform;
  title: string;
  /** Loads the page at its URL (Meta pages into a jsdom of their own, X and LinkedIn into the test's). */
  load(): Document;
  claim: Claim;
  threadSwitch?: ThreadSwitch;
}

const found = { participant: 'found', messages: 'found', composer: 'found' } as const;
const each = <T>(doc: Document, selector: string, change: (element: T) => void) => {
  for (const element of doc.querySelectorAll(selector)) change(element as T);
};
export const pushUrl = (doc: Document, url: string) => doc.defaultView?.history.pushState(null, '', url);

/** Loads `platform`'s variant `id` (tests/fixtures/variants.ts) of its saved page at `url`. */
function variantLoader(platform: keyof typeof FIXTURE_VARIANTS, id: string, load: (file: string) => Document) {
  const variant = (FIXTURE_VARIANTS[platform] as Record<string, { file: string; apply(doc: Document): void }>)[id];
  if (!variant) throw new Error(`no ${platform} variant ${id}`);
  return () => {
    const doc = load(variant.file);
    variant.apply(doc);
    return doc;
  };
}

// Instagram ---------------------------------------------------------------------------------------------

export const IG_THREAD = '340282366841710300949128';
export const IG_THREAD_URL = `https://www.instagram.com/direct/t/${IG_THREAD}/`;
const igPage = (url: string) => (file: string) => loadFixturePage(file, url);
const IG_DIRECTIONS = ['inbound', 'outbound', 'inbound', 'inbound', 'outbound', 'inbound'];
const igMessages = (labels: string[]) =>
  IG_DIRECTIONS.map((direction, index) => `${direction} ${labels[Math.floor(index / 2)]}`);
const IG_LABELS = ['8/24/25, 3:36 PM', 'Thu 6:14 PM', '12:56 PM'];
const igThread = (extra: Partial<Claim> = {}): Claim => ({
  state: 'thread',
  threadId: IG_THREAD,
  name: 'Anna Berger',
  messages: igMessages(IG_LABELS),
  composerKind: 'instagram',
  health: found,
  ...extra,
});

const igSwitch: ThreadSwitch = {
  url: 'https://www.instagram.com/direct/t/555/',
  threadId: '555',
  name: 'Ben Okafor',
  renderPerson(doc) {
    each<Element>(doc, 'main a[href="/anna.berger/"]', (link) => link.setAttribute('href', '/ben.okafor/'));
    each<Element>(doc, '.xtopbar a span:first-child', (name) => {
      name.textContent = 'Ben Okafor';
    });
    each<Element>(doc, '[aria-label^="Conversation with"]', (c) =>
      c.setAttribute('aria-label', 'Conversation with Ben Okafor'),
    );
  },
  renderList(doc) {
    const rows = doc.querySelector('.x1odjw0f > div') as Element;
    const row = rows.lastElementChild?.cloneNode(true) as Element;
    (row.querySelector('[dir=auto]') as Element).textContent = 'Hi, do you ship to Leeds?';
    rows.replaceChildren(row);
  },
};

const INSTAGRAM: FixturePage[] = [
  {
    platform: 'instagram',
    title: 'instagram/thread.html (rows without role=row)',
    load: () => loadFixturePage('instagram/thread.html', IG_THREAD_URL),
    claim: igThread(),
    threadSwitch: igSwitch,
  },
  {
    platform: 'instagram',
    title: 'instagram/thread.html ~ no-conversation-label',
    load: variantLoader('instagram', 'no-conversation-label', igPage(IG_THREAD_URL)),
    claim: igThread({ health: { participant: 'weak', messages: 'weak', composer: 'found' } }),
  },
  {
    platform: 'instagram',
    title: 'instagram/thread.html ~ de',
    load: variantLoader('instagram', 'de', igPage(IG_THREAD_URL)),
    claim: igThread({ messages: igMessages(['24.08.25, 15:36', 'Do. 18:14', '12:56']) }),
  },
  {
    platform: 'instagram',
    title: 'instagram/thread.html ~ sv (not in the label table)',
    load: variantLoader('instagram', 'sv', igPage(IG_THREAD_URL)),
    claim: igThread({
      messages: igMessages(['2025-08-24 15:36', 'tors 18:14', '12:56']),
      health: { participant: 'weak', messages: 'weak', composer: 'weak' },
    }),
  },
  {
    platform: 'instagram',
    title: 'instagram/thread.html ~ inbox-list (the inbox rows beside the thread)',
    load: variantLoader('instagram', 'inbox-list', igPage(IG_THREAD_URL)),
    claim: igThread(),
  },
  {
    platform: 'instagram',
    title: 'instagram/inbox.html',
    load: () => loadFixturePage('instagram/inbox.html', 'https://www.instagram.com/direct/inbox/'),
    claim: { state: 'no-conversation', threadId: null },
  },
  {
    platform: 'instagram',
    title: 'instagram/inbox.html at /explore/',
    load: () => loadFixturePage('instagram/inbox.html', 'https://www.instagram.com/explore/'),
    claim: { state: 'not-messages', threadId: null },
  },
  {
    platform: 'instagram',
    title: 'instagram/unknown-layout.html',
    load: () =>
      loadFixturePage('instagram/unknown-layout.html', 'https://www.instagram.com/direct/t/340282366841710300940013/'),
    claim: { state: 'loading', threadId: '340282366841710300940013' },
  },
];

// Messenger ---------------------------------------------------------------------------------------------

export const FB_THREAD = '7720394857261';
export const FB_THREAD_URL = `https://www.facebook.com/messages/t/${FB_THREAD}/`;
const fbPage = (url: string) => (file: string) => loadFixturePage(file, url);
const FB_MESSAGES = ['inbound 09:12', 'outbound 09:14', 'inbound 14:02', 'outbound 14:03', 'inbound 14:05'];
const fbThread = (extra: Partial<Claim> = {}): Claim => ({
  state: 'thread',
  threadId: FB_THREAD,
  name: 'Anna Berger',
  messages: FB_MESSAGES,
  composerKind: 'messenger',
  health: found,
  ...extra,
});

const fbSwitch: ThreadSwitch = {
  url: 'https://www.facebook.com/messages/t/100009876543210/',
  threadId: '100009876543210',
  name: 'Ben Okafor',
  renderPerson(doc) {
    each<Element>(doc, '.xheader a', (link) => link.setAttribute('href', 'https://www.facebook.com/ben.okafor.3/'));
    (doc.querySelector('.xheader h2 span') as Element).textContent = 'Ben Okafor';
    doc.querySelector('[role=main] [role=textbox]')?.setAttribute('aria-label', 'Write to Ben Okafor');
  },
  renderList(doc) {
    const grid = doc.querySelector('[role=main] [role=grid]') as Element;
    const row = grid.lastElementChild?.cloneNode(true) as Element;
    (row.querySelector('[dir=auto]') as Element).textContent = 'Hey Tom, quick question about the invoice.';
    row.querySelector('a')?.setAttribute('href', 'https://www.facebook.com/ben.okafor.3/');
    (row.querySelector('.x1i1rx1s:not(h5)') as Element).textContent = 'Message sent 15:00 by Ben Okafor: Hey Tom';
    grid.replaceChildren(row);
  },
};

const FACEBOOK: FixturePage[] = [
  {
    platform: 'facebook',
    title: 'facebook/thread.html',
    load: () => loadFixturePage('facebook/thread.html', FB_THREAD_URL),
    claim: fbThread(),
    threadSwitch: fbSwitch,
  },
  {
    platform: 'facebook',
    title: 'facebook/thread.html ~ rows-without-role',
    load: variantLoader('facebook', 'rows-without-role', fbPage(FB_THREAD_URL)),
    claim: fbThread(),
  },
  {
    platform: 'facebook',
    title: 'facebook/thread.html ~ rows-without-cells',
    load: variantLoader('facebook', 'rows-without-cells', fbPage(FB_THREAD_URL)),
    claim: fbThread({ health: { participant: 'found', messages: 'weak', composer: 'found' } }),
  },
  {
    platform: 'facebook',
    title: 'facebook/thread.html ~ group',
    load: variantLoader('facebook', 'group', fbPage(FB_THREAD_URL)),
    claim: fbThread(),
  },
  {
    platform: 'facebook',
    title: 'facebook/thread.html ~ inbox-list (the inbox rows beside the thread)',
    load: variantLoader('facebook', 'inbox-list', fbPage(FB_THREAD_URL)),
    claim: fbThread(),
  },
  {
    platform: 'facebook',
    title: 'facebook/inbox.html',
    load: () => loadFixturePage('facebook/inbox.html', 'https://www.facebook.com/messages/'),
    claim: { state: 'no-conversation', threadId: null },
  },
  {
    platform: 'facebook',
    title: 'facebook/popup.html, two pop-ups, none focused',
    load: () => loadFixturePage('facebook/popup.html', 'https://www.facebook.com/'),
    claim: { state: 'loading', threadId: null },
  },
  {
    platform: 'facebook',
    title: 'facebook/popup.html, one pop-up focused',
    load() {
      const doc = loadFixturePage('facebook/popup.html', 'https://www.facebook.com/');
      (doc.querySelector('.xchatbox [role=textbox]') as HTMLElement).focus();
      return doc;
    },
    claim: {
      state: 'thread',
      threadId: 'sam.lee.5',
      name: 'Sam Lee',
      messages: ['inbound 14:10', 'outbound 14:11', 'inbound 14:12'],
      composerKind: 'messenger',
      health: found,
    },
  },
];

// X -----------------------------------------------------------------------------------------------------

export const X_ANNA = '44196397-783214';
export const X_BEN = '44196397-901234';
const X_CARLA = '44196397-555111';
const xChat = (threadId: string) => `https://x.com/i/chat/${threadId}`;

/** Replaces one part of the open X Chat conversation with the saved next one's, as X's re-render does. */
const renderSavedX = (selector: string) => {
  const root = document.querySelector('[data-testid="xchatEmbedRoute"]')?.shadowRoot;
  const saved = document.querySelector<HTMLTemplateElement>(`template[data-conversation="${X_BEN}"]`);
  root?.querySelector(selector)?.replaceWith(saved?.content.querySelector(selector)?.cloneNode(true) ?? '');
};

const xAnnaThread: Claim = {
  state: 'thread',
  threadId: X_ANNA,
  name: 'Anna Berger',
  messages: ['inbound 6:14 PM', 'outbound 6:20 PM', 'inbound 6:31 PM'],
  composerKind: 'x-chat',
  health: found,
};

const X: FixturePage[] = [
  {
    platform: 'x',
    title: 'x/chat-thread.html',
    load: () => loadXChatPage('x/chat-thread.html', xChat(X_ANNA)).ownerDocument,
    claim: xAnnaThread,
    threadSwitch: {
      url: xChat(X_BEN),
      threadId: X_BEN,
      name: 'Ben Okafor',
      renderPerson: () => renderSavedX('[data-testid="dm-conversation-header"]'),
      renderList: () => renderSavedX('[data-testid="dm-message-scroller"]'),
    },
  },
  {
    platform: 'x',
    title: 'x/chat-thread.html ~ inbox-list (the inbox rows beside the conversation)',
    load: () => loadXChatPage('x/chat-thread.html', xChat(X_ANNA), X_VARIANTS['inbox-list']).ownerDocument,
    claim: xAnnaThread,
  },
  {
    platform: 'x',
    title: 'x/chat-thread.html before its shadow root is attached',
    load: () => loadFixtureDocument('x/chat-thread.html', xChat(X_ANNA)),
    claim: { state: 'loading', threadId: X_ANNA },
  },
  {
    platform: 'x',
    title: 'x/chat-inbox.html',
    load: () => loadXChatPage('x/chat-inbox.html', 'https://x.com/i/chat').ownerDocument,
    claim: { state: 'no-conversation', threadId: null },
  },
  {
    platform: 'x',
    title: 'x/chat-inbox.html at /home',
    load: () => loadFixtureDocument('x/chat-inbox.html', 'https://x.com/home'),
    claim: { state: 'not-messages', threadId: null },
  },
  {
    platform: 'x',
    title: 'x/chat-passcode.html',
    load: () => loadXChatPage('x/chat-passcode.html', xChat(X_BEN)).ownerDocument,
    claim: { state: 'passcode-required', threadId: X_BEN },
  },
  {
    platform: 'x',
    title: 'x/chat-inbox.html at the passcode route /i/chat/pin',
    load: () => loadXChatPage('x/chat-inbox.html', 'https://x.com/i/chat/pin').ownerDocument,
    claim: { state: 'passcode-required', threadId: null },
  },
  {
    platform: 'x',
    title: 'x/chat-request.html',
    load: () => loadXChatPage('x/chat-request.html', `https://x.com/i/chat/requests/${X_CARLA}`).ownerDocument,
    claim: {
      state: 'message-request',
      threadId: X_CARLA,
      name: 'Carla Mendes',
      messages: ['inbound 11:05 AM'],
      composerKind: null,
      health: { participant: 'found', messages: 'found', composer: 'missing' },
    },
  },
  {
    platform: 'x',
    title: 'x/legacy-thread.html',
    load: () => loadFixtureDocument('x/legacy-thread.html', `https://x.com/messages/${X_ANNA}`),
    claim: {
      state: 'thread',
      threadId: X_ANNA,
      name: 'Anna Berger',
      messages: ['inbound 6:14 PM', 'outbound 6:20 PM'],
      composerKind: 'x-legacy',
      health: found,
    },
  },
];

// LinkedIn ----------------------------------------------------------------------------------------------

export const LI_ANNA = '2-YTFiMmMzZDQtZTVmNi00YTdiLThjOWQtMGUxZjJhM2I0YzVkXzAxMA==';
const LI_BEN = '2-YjJjM2Q0ZTUtZjZhNy00YjhjLTlkMGUtMWYyYTNiNGM1ZDZlXzAxMA==';
export const liThreadUrl = (threadId: string) =>
  `https://www.linkedin.com/messaging/thread/${encodeURIComponent(threadId)}/`;
const LI_FEED = 'https://www.linkedin.com/feed/';
const liThread = (extra: Partial<Claim> = {}): Claim => ({
  state: 'thread',
  threadId: LI_ANNA,
  name: 'Anna Berger',
  messages: ['inbound Mon 9:41 AM', 'inbound Mon 9:41 AM', 'outbound Today 8:15 AM'],
  composerKind: 'linkedin-message',
  health: found,
  ...extra,
});
const liWindow: Claim = liThread({ messages: ['inbound Today 10:02 AM'] });

/** Replaces a part of the thread pane with the saved next conversation's, as LinkedIn's re-render does. */
const renderSavedLinkedin = (selector: string) => {
  const saved = document.querySelector<HTMLTemplateElement>(`template[data-thread="${LI_BEN}"]`);
  document
    .querySelector(`.msg-thread ${selector}`)
    ?.replaceWith(saved?.content.querySelector(selector)?.cloneNode(true) ?? '');
};

export const LI_INVITE_NOTE = 'linkedin/profile-invite.html, note open';
export const LI_PROFILE = 'https://www.linkedin.com/in/anna-berger-4711/';
/** The profile with its invitation dialog, "Add a note" chosen (as a person's clicks leave it). */
function loadInviteNote(): Document {
  const doc = loadFixtureDocument('linkedin/profile-invite.html', LI_PROFILE);
  const dialog = openInviteDialog(doc);
  if (dialog) addInviteNote(dialog);
  return doc;
}

const LINKEDIN: FixturePage[] = [
  {
    platform: 'linkedin',
    title: 'linkedin/messaging.html',
    load: () => loadFixtureDocument('linkedin/messaging.html', liThreadUrl(LI_ANNA)),
    claim: liThread(),
    threadSwitch: {
      url: liThreadUrl(LI_BEN),
      threadId: LI_BEN,
      name: 'Ben Okafor',
      renderPerson: () => renderSavedLinkedin('.msg-title-bar'),
      renderList: () => renderSavedLinkedin('.msg-s-message-list-container'),
    },
  },
  {
    platform: 'linkedin',
    title: 'linkedin/messaging.html ~ hashed-classes',
    load: variantLoader('linkedin', 'hashed-classes', (file) => loadFixtureDocument(file, liThreadUrl(LI_ANNA))),
    claim: liThread({ health: { participant: 'weak', messages: 'weak', composer: 'weak' } }),
  },
  {
    platform: 'linkedin',
    title: 'linkedin/messaging.html at /messaging/',
    load: () => loadFixtureDocument('linkedin/messaging.html', 'https://www.linkedin.com/messaging/'),
    claim: { state: 'no-conversation', threadId: null },
  },
  {
    platform: 'linkedin',
    title: 'linkedin/overlay.html',
    load: () => loadFixtureDocument('linkedin/overlay.html', LI_FEED),
    claim: liWindow,
  },
  {
    platform: 'linkedin',
    title: 'linkedin/overlay-shadow.html',
    load: () => loadFixtureDocument('linkedin/overlay-shadow.html', LI_FEED),
    claim: liWindow,
  },
  {
    platform: 'linkedin',
    title: 'linkedin/overlay-two.html, none focused',
    load: () => loadFixtureDocument('linkedin/overlay-two.html', LI_FEED),
    claim: { state: 'no-conversation', threadId: null },
  },
  {
    platform: 'linkedin',
    title: 'linkedin/preload.html',
    load: () => loadFixtureDocument('linkedin/preload.html', 'https://www.linkedin.com/preload/?_bprMode=vanilla'),
    claim: liWindow,
  },
  {
    platform: 'linkedin',
    title: 'linkedin/feed-interop-iframe.html',
    load: () => loadFixtureDocument('linkedin/feed-interop-iframe.html', LI_FEED),
    claim: { state: 'not-messages', threadId: null },
  },
  {
    platform: 'linkedin',
    title: 'linkedin/profile-invite.html',
    load: () => loadFixtureDocument('linkedin/profile-invite.html', LI_PROFILE),
    claim: { state: 'not-messages', threadId: null },
  },
  {
    platform: 'linkedin',
    title: 'linkedin/profile-invite.html, invitation without a note yet',
    load: () => {
      const doc = loadFixtureDocument('linkedin/profile-invite.html', LI_PROFILE);
      openInviteDialog(doc);
      return doc;
    },
    claim: { state: 'not-messages', threadId: null },
  },
  {
    platform: 'linkedin',
    title: LI_INVITE_NOTE,
    load: loadInviteNote,
    claim: {
      state: 'thread',
      threadId: 'invitation:anna-berger-4711',
      name: 'Anna Berger',
      messages: [],
      composerKind: 'linkedin-connection-note',
      health: found,
    },
  },
];

export const FIXTURE_PAGES: readonly FixturePage[] = [...INSTAGRAM, ...FACEBOOK, ...X, ...LINKEDIN];

/** The one page of `title` (the table's titles are unique). */
export function fixturePage(title: string): FixturePage {
  const page = FIXTURE_PAGES.find((each) => each.title === title);
  if (!page) throw new Error(`no fixture page ${title}`);
  return page;
}

/** What a snapshot says of its messages, as claims state them. */
export const messageLines = (snapshot: PageSnapshot): string[] =>
  snapshot.messages.map((message) => `${message.direction} ${message.timeLabel ?? ''}`.trim());
