// Bench-only: loaded into the panel page by panel-headings.ts in `wxt build --mode bench` (modules/bench-hooks.ts).
// Hands out the heading changes panel-headings.ts notes, records when a button is clicked, and measures
// template search in the panel's real JavaScript realm. Times are epoch milliseconds with
// sub-millisecond precision (performance.timeOrigin + performance.now()), comparable with the host
// page's and the service worker's clocks (Chromium derives every context's origin from one clock).
import { SHOWN_MATCHES, TemplateSearch } from '@/utils/templates/search';
import { benchTemplates, keystrokes } from './bench-templates';

/** A change of the panel's heading, noted by panel-headings.ts (bench builds) from the first render on. */
export type HeadingChange = {
  text: string;
  /** When React committed the new text to the DOM (a MutationObserver callback, right after the commit). */
  committedAt: number;
  /** The frame's elements right after that commit: how much the commit that shows it rendered. */
  elements: number;
  /** The next animation frame after the commit: the frame that paints it. */
  frameAt?: number;
};

const headings = (globalThis as unknown as { dmsPanelHeadings?: HeadingChange[] }).dmsPanelHeadings ?? [];
const clicks: { label: string; at: number }[] = [];

document.addEventListener(
  'click',
  (event) => {
    const button = (event.target as Element | null)?.closest('button');
    // event.timeStamp: when the input event was created (the click itself), on the same time origin.
    clicks.push({ label: button?.getAttribute('aria-label') ?? '', at: performance.timeOrigin + event.timeStamp });
  },
  true,
);

/**
 * The frame's cumulative layout shift since it started (buffered: the shifts before this module loaded
 * count too). Shifts right after an input are left out, as CLS leaves them out.
 */
let layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
    if (!entry.hadRecentInput) layoutShift += entry.value;
  }
}).observe({ type: 'layout-shift', buffered: true });

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/**
 * TemplateSearch over `count` templates, one search per keystroke (keystrokes()), `rounds` times.
 * The index is built once, as the panel builds it when its template list arrives, and the cleared box's list
 * (all, by use) is drawn from it, as the picker shows it before anyone can type. A keystroke is timed
 * from the query to the list's results ready: the search the panel's hook runs (the first SHOWN_MATCHES,
 * useTemplateSearch), every step of it back to back, as the hook runs them when they fit one slice.
 * Rendering the list is the panel's and not in this figure.
 */
function search(count: number, rounds: number) {
  const templates = benchTemplates(count);
  let start = performance.now();
  const index = new TemplateSearch(templates);
  const buildMs = performance.now() - start;
  start = performance.now();
  index.search('', {}, SHOWN_MATCHES);
  const firstListMs = performance.now() - start;
  const times: number[] = [];
  const typed = keystrokes();
  let matches = 0;
  for (let round = 0; round < rounds; round++) {
    for (const query of typed) {
      start = performance.now();
      matches += index.search(query, {}, SHOWN_MATCHES).length;
      times.push(performance.now() - start);
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const emptyQuery: number[] = [];
  for (let i = 0; i < rounds; i++) {
    start = performance.now();
    index.search('', {}, SHOWN_MATCHES);
    emptyQuery.push(performance.now() - start);
  }
  return {
    keystrokes: times.length,
    matches,
    buildMs,
    firstListMs,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
    emptyQueryMedian: percentile(
      emptyQuery.sort((a, b) => a - b),
      50,
    ),
    /** The slowest keystrokes and what was typed: where the time goes. */
    slowest: times
      .map((ms, i) => ({ ms, query: typed[i % typed.length] ?? '' }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5),
  };
}

export const panelBench = {
  headings: () => headings,
  clicks: () => clicks,
  layoutShift: () => layoutShift,
  search,
};

Object.assign(globalThis, { dmsPanelBench: panelBench });
