// The measurements that need pages: the extension at work on the fixture pages, in headless Chromium.
// Every time is taken where it happens, in that context's own clock (performance.timeOrigin +
// performance.now(), epoch ms with sub-millisecond precision, one clock for all of Chromium's processes),
// never as a round trip through Playwright.
import type { Page } from '@playwright/test';
import type { BusyInbox } from '../fixtures/bench/busy-inbox.entry.ts';
import type { InstagramFixture } from '../fixtures/instagram/fixture-api.ts';
import { customersBackup, restoreFrom } from '../harness/extension.ts';
import { type Bench, headingChange, lastClick, panelFrame, panelLocator, sleep, tabIdOf, until } from './browser.ts';
import { median } from './stats.ts';

type Peer = { id: string; name: string; handle: string };
export const ANNA: Peer = { id: '340282366841710300949128', name: 'Anna Berger', handle: 'anna.berger' };
const BEN: Peer = { id: '340282366841710300949555', name: 'Ben Okafor', handle: 'ben.okafor' };
export const THREAD_URL = `https://www.instagram.com/direct/t/${ANNA.id}/`;
export const BUSY_URL = 'https://www.instagram.com/direct/t/340282366841710300949999/';
/** The template storage-hooks.ts seeds first (GREETING there), rendered for Anna. */
const GREETING = { title: 'Bench greeting', text: 'Hi Anna, thanks for your message!' };

type HostWindow = Window & {
  __fixture: InstagramFixture;
  __busyInbox: BusyInbox;
  __insertBench: { beforeInput: number[]; holds: number[] };
};

/** Serves the fixture pages of these measurements in `bench`'s browser. */
export async function serveFixtures(bench: Bench): Promise<void> {
  await bench.serve('https://www.instagram.com/direct/t/**', 'instagram/thread.html');
  // Registered later, so it wins for its own URL.
  await bench.serve(BUSY_URL, 'bench/busy-inbox.html');
}

async function openThread(bench: Bench, url = THREAD_URL) {
  const page = await bench.context.newPage();
  await page.goto(url);
  const frame = await panelFrame(page);
  return { page, frame };
}

// ─── 3. panel ready ────────────────────────────────────────────────────────────────────────────────

/**
 * A new tab opens the Instagram thread; the time from navigation (and from the host page's
 * DOMContentLoaded) to the frame in which the panel's heading shows the contact's name. One warm-up.
 */
export async function panelReady(bench: Bench, runs: number) {
  const steps: Record<string, number>[] = [];
  for (let run = 0; run <= runs; run++) {
    const { page, frame } = await openThread(bench);
    const shown = await headingChange(frame, ANNA.name);
    // The rest of the data (the template list) arrives after the name: the layout must hold still through it.
    await panelLocator(page)
      .getByRole('button', { name: `Insert ${GREETING.title}` })
      .waitFor();
    await sleep(300);
    const host = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { origin: performance.timeOrigin, dcl: entry.domContentLoadedEventStart };
    });
    const panel = await frame.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const hooks = (globalThis as unknown as { dmsPanelBench: typeof import('./panel-hooks').panelBench })
        .dmsPanelBench;
      return {
        origin: performance.timeOrigin,
        responseEnd: entry.responseEnd,
        dcl: entry.domContentLoadedEventStart,
        firstRender: hooks.headings()[0]?.committedAt ?? Number.NaN,
        firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
        layoutShift: hooks.layoutShift(),
      };
    });
    const dcl = host.origin + host.dcl;
    if (run > 0) {
      steps.push({
        shown: (shown.frameAt as number) - dcl,
        fromNavigation: (shown.frameAt as number) - host.origin,
        hostDcl: host.dcl,
        // The content script (document_idle) created the panel's iframe: its document starts.
        panelCreated: panel.origin - dcl,
        panelHtml: panel.origin + panel.responseEnd - dcl,
        // Its module scripts ran (React, the panel, zod, …); DOMContentLoaded follows them.
        panelScripts: panel.origin + panel.dcl - dcl,
        firstRender: panel.firstRender - dcl,
        // Its first contentful paint: the static skeleton of panel.html, before any script has run.
        firstPaint: panel.origin + panel.firstPaint - dcl,
        layoutShift: panel.layoutShift,
        committed: shown.committedAt - dcl,
        // What the commit that shows the name rendered (the frame's elements then): a count load cannot move.
        nameElements: shown.elements,
      });
    }
    await page.close();
  }
  const step = (name: string) => median(steps.map((s) => s[name] ?? Number.NaN));
  return {
    times: steps.map((s) => s.shown as number),
    /** The panel frame's cumulative layout shift, the worst run's. */
    layoutShift: Math.max(...steps.map((s) => s.layoutShift ?? Number.NaN)),
    step,
    steps,
  };
}

