// `npm run bench`: builds the extension in bench mode and measures it in headless Chromium, on the fixture
// pages, against its performance budgets. Prints a table and writes bench/results.json. Not a test.
// `--quick` (npm run bench:quick, CI): fewer repetitions and rows; exits non-zero when a figure that load
// cannot move (bytes, layout shift, memory) is over its gate, or a host share beyond twice what load did to it. `--skip-build` reuses .output-bench/. `--only
// storage,pages,host,overhead,search,dashboard` measures those parts alone (while working on one of them).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Worker } from '@playwright/test';
import { FIXTURE_INBOXES, type FixtureInbox } from '../harness/inboxes.ts';
import { launch } from './browser.ts';
import { type HostShare, hostShare, serveHostPages } from './host-share.ts';
import {
  BUSY_URL,
  dashboardFilter,
  extensionScriptsInHost,
  hostOverhead,
  insert,
  panelHeap,
  panelReady,
  serveFixtures,
  templateSearch,
  threadSwitch,
} from './page-bench.ts';
import { type Figure, formatValue, median, status, table } from './stats.ts';

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const quick = options.quick;
const PARTS = ['storage', 'pages', 'host', 'overhead', 'search', 'dashboard'] as const;
const only = options.only?.split(',');
const unknownPart = only?.find((part) => !(PARTS as readonly string[]).includes(part));
if (unknownPart) throw new Error(`--only: no part "${unknownPart}" (parts: ${PARTS.join(', ')})`);
const measures = (part: (typeof PARTS)[number]) => !only || only.includes(part);

const root = resolve(import.meta.dirname, '../..');
const OUT = '.output-bench';
const extensionDir = join(root, OUT, 'chrome-mv3-bench');
const fixtureDir = join(root, OUT, 'fixtures');
const PRODUCTION_OUT = `${OUT}/production`;
const productionDir = join(root, PRODUCTION_OUT, 'chrome-mv3');
const started = performance.now();
/** Timings mean little on a machine that is busy with other work: the load is noted with the figures. */
const loadAtStart = loadavg()[0] ?? 0;
if (loadAtStart > cpus().length) {
  console.warn(
    `Warning: load average ${loadAtStart.toFixed(1)} on ${cpus().length} cores before the run; the figures will be slower than on an idle machine.`,
  );
}

const plan = quick
  ? { runs: 5, conversations: 20_000, busyRuns: 2, packRuns: 1, searchRounds: 5, heapRuns: 1, shareRuns: 1 }
  : { runs: 21, conversations: 100_000, busyRuns: 9, packRuns: 3, searchRounds: 20, heapRuns: 3, shareRuns: 3 };
const BUSY = { rows: 2_000, burst: 50, gapMs: 20, messages: 5 };
/** The conversation list beside the busy thread in the second overhead run (issue #16). */
const INBOX_LIST_ROWS = 200;
/** As in the side-by-side with a peer (issue #18): 500 rows in bursts of 50 every 20 ms. */
const SHARE_BURSTS = { rows: 500, burst: 50, gapMs: 20, idleMs: 1_000 };
/**
 * CI fails beyond these host shares (%). A ratio of one run's own work, yet runs and load still move it: on
 * this 2-core machine, runs after the page watcher read after the frame measured Instagram 1.9–5.2 %,
 * Messenger 4.1–12.9 % (4.7 and 12.9 % back to back, same build, load 5), X 13–44 %, LinkedIn 13–38 % at
 * load averages 5–17, with `stress-ng --cpu 2` among them. So the gates sit at about twice the worst of
 * those: they catch a reader walking every row again, not a few per cent.
 */
const HOST_SHARE_GATE: Record<FixtureInbox['platform'], number> = {
  instagram: 10,
  facebook: 25,
  x: 90,
  linkedin: 80,
};
const TEMPLATES = 10_000;
const DASHBOARD_ROWS = 10_000;
const fmt = (n: number) => n.toLocaleString('en');

