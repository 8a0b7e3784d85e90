import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  ageLabel,
  DEMO_INBOXES,
  DEMO_TEMPLATES,
  panelHeading,
  panelOf,
  screenshotDemo,
  startDemo,
} from '../harness/demo.ts';
import { expect, test } from './fixtures';

// The demo behind `npm start` (tests/harness/start.ts, tests/harness/demo.ts): four inboxes, each with the
// panel showing its seeded contact, written as one screenshot per platform.

const ROOT = resolve(import.meta.dirname, '../..');
const PLATFORMS = ['instagram', 'facebook', 'x', 'linkedin'];
const SCREENSHOTS = [...PLATFORMS, 'dashboard', 'popup'];
const PACKS_DIR = resolve(ROOT, 'public/packs');

/** Every template the demo installs, by title: its language (the packs' own, English for the demo's). */
function templateLanguages(): Map<string, string> {
  const index = JSON.parse(readFileSync(resolve(PACKS_DIR, 'index.json'), 'utf8')) as { packs: { file: string }[] };
  const languages = new Map<string, string>(DEMO_TEMPLATES.map((template) => [template.title, 'en']));
  for (const { file } of index.packs) {
    const pack = JSON.parse(readFileSync(resolve(PACKS_DIR, file), 'utf8')) as {
      language: string;
      templates: { title: string; language?: string }[];
    };
    for (const template of pack.templates) languages.set(template.title, template.language ?? pack.language);
  }
  return languages;
}

/** A PNG's width and height from its IHDR chunk (after the 8-byte signature and the chunk's length and type). */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is a PNG`).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature (no browser of the test's own)
test('`npm start -- --headless --screenshots <dir>` seeds the demo and writes one screenshot per platform, the dashboard and the popup', async ({}, testInfo) => {
  test.setTimeout(120_000);
  const dir = testInfo.outputPath('screenshots');
  // The build is the one the tests use (DMS_OUT_DIR): --skip-build, as `npm start` runs after `wxt build`.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['tests/harness/start.ts', '--headless', '--skip-build', '--screenshots', dir],
    { cwd: ROOT, env: process.env, timeout: 100_000 },
  );
  for (const name of SCREENSHOTS) expect(stdout).toContain(`Wrote ${resolve(dir, `${name}.png`)}`);
  for (const platform of [...PLATFORMS, 'dashboard']) {
    expect(pngSize(resolve(dir, `${platform}.png`))).toEqual({ width: 1280, height: 800 });
  }
  // The popup at its own width (320 CSS px), as tall as its content.
  const popup = pngSize(resolve(dir, 'popup.png'));
  expect(popup.width).toBe(320);
  expect(popup.height).toBeGreaterThan(100);
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
  expect(files.map((file) => file.split('/').at(-1))).toEqual(SCREENSHOTS.map((name) => `${name}.png`));
  for (const file of files) expect(pngSize(file).width).toBeGreaterThan(0);
});

test("the demo data agrees with itself: list times, the panel's wait, the Sales policy of the lead, templates in the conversation's language", async ({
  context,
}) => {
  test.setTimeout(60_000);
  const session = await startDemo(context);
  const languages = templateLanguages();
  for (const { demo, page } of session.inboxes) {
    const panel = panelOf(page);
    // "waiting 3 h · overdue (Customer service)": the dashboard's row says the same wait. Both clocks tick
    // each minute, so panel and row are read again until they agree (a loaded run read them a minute apart).
    const panelTimer = () => panel.getByRole('timer', { name: 'Response timer' }).textContent();
    const row = session.dashboard.locator(`[data-platform="${demo.inbox.platform}"]`).filter({ hasText: demo.contact });
    let timer: string | null = null;
    let rowText: string | null = null;
    // A loaded CI run kept them apart for the default 15 s: a failure now says what each showed last.
    await expect
      .poll(
        async () => {
          timer = await panelTimer();
          rowText = await row.textContent({ timeout: 1_000 }).catch(() => null);
          const waiting = /^(waiting [^·]+?) ·/.exec(timer ?? '')?.[1];
          return waiting !== undefined && (await row.getByText(waiting, { exact: true }).count()) === 1;
        },
        { timeout: 30_000 },
      )
      .toBe(true)
      .catch((error: Error) => {
        throw new Error(
          `${demo.inbox.label}: the panel's wait and the dashboard row's never agreed (panel: "${timer}"; row: "${rowText}")`,
          { cause: error },
        );
      });
    // Ben is a lead: the tag Lead brings the Sales policy (24 h / 48 h); the others use the default.
    expect(timer).toContain(demo.tags.includes('Lead') ? '(Sales)' : '(Customer service)');

    // The screenshot's template search shows templates in the conversation's language only.
    await panel.getByRole('searchbox', { name: 'Search templates' }).fill(demo.screenshotSearch);
    const insertButtons = panel.getByRole('list', { name: 'Templates', exact: true }).getByRole('button', {
      name: /^Insert /,
    });
    await expect(insertButtons.first()).toBeVisible();
    const titles = await insertButtons.evaluateAll((buttons) =>
      buttons.map((button) => button.getAttribute('aria-label')?.replace(/^Insert /, '') ?? ''),
    );
    for (const title of titles) expect(languages.get(title), `${demo.inbox.label}: ${title}`).toBe(demo.language);
  }
  // The host pages' own conversation lists give the same age as the panel's timer.
  const inboxPage = (platform: string) => session.inboxes.find(({ demo }) => demo.inbox.platform === platform)!;
  const instagram = inboxPage('instagram');
  await expect(
    instagram.page.getByText(`Anna Berger · Perfect, thanks! · ${ageLabel(instagram.demo.waitingMs)}`),
  ).toBeVisible();
  // The German conversation is German on the page too.
  const messenger = inboxPage('facebook');
  expect(messenger.demo.language).toBe('de');
  await expect(
    messenger.page.getByText(`Anna Berger · Danke, bis dann! · ${ageLabel(messenger.demo.waitingMs)}`),
  ).toBeVisible();
  await expect(messenger.page.getByRole('main').getByText('Danke, bis dann!', { exact: true })).toBeVisible();
});