// ─── 4. thread switch ──────────────────────────────────────────────────────────────────────────────

/**
 * Single-page thread switches Anna → Ben → Anna …: the fixture's own switch helper pushes the new URL and
 * (stepwise, all parts at once) re-renders header, message list and composer in the same task, so the
 * page shows the new conversation at the URL change. Time: pushState → the frame in which the panel's
 * heading shows the new name.
 */
export async function threadSwitch(bench: Bench, runs: number) {
  const { page, frame } = await openThread(bench);
  await headingChange(frame, ANNA.name);
  const times: number[] = [];
  const committed: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const to = run % 2 === 0 ? BEN : ANNA;
    const switchedAt = await page.evaluate((peer) => {
      const fixture = (window as unknown as HostWindow).__fixture;
      const at = performance.timeOrigin + performance.now();
      fixture.switchThread(peer, { stepwise: true });
      while (fixture.renderNextPart());
      return at;
    }, to);
    const shown = await headingChange(frame, to.name, switchedAt);
    if (run > 0) {
      times.push((shown.frameAt as number) - switchedAt);
      committed.push(shown.committedAt - switchedAt);
    }
    await sleep(100);
  }
  await page.close();
  return { times, committed: median(committed) };
}

// ─── 6. insert ─────────────────────────────────────────────────────────────────────────────────────

/** Records in the host page when a synthetic beforeinput arrives and when Lexical's state holds `text`. */
async function watchComposer(page: Page, text: string) {
  await page.evaluate((expected) => {
    const w = window as unknown as HostWindow;
    const now = () => performance.timeOrigin + performance.now();
    w.__insertBench = { beforeInput: [], holds: [] };
    document.addEventListener(
      'beforeinput',
      (event) => {
        if (!event.isTrusted) w.__insertBench.beforeInput.push(now());
      },
      true,
    );
    const box = document.querySelector('main [role=textbox][aria-label="Message"]') as HTMLElement;
    let held = false;
    // Lexical commits its new editor state and reconciles the DOM in one step: the observer runs right after.
    new MutationObserver(() => {
      const holds = w.__fixture.composerText() === expected;
      if (holds && !held) w.__insertBench.holds.push(now());
      held = holds;
    }).observe(box, { childList: true, subtree: true, characterData: true });
  }, text);
}

const insertLog = (page: Page) => page.evaluate(() => (window as unknown as HostWindow).__insertBench);

async function clearComposer(page: Page) {
  const composer = page.locator('main [role=textbox][aria-label="Message"]');
  await composer.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await until('an empty composer', async () =>
    (await page.evaluate(() => (window as unknown as HostWindow).__fixture.composerText())) === '' ? true : undefined,
  );
}

/**
 * Clicking "Insert Bench greeting" in the panel until Lexical's editor state in the host page holds the
 * rendered text, with where the time goes: the panel's part (click → the background has the request),
 * the background's (→ the content script dispatches into the editor, one IPC hop included) and the
 * editor's (Lexical applying it). Then the content script's part alone: the background's own insert
 * command (as the panel's request ends in) sent from the service worker straight to the tab.
 */
export async function insert(bench: Bench, runs: number) {
  const worker = bench.worker;
  if (!worker) throw new Error('insert needs the extension');
  const { page, frame } = await openThread(bench);
  await headingChange(frame, ANNA.name);
  const button = panelLocator(page).getByRole('button', { name: `Insert ${GREETING.title}` });
  await button.waitFor();
  await watchComposer(page, GREETING.text);
  await worker.evaluate(() => {
    const scope = globalThis as typeof globalThis & { dmsInsertRequests?: number[] };
    if (scope.dmsInsertRequests) return;
    scope.dmsInsertRequests = [];
    // A second listener that answers nothing: it only notes when the panel's request arrives.
    chrome.runtime.onMessage.addListener((message: { kind?: string; name?: string }) => {
      if (message?.kind === 'dms.rpc' && message.name === 'composer.insert') {
        scope.dmsInsertRequests?.push(performance.timeOrigin + performance.now());
      }
      return undefined;
    });
  });
  const requests = () =>
    worker.evaluate(() => (globalThis as typeof globalThis & { dmsInsertRequests?: number[] }).dmsInsertRequests ?? []);

  const total: number[] = [];
  const panelPart: number[] = [];
  const backgroundPart: number[] = [];
  const editorPart: number[] = [];
  for (let run = 0; run <= runs; run++) {
    await clearComposer(page);
    const before = (await insertLog(page)).holds.length;
    await button.click();
    const log = await until('the text in the composer', async () => {
      const current = await insertLog(page);
      return current.holds.length > before ? current : undefined;
    });
    const clickedAt = await lastClick(frame, `Insert ${GREETING.title}`);
    const heldAt = log.holds.at(-1) as number;
    const dispatchedAt = log.beforeInput.at(-1) as number;
    const requestedAt = (await requests()).at(-1) as number;
    if (run > 0) {
      total.push(heldAt - clickedAt);
      panelPart.push(requestedAt - clickedAt);
      backgroundPart.push(dispatchedAt - requestedAt);
      editorPart.push(heldAt - dispatchedAt);
    }
    // The insert's read-back (≈ 50 ms) and its "used" bookkeeping finish before the next click.
    await sleep(300);
  }

  // The content script's part alone: the command from the service worker straight to the tab.
  const tabId = await tabIdOf(worker, THREAD_URL);
  const direct: number[] = [];
  for (let run = 0; run <= runs; run++) {
    await clearComposer(page);
    const before = (await insertLog(page)).holds.length;
    const sentAt = await worker.evaluate(
      ([tab, text, threadId]) => {
        const at = performance.timeOrigin + performance.now();
        void chrome.tabs.sendMessage(
          tab,
          { kind: 'dms.page-command', command: 'insert', text, threadId },
          { frameId: 0 },
        );
        return at;
      },
      [tabId, GREETING.text, ANNA.id] as const,
    );
    const log = await until('the text in the composer', async () => {
      const current = await insertLog(page);
      return current.holds.length > before ? current : undefined;
    });
    if (run > 0) direct.push((log.holds.at(-1) as number) - sentAt);
    await sleep(120);
  }
  await page.close();
  return {
    total,
    panel: median(panelPart),
    background: median(backgroundPart),
    editor: median(editorPart),
    direct,
  };
}

