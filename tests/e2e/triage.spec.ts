import type { FrameLocator, Page } from '@playwright/test';
import { PANEL_TITLE } from '../../utils/content/panel-frame';
import { backupFile, liveOnce, restoreFrom, rpc } from '../harness/extension.ts';
import { INSTAGRAM, serveInbox } from '../harness/inboxes.ts';
import { axeScanner } from './axe';
import { expect, test } from './fixtures';
import { storedData } from './stored-data';

// Issue #20, "Done when": the triage inbox by keyboard, its accessibility in light and dark, no sideways
// scrolling from 360 px on, the popup's counts, the first run from the panel and "do not contact".

const MINUTE = 60_000;
const panelOf = (page: Page): FrameLocator => page.frameLocator(`iframe[title="${PANEL_TITLE}"]`);

/** Five people, one in each state of the queue (default policy: 2 h target, 4 h breach), and a tag. */
function triageBackup(now = Date.now()) {
  const people = [
    { name: 'Dora Done', platform: 'x', status: 'done' },
    { name: 'Olli Ontime', platform: 'instagram', waitingMinutes: 10 },
    { name: 'Bea Breached', platform: 'instagram', waitingMinutes: 5 * 60 },
    { name: 'Dirk Duesoon', platform: 'linkedin', waitingMinutes: 100 },
    { name: 'Otto Overdue', platform: 'facebook', waitingMinutes: 3 * 60 },
  ] as const;
  const contacts = people.map((person, i) => ({
    id: `c${i}`,
    platform: person.platform,
    platformId: `user${i}`,
    displayName: person.name,
    profileUrl: `https://example.com/user${i}`,
    customFields: {},
    createdAt: now,
    updatedAt: now,
  }));
  const conversations = people.map((person, i) => ({
    id: `v${i}`,
    platform: person.platform,
    threadId: `t${i}`,
    contactId: `c${i}`,
    status: 'status' in person ? person.status : 'open',
    tags: [],
    ...('waitingMinutes' in person && { waitingSince: now - person.waitingMinutes * MINUTE }),
    createdAt: now,
    updatedAt: now,
  }));
  const tags = [{ id: 'vip', name: 'VIP', nameKey: 'vip', color: '#4f46e5', createdAt: now }];
  return backupFile({ contacts, conversations, tags });
}

async function openSeededDashboard(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await restoreFrom(page, triageBackup(), 'replace');
  await expect(page.getByText('5 of 5 conversations')).toBeVisible();
}

const list = (page: Page) => page.getByRole('list', { name: 'Conversation list' });
const activeRow = (page: Page) => list(page).locator('[aria-current="true"]');
const announced = (page: Page) => page.locator('p[role="status"][aria-live="polite"]').first();
const stored = async (page: Page, id: string) => (await storedData(page)).conversations.find((c) => c.id === id);