const phases: Record<string, { seconds: number; load: number }> = {};
let phaseStart = started;
/** Notes how long the phase that just ended took (the run must stay within its time budget). */
const phase = (name: string) => {
  const now = performance.now();
  phases[name] = { seconds: (now - phaseStart) / 1000, load: loadavg()[0] ?? 0 };
  phaseStart = now;
  console.log(`\n${name}: ${phases[name]?.seconds.toFixed(1)} s (load average ${phases[name]?.load.toFixed(1)})`);
};
if (!options['skip-build']) {
  const build = (outDir: string, args: string[], env: Record<string, string> = {}) =>
    execFileSync('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, DMS_OUT_DIR: outDir, ...env } });
  // NODE_ENV=production: WXT would otherwise take the mode's name for it, and React would run its
  // development build (twice the code, StrictMode's double renders) in the pages measured here.
  build(OUT, ['wxt', 'build', '--mode', 'bench'], { NODE_ENV: 'production' });
  // The shipped build, for the injected-code figures (the bench build's content scripts are not byte-identical).
  build(PRODUCTION_OUT, ['wxt', 'build']);
  execFileSync(process.execPath, ['tests/fixtures/build.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DMS_OUT_DIR: OUT },
  });
  phase('build');
}

const figures: Figure[] = [];
const add = (figure: Figure) => {
  figures.push(figure);
  console.log(`  ${figure.name}: ${formatValue(figure)}${figure.budget === undefined ? '' : ` (${status(figure)})`}`);
};

// ─── 1. injected code ──────────────────────────────────────────────────────────────────────────────
// Everything the content scripts put into the host page: the manifest's content_scripts files.

/** Strings every React build carries (element type symbols, the devtools hook). */
const REACT_MARKERS = /react\.transitional\.element|react\.element|__REACT_DEVTOOLS_GLOBAL_HOOK__/;
const sizes = (dir: string, file: string) => {
  const code = readFileSync(join(dir, file));
  return { code, raw: code.length / 1024, gzip: gzipSync(code).length / 1024 };
};
/**
 * CI fails beyond it (bytes are load-proof), about 0.3 KB above the largest script, so that a fix fits and
 * a new dependency does not. Today 14.3–15.0 KB (2026-12-02; 14.0–14.7 KB before the LinkedIn reader's day
 * queries and the composer found focused at the start): the platform's adapter, selectors and the toolkit
 * (≈ 7.5–8.2 KB), the panel frame (≈ 2.1 KB), composer shortcuts (≈ 2.2 KB) and the wire shapes with their
 * checker (≈ 1.3 KB); no zod, no webextension-polyfill (since 23.5 KB), no WXT context class (ours,
 * utils/content/private-context.ts: was 14.7–15.4 KB); the target (the budget) is 10 KB, the former gates
 * 24, 20, 15.8 and 15.0 KB.
 */
const CONTENT_SCRIPT_GATE_KB = 15.3;
const manifest = JSON.parse(readFileSync(join(productionDir, 'manifest.json'), 'utf8')) as {
  content_scripts: { js: string[] }[];
};
const injected = manifest.content_scripts.flatMap((entry) => entry.js);
const withReact: string[] = [];
for (const file of injected.sort()) {
  const shipped = sizes(productionDir, file);
  const bench = sizes(extensionDir, file);
  const platform = file.replace(/^content-scripts\/|\.js$/g, '');
  if (REACT_MARKERS.test(shipped.code.toString()) || REACT_MARKERS.test(bench.code.toString())) withReact.push(file);
  add({
    section: 1,
    name: `injected: ${platform} content script (gzip)`,
    value: shipped.gzip,
    unit: 'KB',
    budget: 10,
    gate: CONTENT_SCRIPT_GATE_KB,
    stat: 'exact',
    note: `${shipped.raw.toFixed(1)} KB raw (production build; the bench build's: ${bench.gzip.toFixed(1)} KB gzip)`,
  });
}
// The detector must find React where it is: in the scripts panel.html loads.
/**
 * React (≈ 200 KB raw), zod (≈ 90 KB), the words of every page in both languages and the panel's own code:
 * 131.5 KB gzip with team mode, shortcuts and the handshake (122 KB before them); the dashboard's code
 * (uPlot, its tabs) is in none of them, its words are (one strings table). CI fails beyond it.
 */
const PANEL_SCRIPTS_GATE_KB = 140;
// The shipped build's: the bench build's first script also loads the measuring hooks (tests/bench/).
const panelHtml = readFileSync(join(productionDir, 'panel.html'), 'utf8');
const htmlScripts = [...panelHtml.matchAll(/(?:src|href)="\/(chunks\/[^"]+\.js)"/g)].map((m) => m[1] as string);
// The first script (entrypoints/panel/first-paint.ts) loads the app once the claim is answered: Vite's list
// of what that import loads (`__vite__mapDeps`) is part of the panel's start. The sections are the app's own
// later import.
const appScripts = htmlScripts.flatMap((file) => {
  const deps = /__vite__mapDeps=.*?m\.f=(\[[^\]]*\])/.exec(readFileSync(join(productionDir, file), 'utf8'))?.[1];
  return deps ? (JSON.parse(deps) as string[]).filter((dep) => dep.endsWith('.js')) : [];
});
const panelScripts = [...new Set([...htmlScripts, ...appScripts])];
const panelReact = panelScripts.filter((file) => REACT_MARKERS.test(readFileSync(join(productionDir, file), 'utf8')));
if (panelReact.length === 0) throw new Error('The React detector finds no React in the panel: fix REACT_MARKERS');
const allChunks = readdirSync(join(productionDir, 'chunks')).length;
// What the panel must fetch, compile and run before its first render: its own bundle, nothing the dashboard needs.
const panelBytes = panelScripts.map((file) => sizes(productionDir, file));
add({
  section: 3,
  name: 'panel: the scripts panel.html loads, with the app its first script loads (gzip)',
  value: panelBytes.reduce((sum, file) => sum + file.gzip, 0),
  unit: 'KB',
  budget: PANEL_SCRIPTS_GATE_KB,
  gate: PANEL_SCRIPTS_GATE_KB,
  stat: 'exact, production build',
  note: `${panelScripts.length} files, ${panelBytes.reduce((sum, file) => sum + file.raw, 0).toFixed(0)} KB raw: ${panelScripts.join(', ')}`,
});

