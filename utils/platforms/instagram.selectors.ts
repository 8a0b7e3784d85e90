/**
 * Everything the Instagram adapter knows about www.instagram.com/direct/…, in one place: selectors,
 * localized labels and the signals each part is found by, with the public source and date of the DOM
 * they describe (research: docs/platforms/instagram.md; nothing was checked on a logged-in page).
 * Never Meta's generated atomic class names (x1…): they change with every deploy.
 */
import type { SignalSpec, SignalTable } from './toolkit/signals';

const EKKO = 'https://github.com/useekko/ekko-core';
const UNSENDER = 'https://github.com/thoughtsunificator/instagram-dm-unsender';

export const INSTAGRAM_SELECTORS = {
  /** The app's content area; the nav rail with your own profile link lies outside it (ekko docs/ADAPTERS.md). */
  main: 'main',
  /** Profile links: the peer's is the topmost one whose href is a single path segment. */
  profileLink: 'a[role="link"][href]',
  /** Labelled containers; the conversation is labelled "Conversation with <name>" (LABELS.conversation). */
  labelledContainer: 'div[aria-label]',
  /** Text boxes: the composer, but search and story replies too, so the composer is the bottom-most one. */
  textbox: '[role="textbox"][contenteditable="true"]',
  lexicalEditor: '[data-lexical-editor="true"]',
  /** Message content inside a row (rows themselves lost role=row in 2026: unsender issue #84). */
  messageContent: '[role="none"], [role="presentation"]',
  /** A message's text (rayguang6/AIA-closingbot-ig content.js, 2025): marks a message row where the role is gone. */
  messageText: '[dir="auto"]',
  /** Headings inside a row: "You sent" above your own messages. */
  rowHeading: 'h5, h6',
} as const;

/**
 * Localized labels. English is what the sources show; the other languages are the app's wording as far
 * as we know it (unverified). A label in a language missing here leaves that signal silent, and the part
 * is read by structure alone (reported `weak`), never guessed.
 */
export const INSTAGRAM_LABELS = {
  /** The composer's aria-label. */
  composer: {
    en: 'Message',
    de: 'Nachricht',
    fr: 'Message',
    es: 'Mensaje',
    it: 'Messaggio',
    pt: 'Mensagem',
    nl: 'Bericht',
    tr: 'Mesaj',
    pl: 'Wiadomość',
  },
  /** The conversation container's aria-label; the capture is the conversation's name. */
  conversation: {
    en: /^Conversation with (.+)$/,
    de: /^Unterhaltung mit (.+)$/,
    fr: /^Conversation avec (.+)$/,
    es: /^Conversación con (.+)$/,
    it: /^Conversazione con (.+)$/,
    pt: /^Conversa com (.+)$/,
    nl: /^Gesprek met (.+)$/,
    tr: /^(.+) ile sohbet$/,
    pl: /^Rozmowa z (.+)$/,
  },
  /** The heading above your own messages. */
  youSent: {
    en: 'You sent',
    de: 'Du hast gesendet',
    fr: 'Vous avez envoyé',
    es: 'Enviaste',
    it: 'Hai inviato',
    pt: 'Você enviou',
    nl: 'Je hebt verzonden',
    tr: 'Gönderdin',
    pl: 'Wysłano',
  },
} as const;

/** Single-segment paths that are app routes, not profiles (ekko src/content/instagram.ts RESERVED_PATHS). */
export const INSTAGRAM_RESERVED_PATHS: ReadonlySet<string> = new Set([
  'about',
  'accounts',
  'api',
  'blog',
  'challenge',
  'create',
  'developer',
  'direct',
  'download',
  'emails',
  'explore',
  'legal',
  'oauth',
  'p',
  'press',
  'privacy',
  'reel',
  'reels',
  'stories',
  'terms',
  'tv',
  'web',
]);

/** Instagram usernames: letters, digits, dot and underscore, at most 30. */
export const INSTAGRAM_HANDLE = /^[a-z0-9._]{1,30}$/i;

