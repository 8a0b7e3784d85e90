/**
 * Everything the Messenger adapter knows about facebook.com/messages/… and the chat pop-ups, in one
 * place: selectors, localized labels and the signals each part is found by, with the public source and
 * date of the DOM they describe (research: docs/platforms/facebook.md; nothing was checked on a
 * logged-in page). Never Meta's generated atomic class names (x1…).
 */
import type { SignalSpec, SignalTable } from './toolkit/signals';

const EKKO_MESSENGER = 'https://github.com/useekko/ekko-core/blob/main/src/content/messenger.ts';
const KATEX = 'https://github.com/brbavar/katex-for-messenger-web/blob/main/main.js';
const SHOOT = 'https://github.com/theahura/shoot-the-messenger/blob/main/main.js';
const CAPRINE = 'https://github.com/bankjaneo/caprine/blob/main/source/browser/selectors.ts';

export const FACEBOOK_SELECTORS = {
  /** The open conversation of /messages/t/<id>/ lives inside [role=main]; on other pages that is the feed. */
  main: '[role="main"]',
  /** The message list: [role=grid] in the conversation, [role=log] on facebook.com. */
  messageList: '[role="grid"], [role="log"]',
  /** Rows, and the cell that marks a message row: two independent row signals. */
  row: '[role="row"]',
  messageCell: '[data-scope="messages_table"]',
  /** Text boxes; the composer runs Lexical. */
  textbox: '[contenteditable="true"][role="textbox"]',
  lexicalEditor: '[data-lexical-editor="true"]',
  /** Links to profiles (facebook.com/<vanity or id>, profile.php?id=): the peer's global id. */
  link: 'a[href]',
  /** A message's text: part of its key's digest. */
  bubble: '[dir="auto"]',
  /** The conversation's title (a group's name when no single profile is linked). */
  title: 'h2',
} as const;

/**
 * Localized labels. English is what the sources show; the other languages are the site's wording as far
 * as we know it (unverified). A missing language leaves the label signals silent (parts then `weak`).
 */
export const FACEBOOK_LABELS = {
  /** The wrapper around the composer. */
  composerArea: {
    en: 'Thread composer',
    de: 'Thread-Composer',
    fr: 'Rédacteur du fil',
    es: 'Redactor de la conversación',
    it: 'Compositore della conversazione',
    pt: 'Compositor da conversa',
    nl: 'Berichtopsteller',
    tr: 'Konu yazma alanı',
    pl: 'Edytor wątku',
  },
  /** The composer's accessible name names the peer ("Write to <name>"); in pop-ups it is plain "Message". */
  writeTo: {
    en: /^Write to (.+)$/,
    de: /^Schreib an (.+)$/,
    fr: /^Écrire à (.+)$/,
    es: /^Escribe a (.+)$/,
    it: /^Scrivi a (.+)$/,
    pt: /^Escreva para (.+)$/,
    nl: /^Schrijf aan (.+)$/,
    tr: /^(.+) adlı kişiye yaz$/,
    pl: /^Napisz do (.+)$/,
    zh: /^发消息给(.+)$/,
  },
  /** The hidden label of every message: "Message sent 14:03 by <name>: <text>". Captures: time, sender. */
  messageSent: {
    en: /Message sent (.+?) by (.+?): /,
    de: /Nachricht gesendet (.+?) von (.+?): /,
  },
  /** The sender named in messageSent for your own messages. */
  you: { en: 'You', de: 'Du' },
} as const;

/** facebook.com paths with one segment that are not profiles (ekko messenger.ts RESERVED_FB, plus sections). */
export const FACEBOOK_RESERVED_PATHS: ReadonlySet<string> = new Set([
  'bookmarks',
  'events',
  'friends',
  'gaming',
  'groups',
  'hashtag',
  'help',
  'legal',
  'marketplace',
  'messages',
  'notifications',
  'pages',
  'photo',
  'photo.php',
  'policies',
  'privacy',
  'reel',
  'search',
  'settings',
  'stories',
  'story.php',
  'watch',
]);

/** The signals each part is found by; ids are what drift reports name. */
export const FACEBOOK_SIGNALS = {
  participant: {
    /** The one profile linked outside the message list; its first text line is the name. */
    'profile-link': { kind: 'structure', sources: [EKKO_MESSENGER], date: '2026-07-12' },
    /** The name in the composer's accessible name "Write to <name>" (one public tool's live notes, unverified). */
    'write-to-label': { kind: 'label', sources: ['docs/platforms/facebook.md'], date: '2026-01-15', unverified: true },
    /** The conversation's title heading outside the list. */
    title: { kind: 'structure', sources: [KATEX], date: '2025-10-01' },
  },
  messages: {
    /** The list's role: [role=grid] on the conversation page, [role=log] elsewhere. */
    'list-role': { kind: 'structure', sources: [CAPRINE, KATEX], date: '2026-04-27' },
    /** The container of the message cells (data-scope="messages_table"). */
    'message-cells': { kind: 'data-hook', sources: [SHOOT], date: '2026-03-04' },
  },
  composer: {
    /** The text box inside the area labelled "Thread composer". */
    'composer-area': { kind: 'label', sources: [KATEX], date: '2025-10-01' },
    /** The text box running Lexical. */
    'lexical-hook': { kind: 'data-hook', sources: [EKKO_MESSENGER], date: '2026-07-12' },
  },
} as const satisfies SignalTable;

// ---- the conversation list (issue #16) ------------------------------------------------------------

/** The chat list: [role=navigation] [role=grid] outside [role=main], rows linking to /messages/t/<id>/. */
export const FACEBOOK_INBOX = {
  navigation: '[role="navigation"]',
  list: '[role="grid"]',
  row: ':scope > [role="row"]',
  threadLink: 'a[href*="/messages/"]',
  avatar: 'img[alt]',
  /** The row's texts: the name first, then the preview line ("Du: Deal!"). */
  text: 'span[dir="auto"]',
  time: 'abbr',
  active: '[aria-current="page"], [aria-current="true"]',
} as const;

/** Localized labels of the chat list (English as thread.html shows it; the others unverified). */
export const FACEBOOK_INBOX_LABELS = {
  list: { en: 'Chats', de: 'Chats', fr: 'Discussions', es: 'Chats', it: 'Chat', pt: 'Conversas', nl: 'Chats' },
  you: { en: 'You:', de: 'Du:', fr: 'Vous :', es: 'Tú:', it: 'Tu:', pt: 'Você:', nl: 'Jij:', tr: 'Sen:', pl: 'Ty:' },
  unread: { en: 'Unread', de: 'Ungelesen', fr: 'Non lu', es: 'No leído', it: 'Da leggere' },
} as const;

export const FACEBOOK_INBOX_SIGNALS = {
  list: {
    /** The grid labelled "Chats" (LABELS.list). */
    'list-label': { kind: 'label', sources: [CAPRINE], date: '2026-04-27' },
    /** The grid inside [role=navigation] whose rows link to threads. */
    'list-structure': { kind: 'structure', sources: [CAPRINE, EKKO_MESSENGER], date: '2026-07-12' },
  },
  name: {
    'avatar-alt': { kind: 'label', sources: [EKKO_MESSENGER], date: '2026-07-12', unverified: true },
    'name-text': { kind: 'structure', sources: [CAPRINE], date: '2026-04-27', unverified: true },
  },
} as const satisfies Record<string, Record<string, SignalSpec>>;