type StorageBench = typeof import('./storage-hooks.ts').storageBench;
/** Calls one of the background's storage bench hooks (tests/bench/storage-hooks.ts). */
const storage = <K extends keyof StorageBench>(worker: Worker, name: K, ...args: Parameters<StorageBench[K]>) =>
  worker.evaluate(
    ([fn, fnArgs]) =>
      (
        globalThis as unknown as { dmsStorageBench: Record<string, (...a: unknown[]) => Promise<number>> }
      ).dmsStorageBench[fn as string]?.(...(fnArgs as unknown[])) as Promise<number>,
    [name, args] as const,
  );
const details: Record<string, unknown> = {};

// ─── 7. storage ────────────────────────────────────────────────────────────────────────────────────
// A browser of its own: the big database (and the background's SLA work on it, and IndexedDB's
// compaction after the bulk insert) must not load the machine while the pages are measured.
let chromiumVersion = '?';
if (measures('storage')) {
  const storageBrowser = await launch(fixtureDir, extensionDir);
  chromiumVersion = storageBrowser.context.browser()?.version() ?? '?';
  try {
    const worker = storageBrowser.worker as Worker;
    const conversations = plan.conversations;
    const notes = conversations / 2;
    // First, in a database of its own (deleted again): what IndexedDB alone takes for the same rows.
    const floor = await storage(worker, 'seedFloor', conversations, notes);
    const seeded = await storage(worker, 'seed', conversations, notes);
    add({
      section: 7,
      name: `storage: insert ${fmt(conversations)} conversations + ${fmt(notes)} notes`,
      value: seeded,
      unit: 'ms',
      // Issue #18's target is 8 s for 100,000 conversations and 50,000 notes; the quick run inserts a fifth.
      budget: (8_000 * conversations) / 100_000,
      stat: 'once, a "replace" restore (one transaction)',
      note: `${(seeded / floor).toFixed(2)}× IndexedDB's own adds of the same rows (one per row, one transaction, no Dexie): ${fmt(Math.round(floor))} ms just before`,
    });
    add({
      section: 7,
      name: `storage: open the database (${fmt(conversations)} conversations, ${fmt(notes)} notes)`,
      value: await storage(worker, 'openMs', plan.runs),
      unit: 'ms',
      budget: 50,
      stat: `median of ${plan.runs}`,
      note: 'a new connection and its first query',
    });
    add({
      section: 7,
      name: 'storage: the 50 most overdue open conversations',
      value: await storage(worker, 'mostOverdueMs', plan.runs),
      unit: 'ms',
      budget: 50,
      stat: `median of ${plan.runs}`,
    });
    add({
      section: 7,
      name: 'storage: count open conversations per platform',
      value: await storage(worker, 'countOpenByPlatformMs', plan.runs),
      unit: 'ms',
      budget: 10,
      stat: `median of ${plan.runs}`,
      note: "counters per platform and status, kept in the writers' transactions (utils/db/counters.ts)",
    });
    const packRuns: Record<string, number>[] = [];
    for (let i = 0; i < plan.packRuns; i++) {
      packRuns.push(
        await worker.evaluate(() =>
          (
            globalThis as unknown as { dmsPackBench: { importMs: (n: number) => Promise<Record<string, number>> } }
          ).dmsPackBench.importMs(5_000),
        ),
      );
    }
    const packStep = (step: string) => median(packRuns.map((r) => r[step] ?? Number.NaN));
    add({
      section: 7,
      name: 'storage: import a 5,000-template pack (parse + plan + apply)',
      value: median(packRuns.map((r) => (r.parseMs ?? 0) + (r.planMs ?? 0) + (r.applyMs ?? 0))),
      unit: 'ms',
      budget: 300,
      stat: `median of ${plan.packRuns}`,
      note: `parse ${packStep('parseMs').toFixed(0)} ms, plan ${packStep('planMs').toFixed(0)} ms, apply ${packStep('applyMs').toFixed(0)} ms (IndexedDB's own adds of the rows it stored, one transaction, no Dexie: ${packStep('floorMs').toFixed(0)} ms); updating it (every template changed): plan ${packStep('updatePlanMs').toFixed(0)} ms, apply ${packStep('updateApplyMs').toFixed(0)} ms`,
    });
    details.packImport = packRuns;
  } finally {
    await storageBrowser.close();
  }
  phase('storage');
}

