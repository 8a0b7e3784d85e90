import { z } from 'zod';

export const RpcErrorCodeSchema = z.enum([
  /** The payload failed validation (on either end). */
  'invalid',
  /** The caller may not make this call (e.g. a content script asking for a delete). */
  'forbidden',
  /** No such record. */
  'not-found',
  /** The disk is full: nothing was written. */
  'quota',
  /** The background did not answer in time or could not be reached. */
  'unreachable',
  /** Anything else, with its message. */
  'internal',
]);
export type RpcErrorCode = z.infer<typeof RpcErrorCodeSchema>;

/**
 * Why a call was refused, where the UI says it in its own words (`error.<reason>` in
 * utils/i18n/strings.ts, English and German); the message stays the readable fallback.
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

/** The one error type every call rejects with: a code to branch on and a message a person can read. */
export class RpcError extends Error {
  override name = 'RpcError';
  constructor(
    readonly code: RpcErrorCode,
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
