/**
 * Everything the X adapter knows about its DM pages, in one place: selectors per layout and the signals
 * each part is found by, with the public source and date of the DOM they describe (research:
 * docs/platforms/x.md; nothing was checked on a logged-in page).
 *
 * X has two DM UIs: "Chat" at /i/chat (beta 2025-09, launched 2025-11-14), rendered inside an open shadow
 * root, and the legacy /messages pages that some accounts still get.
 */
import type { SignalSpec, SignalTable } from './toolkit/signals';
import type { ComposerKind } from './types';

const CONTROL_PANEL = 'https://github.com/insin/control-panel-for-twitter';
const X_USE = 'https://github.com/ihuzaifashoukat/x-use/blob/main/src/xuse/browser/messaging.py';
const CYD = 'https://github.com/lockdown-systems/cyd/pull/692';

/** One DM layout: where the conversation's parts are, relative to the layout's root. */
export interface XLayout {
  composerKind: ComposerKind;
  header: string;
  /** The display name, inside the header. */
  name: string;
  /** The document title naming the person ("Anna Berger (@anna_berger) / X"), where the layout has one. */
  titleName: RegExp | null;
  /** The message list by its data hook, and by its role or structure (the second signal). */
  list: string;
  listByStructure: string;
  /** One rendered message (the lists are virtualized: only rows near the viewport exist). */
  row: string;
  /** The row's own id, where the layout gives it one. */
  rowIdAttribute: string | null;
  /** The message's visible time label ("6:14 PM"), inside the row. */
  time: string;
  /** The composer by its data hook, and by structure (an editable inside the reply form). */
  composer: string;
  composerByStructure: string;
}

export const X_SELECTORS = {
  /** /i/chat/pin is the passcode route of encrypted Chat (unverified: one public adapter's page probe, 2026). */
  passcodeRoute: /^\/i\/chat\/pin(?:\/|$)/,

  /** The host of Chat's open shadow root: document.querySelector stops at it (several public tools, 2026). */
  chatHost: '[data-testid="xchatEmbedRoute"]',

  /** The "Enter Passcode" gate of encrypted Chat: a numeric PIN field, or one field per digit (x-use, 2026). */
  passcodeInput: [
    'input[type="password"][inputmode="numeric"]',
    'input[autocomplete="one-time-code"]',
    'input[inputmode="numeric"][aria-label^="Digit "]',
  ].join(', '),

  /** A message request: accept/decline replaces the composer (x-use `_REQUEST_PROMPT`, 2026). */
  requestPrompt: '[data-testid="dm-message-request-prompt"]',

  /** Header profile links are `/<handle>` (x-use `_profile_handle`, 2026). */
  handlePath: /^\/([A-Za-z0-9_]{1,15})\/?$/,
  /** First path segments that are X's own routes, not handles (x-use `_NON_PROFILE_ROUTES`, 2026). */
  reservedPaths: new Set([
    'home',
    'explore',
    'notifications',
    'messages',
    'settings',
    'compose',
    'search',
    'i',
    'login',
    'logout',
    'tos',
    'privacy',
  ]),
  /** The "Unencrypted" badge has been seen glued to the name text (unverified: one DM utility, 2026). */
  nameBadgeSuffix: /\s*Unencrypted$/,

  chat: {
    composerKind: 'x-chat',
    header: '[data-testid="dm-conversation-header"]',
    name: '[data-testid="dm-conversation-username"]',
    titleName: null,
    // role=log, virtualized with [data-index] rows (several public tools, 2026).
    list: '[data-testid="dm-message-scroller"]',
    listByStructure: '[role="log"]',
    // data-testid="message-<uuid>" with data-dm-message-row="<uuid>" (x-use `_READ_MESSAGE_WINDOW`, 2026).
    row: '[data-testid^="message-"][data-dm-message-row]',
    rowIdAttribute: 'data-dm-message-row',
    time: '[id$="-time"]',
    // A React-controlled <textarea>, placeholder "Unencrypted message" (unverified: two DM utilities, 2026).
    composer: 'textarea[data-testid="dm-composer-textarea"]',
    composerByStructure: 'form textarea',
  },

  legacy: {
    composerKind: 'x-legacy',
    // x-use's legacy conversation fixture (DMConversationHeader, messageEntry with <time>), 2026.
    header: '[data-testid="DMConversationHeader"]',
    name: 'h2',
    // The legacy page's title (unverified: one public scraper's saved page, 2026).
    titleName: /^(?:\(\d+\) )?(.+?) \(@\w{1,15}\) \/ X$/,
    list: '[data-testid="DmActivityViewport"]',
    listByStructure: '[data-testid="DmActivityContainer"] > *',
    row: '[data-testid="messageEntry"]',
    rowIdAttribute: null,
    time: 'time',
    // Draft.js editor; its send button is dmComposerSendButton (unverified: one DM utility, 2026).
    composer: '[data-testid="dmComposerTextInput"]',
    composerByStructure: '.public-DraftEditor-content[contenteditable="true"]',
  },
} as const satisfies Record<string, unknown> & { chat: XLayout; legacy: XLayout };

