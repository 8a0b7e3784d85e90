// Headless Chromium for `npm run bench`: a persistent context with the bench build of the extension, or
// the same browser with the same flags but without it (the baseline of the host-page overhead). Fixture
// pages are served at real platform URLs (as in tests/e2e/fixtures.ts); nothing reaches the network.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Frame, type Page, type Worker } from '@playwright/test';
import { parsePageStateKey } from '../../utils/messaging/page-state-key.ts';
import { chromiumArgs, chromiumPath } from '../harness/chromium.ts';
import type { HeadingChange, panelBench } from './panel-hooks';

const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures');

export type Bench = {
  context: BrowserContext;
  /** The extension's service worker (undefined in the baseline browser). */
  worker?: Worker;
  /** Serves tests/fixtures/<file> whenever the browser asks for `url`. */
  serve: (url: string | RegExp, file: string) => Promise<void>;
  close: () => Promise<void>;
};

/** Launches Chromium; with `extensionDir` it loads that build, without it the same flags minus the extension. */
export async function launch(fixtureBuildDir: string, extensionDir?: string): Promise<Bench> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'dms-bench-'));
  const args = chromiumArgs(extensionDir ?? '/nonexistent').filter(
    (arg) => extensionDir || !/^--(load-extension|disable-extensions-except)=/.test(arg),
  );
  const context = await chromium.launchPersistentContext(userDataDir, {
    headless: true,
    executablePath: chromiumPath(),
    args,
    viewport: { width: 1280, height: 800 },
    // The panel follows the browser's language; the measurements click English labels.
    locale: 'en-US',
  });
  await context.route(/^https?:\/\//, (route) => route.abort('internetdisconnected'));
  await context.route(/^https:\/\/[^/]+\/__fixture__\//, async (route) => {
    const path = new URL(route.request().url()).pathname.replace('/__fixture__/', '');
    const file = resolve(fixtureBuildDir, path);
    if (!file.startsWith(fixtureBuildDir) || !existsSync(file)) return route.fulfill({ status: 404 });
    await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: readFileSync(file) });
  });
  let worker: Worker | undefined;
  if (extensionDir) {
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate(async () => {
      for (let i = 0; i < 200 && !('dmsStorageBench' in globalThis && 'dmsPackBench' in globalThis); i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      if (!('dmsStorageBench' in globalThis)) throw new Error('Not a bench build: dmsStorageBench is missing');
    });
  }
  return {
    context,
    worker,
    serve: async (url, file) => {
      const body = readFileSync(join(FIXTURES_DIR, file));
      await context.route(url, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
      );
    },
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` (every few ms) until it returns something other than undefined. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(5);
  }
}

type PanelWindow = { dmsPanelBench?: typeof panelBench };

/** The in-page panel's frame (an extension page in an iframe), once its bench hooks are running. */
export async function panelFrame(page: Page): Promise<Frame> {
  return until('the panel frame', async () => {
    const frame = page.frames().find((f) => /^chrome-extension:\/\/[^/]+\/panel\.html/.test(f.url()));
    if (!frame) return undefined;
    const ready = await frame.evaluate(() => 'dmsPanelBench' in globalThis).catch(() => false);
    return ready ? frame : undefined;
  });
}

/** The first change of the panel's heading to `text` committed at or after `after` (epoch ms). */
export async function headingChange(frame: Frame, text: string, after = 0): Promise<HeadingChange> {
  return until(`the panel heading "${text}"`, async () => {
    const changes = await frame.evaluate(() => (globalThis as PanelWindow).dmsPanelBench?.headings() ?? []);
    const found = changes.find((c) => c.text === text && c.committedAt >= after);
    // Wait for the frame that paints it, too.
    return found?.frameAt !== undefined ? found : undefined;
  });
}

/** The last click on a button labelled `label` in the panel, in the panel's clock (epoch ms). */
export async function lastClick(frame: Frame, label: string): Promise<number> {
  const clicks = await frame.evaluate(() => (globalThis as PanelWindow).dmsPanelBench?.clicks() ?? []);
  const click = clicks.findLast((c) => c.label === label);
  if (!click) throw new Error(`No click on "${label}" was recorded in the panel`);
  return click.at;
}

/** The panel iframe's title (PANEL_TITLE of utils/content/panel-frame.ts, which Node cannot import). */
export const panelLocator = (page: Page) => page.frameLocator('iframe[title="DM Sidekick"]');

/** The tab id of the page whose top frame last reported `url` (the background's session storage). */
export async function tabIdOf(worker: Worker, url: string): Promise<number> {
  return until(`a report of ${url}`, () =>
    worker
      .evaluate(() => chrome.storage.session.get(null))
      .then((entries) => {
        for (const [key, value] of Object.entries(entries)) {
          const frame = parsePageStateKey(key);
          if (frame?.frameId === 0 && (value as { url?: string }).url === url) return frame.tabId;
        }
        return undefined;
      }),
  );
}
