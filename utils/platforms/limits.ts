/**
 * The length limits of a page report, as plain numbers: the schemas in `types.ts` enforce them in the
 * background, and `toolkit/snapshot.ts` shortens to them in the content script, which must not bundle
 * full zod for it (reading them off the schemas put ≈20 KB gzip into every content script).
 */
export const REPORT_LIMITS = {
  url: 4000,
  threadId: 500,
  surface: 500,
  name: 300,
  handle: 300,
  profileUrl: 2000,
  key: 200,
  timeLabel: 100,
  language: 35,
  signal: 100,
  signals: 20,
  skeleton: 20_000,
  drift: 6,
  /** Inbox list reports (issue #16): rendered rows per report, and a row's avatar path shape. */
  inboxRows: 100,
  avatarShape: 300,
} as const;
