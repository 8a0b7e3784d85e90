// `npm start`: builds the extension and the fixture pages, then opens Chromium with the extension loaded and
// four demo inboxes (Instagram, Messenger, X, LinkedIn stand-in pages served at the real URLs, never the
// network), each with the side panel next to it, plus the dashboard. The data is seeded through the
// extension's own RPC: settings, sample template packs (English and German), tags, notes, waiting times.
//   npm start -- --headless --screenshots <dir>   one PNG per platform, dashboard.png, popup.png, then exit
//   npm start -- --skip-build                     use the existing build (DMS_OUT_DIR, default .output)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath, EXTENSION_DIR } from './chromium.ts';
import { screenshotDemo, startDemo } from './demo.ts';
import { fixtureScriptsBuilt, isolateAndServeFixtureScripts } from './serve.ts';

const { values: options } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    screenshots: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
  },
});

const root = resolve(import.meta.dirname, '../..');
if (!options['skip-build']) {
  execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
  // The demo inboxes run the real editors (Lexical, React, …), bundled from tests/fixtures/.
  execFileSync(process.execPath, ['tests/fixtures/build.ts'], { cwd: root, stdio: 'inherit' });
}
if (!existsSync(join(EXTENSION_DIR, 'manifest.json')) || !fixtureScriptsBuilt()) {
  console.error(`No build in ${relative(root, EXTENSION_DIR)}: run \`npm start\` without --skip-build.`);
  process.exit(1);
}

if (!options.headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    'No display found. Run `npm start -- --headless --screenshots out/` to get screenshots instead,\n' +
      `or load ${EXTENSION_DIR} as an unpacked extension in Chrome/Edge (chrome://extensions, Developer mode).`,
  );
  process.exit(1);
}

const userDataDir = await mkdtemp(join(tmpdir(), 'dm-sidekick-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  headless: options.headless,
  executablePath: chromiumPath(),
  viewport: options.headless ? { width: 1280, height: 800 } : null,
  args: chromiumArgs(),
});
const cleanUp = () => rm(userDataDir, { recursive: true, force: true });

try {
  await isolateAndServeFixtureScripts(context);
  console.log('Seeding the demo:');
  const session = await startDemo(context, (line) => console.log(line));
  if (options.screenshots) {
    for (const file of await screenshotDemo(session, resolve(options.screenshots))) console.log(`Wrote ${file}`);
  }
  await session.inboxes[0]?.page.bringToFront();
} catch (error) {
  console.error(`The demo failed: ${(error as Error).stack ?? error}`);
  await context.close();
  await cleanUp();
  process.exit(1);
}

if (options.headless) {
  await context.close();
  await cleanUp();
} else {
  console.log(
    'DM Sidekick is loaded: one tab per platform with the panel on the right, and the dashboard.\n' +
      'The inboxes are local stand-in pages at the real URLs; nothing goes to the network. Close the browser to stop.',
  );
  context.on('close', () => void cleanUp());
}
