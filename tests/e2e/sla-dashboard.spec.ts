import type { Page } from '@playwright/test';
import { PANEL_TITLE } from '../../utils/content/panel-frame';
import type { InstagramFixtureWindow } from '../fixtures/instagram/fixture-api.ts';
import { customersBackup, restoreFrom } from '../harness/extension.ts';
import { FIXTURE_INBOXES, INSTAGRAM, labelLastInboundAt, serveInbox } from '../harness/inboxes.ts';
import { expect, test } from './fixtures';
import { storedData } from './stored-data';

const panelOf = (page: Page) => page.frameLocator(`iframe[title="${PANEL_TITLE}"]`);
const fixture = (page: Page) => ({
  addInbound: (text: string) =>
    page.evaluate((t) => (window as unknown as InstagramFixtureWindow).__fixture.addInbound(t), text),
});

async function openThread(context: import('@playwright/test').BrowserContext) {
  await serveInbox(context, INSTAGRAM);
  const page = await context.newPage();
  await page.goto(INSTAGRAM.threadUrl);
  await expect(panelOf(page).getByRole('heading', { level: 1 })).toHaveText(INSTAGRAM.contact);
  return page;
}

test('an inbound message starts the timer; inserting and sending a reply stops it and records the response time', async ({
  context,
  extensionId,
  insertViaBackground,
}) => {
  const page = await openThread(context);
  const timer = panelOf(page).getByRole('timer', { name: 'Response timer' });
  // Answer whatever the fixture starts with, so that the next customer message starts a fresh wait.
  expect(await insertViaBackground(page, 'Happy to help!', INSTAGRAM.threadId)).toEqual({ ok: true });
  await INSTAGRAM.send(page).click();
  await expect(timer).toHaveText('Nobody is waiting.');

  await fixture(page).addInbound('Is the blue jacket still available in M?');
  await expect(timer).toContainText('waiting < 1 min');
  await expect(timer).toHaveAttribute('data-sla-state', 'within');

  expect(await insertViaBackground(page, 'Yes, it is!', INSTAGRAM.threadId)).toEqual({ ok: true });
  await INSTAGRAM.send(page).click();
  await expect(timer).toHaveText('Nobody is waiting.');

  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const data = await storedData(dashboard);
  const conversation = data.conversations.find((c) => c.platform === 'instagram');
  expect(conversation).toMatchObject({ status: 'open', firstResponseMs: expect.any(Number) });
  expect(conversation?.waitingSince).toBeUndefined();
  const answered = data.responseEvents.filter(
    (e) => e.conversationId === conversation?.id && e.answeredAt !== undefined,
  );
  expect(answered.length).toBeGreaterThan(0);
  for (const event of answered) expect(event.answeredAt).toBeGreaterThanOrEqual(event.inboundAt);
});

