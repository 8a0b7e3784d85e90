import { browser } from 'wxt/browser';
import { emptySnapshot } from '../platforms/toolkit/snapshot';
import type { InboxReport, PageSnapshot } from '../platforms/types';
import { CONTENT_CHECKS } from './content-checks';
import type { PanelFrameLabels } from './protocol';
import { isNoReceiver } from './wake';

/** A refused report's URL is kept only when it is this short (the schema allows 4,000); else its origin. */
const KEPT_URL_LENGTH = 2000;

/**
 * What replaces a report the background refused (a 5,000-character URL, a name beyond the schema's
 * limits): the page is a conversation page, but which conversation it shows cannot be said. The panel
 * then says "cannot read this conversation" instead of keeping the previous one on screen. The reason is
 * the background's validation message: field paths and limits, never a value from the page.
 */
export function unreadableSnapshot(refused: PageSnapshot, reason: string): PageSnapshot {
  const url = String(refused.url);
  const kept = new URL(url.length <= KEPT_URL_LENGTH ? url : new URL(url).origin);
  return {
    ...emptySnapshot(refused.platform, kept, refused.state === 'not-messages' ? 'not-messages' : 'thread'),
    drift: [
      { part: 'thread', health: 'missing', failedSignals: [`report refused: ${reason}`.slice(0, 100)], skeleton: '' },
    ],
  };
}

/** One call of a zod-free script's (a content script's, the panel's first); a stopped worker being woken up gets one retry. */
export async function request(
  name:
    | 'page.report'
    | 'inbox.report'
    | 'panel.register'
    | 'panel.claim'
    | 'shortcuts.list'
    | 'shortcuts.expand'
    | 'shortcuts.failed',
  input: unknown,
): Promise<unknown> {
  const message = () => browser.runtime.sendMessage({ kind: 'dms.rpc', name, input });
  try {
    return await message();
  } catch (error) {
    if (!isNoReceiver(error)) throw error;
    return message();
  }
}

const send = async (snapshot: PageSnapshot) =>
  CONTENT_CHECKS.ReportAnswer.parse(await request('page.report', snapshot));

/**
 * Hands the background the key of the panel this top frame creates (utils/messaging/panel-keys.ts); the
 * answer is the words of the frame's controls in the person's language.
 */
export async function registerPanel(key: string): Promise<PanelFrameLabels> {
  const answer = CONTENT_CHECKS.RegisterAnswer.parse(await request('panel.register', { key }));
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

/**
 * The content script's one call to the background. Kept apart from the full RPC client so that content
 * scripts carry neither the whole protocol nor full zod; the background validates the snapshot with
 * the full PageSnapshotSchema. A snapshot it refuses as invalid is replaced by an unreadable one.
 */
export async function reportPage(snapshot: PageSnapshot): Promise<{ subFrameSurface: boolean }> {
  let answer = await send(snapshot);
  if (!answer.ok && answer.error.code === 'invalid') {
    console.warn('DM Sidekick: the page could not be read:', answer.error.message);
    answer = await send(unreadableSnapshot(snapshot, answer.error.message));
  }
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

/** The page's conversation list changed (issue #16): its rows go to the background, which merges them. */
export async function reportInbox(report: InboxReport): Promise<void> {
  const answer = CONTENT_CHECKS.InboxAnswer.parse(await request('inbox.report', report));
  if (!answer.ok) throw new Error(answer.error.message);
}

/** Team mode: the composer saw typing (never what was typed); the background decides whether it matters. */
export async function reportTyping(): Promise<void> {
  await browser.runtime.sendMessage({ kind: 'dms.rpc', name: 'team.typing', input: null });
}
