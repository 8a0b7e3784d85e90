import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, test as base, chromium, type Page, type Worker } from '@playwright/test';
import { parsePageStateKey } from '../../utils/messaging/page-state-key';
import type { InsertResult, PageSnapshot } from '../../utils/platforms/types';
import { chromiumArgs, chromiumPath, EXTENSION_DIR } from '../harness/chromium.ts';
import { isolateAndServeFixtureScripts, serveFixture } from '../harness/serve.ts';

export type Fixtures = {
  /** Which build to load (an option: `test.use({ extensionDir: E2E_EXTENSION_DIR })`). */
  extensionDir: string;
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Serves tests/fixtures/<file> whenever the browser asks for `url` (a real platform URL). */
  serveFixture: (url: string, file: string) => Promise<void>;
  /**
   * What the content scripts of `page`'s tab last reported to the background, per frame id
   * (frame 0 is the top frame). Read from the background's session storage: the real data path.
   */
  pageStates: (page: Page) => Promise<Map<number, PageSnapshot>>;
  /**
   * Stops the extension's service worker, as Chromium does after ~30 s idle (CDP ServiceWorker.stopWorker),
   * and resolves once it has stopped. Anything that needs it afterwards wakes it up again.
   */
  stopServiceWorker: () => Promise<void>;
  /** Sends the background's real "insert" command to the tab's frame, as the panel will. */
  insertViaBackground: (page: Page, text: string, threadId: string, frameId?: number) => Promise<InsertResult>;
};

/** Finds the tab whose top frame reported `page`'s URL. */
async function tabStates(worker: Worker, url: string) {
  const entries = await worker.evaluate(() => chrome.storage.session.get(null));
  const byTab = new Map<number, Map<number, PageSnapshot>>();
  for (const [key, value] of Object.entries(entries)) {
    const frame = parsePageStateKey(key);
    if (!frame) continue;
    const frames = byTab.get(frame.tabId) ?? new Map<number, PageSnapshot>();
    frames.set(frame.frameId, value as PageSnapshot);
    byTab.set(frame.tabId, frames);
  }
  for (const [tabId, frames] of byTab) if (frames.get(0)?.url === url) return { tabId, frames };
  return undefined;
}

/**
 * Stops the extension's service worker over CDP (ServiceWorker.stopWorker) from `page`, an extension page,
 * as often as asked on one session: `stop()` waits until the worker runs (something woke it), lets it run
 * `afterRunningMs`, stops it and resolves once it has stopped.
 */
export async function serviceWorkerControl(page: Page, extensionId: string) {
  const session = await page.context().newCDPSession(page);
  type Version = { versionId: string; scriptURL: string; runningStatus: string };
  const versions = new Map<string, Version>();
  let onUpdate = () => {};
  session.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }: { versions: Version[] }) => {
    for (const version of updated) versions.set(version.versionId, version);
    onUpdate();
  });
  const ours = () => [...versions.values()].find((v) => v.scriptURL.startsWith(`chrome-extension://${extensionId}/`));
  const until = (done: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The service worker did not ${what}`)), 10_000);
      onUpdate = () => {
        if (done()) {
          clearTimeout(timer);
          resolve();
        }
      };
      onUpdate();
    });
  await session.send('ServiceWorker.enable');
  return {
    async stop(afterRunningMs = 0) {
      await until(() => ours()?.runningStatus === 'running', 'run');
      if (afterRunningMs > 0) await new Promise((resolve) => setTimeout(resolve, afterRunningMs));
      await session.send('ServiceWorker.stopWorker', { versionId: ours()?.versionId ?? '' });
      await until(() => ours()?.runningStatus === 'stopped', 'stop');
    },
    detach: () => session.detach(),
  };
}

/**
 * A fresh Chromium profile with the extension loaded; `close` also deletes the profile. The `context`
 * fixture is one; a test that needs a second browser (two team members) launches another.
 */
export async function launchExtensionContext(
  extensionDir: string,
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build\` first.`);
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'dms-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    headless: process.env.HEADED !== '1',
    executablePath: chromiumPath(),
    args: chromiumArgs(extensionDir),
  });
  // No network: only what a test serves (and the fixture pages' bundled editors) answers.
  await isolateAndServeFixtureScripts(context);
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Stops the extension's service worker in `context` once (from a popup page it opens and closes). */
export async function stopServiceWorkerOf(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const control = await serviceWorkerControl(page, extensionId);
  await control.stop();
  await control.detach();
  await page.close();
}

export const test = base.extend<Fixtures>({
  extensionDir: [EXTENSION_DIR, { option: true }],
  context: async ({ extensionDir }, use) => {
    const launched = await launchExtensionContext(extensionDir);
    await use(launched.context);
    await launched.close();
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  serveFixture: async ({ context }, use) => {
    await use((url, file) => serveFixture(context, url, file));
  },
  pageStates: async ({ serviceWorker }, use) => {
    await use(async (page) => (await tabStates(serviceWorker, page.url()))?.frames ?? new Map());
  },
  stopServiceWorker: async ({ context, extensionId }, use) => {
    await use(() => stopServiceWorkerOf(context, extensionId));
  },
  insertViaBackground: async ({ serviceWorker }, use) => {
    await use(async (page, text, threadId, frameId = 0) => {
      const found = await tabStates(serviceWorker, page.url());
      if (!found) throw new Error(`No content script has reported ${page.url()}`);
      return serviceWorker.evaluate(
        ([tabId, command, frame]) => chrome.tabs.sendMessage(tabId, command, { frameId: frame }),
        [found.tabId, { kind: 'dms.page-command', command: 'insert', text, threadId }, frameId] as const,
      );
    });
  },
});

export const expect = test.expect;
