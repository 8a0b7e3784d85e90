import { z } from 'zod';

/**
 * Why something was refused, where the UI says it in its own words (`error.<reason>` in
 * utils/i18n/strings.ts, English and German); the error's message stays the readable fallback.
 */
export const ErrorReasonSchema = z.enum([
  /** values: name, limitMb: a chosen file is over the limit of its kind (checked before sending). */
  'file-too-large',
  /** values: name: a chosen file is not UTF-8 text. */
  'file-not-utf8',
  /** values: table, row, other, key: two rows of a backup share a value that must be unique. */
  'backup-clash',
  /** values: table, row, id: two rows of one table share an id. */
  'backup-duplicate-id',
  /** values: table, row, field, id: a row points at a record that is neither in the backup nor here. */
  'backup-dangling',
  /** values: url: a pack URL redirects to a plain http:// (or otherwise refused) address. */
  'redirect-refused',
  /** values: url: the browser hides where a pack URL redirects to. */
  'redirect-hidden',
  /** values: none: a job of this kind (a restore) is still running. */
  'job-running',
  /** values: none: the worker was stopped during a job, whose transaction was rolled back. */
  'job-interrupted',
  // ---- the database (utils/db) ----
  /** values: name: a tag of that name exists already. */
  'name-taken',
  /** values: none: the record asked for is no longer stored (one reason a kind). */
  'contact-gone',
  'conversation-gone',
  'note-gone',
  'tag-gone',
  'template-gone',
  /** values: title: a template of a subscribed pack, forked rather than edited. */
  'template-locked',
  /** values: none: the default SLA policy is not one of the policies. */
  'settings-default-policy',
  /** values: none: the disk is full, nothing was written. */
  'disk-full',
  /** values: limitMb: a backup over the size limit. */
  'backup-too-large',
  /** values: none: the parts of a backup file did not all reach the background. */
  'backup-incomplete',
  /** values: key: a backup holds a key that is never allowed (__proto__, …). */
  'backup-forbidden-key',
  /** values: none: not JSON, or not a DM Sidekick backup. */
  'backup-not-backup',
  /** values: version, supported: a backup of an unknown schema version. */
  'backup-version',
  /** values: problem (the field and what is wrong with it, technical): a backup that fails its schema. */
  'backup-invalid',
  // ---- packs (utils/packs) ----
  /** values: limitMb: a pack file over the size limit. */
  'pack-too-large',
  /** values: none: a pack file that is not UTF-8 text. */
  'pack-not-utf8',
  /** values: none: not JSON, or not a DM Sidekick pack. */
  'pack-not-pack',
  /** values: key: a pack holds a key that is never allowed. */
  'pack-forbidden-key',
  /** values: version, supported: a pack of a schema version this version does not read. */
  'pack-version',
  /** values: count, limit: more templates than a pack may hold. */
  'pack-too-many-templates',
  /** values: problems (fields and what is wrong with them, technical): a pack that fails its format. */
  'pack-invalid',
  /** values: title, problem: a template of the pack that cannot be stored. */
  'pack-template-invalid',
  /** values: none: templates or the installed pack changed after the preview. */
  'pack-stale-preview',
  /** values: version, installed: a pack older than the installed one, not confirmed. */
  'pack-older',
  /** values: titles: conflicts without a choice. */
  'pack-unresolved',
  /** values: url, id, subscribed: a subscribed URL now serves another pack. */
  'pack-id-changed',
  /** values: url: a pack URL that is not https (or holds a user name or password, or is no URL). */
  'pack-url-refused',
  /** values: url, status: the pack's server says it is gone (404, 410). */
  'pack-gone',
  /** values: url: the pack's server could not be reached or answered something unusable. */
  'pack-server-unreachable',
  /** values: none: no such installed pack. */
  'pack-not-installed',
  /** values: name: a pack imported from a file has no URL to update from. */
  'pack-not-updatable',
  /** values: none: an export of nothing. */
  'export-empty',
  /** values: count, limit: more templates than a pack may hold. */
  'export-too-many-templates',
  /** values: problems (technical): the export's description or templates fail the pack format. */
  'export-invalid',
  /** values: count: templates of the selection are gone. */
  'export-templates-gone',
  // ---- reminders (utils/sla) ----
  /** values: none: a reminder in the past. */
  'reminder-past',
  /** values: none: a reminder time that is not "2026-03-30T14:30". */
  'reminder-malformed',
  /** values: time: a local time that does not exist (a DST gap, 30 February). */
  'reminder-no-such-time',
  // ---- team (utils/sync) ----
  /** values: none: a team server address that is not wss://. */
  'team-url-refused',
  /** values: none: the same in development and e2e builds, which also take ws:// to this computer. */
  'team-url-refused-loopback',
  // ---- the messaging layer ----
  /** values: none: the background did not answer in time. */
  'background-unreachable',
  // ---- the background (entrypoints/background.ts) ----
  /** values: none: a command for the page's conversation, but the tab shows none. */
  'no-open-conversation',
  /** values: none: a panel registered from a frame that is not the tab's top frame. */
  'panel-top-frame-only',
]);
export type ErrorReason = z.infer<typeof ErrorReasonSchema>;
export const ErrorDetailSchema = z.strictObject({
  reason: ErrorReasonSchema,
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

/** A detail: the reason the UI words and the values its sentence names. */
export const because = (reason: ErrorReason, values: ErrorDetail['values'] = {}): ErrorDetail => ({ reason, values });

/**
 * A refusal where it arises (the database, packs, SLA, …): a reason code of its module, a readable message
 * and, where the UI words it, a detail. Modules know nothing of messaging; the messaging layer maps the
 * reason to its RpcError code at its boundary (utils/messaging/errors.ts `toRpcError`).
 */
export class DomainError<Reason extends string = string> extends Error {
  constructor(
    readonly reason: Reason,
    message: string,
    readonly detail?: ErrorDetail,
  ) {
    super(message);
  }
}

/** A domain error whose detail is required: its message is for developers, the UI words the detail. */
export class WordedError<Reason extends string = string> extends DomainError<Reason> {
  constructor(
    reason: Reason,
    message: string,
    override readonly detail: ErrorDetail,
  ) {
    super(reason, message, detail);
  }
}

/** A zod failure as one readable line per problem: `templates.3.body: Too big: expected string to have <=20000 characters`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
