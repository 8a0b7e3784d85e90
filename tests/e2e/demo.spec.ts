import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_INBOXES, panelHeading, panelOf, screenshotDemo, startDemo } from '../harness/demo.ts';
import { expect, test } from './fixtures';

// The demo behind `npm start` (tests/harness/start.ts, tests/harness/demo.ts): four inboxes, each with the
// panel showing its seeded contact, written as one screenshot per platform.

const ROOT = resolve(import.meta.dirname, '../..');
const PLATFORMS = ['instagram', 'facebook', 'x', 'linkedin'];

/** A PNG's width and height from its IHDR chunk (after the 8-byte signature and the chunk's length and type). */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is a PNG`).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature (no browser of the test's own)
test('`npm start -- --headless --screenshots <dir>` seeds the demo and writes one screenshot per platform', async ({}, testInfo) => {
  test.setTimeout(120_000);
  const dir = testInfo.outputPath('screenshots');
  // The build is the one the tests use (DMS_OUT_DIR): --skip-build, as `npm start` runs after `wxt build`.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['tests/harness/start.ts', '--headless', '--skip-build', '--screenshots', dir],
    { cwd: ROOT, env: process.env, timeout: 100_000 },
  );
  for (const platform of PLATFORMS) {
    const file = resolve(dir, `${platform}.png`);
    expect(stdout).toContain(`Wrote ${file}`);
    expect(pngSize(file)).toEqual({ width: 1280, height: 800 });
  }
});

test('the demo shows each platform with its panel: contact, waiting time against the SLA, tags, notes, templates in English and German', async ({
  context,
}, testInfo) => {
  test.setTimeout(60_000);
  expect(DEMO_INBOXES.map((demo) => demo.inbox.platform).sort()).toEqual([...PLATFORMS].sort());
  const session = await startDemo(context);

  for (const { demo, page } of session.inboxes) {
    const panel = panelOf(page);
    await expect(panelHeading(page, demo.contact)).toBeVisible();
    await expect(panel.getByText(`DM Sidekick · ${demo.inbox.label}`)).toBeVisible();
    await expect(panel.getByRole('timer', { name: 'Response timer' })).toHaveAttribute('data-sla-state', demo.slaState);
    const tags = panel.getByRole('list', { name: 'Tags', exact: true });
    await expect(tags.getByRole('listitem')).toHaveCount(demo.tags.length);
    for (const tag of demo.tags) await expect(tags.getByRole('button', { name: `Remove tag ${tag}` })).toBeVisible();
    const notes = panel.getByRole('list', { name: 'Notes', exact: true });
    for (const note of demo.notes) await expect(notes).toContainText(note);
    // English and German sample packs, and the demo's own templates.
    for (const title of ['Ask for the order number', 'Nach der Bestellnummer fragen', 'Order is on its way']) {
      await expect(
        panel.getByRole('list', { name: 'Templates', exact: true }).getByRole('button', { name: `Insert ${title}` }),
      ).toBeVisible();
    }
  }
  // The Instagram contact's custom field fills its variable; my name comes from the settings.
  const instagram = session.inboxes.find(({ demo }) => demo.inbox.platform === 'instagram');
  if (!instagram) throw new Error('no Instagram inbox in the demo');
  await panelOf(instagram.page).getByRole('searchbox', { name: 'Search templates' }).fill('shipped');
  await expect(panelOf(instagram.page).getByRole('figure', { name: 'Preview' })).toContainText(
    'your order IG-20417 left our warehouse today and should arrive in 2–3 days.\n\nTom',
  );
  // The dashboard lists every conversation the demo opened (LinkedIn: Anna's, then Ben's).
  await expect(session.dashboard.getByRole('link', { name: /^Open the conversation with .+ on / })).toHaveCount(
    DEMO_INBOXES.length + 1,
  );

  const files = await screenshotDemo(session, testInfo.outputPath('screenshots'));
  expect(files.map((file) => file.split('/').at(-1))).toEqual(DEMO_INBOXES.map((d) => `${d.inbox.platform}.png`));
  for (const file of files) expect(pngSize(file).width).toBeGreaterThan(0);
});
