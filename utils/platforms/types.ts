import { z } from 'zod';
import type { ComposerAccess } from './editors/trigger';
import { INSERT_FAILURES } from './insert-failures';
import { REPORT_LIMITS } from './limits';
import { PLATFORMS, type Platform } from './sites';

/**
 * The adapter contract: what every platform adapter reads from its native page and how it writes
 * into the composer. The snapshot crosses from the content script to the background, so it is a zod
 * schema. It never carries message text: directions, time labels and opaque keys only.
 */
export const PlatformSchema = z.enum(PLATFORMS);

/**
 * found: the part's independent signals agree on exactly one match; weak: only one signal holds (the
 * value is still used, and reported as drift); missing: none; ambiguous: several candidates or the
 * signals disagree (we never guess).
 */
export const PartHealthSchema = z.enum(['found', 'weak', 'missing', 'ambiguous']);
export type PartHealth = z.infer<typeof PartHealthSchema>;

/** The parts of a conversation page that an adapter reads, each through several signals. */
export const PagePartSchema = z.enum(['thread', 'participant', 'messages', 'direction', 'timeLabel', 'composer']);
export type PagePart = z.infer<typeof PagePartSchema>;

/**
 * Local drift diagnostics (never sent anywhere): which part was weak / missing / ambiguous, the
 * signals that failed, and a censored skeleton of the region (tag names, roles, whitelisted
 * attributes; no text, no names, no ids, no URLs beyond their path shape).
 */
export const DriftReportSchema = z.strictObject({
  part: PagePartSchema,
  health: PartHealthSchema,
  failedSignals: z.array(z.string().max(REPORT_LIMITS.signal)).max(REPORT_LIMITS.signals),
  skeleton: z.string().max(REPORT_LIMITS.skeleton),
});
export type DriftReport = z.infer<typeof DriftReportSchema>;

/** Which composer the snapshot found: one per site, and on LinkedIn one per form (message, InMail, note). */
const SITE_COMPOSERS = ['instagram', 'messenger', 'x-chat', 'x-legacy'] as const;
const LINKEDIN_COMPOSERS = ['linkedin-message', 'linkedin-inmail', 'linkedin-connection-note'] as const;
export const ComposerKindSchema = z.enum([...SITE_COMPOSERS, ...LINKEDIN_COMPOSERS]);
export type ComposerKind = z.infer<typeof ComposerKindSchema>;

export const PageStateSchema = z.enum([
  /** A conversation is open and its header, message list and composer agree on it. */
  'thread',
  /** Inbox / list page: no conversation open. */
  'no-conversation',
  /** The URL names a thread but the page has not caught up yet (single-page-app switch in progress). */
  'loading',
  /** X Chat's end-to-end encryption passcode gate: stand down. */
  'passcode-required',
  /** A message request: the platform shows accept/decline instead of a composer. Stand down. */
  'message-request',
  /** Not a messaging page and no chat window open. */
  'not-messages',
]);
export type PageState = z.infer<typeof PageStateSchema>;

export const SeenMessageSchema = z.strictObject({
  /** Stable per message where the page has one (X uuid, LinkedIn event urn), else a non-reversible digest. */
  key: z.string().max(REPORT_LIMITS.key),
  direction: z.enum(['inbound', 'outbound']),
  /** The time label as the page shows it ("6:14 PM", "Thu 6:14 PM"), if any. */
  timeLabel: z.string().max(REPORT_LIMITS.timeLabel).optional(),
});
export type SeenMessage = z.infer<typeof SeenMessageSchema>;

export const ParticipantSchema = z.strictObject({
  name: z.string().min(1).max(REPORT_LIMITS.name),
  handle: z.string().max(REPORT_LIMITS.handle).optional(),
  profileUrl: z.string().max(REPORT_LIMITS.profileUrl).optional(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const PageSnapshotSchema = z.strictObject({
  platform: PlatformSchema,
  url: z.string().max(REPORT_LIMITS.url),
  state: PageStateSchema,
  threadId: z.string().max(REPORT_LIMITS.threadId).nullable(),
  /** Which surface the snapshot describes: 'page' or a pop-up / overlay window's own id. */
  surface: z.string().max(REPORT_LIMITS.surface),
  participant: ParticipantSchema.nullable(),
  /**
   * The newest rendered messages (lists are virtualized), oldest first: at most the last 100 rows
   * (`MESSAGE_WINDOW` in toolkit/rows.ts), enough for the background, which anchors on the last 64 it has seen.
   */
  messages: z.array(SeenMessageSchema).max(1000),
  composerKind: ComposerKindSchema.nullable(),
  health: z.strictObject({
    participant: PartHealthSchema,
    messages: PartHealthSchema,
    composer: PartHealthSchema,
  }),
  /** The page's language (`<html lang>`), for reading its time labels; absent when the page names none. */
  pageLanguage: z.string().max(REPORT_LIMITS.language).optional(),
  /** Parts that are not `found`, with censored skeletons (see DriftReportSchema). At most one per part. */
  drift: z.array(DriftReportSchema).max(REPORT_LIMITS.drift).optional(),
});
export type PageSnapshot = z.infer<typeof PageSnapshotSchema>;

export const InsertResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true) }),
  z.strictObject({
    ok: z.literal(false),
    /** Worded by the UI (`insert.<reason>` in utils/i18n/strings.ts). */
    reason: z.enum(INSERT_FAILURES),
    /** For the console only, never shown: what went wrong in the page (its state, the editor's error). */
    detail: z.string().max(500).optional(),
  }),
]);
export type InsertResult = z.infer<typeof InsertResultSchema>;