// ─── 8. memory ─────────────────────────────────────────────────────────────────────────────────────

/**
 * The JS heap of the panel's frame (its renderer's V8 isolate, after a full GC) on the Instagram thread,
 * once its template list has arrived. Only this one panel is open while it is measured.
 */
export async function panelHeap(bench: Bench, runs: number) {
  const used: number[] = [];
  for (let run = 0; run < runs; run++) {
    const { page, frame } = await openThread(bench);
    await headingChange(frame, ANNA.name);
    await panelLocator(page)
      .getByRole('button', { name: `Insert ${GREETING.title}` })
      .waitFor();
    await sleep(500);
    const session = await bench.context.newCDPSession(frame);
    await session.send('HeapProfiler.collectGarbage');
    const heap = await session.send('Runtime.getHeapUsage');
    used.push(heap.usedSize / 2 ** 20);
    await session.detach();
    await page.close();
  }
  return used;
}

// ─── 5. template search ────────────────────────────────────────────────────────────────────────────

/** TemplateSearch in the panel's own realm (the bundled module), over `count` templates. */
export async function templateSearch(bench: Bench, count: number, rounds: number) {
  const { page, frame } = await openThread(bench);
  const result = await frame.evaluate(
    ([n, r]) =>
      (globalThis as unknown as { dmsPanelBench: typeof import('./panel-hooks').panelBench }).dmsPanelBench.search(
        n,
        r,
      ),
    [count, rounds] as const,
  );
  await page.close();
  return result;
}

// ─── 1. what runs in the host page ─────────────────────────────────────────────────────────────────

/** The extension's scripts the host page's renderer parsed while the thread loaded (CDP Debugger). */
export async function extensionScriptsInHost(bench: Bench): Promise<string[]> {
  const page = await bench.context.newPage();
  const session = await bench.context.newCDPSession(page);
  const urls = new Set<string>();
  session.on('Debugger.scriptParsed', ({ url }) => {
    if (url.startsWith('chrome-extension://')) urls.add(new URL(url).pathname);
  });
  await session.send('Debugger.enable');
  await page.goto(THREAD_URL);
  await panelFrame(page);
  await sleep(300);
  await session.detach();
  await page.close();
  return [...urls].sort();
}

// ─── 2. host-page overhead ─────────────────────────────────────────────────────────────────────────

export type BusyOptions = {
  rows: number;
  burst: number;
  gapMs: number;
  messages: number;
  /** The conversation list beside the thread shows this many conversations (issue #16); else one. */
  listRows?: number;
};
type MainThread = { task: number; script: number; layout: number; style: number; perMessage: number };

/**
 * One load of a long history into the busy inbox: the host renderer's main-thread time (CDP
 * Performance.getMetrics TaskDuration, which includes the content script: it runs on that thread) from
 * the first burst until 300 ms after the last (trailing reads and reports included). Then, in the
 * thread now 2,000 rows long, `messages` new messages arrive one by one: main-thread time per message.
 */
