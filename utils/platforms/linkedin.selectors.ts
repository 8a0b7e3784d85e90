/**
 * Everything the LinkedIn adapter knows about its messaging page and overlay windows, in one place:
 * selectors and the signals each part is found by, with the public source and date of the DOM they
 * describe (research: docs/platforms/linkedin.md; nothing was checked on a logged-in page). The BEM
 * classes (msg-*) are one signal per part, never the only one: LinkedIn rolls out a UI with hashed class
 * names to some accounts at a time (https://github.com/jordwest/news-feed-eradicator/issues/362,
 * https://github.com/njelich/LinkOff/issues/82), where roles, aria and structure must carry the read.
 */
import type { SignalSpec, SignalTable } from './toolkit/signals';

const BRISKINE = 'https://github.com/Briskine/briskine/blob/master/src/content/plugins/linkedin.js';
/** The invitation note's sources are anonymous tools' code: summarised there. */
const LINKEDIN_DOC = 'docs/platforms/linkedin.md';

/** One kind of conversation surface: the messaging page's thread, an overlay chat window, or an invitation's note. */
export interface LinkedinSurfaceKind {
  scope: string;
  name: string;
}

/** A message's element: its BEM class, else its event urn. */
const MESSAGE = '.msg-s-event-listitem, [data-event-urn]';

