import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PanelApp } from '@/components/PanelApp';
import { subscribe } from '@/utils/messaging/live-client';
import '@/components/styles.css';

// The panel's first question, asked before React starts rendering: the panel's own subscriptions join
// these (live-client shares one per query) and often find the answer waiting. They last as long as the
// panel does, as the panel's own would.
subscribe('panel.context', null, () => {});
subscribe('settings', null, () => {});
subscribe('templates.all', null, () => {});
subscribe('tags.all', null, () => {});

// `wxt build --mode bench` only (npm run bench); production builds drop this branch. Notes each change of
// the heading from the first render on, in epoch ms, for tests/bench/panel-hooks.ts (loaded after that).
if (import.meta.env.MODE === 'bench') {
  const now = () => performance.timeOrigin + performance.now();
  const headings: { text: string; committedAt: number; frameAt?: number }[] = [];
  Object.assign(globalThis, { dmsPanelHeadings: headings });
  new MutationObserver(() => {
    const text = document.querySelector('h1')?.textContent;
    if (!text || text === headings.at(-1)?.text) return;
    const change: (typeof headings)[number] = { text, committedAt: now() };
    headings.push(change);
    requestAnimationFrame(() => {
      change.frameAt = now();
    });
  }).observe(document, { childList: true, subtree: true, characterData: true });
  void import('../../tests/bench/panel-hooks');
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from panel.html');
createRoot(root).render(
  <StrictMode>
    <PanelApp />
  </StrictMode>,
);