/** The signals each part is found by; ids are what drift reports name. */
export const X_SIGNALS = {
  participant: {
    /** The name element's data hook inside the header. */
    'name-hook': { kind: 'data-hook', sources: [X_USE], date: '2026-06-01' },
    /** The accessible name of the header's link to /<handle> (X Chat). */
    'header-link': { kind: 'structure', sources: [X_USE], date: '2026-06-01' },
    /** The document title "<name> (@<handle>) / X" (legacy X; unverified). */
    'page-title': { kind: 'structure', sources: ['docs/platforms/x.md'], date: '2026-03-02', unverified: true },
  },
  messages: {
    /** The list's data hook. */
    'list-hook': { kind: 'data-hook', sources: [X_USE, CYD], date: '2026-08-06' },
    /** The list by role (Chat: role=log) or position (legacy: the activity container's child). */
    'list-structure': { kind: 'structure', sources: [`${CONTROL_PANEL}/issues/768`], date: '2025-09-06' },
  },
  composer: {
    /** The composer's data hook. */
    'composer-hook': { kind: 'data-hook', sources: [X_USE], date: '2026-06-01' },
    /** The editable of the reply form (Chat: its textarea; legacy: Draft's content element). */
    'composer-structure': {
      kind: 'structure',
      sources: ['https://github.com/facebookarchive/draft-js/issues/36'],
      date: '2026-06-01',
    },
  },
} as const satisfies SignalTable;

// ---- the conversation list (issue #16) ------------------------------------------------------------

const X_DM = 'https://github.com/ihuzaifashoukat/x-use';

/** X Chat's inbox panel inside the Chat shadow root: rows dm-conversation-item-<a>:<b> linking to /i/chat/<a>-<b>. */
export const X_INBOX = {
  panel: '[data-testid="dm-inbox-panel"]',
  list: '[data-testid="dm-conversation-scroller"]',
  row: '[data-testid^="dm-conversation-item-"]',
  /** The row's own id: the thread's two user ids (x-use `_NATIVE_ROW_ID`). */
  rowId: /^dm-conversation-item-(\d+):(\d+)$/,
  threadLink: 'a[href*="/i/chat/"]',
  /** The name and the "@handle" are left-to-right spans; the preview is the dir=auto one. */
  label: 'span[dir="ltr"]',
  preview: 'span[dir="auto"]',
  time: 'time',
  unreadHook: '[data-testid="dm-unread-indicator"]',
  active: '[aria-selected="true"]',
} as const;

/** Localized labels of the list (English as the fixtures show it; the others unverified). */
export const X_INBOX_LABELS = {
  you: { en: 'You:', de: 'Du:', fr: 'Vous :', es: 'Tú:', it: 'Tu:', pt: 'Você:', ja: 'あなた:' },
  unread: { en: 'Unread', de: 'Ungelesen', fr: 'Non lu', es: 'No leído' },
} as const;

export const X_INBOX_SIGNALS = {
  list: {
    'list-hook': { kind: 'data-hook', sources: [X_DM], date: '2026-08-06' },
    /** The container of the rows that carry a conversation id. */
    'list-structure': { kind: 'structure', sources: [X_DM], date: '2026-08-06' },
  },
  thread: {
    'row-id': { kind: 'data-hook', sources: [X_DM], date: '2026-08-06' },
    'row-link': { kind: 'url', sources: [X_DM], date: '2026-08-06' },
  },
} as const satisfies Record<string, Record<string, SignalSpec>>;
