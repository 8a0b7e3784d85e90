/**
 * The panel's first script: small (no React, no zod), so that it runs long before the app's code would
 * have loaded (issue #18: the name shown sooner). It makes the handshake's claims
 * (components/panel/handshake.ts) and, once the frame is claimed, writes the conversation's person into
 * panel.html's static skeleton, in the place and style the app's header gives it. Then it loads the app
 * (main.tsx), which takes over.
 */
import { type ClaimOutcome, watchPanelKey } from '@/components/panel/handshake';
import { headerLabel } from '@/components/panel/header-label';
import type { PanelClaim } from '@/utils/messaging/protocol';

/**
 * How long after this document's load a frame still without its key loads the app anyway (to say it
 * shows nothing, main.tsx). The key comes at the frame's load event, a few ms later.
 */
const APP_WITHOUT_KEY_MS = 300;

/** Writes the person into the skeleton, while it is still there (the app has not rendered yet). */
function paintHeading(heading: PanelClaim['heading']) {
  const skeleton = document.querySelector('#root > .panel-skeleton');
  const name = skeleton?.querySelector('h1');
  const label = skeleton?.querySelector('.panel-skeleton-label');
  if (!heading || !name || !label) return;
  name.textContent = heading.name;
  label.textContent = headerLabel(heading.platform);
}

// Outcomes that come before the app has loaded wait for it, in order.
const early: ClaimOutcome[] = [];
let deliver: (outcome: ClaimOutcome) => void = (outcome) => early.push(outcome);
let appAsked = false;

/**
 * The app is asked for once the claim is answered, not before: compiling its 400 KB would hold up the
 * answer's task (measured: the name 13 ms later, the sections no sooner). Its content script hands over
 * the key at this frame's load event, which must not wait for the app's files either.
 */
function loadApp() {
  if (appAsked) return;
  appAsked = true;
  void import('./main').then(({ startPanel }) => {
    deliver = startPanel();
    for (const outcome of early.splice(0)) deliver(outcome);
  });
}

watchPanelKey((outcome) => {
  if ('claimed' in outcome) paintHeading(outcome.claimed.heading);
  deliver(outcome);
  if (!('refused' in outcome) || outcome.refused !== 'no-key') loadApp();
});
window.addEventListener('load', () => setTimeout(loadApp, APP_WITHOUT_KEY_MS));
