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
]);
export type ErrorReason = z.infer<typeof ErrorReasonSchema>;
export const ErrorDetailSchema = z.strictObject({
  reason: ErrorReasonSchema,
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

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

/** A zod failure as one readable line per problem: `templates.3.body: Too big: expected string to have <=20000 characters`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