export const LINKEDIN_SELECTORS = {
  // Thread URLs /messaging/thread/<id>/ (ids URL-encoded, with - and =) are parsed by routeOf() in sites.ts.
  /** Public profile links /in/<slug>/. */
  profilePath: /^\/in\/([^/?#]+)\/?$/,
  profileLink: 'a[href*="/in/"]',

  /** Overlays may render inside this element's open shadow root (several public tools, April 2026, unverified). */
  interopOutlet: '#interop-outlet[data-testid="interop-shadowdom"]',

  page: {
    // Briskine plugins/linkedin.js getToName thread scope and name fallbacks, tested on saved pages (2026).
    scope: '.msg-thread',
    name: '.msg-entity-lockup__entity-title',
  },
  overlay: {
    // One chat window at the bottom of any page (several public tools, 2025-2026).
    scope: '.msg-overlay-conversation-bubble',
    name: '.msg-overlay-bubble-header__title',
  },
  /** A collapsed window shows only its header and cannot be typed in. */
  minimizedOverlay: 'msg-overlay-conversation-bubble--is-minimized',
  /** Overlays do not change the URL; each window links to its thread. */
  threadLink: 'a[href*="/messaging/thread/"]',
  /** The title of a window for a message not yet sent to anyone: not a participant (Briskine). */
  newMessageTitle: /^New message$/i,
  /** The conversation's heading: structure, independent of class names. */
  heading: 'h2',

  messageList: '.msg-s-message-list',
  /** One list item per event (.msg-s-message-list__event): structure, so hashed class names read alike. */
  event: 'li',
  /** The message inside an event: its BEM class, else its event urn. */
  eventItem: '.msg-s-event-listitem',
  /** Messages from the other side carry this modifier; yours do not. */
  inboundModifier: 'msg-s-event-listitem--other',
  eventUrnAttribute: 'data-event-urn',
  eventUrn: '[data-event-urn]',
  /**
   * Times, by element: inside a message, the group's time (time.msg-s-message-group__timestamp, next to the
   * sender's name); outside it, the day heading ("Today", "Mon": .msg-s-message-list__time-heading). Both are
   * shown once and carried forward.
   */
  time: 'time',
  /** A day heading: a <time> outside any message (by its BEM class or its urn); a group's time is one inside. */
  dayHeading: `time:not(:is(${MESSAGE}) time)`,

  /**
   * A profile's invitation dialog once "Add a note" was chosen (tests/fixtures/linkedin/profile-invite.html has
   * the sources): a dialog holding the note, in the interop outlet's shadow root or the document. Its person is
   * the profile's (the page's /in/<slug>/ and its top card heading, h1, h2 on some accounts since 2026-09).
   */
  invite: { scope: '[role="dialog"]', name: 'main h1, main section:first-of-type h2' },
  /** The profile's Connect control names its person: "Invite Anna Berger to connect". */
  inviteLabel: /^Invite (.+) to connect$/,
  inviteControl: '[aria-label^="Invite "][aria-label$=" to connect"]',
  /** The note: a plain textarea (Enter is a new line; only the dialog's Send sends). */
  inviteNote: 'textarea#custom-message, textarea[name="message"]',
  noteById: 'textarea#custom-message',
  noteByName: 'textarea[name="message"]',

  /** A custom contenteditable, not Quill (Briskine isMessageEditor, 2026). */
  composer: 'div.msg-form__contenteditable[contenteditable="true"][role="textbox"]',
  composerByStructure: 'form [contenteditable="true"][role="textbox"]',
  /** An InMail form has a subject line (several recruiting tools, 2026, unverified). */
  inmailSubject: ['input[name="subject"]', '.msg-form__subject'],
} as const satisfies Record<string, unknown> & {
  page: LinkedinSurfaceKind;
  overlay: LinkedinSurfaceKind;
  invite: LinkedinSurfaceKind;
};

/** The signals each part is found by; ids are what drift reports name. */
export const LINKEDIN_SIGNALS = {
  participant: {
    /**
     * The title's BEM class (page: entity lockup; overlay: bubble header). On an invitation: the Connect
     * control's label "Invite <Name> to connect".
     */
    'title-class': { kind: 'data-hook', sources: [BRISKINE, LINKEDIN_DOC], date: '2026-03-01' },
    /**
     * The heading tied to a /in/<slug>/ link (link around it or inside it), outside the message list. On an
     * invitation: the heading of the profile's top card, the page being that profile.
     */
    'profile-heading': { kind: 'structure', sources: [BRISKINE, LINKEDIN_DOC], date: '2026-03-01' },
  },
  messages: {
    /** The list's BEM class. */
    'list-class': { kind: 'data-hook', sources: [BRISKINE], date: '2026-03-01' },
    /** The list holding the items that carry an event urn. */
    'event-urns': { kind: 'data-hook', sources: [BRISKINE], date: '2026-03-01', unverified: true },
  },
  composer: {
    /** The message editor's BEM class. On an invitation: the note's id, custom-message. */
    'composer-class': { kind: 'data-hook', sources: [BRISKINE, LINKEDIN_DOC], date: '2026-03-01' },
    /** The one contenteditable text box inside the surface's form. On an invitation: its textarea "message". */
    'form-textbox': { kind: 'structure', sources: [BRISKINE, LINKEDIN_DOC], date: '2026-03-01' },
  },
} as const satisfies SignalTable;

// ---- the conversation list (issue #16) ------------------------------------------------------------

const LINKEDIN_MCP_413 = 'https://github.com/stickerdaniel/linkedin-mcp-server/pull/413';

/**
 * The messaging page's conversation list. Its rows carry no link, no thread id and no urn (PR #413,
 * 2026-05): a row is known by the name and the avatar it shows. BEM classes are one signal, structure
 * (a list of items with a heading and a <time>) the other.
 */
export const LINKEDIN_INBOX = {
  listClass: '.msg-conversations-container__conversations-list',
  listStructure: 'ul',
  row: ':scope > li',
  nameClass: '.msg-conversation-listitem__participant-names, .msg-conversation-card__participant-names',
  heading: 'h3',
  avatar: 'img[alt]',
  snippet: '.msg-conversation-card__message-snippet',
  time: 'time',
  unreadClass: '.msg-conversation-card__convo-item-container--unread',
  unreadBadge: '.notification-badge--show',
  active: '.msg-conversations-container__convo-item-link--active, [aria-current="page"], [aria-current="true"]',
} as const;

/** Localized labels of the list (English as the sources show it; the others unverified). */
export const LINKEDIN_INBOX_LABELS = {
  you: { en: 'You:', de: 'Sie:', fr: 'Vous :', es: 'Tú:', it: 'Tu:', pt: 'Você:', nl: 'U:' },
} as const;

export const LINKEDIN_INBOX_SIGNALS = {
  list: {
    'list-class': { kind: 'data-hook', sources: [BRISKINE], date: '2026-03-01', unverified: true },
    'list-structure': { kind: 'structure', sources: [LINKEDIN_MCP_413], date: '2026-05-01' },
  },
  name: {
    'name-class': { kind: 'data-hook', sources: [BRISKINE], date: '2026-03-01', unverified: true },
    heading: { kind: 'structure', sources: [LINKEDIN_MCP_413], date: '2026-05-01' },
    'avatar-alt': { kind: 'label', sources: [LINKEDIN_MCP_413], date: '2026-05-01', unverified: true },
  },
} as const satisfies Record<string, Record<string, SignalSpec>>;
