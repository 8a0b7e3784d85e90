// The extension's cost in the host page as a share that machine load cannot move: in one run, V8's
// sampling profiler of the host page's renderer attributes each sample to the script that made the call
// (our content script's isolated world runs chrome-extension:// URLs, the page's main world its own), so
// both sides slow down together on a busy machine and their ratio stays.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Worker } from '@playwright/test';
import type { FacebookFixtureWindow } from '../fixtures/facebook/fixture-api.ts';
import type { InstagramFixtureWindow } from '../fixtures/instagram/fixture-api.ts';
import type { LinkedinFixturePage } from '../fixtures/linkedin/page-api.ts';
import type { XFixturePage } from '../fixtures/x/page-api.ts';
import { FIXTURE_INBOXES, type FixtureInbox } from '../harness/inboxes.ts';
import { type Bench, headingChange, panelFrame, sleep } from './browser.ts';

export type ScriptTimes = {
  /** Samples whose nearest script is ours (chrome-extension:// URLs), ms. */
  ours: number;
  /** Samples whose nearest script is the page's own, ms. */
  page: number;
  /**
   * The host renderer's main thread, all its tasks (CDP Performance TaskDuration; both of the above in it),
   * ms. Within one document only: a navigation can move the page to a new renderer.
   */
  mainThread: number;
};

type Profile = {
  nodes: { id: number; callFrame: { url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
};

/**
 * Splits a CPU profile between our scripts and the page's: a sample belongs to the nearest frame on its
 * stack that has a script URL, so the DOM work our code calls (querySelectorAll, getBoundingClientRect: no
 * URL of their own) is counted as ours, and the page's as the page's. GC, idle and "(program)" count for
 * neither.
 */
export function attribute(profile: Profile): Omit<ScriptTimes, 'mainThread'> {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const owner = new Map<number, 'ours' | 'page' | undefined>();
  const ownerOf = (id: number): 'ours' | 'page' | undefined => {
    if (owner.has(id)) return owner.get(id);
    const url = byId.get(id)?.callFrame.url ?? '';
    const parent = parentOf.get(id);
    const result = url
      ? url.startsWith('chrome-extension://')
        ? 'ours'
        : 'page'
      : parent === undefined
        ? undefined
        : ownerOf(parent);
    owner.set(id, result);
    return result;
  };
  const times = { ours: 0, page: 0 };
  // timeDeltas[i + 1] is how long sample i's stack kept running (µs).
  profile.samples.forEach((id, i) => {
    const who = ownerOf(id);
    if (who) times[who] += (profile.timeDeltas[i + 1] ?? 0) / 1000;
  });
  return times;
}

/** Where the raw profiles go when DMS_PROFILE_DIR names a folder (to read them in DevTools), else nowhere. */
const PROFILE_DIR = process.env.DMS_PROFILE_DIR;
let profilesWritten = 0;

/**
 * Starts the host renderer's sampling profiler; the returned function stops it and attributes the samples.
 * With DMS_PROFILE_DIR set, each profile is also written there as `<n>-<label>.cpuprofile`.
 */
async function record(session: CDPSession, label: string) {
  const taskMs = async () => {
    const { metrics } = await session.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  };
  const before = await taskMs();
  await session.send('Profiler.start');
  return async (): Promise<ScriptTimes> => {
    const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: Profile };
    if (PROFILE_DIR) {
      mkdirSync(PROFILE_DIR, { recursive: true });
      writeFileSync(join(PROFILE_DIR, `${++profilesWritten}-${label}.cpuprofile`), JSON.stringify(profile));
    }
    return { ...attribute(profile), mainThread: (await taskMs()) - before };
  };
}

type FixtureWindow = Partial<InstagramFixtureWindow & FacebookFixtureWindow> & {
  xFixture?: XFixturePage;
  linkedinFixture?: LinkedinFixturePage;
};

export type HostShare = {
  platform: FixtureInbox['platform'];
  /** From navigation until `idleMs` after the panel shows the contact. */
  load: ScriptTimes;
  /** While the rows arrive, until 300 ms after the last burst. */
  rows: ScriptTimes;
  /** page.report messages the background received while the rows arrived. */
  reports: number;
};

export type Bursts = { rows: number; burst: number; gapMs: number; idleMs: number };

/** One platform's fixture thread: the page loads, then `rows` inbound rows arrive in bursts. */
export async function hostShare(bench: Bench, inbox: FixtureInbox, bursts: Bursts): Promise<HostShare> {
  const worker = bench.worker as Worker;
  const page = await bench.context.newPage();
  const session = await bench.context.newCDPSession(page);
  await session.send('Performance.enable');
  await session.send('Profiler.enable');
  // 0.1 ms: the content script's reads take a few ms each; the default 1 ms would miss most of them.
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  const stopLoad = await record(session, `${inbox.platform}-load`);
  await page.goto(inbox.threadUrl);
  await headingChange(await panelFrame(page), inbox.contact);
  await sleep(bursts.idleMs);
  const load = await stopLoad();

  await worker.evaluate(() => {
    const scope = globalThis as typeof globalThis & { dmsReports?: number; dmsCountingReports?: boolean };
    scope.dmsReports = 0;
    if (scope.dmsCountingReports) return;
    scope.dmsCountingReports = true;
    // A second listener that answers nothing: it only counts.
    chrome.runtime.onMessage.addListener((message: { kind?: string; name?: string }) => {
      if (message?.kind === 'dms.rpc' && message.name === 'page.report') scope.dmsReports = (scope.dmsReports ?? 0) + 1;
      return undefined;
    });
  });
  const stopRows = await record(session, `${inbox.platform}-rows`);
  await page.evaluate(
    async ({ platform, threadId, rows, burst, gapMs }) => {
      const w = window as unknown as FixtureWindow;
      const addInbound = (text: string) => {
        if (platform === 'x') w.xFixture?.addInbound(text);
        else if (platform === 'linkedin') w.linkedinFixture?.addInbound(threadId, text);
        else w.__fixture?.addInbound(text);
      };
      for (let sent = 0; sent < rows; ) {
        for (let i = 0; i < burst && sent < rows; i++, sent++) addInbound(`Row ${sent}: is the order on its way?`);
        await new Promise((done) => setTimeout(done, gapMs));
      }
    },
    { platform: inbox.platform, threadId: inbox.threadId, ...bursts },
  );
  await sleep(300);
  const rows = await stopRows();
  const reports = await worker.evaluate(
    () => (globalThis as typeof globalThis & { dmsReports?: number }).dmsReports ?? 0,
  );
  await session.detach();
  await page.close();
  return { platform: inbox.platform, load, rows, reports };
}

/** Serves the four platforms' fixture threads at their real URLs. */
export async function serveHostPages(bench: Bench) {
  for (const inbox of FIXTURE_INBOXES) for (const [url, file] of inbox.routes) await bench.serve(url, file);
}
