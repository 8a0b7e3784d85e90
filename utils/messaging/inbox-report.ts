import type { InboxReport } from '../platforms/types';
import { RpcError } from './errors';
import { platformOfUrl } from './page-report';
import type { CallContext } from './server';

/**
 * A content script's report of its conversation list (issue #16). Checked against its sender as page
 * reports are (a frame on x.com cannot speak for Instagram's list), then merged (`merge`).
 */
export async function handleInboxReport<T>(
  report: InboxReport,
  { url }: CallContext,
  merge: (report: InboxReport) => Promise<T>,
): Promise<T> {
  if (platformOfUrl(url) !== report.platform) {
    throw new RpcError('forbidden', `A ${report.platform} list from a page that is not on ${report.platform}.`);
  }
  return merge(report);
}