// ─── 2. host-page overhead as shares of the page's own work, on all four platforms' fixtures ─────────
if (measures('host')) {
  const hostBrowser = await launch(fixtureDir, extensionDir);
  chromiumVersion = hostBrowser.context.browser()?.version() ?? '?';
  try {
    await serveHostPages(hostBrowser);
    const shares: HostShare[] = [];
    for (const inbox of FIXTURE_INBOXES) {
      // One warm-up load of each page (the browser's caches), then the measured runs, summed.
      const runs: HostShare[] = [];
      for (let run = 0; run <= plan.shareRuns; run++) {
        const result = await hostShare(hostBrowser, inbox, SHARE_BURSTS);
        if (run > 0) runs.push(result);
      }
      const sum = (pick: (r: HostShare) => number) => runs.reduce((total, r) => total + pick(r), 0);
      const share = {
        ours: sum((r) => r.rows.ours),
        page: sum((r) => r.rows.page),
        mainThread: sum((r) => r.rows.mainThread),
        load: sum((r) => r.load.ours) / runs.length,
        reports: sum((r) => r.reports) / runs.length,
      };
      shares.push(...runs);
      add({
        section: 2,
        name: `host share: ${inbox.label}, our script ÷ the page's own while ${fmt(SHARE_BURSTS.rows)} rows arrive`,
        value: (100 * share.ours) / share.page,
        unit: '%',
        budget: 5,
        gate: HOST_SHARE_GATE[inbox.platform],
        stat: `sums of ${plan.shareRuns} runs, CPU profile`,
        note: `ours ${(share.ours / runs.length).toFixed(1)} ms, the page's ${(share.page / runs.length).toFixed(1)} ms, main thread ${(share.mainThread / runs.length).toFixed(0)} ms per run (ours ${((100 * share.ours) / share.mainThread).toFixed(2)} % of it, target ≤ 0.3 %); ${share.reports.toFixed(0)} page.report messages per run; bursts of ${SHARE_BURSTS.burst} every ${SHARE_BURSTS.gapMs} ms`,
      });
      add({
        section: 2,
        name: `host share: ${inbox.label}, our script at load and ${SHARE_BURSTS.idleMs} ms idle`,
        value: share.load,
        unit: 'ms',
        budget: 15,
        stat: `mean of ${plan.shareRuns} runs, CPU profile`,
      });
    }
    details.hostShare = shares;
  } finally {
    await hostBrowser.close();
  }
  phase('host share');
}

