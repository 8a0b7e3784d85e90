// `npm start`: build the extension and open Chromium with it loaded, on the dashboard.
// `npm start -- --headless --screenshots <dir>` writes PNGs instead (for machines without a display).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath, EXTENSION_DIR } from './chromium.ts';

const { values: options } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    screenshots: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
  },
});

const root = resolve(import.meta.dirname, '../..');
if (!options['skip-build']) execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });

if (!options.headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    'No display found. Run `npm start -- --headless --screenshots out/` to get screenshots instead,\n' +
      `or load ${EXTENSION_DIR} as an unpacked extension in Chrome/Edge (chrome://extensions, Developer mode).`,
  );
  process.exit(1);
}

const context = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'dm-sidekick-')), {
  headless: options.headless,
  executablePath: chromiumPath(),
  viewport: options.headless ? { width: 1280, height: 800 } : null,
  args: chromiumArgs(),
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;

const page = context.pages()[0] ?? (await context.newPage());
await page.goto(`chrome-extension://${extensionId}/dashboard.html`);

if (options.screenshots) {
  const dir = resolve(options.screenshots);
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'dashboard.png') });
  console.log(`Wrote ${join(dir, 'dashboard.png')}`);
}
if (options.headless) await context.close();
else console.log('DM Sidekick is loaded. Close the browser window to stop.');