test('the triage inbox: most urgent first, counts on top, and a keyboard walk through j/k, e, s, t, x, / and ?', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await openSeededDashboard(page, extensionId);
  await expect(list(page).locator('[data-triage-state]')).toHaveCount(5);
  const states = await list(page)
    .locator('[data-triage-state]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-triage-state')));
  expect(states).toEqual(['breached', 'overdue', 'dueSoon', 'onTime', 'done']);
  const counts = page.getByRole('region', { name: 'Conversations by state and platform' });
  await expect(counts.getByRole('button', { name: 'Breached 1' })).toBeVisible();
  await expect(counts.getByRole('button', { name: 'Done 1' })).toBeVisible();
  await expect(counts.locator('[data-platform-count="instagram"]')).toHaveText('Instagram: Waiting 2 · Overdue 1');

  await expect(activeRow(page)).toContainText('Bea Breached');
  await page.keyboard.press('j');
  await expect(activeRow(page)).toContainText('Otto Overdue');
  await expect(announced(page)).toHaveText('Otto Overdue, 2 of 5: Overdue');
  await page.keyboard.press('k');
  await expect(activeRow(page)).toContainText('Bea Breached');

  // e: done; the keyboard moves on to the next in the queue.
  await page.keyboard.press('e');
  await expect(announced(page)).toHaveText('Bea Breached marked done.');
  await expect(activeRow(page)).toContainText('Otto Overdue');
  expect((await stored(page, 'v2'))?.status).toBe('done');

  // s: the snooze menu takes focus; ↓ and Enter choose "Tomorrow 9:00".
  await page.keyboard.press('s');
  const snoozeMenu = page.getByRole('menu', { name: 'Snooze' });
  await expect(snoozeMenu.getByRole('menuitem', { name: 'In 1 hour' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(snoozeMenu.getByRole('menuitem', { name: 'Tomorrow 9:00' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(snoozeMenu).toHaveCount(0);
  await expect(announced(page)).toHaveText('Otto Overdue snoozed.');
  expect(await stored(page, 'v4')).toMatchObject({ status: 'snoozed', snoozedUntil: expect.any(Number) });
  await expect(activeRow(page)).toContainText('Dirk Duesoon');

  // t: the tag menu; Escape closes it without a change, Enter adds the tag.
  await page.keyboard.press('t');
  await expect(page.getByRole('menu', { name: 'Tag' }).getByRole('menuitem', { name: 'VIP' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'Tag' })).toHaveCount(0);
  await page.keyboard.press('t');
  await page.keyboard.press('Enter');
  await expect(announced(page)).toHaveText('Tag VIP added to Dirk Duesoon.');
  expect((await stored(page, 'v3'))?.tags).toEqual(['vip']);

  // x: select for bulk actions, the same state as the row's checkbox.
  await page.keyboard.press('x');
  await expect(page.getByRole('checkbox', { name: 'Select Dirk Duesoon' })).toBeChecked();
  await expect(page.getByText('5 of 5 conversations · 1 selected')).toBeVisible();

  // /: search; keys typed there are the search's, not the inbox's.
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search contacts and notes' });
  await expect(search).toBeFocused();
  await page.keyboard.type('olli');
  await expect(page.getByText('1 of 5 conversations')).toBeVisible();
  await search.fill('');
  await page.keyboard.press('Escape');

  // ?: every key, and no "assign" without team mode.
  await page.keyboard.press('?');
  const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const key of ['j / k', 'Enter / o', 'e', 's', 't', 'x', '/', '?']) {
    await expect(keys.getByText(key, { exact: true })).toBeVisible();
  }
  await expect(keys.getByText('assign…')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Assign' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(keys).toHaveCount(0);

  // The same actions by mouse; the contact opens beside the list.
  await list(page).getByRole('button', { name: 'Olli Ontime' }).click();
  const pane = page.getByRole('complementary', { name: 'Contact' });
  await expect(pane.getByRole('heading', { name: 'Olli Ontime' })).toBeVisible();
  const listBox = await list(page).boundingBox();
  const paneBox = await pane.boundingBox();
  expect(paneBox?.x).toBeGreaterThan((listBox?.x ?? 0) + (listBox?.width ?? 0) - 1);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(announced(page)).toHaveText('Olli Ontime marked done.');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`an axe scan of the triage inbox with the contact pane and the keys overlay finds nothing serious (${colorScheme})`, async ({
    context,
    extensionId,
  }) => {
    // Two full axe runs: on a loaded 2-core machine each can take 10 s or more (room, not a bound).
    test.setTimeout(90_000);
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    await openSeededDashboard(page, extensionId);
    await list(page).getByRole('button', { name: 'Dirk Duesoon' }).click();
    await expect(page.getByRole('complementary', { name: 'Contact' })).toBeVisible();
    const serious = async () =>
      (await (await axeScanner(page)).analyze()).violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    expect(await serious()).toEqual([]);
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    expect(await serious()).toEqual([]);
  });
}

test('no horizontal scrolling at 360, 768 and 1440 px, list and contact pane included; narrow screens get a sections menu', async ({
  context,
  extensionId,
}, testInfo) => {
  const page = await context.newPage();
  await openSeededDashboard(page, extensionId);
  await list(page).getByRole('button', { name: 'Otto Overdue' }).click();
  for (const width of [360, 768, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(page.getByRole('complementary', { name: 'Contact' })).toBeVisible();
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    await page.screenshot({ path: testInfo.outputPath(`dashboard-${width}.png`), fullPage: true });
    expect(scrollWidth, `at ${width} px`).toBeLessThanOrEqual(clientWidth);
    await expect(page.getByRole('combobox', { name: 'Sections' })).toBeVisible({ visible: width < 768 });
  }
  await page.setViewportSize({ width: 360, height: 900 });
  await page.getByRole('combobox', { name: 'Sections' }).selectOption({ label: 'Settings' });
  await expect(page.getByRole('list', { name: 'Conversation list' })).toHaveCount(0);
});

test('the popup shows waiting and overdue per platform from the stored data, and the next overdue conversation', async ({
  context,
  extensionId,
}) => {
  const dashboard = await context.newPage();
  await openSeededDashboard(dashboard, extensionId);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const counts = popup.getByRole('table', { name: 'Waiting and overdue per platform' });
  const row = (platform: string) => counts.locator(`tr[data-platform="${platform}"]`);
  await expect(row('instagram').locator('[data-count="waiting"]')).toHaveText('2');
  await expect(row('instagram').locator('[data-count="overdue"]')).toHaveText('1');
  await expect(row('facebook').locator('[data-count="overdue"]')).toHaveText('1');
  await expect(row('linkedin').locator('[data-count="waiting"]')).toHaveText('1');
  await expect(row('linkedin').locator('[data-count="overdue"]')).toHaveText('0');
  await expect(row('x').locator('[data-count="waiting"]')).toHaveText('0');
  await expect(popup.getByText('Next overdue: Bea Breached on Instagram, waiting 5 h')).toBeVisible();
  await expect(
    popup.getByRole('button', { name: 'Open the conversation with Bea Breached on Instagram' }),
  ).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Open dashboard' })).toBeVisible();
});

test('a fresh profile: the panel shows the first-run checklist and installs the sample templates in one click', async ({
  context,
}) => {
  await serveInbox(context, INSTAGRAM);
  const page = await context.newPage();
  await page.goto(INSTAGRAM.threadUrl);
  const panel = panelOf(page);
  await expect(panel.getByRole('heading', { level: 1 })).toHaveText(INSTAGRAM.contact);
  await expect(panel.getByRole('heading', { name: 'No templates yet' })).toBeVisible();
  await expect(panel.getByText('No templates match.')).toHaveCount(0);
  const steps = panel.getByRole('list', { name: 'What to try first' }).getByRole('listitem');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toHaveAttribute('data-done', 'false');
  await expect(steps.nth(1)).toHaveAttribute('data-done', 'true');

  await panel.getByRole('button', { name: 'Install the sample templates (English)' }).click();
  await expect(panel.getByRole('button', { name: 'Insert Ask for the order number', exact: true })).toBeVisible();
  // The user's language only: no German sample.
  await panel.getByRole('searchbox', { name: 'Search templates' }).fill('Bestellnummer');
  await expect(panel.getByRole('button', { name: 'Insert Nach der Bestellnummer fragen' })).toHaveCount(0);
});

test('"do not contact": the panel warns before an insert and fills nothing until confirmed', async ({
  context,
  extensionId,
}) => {
  await serveInbox(context, INSTAGRAM);
  const page = await context.newPage();
  await page.goto(INSTAGRAM.threadUrl);
  const panel = panelOf(page);
  await expect(panel.getByRole('heading', { level: 1 })).toHaveText(INSTAGRAM.contact);
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const view = await liveOnce(dashboard, 'conversation.view', { platform: 'instagram', threadId: INSTAGRAM.threadId });
  if (!view) throw new Error('the conversation was not recorded');
  await rpc(dashboard, 'templates.create', { title: 'Offer', body: 'Our spring offer is here!' });
  await rpc(dashboard, 'contacts.update', { id: view.contact.id, patch: { doNotContact: true } });
  await page.bringToFront();

  const insert = panel.getByRole('button', { name: 'Insert Offer', exact: true });
  await insert.click();
  const warning = panel.getByRole('alert').filter({ hasText: 'asked not to be contacted' });
  await expect(warning).toContainText(`${INSTAGRAM.contact} asked not to be contacted`);
  await panel.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(warning).toHaveCount(0);
  expect(await INSTAGRAM.composerText(page)).not.toContain('spring offer');

  await insert.click();
  await panel.getByRole('button', { name: 'Insert anyway' }).click();
  await expect.poll(() => INSTAGRAM.composerText(page)).toContain('Our spring offer is here!');
});
