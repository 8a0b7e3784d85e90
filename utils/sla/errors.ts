import { WordedError } from '../errors';

export type SlaErrorReason =
  /** A reminder time that is malformed, does not exist (a DST gap) or lies in the past. */
  | 'reminder-time'
  /** The conversation to snooze or remind about is not stored. */
  | 'conversation-gone';

export class SlaError extends WordedError<SlaErrorReason> {
  override name = 'SlaError';
}
