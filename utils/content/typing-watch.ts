import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { reportTyping } from '../messaging/content-client';

/** At most one "typing" report per this interval: the background keeps "replying" for 8 s after each. */
const TYPING_REPORT_MS = 3_000;

/**
 * Team mode's "is replying": input events in an editable element of the page (a composer is a textarea
 * or a contenteditable; search boxes are <input>s and do not count). Only that typing happened is
 * reported, never what was typed: the event's text is not read. The background ties it to the tab's
 * open conversation and ignores it when no team is joined.
 */
export function watchTyping(ctx: ContentScriptContext, report: () => Promise<void> = reportTyping): void {
  let lastReport = 0;
  ctx.addEventListener(
    document,
    'input',
    (event) => {
      // composedPath: a composer inside a shadow root (LinkedIn's overlay) reaches document retargeted.
      const target = event.composedPath()[0];
      if (!(target instanceof HTMLElement) || !(target instanceof HTMLTextAreaElement || target.isContentEditable)) {
        return;
      }
      const now = Date.now();
      if (now - lastReport < TYPING_REPORT_MS) return;
      lastReport = now;
      report().catch(() => undefined);
    },
    { capture: true },
  );
}