async function busyRun(bench: Bench, options: BusyOptions): Promise<MainThread> {
  const page = await bench.context.newPage();
  await page.goto(BUSY_URL);
  if (bench.worker) await headingChange(await panelFrame(page), 'Clara Busy');
  const { listRows } = options;
  if (listRows)
    await page.evaluate((count) => (window as unknown as HostWindow).__busyInbox.showInboxList(count), listRows);
  await sleep(300);
  const session = await bench.context.newCDPSession(page);
  await session.send('Performance.enable');
  const metrics = async () => {
    const { metrics: list } = await session.send('Performance.getMetrics');
    const value = (name: string) => list.find((m) => m.name === name)?.value ?? 0;
    return {
      task: value('TaskDuration') * 1000,
      script: value('ScriptDuration') * 1000,
      layout: value('LayoutDuration') * 1000,
      style: value('RecalcStyleDuration') * 1000,
    };
  };
  const start = await metrics();
  await page.evaluate(
    ({ rows, burst, gapMs }) => (window as unknown as HostWindow).__busyInbox.loadHistory({ rows, burst, gapMs }),
    options,
  );
  await sleep(300);
  const end = await metrics();
  const rows = await page.evaluate(() => (window as unknown as HostWindow).__busyInbox.rowCount());
  if (rows < options.rows) throw new Error(`The busy inbox shows ${rows} rows, expected ${options.rows}`);
  for (let i = 0; i < options.messages; i++) {
    await page.evaluate(() => (window as unknown as HostWindow).__busyInbox.addMessage());
    await sleep(150);
  }
  const afterMessages = await metrics();
  await session.detach();
  await page.close();
  return {
    task: end.task - start.task,
    script: end.script - start.script,
    layout: end.layout - start.layout,
    style: end.style - start.style,
    perMessage: (afterMessages.task - end.task) / options.messages,
  };
}

/**
 * Alternating runs with and without the extension (one warm-up each): medians of each, and the median
 * of each pair's ratio, which cancels the machine's drift between pairs (on 2 cores one pair's ratio
 * moves by several per cent, more than the budget allows the extension).
 */
export async function hostOverhead(withExtension: Bench, without: Bench, runs: number, options: BusyOptions) {
  const runsWith: MainThread[] = [];
  const runsWithout: MainThread[] = [];
  for (let run = 0; run <= runs; run++) {
    // Alternate which goes first, so that neither always runs on a warmer machine.
    const order = run % 2 === 0 ? [true, false] : [false, true];
    for (const extension of order) {
      const result = await busyRun(extension ? withExtension : without, options);
      if (run > 0) (extension ? runsWith : runsWithout).push(result);
    }
  }
  const medians = (list: MainThread[]) => ({
    task: median(list.map((r) => r.task)),
    script: median(list.map((r) => r.script)),
    layout: median(list.map((r) => r.layout)),
    style: median(list.map((r) => r.style)),
    perMessage: median(list.map((r) => r.perMessage)),
  });
  const ratios = runsWith.map((run, i) => run.task / (runsWithout[i] as MainThread).task);
  return { with: medians(runsWith), without: medians(runsWithout), ratio: median(ratios), ratios };
}

// ─── dashboard: 10,000 conversations, filtered per keystroke (issue 7) ────────────────────────────────

/**
 * Adds `count` conversations (merge restore through the real RPC), opens the dashboard and types a search
 * one key at a time: each keystroke's time runs from the input event to the frame that shows the new count.
 */
export async function dashboardFilter(bench: Bench, extensionId: string, count: number, rounds: number) {
  const page = await bench.context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await restoreFrom(page, customersBackup(count, { idPrefix: 'bench-', waiting: true }), 'merge');
  const search = page.getByRole('searchbox', { name: 'Search contacts and notes' });
  await search.waitFor();
  await until('the dashboard to list the added conversations', async () => {
    const text = (await page.getByText(/ of \d+ conversations/).textContent()) ?? '';
    const total = Number(/ of (\d+) conversations/.exec(text)?.[1] ?? 0);
    return total >= count ? true : undefined;
  });
  const times = await search.evaluate(async (input: HTMLInputElement, r) => {
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    const counter = () =>
      [...document.querySelectorAll('span')].find((s) => / of \d+ conversations/.test(s.textContent ?? ''));
    const measured: number[] = [];
    for (let round = 0; round < r; round++) {
      // Each keystroke changes how many conversations match ("Customer 0" … "Customer 9999": 3,439 contain a
      // 4, 299 "47", 20 "473", 1 "4731"): the time is taken to the frame that paints the new count.
      for (const text of ['4', '47', '473', '4731', '', '9', '98', '987', '9876', '']) {
        const before = counter()?.textContent;
        const start = performance.now();
        setValue?.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        for (let i = 0; i < 200 && counter()?.textContent === before; i++)
          await new Promise((done) => setTimeout(done, 5));
        if (counter()?.textContent === before) throw new Error(`Typing "${text}" did not change the count within 1 s`);
        await new Promise((done) => requestAnimationFrame(() => done(null)));
        measured.push(performance.now() - start);
      }
    }
    return measured;
  }, rounds);
  await page.close();
  return times;
}
