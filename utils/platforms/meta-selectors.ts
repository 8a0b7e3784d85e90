/**
 * Everything the Instagram and Facebook Messenger adapters know about the pages, in one place: the
 * selectors, the localized labels (per language) and the patterns, each with the date and public source
 * of the DOM it describes (summarised in shared/research/platform-pages-2026.md §2, §3; nothing here was
 * checked against a logged-in page). Ranking: the URL first (sites.ts), then roles, structure and
 * localized labels, then data-* hooks; never Meta's generated atomic class names (x1…), which change
 * with every deploy.
 */

/**
 * Time separators between groups of messages: a clock time or a numeric date. Instagram "8/24/25, 3:36 PM",
 * "Thu 6:14 PM", "12:56 PM" (IsaiahDupree/Safari_Automations selector notes, 2026-01-31); Messenger's
 * separator rows are assumed to read alike ("Today 14:02", unverified: its hidden per-message labels carry
 * the time anyway).
 */
export const TIME_SEPARATOR = /\d{1,2}[:.]\d{2}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}/;

// ─── Instagram (www.instagram.com/direct/…) ─────────────────────────────────────────────────────────

export const INSTAGRAM_SELECTORS = {
  /**
   * The app's content area. On desktop the nav rail, which holds your own profile link, lies outside it.
   * useekko/ekko-core docs/ADAPTERS.md, verified live 2026-07-12.
   */
  main: 'main',
  /**
   * Profile links. The peer's is the topmost one whose href is a single path segment; its first text
   * line is the display name (the aria-label is localized: do not parse it). Instagram dropped the DM
   * <header> and div[role=grid]. useekko/ekko-core src/content/instagram.ts and docs/ADAPTERS.md, 2026-07-12/18.
   */
  profileLink: 'a[role="link"][href]',
  /**
   * Labelled containers; the conversation is the one labelled like "Conversation with <name>"
   * (CONVERSATION_LABELS). thoughtsunificator/instagram-dm-unsender src/ui/default/dom-lookup.js, 2026-04-07.
   */
  labelledContainer: 'div[aria-label]',
  /**
   * Text boxes: the composer, but search and story replies too, so the composer is the bottom-most visible
   * one in <main> (useekko/ekko-core SELECTORS.composer, 2026-07-18) among those labelled like a composer,
   * or running Lexical (data-lexical-editor, idx 52606757329) where the label's language is not in the table.
   */
  textbox: '[role="textbox"][contenteditable="true"]',
  lexicalEditor: '[data-lexical-editor="true"]',
  /**
   * Inside the conversation, the first scrollable element holds the rows as the children of one inner
   * container; a row with message content has [role=none] or [role=presentation] in it; your own rows
   * have a nested justify-content:flex-end (read through computed style). instagram-dm-unsender, 2026-04-07.
   */
  messageContent: '[role="none"], [role="presentation"]',
  /** Headings inside a row: "You sent" above your own messages. rayguang6/AIA-closingbot-ig content.js, 2025-08-06. */
  rowHeading: 'h5, h6',
} as const;

/**
 * Localized labels, per language. English is what the sources show; other languages are listed where
 * the issue gives the string (unverified). A label in a language missing here makes the adapter fall back
 * to structure (the profile link for the name, the Lexical hook for the composer), never to a guess.
 */
export const INSTAGRAM_LABELS = {
  /** The composer's aria-label. */
  composer: { en: 'Message', de: 'Nachricht' },
  /** The conversation container's aria-label; the capture is the conversation's name. */
  conversation: { en: /^Conversation with (.+)$/ },
  /** The heading above your own messages. */
  youSent: { en: 'You sent' },
} as const;

/**
 * Single-segment paths that are app routes, not profiles. useekko/ekko-core src/content/instagram.ts
 * RESERVED_PATHS (2026-07-18).
 */
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

// ─── Facebook Messenger (www.facebook.com/messages/…, chat pop-ups on any facebook.com page) ───────

export const FACEBOOK_SELECTORS = {
  /**
   * The open conversation of /messages/t/<id>/ lives inside [role=main] (the chat list is outside it).
   * useekko/ekko-core src/content/messenger.ts, verified live 2026-07-12; labelled "Conversation …"
   * (brbavar/katex-for-messenger-web main.js, 2025). On other pages [role=main] is the feed.
   */
  main: '[role="main"]',
  /**
   * The message list: [role=grid] in the conversation (bankjaneo/caprine source/browser/selectors.ts,
   * 2026-04-27; labelled "Messages in conversation …", katex-for-messenger-web), [role=log] on facebook.com.
   */
  messageList: '[role="grid"], [role="log"]',
  /** Rows; a message row holds a messages_table cell. theahura/shoot-the-messenger main.js, 2026-03-04. */
  row: '[role="row"]',
  messageRow: '[role="row"]:has([data-scope="messages_table"])',
  /**
   * The composer: Lexical, [contenteditable=true][role=textbox] (ekko messenger.ts, live 2026-07-12), inside
   * div[aria-label="Thread composer"] (idx 53572032617, katex-for-messenger-web; localized: COMPOSER_AREA).
   * Chat pop-ups are the other composers outside [role=main]: each pop-up is the smallest element around
   * its composer that also holds a message list (Briskine scopes pop-ups the same way, by container).
   */
  textbox: '[contenteditable="true"][role="textbox"]',
  /** Links to profiles (facebook.com/<vanity or id>, profile.php?id=): the peer's global id. ekko messenger.ts. */
  link: 'a[href]',
  /** A message's text (ekko messenger.ts textSpan, 2026-07-12): part of its key's digest. */
  bubble: '[dir="auto"]',
  /** The conversation's title (a group's name when no single profile is linked); katex-for-messenger-web .html-h2. */
  title: 'h2',
} as const;

/** Localized labels, per language (see INSTAGRAM_LABELS for how missing languages are handled). */
export const FACEBOOK_LABELS = {
  /** The wrapper around the composer. */
  composerArea: { en: 'Thread composer' },
  /**
   * The composer's accessible name names the peer (idx 63518873092 "Write to <name>", ekko test "Écrire à …",
   * idx 69092892452 "发消息给<name>"; de as the issue gives it, unverified). In pop-ups it is plain "Message".
   */
  writeTo: { en: /^Write to (.+)$/, de: /^Schreib an (.+)$/, fr: /^Écrire à (.+)$/, zh: /^发消息给(.+)$/ },
  /**
   * The hidden label of every message: "Message sent 14:03 by <name>: <text>", "by You" for yours
   * (idx 63518873092, "verified on live sessions", 2025–26). Captures: time, sender.
   */
  messageSent: { en: /Message sent (.+?) by (.+?): / },
  /** The sender named in messageSent for your own messages. */
  you: { en: 'You' },
} as const;

/**
 * facebook.com paths with one segment that are not profiles (ekko messenger.ts RESERVED_FB, 2026-07-12,
 * plus the site's other top-level sections).
 */
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
