import { WordedError } from '../errors';

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

export class DbError extends WordedError<DbErrorReason> {
  override name = 'DbError';
}