/** The signals each part is found by; ids are what drift reports name. */
export const INSTAGRAM_SIGNALS = {
  participant: {
    /** The topmost visible single-segment profile link in <main>; its first text line is the name. */
    'profile-link': { kind: 'structure', sources: [`${EKKO}/blob/main/docs/ADAPTERS.md`], date: '2026-07-12' },
    /** The name inside "Conversation with <name>" (gone on some accounts in 2026: unsender PR #86). */
    'conversation-label': {
      kind: 'label',
      sources: [`${UNSENDER}/blob/main/src/ui/default/dom-lookup.js`, `${UNSENDER}/pull/86`],
      date: '2026-04-07',
    },
  },
  messages: {
    /** The rows under the labelled conversation container's first scroller. */
    'conversation-label': {
      kind: 'label',
      sources: [`${UNSENDER}/blob/main/src/ui/default/dom-lookup.js`],
      date: '2026-04-07',
    },
    /** The rows under the scroller nearest the newest message content, found without any label. */
    'content-scroller': {
      kind: 'layout',
      sources: [`${UNSENDER}/issues/84`, `${UNSENDER}/pull/81`],
      date: '2026-04-07',
    },
  },
  composer: {
    /** The bottom-most visible text box labelled like a composer (LABELS.composer). */
    'composer-label': { kind: 'label', sources: [`${EKKO}/blob/main/src/content/instagram.ts`], date: '2026-07-18' },
    /** The bottom-most visible text box running Lexical. */
    'lexical-hook': {
      kind: 'data-hook',
      sources: ['https://github.com/facebook/lexical/blob/main/packages/lexical/src/LexicalEditor.ts'],
      date: '2026-07-18',
    },
  },
} as const satisfies SignalTable;

// ---- the conversation list (issue #16) ------------------------------------------------------------

const SAFARI_NOTES = 'https://github.com/IsaiahDupree/Safari_Automations';

/**
 * The inbox list inside <main>, on /direct/inbox/ and beside an open thread. Rows carry no link: a row is
 * known by its avatar's alt text ("<handle>'s profile picture", as the nav rail's own avatar).
 */
export const INSTAGRAM_INBOX = {
  list: '[role="list"]',
  row: ':scope > [role="listitem"]',
  /** A list of conversations holds buttons with avatars (structure, independent of the label). */
  rowStructure: '[role="listitem"] [role="button"] img[alt]',
  /** The row's texts: the name first, then the preview line ("You: See you then"). */
  text: '[role="button"] span[dir="auto"]',
  avatar: 'img[alt]',
  time: 'abbr',
  active: '[aria-current="true"], [aria-current="page"]',
} as const;

/** Localized labels of the list (English as the sources show it; the others unverified). */
export const INSTAGRAM_INBOX_LABELS = {
  list: { en: 'Conversations', de: 'Unterhaltungen', fr: 'Conversations', es: 'Conversaciones', it: 'Conversazioni' },
  /** The preview's start when the last message was mine. */
  you: { en: 'You:', de: 'Du:', fr: 'Vous :', es: 'Tú:', it: 'Tu:', pt: 'Você:', nl: 'Jij:', tr: 'Sen:', pl: 'Ty:' },
  unread: { en: 'Unread', de: 'Ungelesen', fr: 'Non lu', es: 'No leído', it: 'Da leggere' },
  /** The avatar's alt text; the capture is the handle. */
  avatar: {
    en: /^(.+)'s profile picture$/,
    de: /^Profilbild von (.+)$/,
    fr: /^Photo de profil de (.+)$/,
    es: /^Foto del perfil de (.+)$/,
  },
} as const;

/** The signals of the list's parts (ids as the adapter names them). */
export const INSTAGRAM_INBOX_SIGNALS = {
  list: {
    'list-label': {
      kind: 'label',
      sources: ['tests/fixtures/instagram/inbox.html'],
      date: '2026-12-01',
      unverified: true,
    },
    'list-structure': { kind: 'structure', sources: [`${EKKO}/blob/main/docs/ADAPTERS.md`], date: '2026-07-12' },
  },
  row: {
    /** "3h", "22w" and the "You:" prefix (selector notes, 2026-01-31). */
    'time-and-you': { kind: 'label', sources: [SAFARI_NOTES], date: '2026-01-31' },
    'unread-label': { kind: 'label', sources: [SAFARI_NOTES], date: '2026-01-31', unverified: true },
  },
} as const satisfies Record<string, Record<string, SignalSpec>>;