// ─── the pages: the extension's browser and the same browser without it ────────────────────────────
if (measures('pages') || measures('overhead') || measures('search') || measures('dashboard')) {
  const ext = await launch(fixtureDir, extensionDir);
  const plain = measures('overhead') ? await launch(fixtureDir) : undefined;
  chromiumVersion = ext.context.browser()?.version() ?? '?';
  try {
    await serveFixtures(ext);
    if (plain) await serveFixtures(plain);
    // A small library for the page measurements: the greeting the insert clicks, first in the list.
    await storage(ext.worker as Worker, 'seedTemplates', 20);

    if (measures('pages')) {
      // ─── 1b. what the host page runs ─────────────────────────────────────────────────────────────────
      const hostScripts = await extensionScriptsInHost(ext);
      add({
        section: 1,
        name: 'injected: content scripts with React in them',
        value: withReact.length,
        unit: '',
        budget: 0,
        gate: 0,
        stat: `exact, ${injected.length} files`,
        note: `React is in ${panelReact.join(', ')} (loaded by panel.html only, ${allChunks} chunks in all); extension scripts the host page ran: ${hostScripts.join(', ')}`,
      });
      if (hostScripts.some((path) => !path.startsWith('/content-scripts/'))) {
        throw new Error(`The host page ran extension scripts besides its content script: ${hostScripts.join(', ')}`);
      }

      // ─── 3. panel ready ──────────────────────────────────────────────────────────────────────────────
      const ready = await panelReady(ext, plan.runs);
      const at = (name: string) => ready.step(name).toFixed(0);
      add({
        section: 3,
        name: "panel ready: host DOMContentLoaded → the contact's name shown",
        value: median(ready.times),
        unit: 'ms',
        budget: 80,
        stat: `median of ${plan.runs}`,
        note: `from navigation ${at('fromNavigation')} ms (DOMContentLoaded at ${at('hostDcl')} ms). After DOMContentLoaded: panel iframe created ${at('panelCreated')} ms (content script at document_idle), its HTML received ${at('panelHtml')}, its skeleton painted ${at('firstPaint')}, its scripts run ${at('panelScripts')}, first render ${at('firstRender')}, name committed ${at('committed')} (${at('nameElements')} elements in the frame then), painted ${at('shown')} ms`,
        samples: ready.times,
      });
      add({
        section: 3,
        name: 'panel: layout shift of the panel frame, skeleton → name → template list',
        value: ready.layoutShift,
        unit: '',
        budget: 0.01,
        gate: 0.01,
        stat: `the worst of ${plan.runs} loads`,
        note: "PerformanceObserver 'layout-shift' in the frame, buffered, summed (a bound on CLS)",
      });
      details.panelReady = ready.steps;

      // ─── 4. thread switch ────────────────────────────────────────────────────────────────────────────
      const switched = await threadSwitch(ext, plan.runs);
      add({
        section: 4,
        name: 'thread switch: URL change → the new contact shown',
        value: median(switched.times),
        unit: 'ms',
        budget: 100,
        stat: `median of ${plan.runs}`,
        note: `committed to the DOM after ${switched.committed.toFixed(1)} ms (the figure is the painting frame)`,
        samples: switched.times,
      });

      // ─── 6. insert ───────────────────────────────────────────────────────────────────────────────────
      const inserted = await insert(ext, plan.runs);
      add({
        section: 6,
        name: 'insert: click "Insert" → the text in the composer\'s editor state',
        value: median(inserted.total),
        unit: 'ms',
        budget: 16,
        stat: `median of ${plan.runs}`,
        note: `panel → background ${inserted.panel.toFixed(1)} ms, background → content script → dispatch ${inserted.background.toFixed(1)} ms, Lexical ${inserted.editor.toFixed(1)} ms`,
        samples: inserted.total,
      });
      add({
        section: 6,
        name: "insert: content script alone (background's command → editor state)",
        value: median(inserted.direct),
        unit: 'ms',
        stat: `median of ${plan.runs}`,
        note: 'one IPC hop (service worker → tab) included',
        samples: inserted.direct,
      });
      const smallHeap = await panelHeap(ext, plan.heapRuns);
      add({
        section: 8,
        name: 'memory: panel JS heap, 20 templates',
        value: median(smallHeap),
        unit: 'MB',
        stat: `median of ${plan.heapRuns}, after GC`,
      });
      phase('panel ready, thread switch, insert');
    }

    // ─── 2. host-page overhead, with ÷ without (load moves it: published, not held to a budget) ──────
    if (plain) {
      const overhead = await hostOverhead(ext, plain, plan.busyRuns, BUSY);
      add({
        section: 2,
        name: `host overhead: main thread while ${fmt(BUSY.rows)} rows arrive, with ÷ without`,
        value: overhead.ratio,
        unit: '×',
        stat: `median of ${plan.busyRuns} pairs`,
        note: `pairs' ratios ${overhead.ratios.map((r) => r.toFixed(3)).join(', ')}; medians: TaskDuration ${overhead.with.task.toFixed(0)} ms with the extension, ${overhead.without.task.toFixed(0)} ms without (script ${overhead.with.script.toFixed(0)} / ${overhead.without.script.toFixed(0)}, style ${overhead.with.style.toFixed(0)} / ${overhead.without.style.toFixed(0)}, layout ${overhead.with.layout.toFixed(0)} / ${overhead.without.layout.toFixed(0)} ms); bursts of ${BUSY.burst} every ${BUSY.gapMs} ms at ${BUSY_URL}`,
      });
      add({
        section: 2,
        name: `host overhead: one new message in a ${fmt(BUSY.rows)}-row thread, with`,
        value: overhead.with.perMessage,
        unit: 'ms',
        stat: `medians of ${plan.busyRuns} × ${BUSY.messages}`,
        note: `main-thread time per message; without the extension ${overhead.without.perMessage.toFixed(1)} ms`,
      });
      details.hostOverhead = overhead;
      // Issue #16: the same history loading with a 200-row conversation list beside the thread, read on each read.
      const withList = await hostOverhead(ext, plain, plan.busyRuns, { ...BUSY, listRows: INBOX_LIST_ROWS });
      add({
        section: 2,
        name: `host overhead: main thread while ${fmt(BUSY.rows)} rows arrive beside a ${INBOX_LIST_ROWS}-row inbox list, with ÷ without`,
        value: withList.ratio,
        unit: '×',
        stat: `median of ${plan.busyRuns} pairs`,
        note: `pairs' ratios ${withList.ratios.map((r) => r.toFixed(3)).join(', ')}; medians: TaskDuration ${withList.with.task.toFixed(0)} ms with the extension, ${withList.without.task.toFixed(0)} ms without (script ${withList.with.script.toFixed(0)} / ${withList.without.script.toFixed(0)} ms); one new message ${withList.with.perMessage.toFixed(1)} ms with, ${withList.without.perMessage.toFixed(1)} ms without`,
      });
      details.hostOverheadWithList = withList;
      phase('host-page overhead');
    }

    // ─── 8. memory and 5. search with 10,000 templates ───────────────────────────────────────────────
    if (measures('search')) {
      await storage(ext.worker as Worker, 'seedTemplates', TEMPLATES);
      const heap = await panelHeap(ext, plan.heapRuns);
      add({
        section: 8,
        name: `memory: panel JS heap, ${fmt(TEMPLATES)} templates`,
        value: median(heap),
        unit: 'MB',
        budget: 40,
        gate: 80,
        stat: `median of ${plan.heapRuns}, after GC`,
        note: 'Runtime.getHeapUsage of the panel frame (the only extension page open)',
      });
      const search = await templateSearch(ext, TEMPLATES, plan.searchRounds);
      add({
        section: 5,
        name: `template search: one keystroke over ${fmt(TEMPLATES)} templates, p95`,
        value: search.p95,
        unit: 'ms',
        budget: 2,
        stat: `p95 of ${fmt(search.keystrokes)} keystrokes`,
        note: `median ${search.p50.toFixed(2)} ms`,
      });
      add({
        section: 5,
        name: `template search: the slowest keystroke over ${fmt(TEMPLATES)} templates`,
        value: search.max,
        unit: 'ms',
        budget: 8,
        stat: `max of ${fmt(search.keystrokes)} keystrokes`,
        note: `the cleared box (all, by use) ${search.emptyQueryMedian.toFixed(1)} ms; building the index ${search.buildMs.toFixed(0)} ms, then the cleared box's first list ${search.firstListMs.toFixed(0)} ms (its order by use, before any keystroke); slowest: ${search.slowest.map((s) => `"${s.query}" ${s.ms.toFixed(1)}`).join(', ')}`,
      });
      details.search = search;
      phase(`${fmt(TEMPLATES)} templates: memory and search`);
    }

    if (measures('dashboard')) {
      const extensionId = new URL((ext.worker as Worker).url()).host;
      const filterTimes = await dashboardFilter(ext, extensionId, DASHBOARD_ROWS, quick ? 1 : 3);
      add({
        section: 9,
        name: `dashboard: filter ${fmt(DASHBOARD_ROWS)} conversations, one keystroke → new count painted`,
        value: median(filterTimes),
        unit: 'ms',
        stat: `median of ${filterTimes.length} keystrokes`,
        note: `max ${Math.max(...filterTimes).toFixed(1)} ms; the list is virtualized (only the rows in view exist)`,
      });
      phase('dashboard filter');
    }
  } finally {
    await ext.close();
    await plain?.close();
  }
}

