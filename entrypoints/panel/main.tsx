import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { claimPanel, panelKeyOf } from '@/components/panel/handshake';
import { NotOurPanel } from '@/components/panel/NotOurPanel';
import { PanelApp } from '@/components/panel/PanelApp';
import { subscribe } from '@/utils/messaging/live-client';
import '@/components/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from panel.html');
const app = createRoot(root);
let showing = false;
/** How long a frame without a key waits for one before it says it shows nothing. */
const KEY_WAIT_MS = 3000;

// The handshake first (components/panel/handshake.ts): the key comes with the first URL or a later
// navigation of it (a hash change), and again whenever the content script re-keys a reloaded frame.
async function onKey() {
  const claimed = await claimPanel(location.hash);
  if (showing) return;
  if (!claimed) {
    // Our own frame's key follows its first load within moments: no flash of the refusal before it.
    if (!panelKeyOf(location.hash)) setTimeout(() => showing || app.render(<NotOurPanel />), KEY_WAIT_MS);
    else app.render(<NotOurPanel />);
    return;
  }
  showing = true;
  // The panel's first question, asked before React starts rendering: the panel's own subscriptions join
  // these (live-client shares one per query) and often find the answer waiting. They last as long as the
  // panel does, as the panel's own would.
  subscribe('panel.context', null, () => {});
  subscribe('settings', null, () => {});
  subscribe('templates.all', null, () => {});
  subscribe('tags.all', null, () => {});
  app.render(
    <StrictMode>
      <PanelApp />
    </StrictMode>,
  );
}
window.addEventListener('hashchange', () => void onKey());
void onKey();
