// `npm run bench`: builds the extension in bench mode and measures it in headless Chromium.
// Prints a table of figures against their budgets and writes bench/results.json. Not a test.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../harness/chromium.ts';

const { values: options } = parseArgs({
  options: {
    /** Fewer rows and repetitions, for CI: catches a regression beyond 2× a budget, quickly. */
    quick: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
  },
});

const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, '.output-bench');
const extensionDir = join(outDir, 'chrome-mv3-bench');
if (!options['skip-build']) {
  execFileSync('npx', ['wxt', 'build', '--mode', 'bench'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DMS_OUT_DIR: '.output-bench' },
  });
}

type Figure = { name: string; value: number; unit: string; budget?: number; note?: string };
const figures: Figure[] = [];

const conversations = options.quick ? 20_000 : 100_000;
const notes = conversations / 2;
const runs = options.quick ? 5 : 21;

const userDataDir = await mkdtemp(join(tmpdir(), 'dms-bench-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  headless: true,
  executablePath: chromiumPath(),
  args: chromiumArgs(extensionDir),
});
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async () => {
    for (let i = 0; i < 100 && !('dmsStorageBench' in globalThis); i++) await new Promise((r) => setTimeout(r, 50));
  });
  type StorageBench = typeof import('./storage-hooks.ts').storageBench;
  const bench = <K extends keyof StorageBench>(name: K, ...args: Parameters<StorageBench[K]>) =>
    worker.evaluate(
      ([fn, fnArgs]) =>
        (
          globalThis as unknown as { dmsStorageBench: Record<string, (...a: unknown[]) => Promise<number>> }
        ).dmsStorageBench[fn as string]?.(...(fnArgs as unknown[])) as Promise<number>,
      [name, args] as const,
    );

  const seedMs = await bench('seed', conversations, notes);
  figures.push({
    name: `storage: insert ${conversations.toLocaleString('en')} conversations + ${notes.toLocaleString('en')} notes`,
    value: seedMs,
    unit: 'ms',
  });
  figures.push({
    name: `storage: open the database with ${conversations.toLocaleString('en')} conversations`,
    value: await bench('openMs', runs),
    unit: 'ms',
    budget: 50,
  });
  figures.push({
    name: 'storage: the 50 most overdue open conversations',
    value: await bench('mostOverdueMs', runs),
    unit: 'ms',
    budget: 50,
  });
  figures.push({
    name: 'storage: count open conversations per platform',
    value: await bench('countOpenByPlatformMs', runs),
    unit: 'ms',
  });
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}

const status = (f: Figure) => (f.budget === undefined ? '' : f.value <= f.budget ? 'PASS' : 'OVER');
console.log(`\nDM Sidekick benchmarks (${options.quick ? 'quick' : 'full'}; medians of ${runs} runs)\n`);
console.log(['figure'.padEnd(72), 'value'.padStart(10), 'budget'.padStart(10), 'status'].join('  '));
for (const f of figures) {
  console.log(
    [
      f.name.padEnd(72),
      `${f.value.toFixed(1)} ${f.unit}`.padStart(10),
      (f.budget === undefined ? '—' : `${f.budget} ${f.unit}`).padStart(10),
      status(f),
    ].join('  '),
  );
}
await mkdir(join(root, 'bench'), { recursive: true });
await writeFile(
  join(root, 'bench/results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), quick: options.quick, figures }, null, 2)}\n`,
);

// In CI (--quick) a figure beyond twice its budget fails the build.
const broken = figures.filter((f) => f.budget !== undefined && f.value > 2 * f.budget);
if (options.quick && broken.length) {
  console.error(`\nOver twice the budget: ${broken.map((f) => f.name).join('; ')}`);
  process.exit(1);
}
