import { DomainError, type ErrorDetail } from '../errors';

export type SlaErrorReason =
  /** A reminder time that is malformed, does not exist (a DST gap) or lies in the past. */
  | 'reminder-time'
  /** The conversation to snooze or remind about is not stored. */
  | 'conversation-gone';

/** The message is for developers; the detail (required) is what the UI words in its language. */
export class SlaError extends DomainError<SlaErrorReason> {
  override name = 'SlaError';
  constructor(
    reason: SlaErrorReason,
    message: string,
    override readonly detail: ErrorDetail,
  ) {
    super(reason, message, detail);
  }
}
