import { WordedError } from '../errors';

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

export class PackError extends WordedError<PackErrorReason> {
  override name = 'PackError';
}
