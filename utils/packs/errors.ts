import { DomainError, type ErrorDetail } from '../errors';

export type PackErrorReason =
  /** A pack file (or its source) that cannot be imported: nothing was written. */
  | 'pack-refused'
  /** A selection or description that cannot be exported. */
  | 'export-refused'
  /** A pack URL (or where it redirects to) that may not be fetched. */
  | 'url-refused'
  /** A pack imported from a file has no URL to update from. */
  | 'not-updatable'
  /** The pack's server says it is gone (404, 410). */
  | 'pack-gone'
  /** No such installed pack. */
  | 'not-installed'
  /** A template of the request no longer exists. */
  | 'template-gone'
  /** The pack's server could not be reached or answered something unusable. */
  | 'server-unreachable';

/** The message is for developers; the detail (required) is what the UI words in its language. */
export class PackError extends DomainError<PackErrorReason> {
  override name = 'PackError';
  constructor(
    reason: PackErrorReason,
    message: string,
    override readonly detail: ErrorDetail,
  ) {
    super(reason, message, detail);
  }
}
