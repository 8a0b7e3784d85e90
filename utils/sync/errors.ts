import { WordedError } from '../errors';

export type SyncErrorReason =
  /** A team server address that is not wss:// (or ws:// to this computer in test builds). */
  'server-url-refused';

export class SyncError extends WordedError<SyncErrorReason> {
  override name = 'SyncError';
}