/**
 * One per platform, in utils/platforms/<platform>.ts. Pure reads of the host DOM plus one guarded
 * write (insertText). All selectors of a platform live in that platform's selectors file.
 */
export interface PlatformAdapter {
  readonly platform: Platform;
  /**
   * The narrowest node whose subtree changes when the conversation, its messages or its composer
   * change (may be a shadow root). `document.body` while the page is still building it. null when
   * there is nothing to watch (outside the messages area, no chat window possible): the watcher
   * then disconnects and waits for the next navigation.
   */
  observationRoot(doc: Document): Node | null;
  /** Reads the active conversation surface (the main thread, or the focused pop-up/overlay). */
  read(doc: Document, url: URL): PageSnapshot;
  /**
   * Inserts `text` at the composer's caret (replacing the selection), exactly once, and verifies by
   * reading the editor back. Inserts nothing when the active conversation is no longer
   * `expectedThreadId`. Never sends.
   */
  insertText(doc: Document, text: string, expectedThreadId: string): Promise<InsertResult>;
  /** Puts the caret back into the composer (after the panel closes with Escape). */
  focusComposer(doc: Document): boolean;
  /** What insertText would write to and with which engine: for shortcuts typed in the composer (issue #17). */
  composerAccess?(doc: Document): ComposerAccess | null;
  /** The conversation list beside the thread or on the inbox page (issue #16). */
  inbox?: InboxListReader;
}

// ---- inbox lists (issue #16) ----------------------------------------------------------------------

/**
 * One rendered row of a platform's conversation list: who, whether it is unread, whose message came
 * last and the row's time label as printed ("3h", "Mon"). Never the preview text: the adapter reads it
 * only to see whether it starts with "You:".
 */
export const InboxRowSchema = z.strictObject({
  name: z.string().min(1).max(REPORT_LIMITS.name),
  /** The thread the row links to, where the row has a link (Messenger, X). */
  threadId: z.string().min(1).max(REPORT_LIMITS.threadId).optional(),
  handle: z.string().max(REPORT_LIMITS.handle).optional(),
  /**
   * What the avatar's image path looks like with its size and signature parts blanked: with the name it
   * tells a row without link or id (LinkedIn) apart from another person of the same name.
   */
  avatarShape: z.string().max(REPORT_LIMITS.avatarShape).optional(),
  unread: z.boolean(),
  lastFrom: z.enum(['them', 'me']),
  timeLabel: z.string().max(REPORT_LIMITS.timeLabel).optional(),
  /** The list marks this row as the conversation open beside it. */
  active: z.boolean().optional(),
});
export type InboxRow = z.infer<typeof InboxRowSchema>;

export const InboxReportSchema = z.strictObject({
  platform: PlatformSchema,
  url: z.string().max(REPORT_LIMITS.url),
  pageLanguage: z.string().max(REPORT_LIMITS.language).optional(),
  rows: z.array(InboxRowSchema).max(REPORT_LIMITS.inboxRows),
  /** The conversation open beside the list (from the same read's snapshot), to link the active row to it. */
  openThread: z
    .strictObject({
      threadId: z.string().min(1).max(REPORT_LIMITS.threadId),
      name: z.string().min(1).max(REPORT_LIMITS.name),
    })
    .optional(),
});
export type InboxReport = z.infer<typeof InboxReportSchema>;

/** How an adapter reads its platform's conversation list, where one is on screen. */
export interface InboxListReader {
  /** The narrowest node whose subtree changes with the list (it may lie outside `observationRoot`). */
  root(doc: Document): Node | null;
  /** The rendered rows, top first; empty when no list is on screen. Never clicks, scrolls or focuses. */
  read(doc: Document, url: URL): InboxRow[];
}
