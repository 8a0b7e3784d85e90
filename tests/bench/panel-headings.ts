// Bench-only: put in front of entrypoints/panel/first-paint.ts by modules/bench-hooks.ts (`wxt build --mode bench`),
// so it runs before the panel renders. Notes each change of the heading from the first render on, in epoch
// ms, for panel-hooks.ts (loaded after that).
const now = () => performance.timeOrigin + performance.now();
const headings: { text: string; committedAt: number; elements: number; frameAt?: number }[] = [];
Object.assign(globalThis, { dmsPanelHeadings: headings });
new MutationObserver(() => {
  const text = document.querySelector('h1')?.textContent;
  if (!text || text === headings.at(-1)?.text) return;
  const change: (typeof headings)[number] = {
    text,
    committedAt: now(),
    elements: document.getElementsByTagName('*').length,
  };
  headings.push(change);
  requestAnimationFrame(() => {
    change.frameAt = now();
  });
}).observe(document, { childList: true, subtree: true, characterData: true });
// After this document's load: the hooks (with the template search) must not load on the name's path, which
// the shipped panel does not have them on.
window.addEventListener('load', () => void import('./panel-hooks'));
