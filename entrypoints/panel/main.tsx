import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ClaimOutcome } from '@/components/panel/handshake';
import { NotOurPanel } from '@/components/panel/NotOurPanel';
import { PanelApp } from '@/components/panel/PanelApp';
import { subscribe } from '@/utils/messaging/live-client';
import '@/components/styles.css';

/** How long a frame without a key waits for one before it says it shows nothing. */
const KEY_WAIT_MS = 3000;
/** How long the painted name waits for the app's own context before the app renders without it. */
const CONTEXT_WAIT_MS = 1000;

/**
 * The panel app, loaded by the panel's first script (first-paint.ts), which has made the handshake's claims
 * meanwhile: the returned function takes each claim's outcome, from the first on.
 */
export function startPanel(): (outcome: ClaimOutcome) => void {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from panel.html');
  const app = createRoot(root);
  let showing = false;
  return (outcome) => {
    if (showing) return;
    if ('refused' in outcome) {
      // Our own frame's key follows its first load within moments: no flash of the refusal before it.
      if (outcome.refused === 'no-key') setTimeout(() => showing || app.render(<NotOurPanel />), KEY_WAIT_MS);
      else app.render(<NotOurPanel />);
      return;
    }
    showing = true;
    // The panel's first questions, asked before React starts rendering: the panel's own subscriptions join
    // these (live-client shares one per query) and often find the answer waiting. They last as long as the
    // panel does, as the panel's own would.
    const contextIn = new Promise<void>((resolve) => {
      subscribe(
        'panel.context',
        null,
        () => resolve(),
        () => resolve(),
      );
      setTimeout(resolve, CONTEXT_WAIT_MS);
    });
    subscribe('settings', null, () => {});
    subscribe('templates.all', null, () => {});
    subscribe('tags.all', null, () => {});
    const render = () =>
      app.render(
        <StrictMode>
          <PanelApp />
        </StrictMode>,
      );
    // A name already painted (first-paint.ts) stays until the app's first render shows it too: never the
    // product's name for a moment in between.
    if (outcome.claimed.heading) void contextIn.then(render);
    else render();
  };
}
