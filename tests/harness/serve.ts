// Serving the fixture pages at the real platform URLs, shared by the e2e fixtures (tests/e2e/fixtures.ts)
// and the demo behind `npm start` (tests/harness/demo.ts). Runs under Playwright's loader and under plain
// Node (type stripping), so: relative imports with their .ts extension, type-only imports from the product.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { FIXTURE_BUILD_DIR } from '../fixtures/paths.ts';

/** tests/fixtures/: the stand-in pages of the four platforms. */
export const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures');

/**
 * Keeps the context off the network and serves the fixture pages' bundled editors:
 * - anything not served by a route registered later is refused at once (this machine has no network, and
 *   tests must never touch it); routes registered later take precedence;
 * - /__fixture__/<platform>/<name>.js on any https host comes from the fixture build
 *   (`node tests/fixtures/build.ts`), where the fixture pages load their editors from.
 */
export async function isolateAndServeFixtureScripts(context: BrowserContext): Promise<void> {
  // Loopback stays open for the tests' own servers (pack subscriptions); Playwright 1.65 routes the
  // extension service worker's requests too.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort('internetdisconnected'));
  await context.route(/^https:\/\/[^/]+\/__fixture__\//, async (route) => {
    const path = new URL(route.request().url()).pathname.replace('/__fixture__/', '');
    const file = resolve(FIXTURE_BUILD_DIR, path);
    if (!file.startsWith(FIXTURE_BUILD_DIR + sep) || !existsSync(file)) return route.fulfill({ status: 404 });
    await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: readFileSync(file) });
  });
}

/**
 * Serves tests/fixtures/<file> whenever the browser asks for `url` (a real platform URL or glob); `edit`, if
 * given, rewrites the page's HTML at each request (the demo's times, relative to the moment it is opened).
 */
export async function serveFixture(
  context: BrowserContext,
  url: string,
  file: string,
  edit?: (html: string) => string,
): Promise<void> {
  const html = readFileSync(join(FIXTURES_DIR, file), 'utf8');
  await context.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: edit ? edit(html) : html }),
  );
}

/** Whether the fixture pages' editors have been bundled (they are needed by every fixture page). */
export const fixtureScriptsBuilt = (): boolean => existsSync(FIXTURE_BUILD_DIR);
