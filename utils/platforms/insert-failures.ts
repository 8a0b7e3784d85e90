/**
 * Why an insert wrote nothing (or not exactly what was asked), as reason codes: the UI words each
 * (`insert.<reason>` in utils/i18n/strings.ts). Zod-free, for the content scripts' side of the wire too.
 */
export const INSERT_FAILURES = [
  'conversation-changed',
  'composer-missing',
  'composer-ambiguous',
  'not-a-thread',
  'verify-failed',
] as const;
export type InsertFailure = (typeof INSERT_FAILURES)[number];
