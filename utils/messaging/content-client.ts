import { browser } from 'wxt/browser';
import type { PageSnapshot } from '../platforms/types';
import { ReportAnswerSchema } from './page-commands';
import { isNoReceiver } from './wake';

/**
 * The content script's one call to the background. Kept apart from the full RPC client so that content
 * scripts carry neither the whole protocol nor full zod; the background validates the snapshot with
 * the full PageSnapshotSchema.
 */
export async function reportPage(snapshot: PageSnapshot): Promise<{ subFrameSurface: boolean }> {
  const send = () => browser.runtime.sendMessage({ kind: 'dms.rpc', name: 'page.report', input: snapshot });
  let raw: unknown;
  try {
    raw = await send();
  } catch (error) {
    if (!isNoReceiver(error)) throw error;
    raw = await send();
  }
  const answer = ReportAnswerSchema.parse(raw);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}
