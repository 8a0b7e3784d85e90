import { DomainError, type ErrorDetail } from '../errors';

export type DbErrorReason =
  /** The record asked for is not (or no longer) stored. */
  | 'record-gone'
  /** A name that must be unique is taken (tags). */
  | 'name-taken'
  /** A template of a subscribed pack: it is forked, not edited. */
  | 'template-locked'
  /** Settings that contradict themselves. */
  | 'settings-invalid'
  /** The disk is full: nothing was written. */
  | 'disk-full'
  /** A backup file that cannot be restored: nothing was written. */
  | 'backup-refused';

/** The message is for developers; the detail (required) is what the UI words in its language. */
export class DbError extends DomainError<DbErrorReason> {
  override name = 'DbError';
  constructor(
    reason: DbErrorReason,
    message: string,
    override readonly detail: ErrorDetail,
  ) {
    super(reason, message, detail);
  }
}