test('an overdue conversation raises the toolbar badge count', async ({ context, serviceWorker }) => {
  expect(await serviceWorker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
  // The page labels the customer's unanswered message as sent 5 hours ago: past the 4 h breach of
  // "Customer service" on the first look.
  await labelLastInboundAt(context, Date.now() - 5 * 60 * 60 * 1000);
  const page = await openThread(context);
  const timer = panelOf(page).getByRole('timer', { name: 'Response timer' });
  await expect(timer).toContainText('waiting 5 h');
  await expect(timer).toHaveAttribute('data-sla-state', 'breached');
  // The one-minute alarm, fired now instead of waiting (unpacked extensions may schedule that soon).
  await serviceWorker.evaluate(() => chrome.alarms.create('sla-tick', { when: Date.now() + 50, periodInMinutes: 1 }));
  await expect.poll(() => serviceWorker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
});

test('the dashboard lists conversations from all four platforms, filters them, and forgets a person completely', async ({
  context,
  extensionId,
}) => {
  for (const inbox of FIXTURE_INBOXES) {
    await serveInbox(context, inbox);
    const page = await context.newPage();
    await page.goto(inbox.threadUrl);
    await expect(panelOf(page).getByRole('heading', { level: 1 })).toHaveText(inbox.contact);
    if (inbox === INSTAGRAM) {
      await panelOf(page).getByRole('textbox', { name: 'Add tag' }).fill('VIP');
      await panelOf(page).getByRole('textbox', { name: 'Add tag' }).press('Enter');
      await panelOf(page).getByRole('textbox', { name: 'New note' }).fill('Prefers mornings');
      await panelOf(page).getByRole('button', { name: 'Add note' }).click();
      await expect(panelOf(page).getByRole('list', { name: 'Notes' })).toContainText('Prefers mornings');
    }
  }
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const list = dashboard.getByRole('list', { name: 'Conversation list' });
  const rowsOn = (platform: string) => list.locator(`[data-platform="${platform}"]`);
  await expect(dashboard.getByText('4 of 4 conversations')).toBeVisible();
  for (const inbox of FIXTURE_INBOXES) await expect(rowsOn(inbox.platform)).toHaveCount(1);

  await dashboard.getByRole('combobox', { name: 'Platform' }).selectOption('x');
  await expect(dashboard.getByText('1 of 4 conversations')).toBeVisible();
  await expect(rowsOn('x')).toHaveCount(1);
  await dashboard.getByRole('combobox', { name: 'Platform' }).selectOption('');
  await dashboard.getByRole('combobox', { name: 'Tag' }).selectOption({ label: 'VIP' });
  await expect(dashboard.getByText('1 of 4 conversations')).toBeVisible();
  await expect(rowsOn('instagram')).toHaveCount(1);
  await dashboard.getByRole('combobox', { name: 'Tag' }).selectOption('');
  await dashboard.getByRole('searchbox', { name: 'Search contacts and notes' }).fill('mornings');
  await expect(dashboard.getByText('1 of 4 conversations')).toBeVisible();
  await dashboard.getByRole('searchbox', { name: 'Search contacts and notes' }).fill('');
  await dashboard.getByRole('combobox', { name: 'Status' }).selectOption('done');
  await expect(dashboard.getByText('0 of 4 conversations')).toBeVisible();
  await dashboard.getByRole('combobox', { name: 'Status' }).selectOption('');

  // "Forget this person": the Instagram identity and everything attached to it.
  const before = await storedData(dashboard);
  const contact = before.contacts.find((c) => c.platform === 'instagram');
  await rowsOn('instagram').getByRole('button', { name: INSTAGRAM.contact }).click();
  await dashboard.getByRole('button', { name: 'Forget this person' }).click();
  await dashboard.getByRole('button', { name: 'Forget for good' }).click();
  await expect(dashboard.getByText('3 of 3 conversations')).toBeVisible();
  const after = await storedData(dashboard);
  const forgottenConversations = before.conversations.filter((c) => c.contactId === contact?.id).map((c) => c.id);
  expect(forgottenConversations.length).toBe(1);
  expect(after.contacts.map((c) => c.id)).not.toContain(contact?.id);
  expect(after.conversations.filter((c) => c.contactId === contact?.id)).toEqual([]);
  expect(after.notes.filter((n) => n.contactId === contact?.id)).toEqual([]);
  expect(after.responseEvents.filter((e) => forgottenConversations.includes(e.conversationId))).toEqual([]);
  expect(JSON.stringify(after)).not.toContain('Prefers mornings');
});

test('the dashboard keeps 10,000 conversations virtualized and filters them per keystroke', async ({
  context,
  extensionId,
}) => {
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await restoreFrom(dashboard, customersBackup(10_000), 'replace');
  await expect(dashboard.getByText('10000 of 10000 conversations')).toBeVisible({ timeout: 15_000 });
  const rendered = await dashboard.getByRole('list', { name: 'Conversation list' }).getByRole('listitem').count();
  expect(rendered).toBeLessThan(40);
  await dashboard.getByRole('searchbox', { name: 'Search contacts and notes' }).pressSequentially('customer 999');
  await expect(dashboard.getByText('11 of 10000 conversations')).toBeVisible();
});
