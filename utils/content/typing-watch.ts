import { reportTyping } from '../messaging/content-client';
import { composerHolding, focusedComposer } from '../platforms/editors/trigger';
import type { PlatformAdapter } from '../platforms/types';
import type { SidekickContext } from './private-context';

/** At most one "typing" report per this interval: the background keeps "replying" for 8 s after each. */
const TYPING_REPORT_MS = 3_000;

/**
 * Team mode's "is replying": input events in the adapter's composer, and in no other field of the page
 * (a post editor, a search box or a comment field is not a reply to the conversation). The composer is
 * found when focus enters it, as the shortcuts find it, so a keystroke costs no page read. Only that
 * typing happened is reported, never what was typed: the event's text is not read. The background ties
 * it to the tab's open conversation and ignores it when no team is joined.
 */
export function watchTyping(
  ctx: SidekickContext,
  adapter: PlatformAdapter,
  report: () => Promise<void> = reportTyping,
): void {
  let lastReport = 0;
  let composer = focusedComposer(adapter, document);
  // composedPath: a composer inside a shadow root (LinkedIn's overlay) reaches document retargeted.
  const targetOf = (event: Event) => {
    const target = event.composedPath()[0];
    return target instanceof Node ? target : null;
  };
  ctx.addEventListener(
    document,
    'focusin',
    (event) => {
      const focused = targetOf(event);
      if (focused && !composer?.contains(focused))
        composer = composerHolding(adapter.composerAccess?.(document), focused);
    },
    { capture: true },
  );
  ctx.addEventListener(
    document,
    'input',
    (event) => {
      const target = targetOf(event);
      if (!target || !composer?.isConnected || !composer.contains(target)) return;
      const now = Date.now();
      if (now - lastReport < TYPING_REPORT_MS) return;
      lastReport = now;
      report().catch(() => undefined);
    },
    { capture: true },
  );
}
