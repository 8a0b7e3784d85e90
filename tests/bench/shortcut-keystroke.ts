// `npm run bench:shortcuts`: what shortcuts typed in the composer (issue #17) cost each keystroke. The
// Instagram fixture (real Lexical) is typed into with and without the extension (production build,
// 50 templates with shortcuts, the guard listening); each keystroke's time from the first keydown
// listener to the end of its task (keydown, beforeinput, Lexical's update, input: a setTimeout queued at
// keydown runs after them) is recorded in the page. Prints p50 / p95 of both and their difference.
// Needs `npx wxt build` and `node tests/fixtures/build.ts` first. Not a test: figures move with load.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath, EXTENSION_DIR } from '../harness/chromium.ts';
import { rpc } from '../harness/extension.ts';
import { INSTAGRAM, serveInbox } from '../harness/inboxes.ts';
import { isolateAndServeFixtureScripts } from '../harness/serve.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 4);
/** Ordinary typing with shortcuts begun but not finished (the suggestion list opens and closes). */
const TEXT = 'Hi Anna, ;th thanks for your message ;or see you soon ';

async function keystrokes(withExtension: boolean): Promise<number[]> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'dms-bench-shortcuts-'));
  const args = chromiumArgs(EXTENSION_DIR).filter(
    (arg) => withExtension || !/^--(load-extension|disable-extensions-except)=/.test(arg),
  );
  const context = await chromium.launchPersistentContext(userDataDir, {
    headless: true,
    executablePath: chromiumPath(),
    args,
  });
  try {
    await isolateAndServeFixtureScripts(context);
    if (withExtension) {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const dashboard = await context.newPage();
      await dashboard.goto(`chrome-extension://${new URL(worker.url()).host}/dashboard.html`);
      for (let i = 0; i < 50; i++) {
        await rpc(dashboard, 'templates.create', {
          title: `Reply ${i}`,
          body: `Body ${i} {{firstName|there}}`,
          shortcut: `r${i}`,
        });
      }
      await rpc(dashboard, 'templates.create', { title: 'Thanks', body: 'Thanks!', shortcut: 'thanks' });
      await dashboard.close();
    }
    await serveInbox(context, INSTAGRAM);
    const page = await context.newPage();
    await page.addInitScript(() => {
      const times: number[] = [];
      // Registered before any page or extension listener: the keystroke's start.
      window.addEventListener(
        'keydown',
        () => {
          const start = performance.now();
          setTimeout(() => times.push(performance.now() - start));
        },
        true,
      );
      Object.assign(window, { __keystrokeTimes: times });
    });
    await page.goto(INSTAGRAM.threadUrl);
    if (withExtension)
      await page.frameLocator('iframe[title="DM Sidekick"]').getByRole('heading', { name: 'Anna Berger' }).waitFor();
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await INSTAGRAM.composer(page).click();
      await page.evaluate(() => (window as unknown as { __keystrokeTimes: number[] }).__keystrokeTimes.splice(0));
      // Keys 25 ms apart, as fast typing: each keystroke's task ends before the next key arrives.
      await page.keyboard.type(TEXT, { delay: 25 });
      samples.push(
        ...(await page.evaluate(() =>
          (window as unknown as { __keystrokeTimes: number[] }).__keystrokeTimes.splice(0),
        )),
      );
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Backspace');
    }
    return samples;
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

const without = await keystrokes(false);
const withGuard = await keystrokes(true);
const row = (label: string, values: number[]) =>
  `${label.padEnd(28)} n=${values.length}  p50 ${quantile(values, 0.5).toFixed(2)} ms  p95 ${quantile(values, 0.95).toFixed(2)} ms`;
console.log(row('without the extension', without));
console.log(row('with the shortcut guard', withGuard));
console.log(
  `p95 difference: ${(quantile(withGuard, 0.95) - quantile(without, 0.95)).toFixed(2)} ms (load ${loadavg()[0]?.toFixed(1)})`,
);
