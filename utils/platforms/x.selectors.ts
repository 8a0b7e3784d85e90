import type { ComposerKind } from './types';

/**
 * Every selector the X adapter uses, ranked URL → role/aria → data-testid → classes, with the
 * public source and date of the DOM each one describes. Nothing here was checked on a live
 * logged-in page; summary and links: shared/research/platform-pages-2026.md §1.
 *
 * X has two DM UIs: "Chat" at /i/chat (beta 2025-09, launched 2025-11-14; insin/control-panel-for-
 * twitter#768, #911), rendered inside an open shadow root, and the legacy /messages pages that some
 * accounts still get (x-use `conversation_url()`, 2026).
 */

/** One DM layout: where the conversation's parts are, relative to the layout's root. */
export interface XLayout {
  composerKind: ComposerKind;
  header: string;
  /** The display name, inside the header. */
  name: string;
  list: string;
  /** One rendered message (the lists are virtualized: only rows near the viewport exist). */
  row: string;
  /** The row's own id, where the layout gives it one. */
  rowIdAttribute: string | null;
  /** The message's visible time label ("6:14 PM"), inside the row. */
  time: string;
  composer: string;
}

export const X_SELECTORS = {
  /** /i/chat/pin is the passcode route of encrypted Chat (x-dm opencli adapter `pageProbe`, 2026). */
  passcodeRoute: /^\/i\/chat\/pin(?:\/|$)/,

  /**
   * The host of Chat's open shadow root: document.querySelector stops at it and a MutationObserver
   * on the document sees nothing inside (xctl SHADOW_PIERCE_INIT; xChat.ts `chatRoot()`; 2026).
   */
  chatHost: '[data-testid="xchatEmbedRoute"]',

  /**
   * The "Enter Passcode" gate of encrypted Chat: a numeric PIN field, or one field per digit
   * (x-use `_PIN_INPUT`, `_PIN_SEGMENT`, 2026; x-dm `pageProbe`, 2026).
   */
  passcodeInput: [
    'input[type="password"][inputmode="numeric"]',
    'input[autocomplete="one-time-code"]',
    'input[inputmode="numeric"][aria-label^="Digit "]',
  ].join(', '),

  /** A message request: accept/decline replaces the composer (x-use `_REQUEST_PROMPT`; xctl; 2026). */
  requestPrompt: '[data-testid="dm-message-request-prompt"]',

  /** Header profile links are `/<handle>` (xChat.ts `contactOf`; x-use `_profile_handle`; 2026). */
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
  /** One utility saw the "Unencrypted" badge glued to the name text (DM-templates utility, idx 57463734481). */
  nameBadgeSuffix: /\s*Unencrypted$/,

  chat: {
    composerKind: 'x-chat',
    // xChat.ts (saved real pages, 2026); xctl `readDmThread`; x-use `_HEADER`.
    header: '[data-testid="dm-conversation-header"]',
    name: '[data-testid="dm-conversation-username"]',
    // role=log, virtualized with [data-index] rows (xctl `readDmThread`; x-dm `pageScrollUp`; 2026).
    list: '[data-testid="dm-message-scroller"]',
    // data-testid="message-<uuid>" with data-dm-message-row="<uuid>" (x-use `_READ_MESSAGE_WINDOW`, 2026).
    row: '[data-testid^="message-"][data-dm-message-row]',
    rowIdAttribute: 'data-dm-message-row',
    // The per-message time decoration "<uuid>-time" (x-dm `pageRows`, 2026).
    time: '[id$="-time"]',
    // A React-controlled <textarea>, placeholder "Unencrypted message" (idx 67493348205, 57463734481; 2026).
    composer: 'textarea[data-testid="dm-composer-textarea"]',
  },

  legacy: {
    composerKind: 'x-legacy',
    // x-use's legacy conversation fixture (DMConversationHeader, messageEntry with <time>), 2026.
    header: '[data-testid="DMConversationHeader"]',
    name: 'h2',
    // DmActivityViewport holds the messages, not the composer (x-use `_conversation_scope`; cyd; 2026).
    list: '[data-testid="DmActivityViewport"]',
    row: '[data-testid="messageEntry"]',
    rowIdAttribute: null,
    time: 'time',
    // Draft.js editor; its send button is dmComposerSendButton (DM-templates utility idx 57463734481).
    composer: '[data-testid="dmComposerTextInput"]',
  },
} as const satisfies Record<string, unknown> & { chat: XLayout; legacy: XLayout };
