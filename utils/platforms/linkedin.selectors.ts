/**
 * Every selector the LinkedIn adapter uses, ranked URL → role/aria → data-testid → BEM classes (msg-*),
 * with the public source and date of the DOM each one describes. Nothing here was checked on a live
 * logged-in page; summary and links: shared/research/platform-pages-2026.md §4.
 */

/** One kind of conversation surface: the messaging page's thread, or an overlay chat window. */
export interface LinkedinSurfaceKind {
  scope: string;
  name: string;
  profileLink: string;
}

export const LINKEDIN_SELECTORS = {
  // Thread URLs /messaging/thread/<id>/ (ids URL-encoded, with - and =) are parsed by routeOf() in sites.ts.
  /** Public profile links /in/<slug>/ (idx 61947498803 findProfileUrl; Briskine; 2026). */
  profilePath: /^\/in\/([^/?#]+)\/?$/,

  /**
   * Overlays may render inside this element's open shadow root (idx 71374273675; button.msg-form__send-
   * button found there by idx 30384928465; the post composer too, "April 2026", idx 54291493239).
   */
  interopOutlet: '#interop-outlet[data-testid="interop-shadowdom"]',

  page: {
    // Briskine plugins/linkedin.js getToName thread scope and name fallbacks, tested on saved pages (2026).
    scope: '.msg-thread',
    name: '.msg-entity-lockup__entity-title',
    // idx 61947498803 findProfileUrl; idx 71448497065 (2026).
    profileLink: 'a.msg-thread__link-to-profile[href]',
  },
  overlay: {
    // One chat window at the bottom of any page (idx 56056236907, 43435533848; 2025-2026).
    scope: '.msg-overlay-conversation-bubble',
    // h2.msg-overlay-bubble-header__title > a (idx 5918238113; Briskine getToName; 2026).
    name: '.msg-overlay-bubble-header__title',
    profileLink: '.msg-overlay-bubble-header a[href*="/in/"]',
  },
  /** A collapsed window shows only its header and cannot be typed in (idx 43435533848). */
  minimizedOverlay: 'msg-overlay-conversation-bubble--is-minimized',
  /** Overlays do not change the URL; each window links to its thread (idx 61526230393). */
  threadLink: 'a[href*="/messaging/thread/"]',
  /** The title of a window for a message not yet sent to anyone: not a participant (Briskine). */
  newMessageTitle: /^New message$/i,

  // Messages: idx 66012784564, idx 60806292899, idx 56158420459 (2025-2026).
  messageList: '.msg-s-message-list',
  event: '.msg-s-message-list__event',
  eventItem: '.msg-s-event-listitem',
  /** Messages from the other side carry this modifier; yours do not. */
  inboundModifier: 'msg-s-event-listitem--other',
  eventUrnAttribute: 'data-event-urn',
  /** Once per group of messages: carried forward to the group's following rows. */
  groupTime: 'time.msg-s-message-group__timestamp',
  /** "Today", "Mon", "Mar 2": carried forward to the following groups. */
  dayHeading: '.msg-s-message-list__time-heading',

  /**
   * A custom contenteditable, not Quill (idx 60233021437, 71169960282; Briskine isMessageEditor, 2026).
   * Its Send button, button.msg-form__send-button, is enabled by the page's own input events.
   */
  composer: 'div.msg-form__contenteditable[contenteditable="true"][role="textbox"]',
  /** An InMail form has a subject line (several recruiting tools, e.g. idx 68483557272, 2026). */
  inmailSubject: 'input[name="subject"], .msg-form__subject',
} as const satisfies Record<string, unknown> & { page: LinkedinSurfaceKind; overlay: LinkedinSurfaceKind };