const seconds = (performance.now() - started) / 1000;
console.log(
  `\nDM Sidekick benchmarks (${quick ? 'quick' : 'full'}), headless Chromium ${chromiumVersion}, ${cpus().length} cores, ${seconds.toFixed(0)} s (load average ${loadAtStart.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after)\n`,
);
console.log(table(figures));
await mkdir(join(root, 'bench'), { recursive: true });
await writeFile(
  join(root, 'bench/results.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      quick,
      chromium: chromiumVersion,
      cores: cpus().length,
      seconds,
      loadAtStart,
      phases,
      figures: figures.map((f) => ({ ...f, status: status(f) || undefined })),
      details,
    },
    null,
    2,
  )}\n`,
);

const over = figures.filter((f) => f.budget !== undefined && f.value > f.budget);
if (over.length) console.log(`\nOver budget: ${over.map((f) => f.name).join('; ')}`);
// In CI (--quick) a load-proof figure beyond its gate fails the build; timings on 2 loaded cores cannot.
const broken = figures.filter((f) => f.gate !== undefined && !(f.value <= f.gate));
if (quick && broken.length) {
  console.error(`\nOver the gate: ${broken.map((f) => `${f.name} ${formatValue(f)} > ${f.gate}`).join('; ')}`);
  process.exit(1);
}
