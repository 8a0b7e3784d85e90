import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, chromium, type Worker } from '@playwright/test';
import { chromiumArgs, chromiumPath, EXTENSION_DIR } from '../harness/chromium.ts';

const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures');

export type Fixtures = {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Serves tests/fixtures/<file> whenever the browser asks for `url` (a real platform URL). */
  serveFixture: (url: string, file: string) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
  context: async ({}, use) => {
    if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
      throw new Error(`No built extension at ${EXTENSION_DIR}: run \`npm run build\` first.`);
    }
    const userDataDir = await mkdtemp(join(tmpdir(), 'dms-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      headless: process.env.HEADED !== '1',
      executablePath: chromiumPath(),
      args: chromiumArgs(),
    });
    // The machine has no network: anything not served by a test is refused at once
    // instead of hanging (routes registered later take precedence).
    await context.route(/^https?:\/\//, (route) => route.abort('internetdisconnected'));
    await use(context);
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  serveFixture: async ({ context }, use) => {
    await use(async (url, file) => {
      const body = readFileSync(join(FIXTURES_DIR, file));
      await context.route(url, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
      );
    });
  },
});

export const expect = test.expect;
