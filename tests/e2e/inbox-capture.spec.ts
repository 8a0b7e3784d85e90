import type { BrowserContext, Page, Worker } from '@playwright/test';
import { PANEL_TITLE } from '../../utils/content/panel-frame';
import type { Platform } from '../../utils/platforms/sites';
import { latestInstant, parseTimeLabel } from '../../utils/time/labels';
import { INBOX_LISTS, personAt, theirRows } from '../fixtures/inbox-lists.ts';
import { E2E_EXTENSION_DIR } from '../harness/chromium.ts';
import {
  FACEBOOK,
  type FixtureInbox,
  INSTAGRAM,
  LINKEDIN,
  labelLastInboundAt,
  serveInbox,
  X,
} from '../harness/inboxes.ts';
import { serveFixture } from '../harness/serve.ts';
import { expect, test } from './fixtures';
import { storedData } from './stored-data';

// Inbox capture (issue #16) end to end: the four platforms' inbox lists (tests/fixtures/<platform>/inbox-list.html,
// from the table in tests/fixtures/inbox-lists.ts) read by the real content scripts, merged by the background,
// shown in the dashboard's "Needs reply" view and counted by the toolbar badge.

test.use({ extensionDir: E2E_EXTENSION_DIR });

const INBOX_PAGES: Record<Platform, { url: string; file: string }> = {
  instagram: { url: 'https://www.instagram.com/direct/inbox/', file: 'instagram/inbox-list.html' },
  facebook: { url: 'https://www.facebook.com/messages/', file: 'facebook/inbox-list.html' },
  x: { url: 'https://x.com/i/chat', file: 'x/chat-inbox-list.html' },
  linkedin: { url: 'https://www.linkedin.com/messaging/', file: 'linkedin/inbox-list.html' },
};
const PLATFORMS = Object.keys(INBOX_PAGES) as Platform[];
const HOUR = 60 * 60_000;

/** Row i's wait as its label bounds it, read at `now`: the latest instant the label allows. */
function labelInstant(platform: Platform, i: number, now: number): number {
  const { labels, language } = INBOX_LISTS[platform];
  const parsed = parseTimeLabel(labels[i] as string, { language, now });
  if (parsed.kind !== 'known') throw new Error(`the fixture's label ${labels[i]} does not parse`);
  return Math.min(latestInstant(parsed), now);
}

/** The dashboard, on its "Needs reply" section (chosen as a person does, in its section navigation). */
async function openNeedsReply(context: BrowserContext, extensionId: string): Promise<Page> {
  const view = await context.newPage();
  await view.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await view
    .getByRole('navigation', { name: 'Dashboard sections' })
    .getByRole('button', { name: 'Needs reply' })
    .click();
  return view;
}

/**
 * `inbox`'s thread with the conversation list beside it (tests/fixtures/variants.ts 'inbox-list'), once its
 * panel shows the person.
 */
async function openThreadBesideList(context: BrowserContext, inbox: FixtureInbox): Promise<void> {
  const thread = await context.newPage();
  await thread.addInitScript(() => {
    (window as Window & { __fixtureOptions?: object }).__fixtureOptions = { variant: 'inbox-list' };
  });
  await thread.goto(inbox.threadUrl);
  await expect(thread.frameLocator(`iframe[title="${PANEL_TITLE}"]`).getByRole('heading', { level: 1 })).toHaveText(
    inbox.contact,
  );
}

const badge = (serviceWorker: Worker) => serviceWorker.evaluate(() => chrome.action.getBadgeText({}));

/** What the "Needs reply" view shows per platform: the name and the wait's start of each row, in order. */
async function shown(view: Page) {
  const items = view.getByRole('list', { name: /waiting for a reply/ }).getByRole('listitem');
  return items.evaluateAll((elements) =>
    elements.map((li) => ({
      platform: li.getAttribute('data-platform') ?? '',
      name: li.querySelector('.font-medium')?.textContent ?? '',
      since: Date.parse(li.querySelector('time')?.getAttribute('datetime') ?? ''),
      text: li.textContent ?? '',
    })),
  );
}

test('the four inbox lists fill "Needs reply" with the rows whose last message is theirs; opening and answering one keeps it one conversation, then removes it', async ({
  context,
  extensionId,
  serviceWorker,
  insertViaBackground,
}) => {
  // Messenger's thread page for later; the inbox lists are served last, so they answer their URLs.
  await serveInbox(context, FACEBOOK);
  for (const { url, file } of Object.values(INBOX_PAGES)) await serveFixture(context, url, file);
  expect(await badge(serviceWorker)).toBe('');

  const openedAt = Date.now();
  for (const platform of PLATFORMS) {
    const page = await context.newPage();
    await page.goto(INBOX_PAGES[platform].url);
  }
  const theirs = theirRows();
  const expectedCount = theirs.length * PLATFORMS.length;

  const view = await openNeedsReply(context, extensionId);
  const items = view.getByRole('list', { name: /waiting for a reply/ }).getByRole('listitem');
  await expect(items).toHaveCount(expectedCount);
  const readAt = Date.now();
  const rows = await shown(view);

  // Oldest wait first, across the platforms.
  const starts = rows.map((row) => row.since);
  expect(starts).toEqual([...starts].sort((a, b) => a - b));
  for (const platform of PLATFORMS) {
    // Exactly the rendered rows whose last message is theirs (none of "You:", none scrolled out), each
    // waiting since its label's time: between the label read when the page opened and when it was shown.
    const expected = theirs
      .map((i) => ({
        name: personAt(platform, i),
        from: labelInstant(platform, i, openedAt),
        to: labelInstant(platform, i, readAt),
      }))
      .sort((a, b) => a.from - b.from || a.name.localeCompare(b.name));
    const actual = rows
      .filter((row) => row.platform === platform)
      .sort((a, b) => a.since - b.since || a.name.localeCompare(b.name));
    expect(
      actual.map((row) => row.name),
      platform,
    ).toEqual(expected.map((row) => row.name));
    actual.forEach((row, n) => {
      const bounds = expected[n] as { from: number; to: number };
      expect(row.since, `${platform} ${row.name}`).toBeGreaterThanOrEqual(bounds.from - 1000);
      expect(row.since, `${platform} ${row.name}`).toBeLessThanOrEqual(bounds.to + 1000);
      expect(row.text).toContain('time from the inbox list');
      expect(row.text).toContain('Seen in the inbox only');
    });
  }
  await expect.poll(() => badge(serviceWorker)).toBe(String(expectedCount));

  // Anna Berger's Messenger thread, opened afterwards: her page labels her last message 90 minutes ago,
  // a better time than the list's "2 Min." bound. Still one conversation, still waiting, now from the thread.
  const thread = await context.newPage();
  await labelLastInboundAt(thread, Date.now() - 1.5 * HOUR);
  await thread.goto(FACEBOOK.threadUrl);
  await expect(thread.frameLocator(`iframe[title="${PANEL_TITLE}"]`).getByRole('heading', { level: 1 })).toHaveText(
    FACEBOOK.contact,
  );
  const anna = items.filter({ hasText: 'Anna Berger' }).and(view.locator('[data-platform="facebook"]'));
  await expect(anna).toContainText('time from the conversation');
  await expect(anna).not.toContainText('Seen in the inbox only');
  await expect(items).toHaveCount(expectedCount);
  const { contacts, conversations } = await storedData(view);
  expect(conversations.filter((c) => c.platform === 'facebook' && c.threadId === FACEBOOK.threadId)).toHaveLength(1);
  expect(contacts.filter((c) => c.platform === 'facebook' && c.displayName === 'Anna Berger')).toHaveLength(1);

  // Answering her in the page (the person presses Send) removes her from the view and from the badge's count.
  expect(await insertViaBackground(thread, 'Of course, bring them along!', FACEBOOK.threadId)).toEqual({ ok: true });
  await FACEBOOK.send(thread).click();
  await expect(anna).toHaveCount(0);
  await expect(items).toHaveCount(expectedCount - 1);
  await expect.poll(() => badge(serviceWorker)).toBe(String(expectedCount - 1));
});

test('"Open" of a LinkedIn row without a known thread opens the messaging page searching for the name', async ({
  context,
  extensionId,
}) => {
  await serveFixture(context, INBOX_PAGES.linkedin.url, INBOX_PAGES.linkedin.file);
  const page = await context.newPage();
  await page.goto(INBOX_PAGES.linkedin.url);
  const view = await openNeedsReply(context, extensionId);
  const open = view.getByRole('link', { name: 'Open the conversation with Anna Berger on LinkedIn' });
  await expect(open).toHaveAttribute('href', 'https://www.linkedin.com/messaging/?searchTerm=Anna%20Berger');
});

test('a LinkedIn row is joined to its thread once the list beside the open thread marks it: one conversation, answered as the thread shows', async ({
  context,
  extensionId,
}) => {
  await serveInbox(context, LINKEDIN);
  await serveFixture(context, INBOX_PAGES.linkedin.url, INBOX_PAGES.linkedin.file);
  const inbox = await context.newPage();
  await inbox.goto(INBOX_PAGES.linkedin.url);
  const view = await openNeedsReply(context, extensionId);
  const onLinkedin = view.locator('li[data-platform="linkedin"]');
  const anna = onLinkedin.filter({ hasText: 'Anna Berger' });
  await expect(onLinkedin).toHaveCount(theirRows().length);
  await expect(anna).toHaveCount(1);

  // Her thread, with the list beside it showing the same rows (tests/fixtures/variants.ts 'inbox-list'); the
  // thread's last message is mine, and so is her row's there.
  await openThreadBesideList(context, LINKEDIN);
  await expect(anna).toHaveCount(0);
  await expect(onLinkedin).toHaveCount(theirRows().length - 1);
  const { contacts, conversations } = await storedData(view);
  const annas = contacts.filter((c) => c.platform === 'linkedin' && c.displayName === 'Anna Berger');
  expect(annas).toHaveLength(1);
  const hers = conversations.filter((c) => c.contactId === annas[0]?.id);
  expect(hers).toEqual([expect.objectContaining({ threadId: LINKEDIN.threadId })]);
  expect(hers[0]?.listOnly).toBeUndefined();
});

for (const inbox of [INSTAGRAM, FACEBOOK, X]) {
  test(`the ${inbox.platform} list beside an open thread fills "Needs reply" with its waiting rows; the open conversation stays one`, async ({
    context,
    extensionId,
  }) => {
    // Anna's thread with the inbox rows beside it (tests/fixtures/variants.ts 'inbox-list'); her row, the
    // open one, is marked as the site marks it. Her last message is theirs, here and in the thread.
    await serveInbox(context, inbox);
    await openThreadBesideList(context, inbox);

    const view = await openNeedsReply(context, extensionId);
    const onPlatform = view.locator(`li[data-platform="${inbox.platform}"]`);
    await expect(onPlatform).toHaveCount(theirRows().length);
    const names = await onPlatform.evaluateAll((items) =>
      items.map((li) => li.querySelector('.font-medium')?.textContent ?? ''),
    );
    expect(names.sort()).toEqual(
      theirRows()
        .map((i) => personAt(inbox.platform, i))
        .sort(),
    );
    const anna = onPlatform.filter({ hasText: inbox.contact });
    await expect(anna).toHaveCount(1);
    await expect(anna).toContainText('time from the conversation');
    await expect(onPlatform.filter({ hasText: 'Seen in the inbox only' })).toHaveCount(theirRows().length - 1);

    const { contacts, conversations } = await storedData(view);
    // One contact and one conversation with her, the thread's (the list and thread reports arrive together).
    const annas = contacts.filter((c) => c.platform === inbox.platform && c.displayName === inbox.contact);
    expect(annas).toHaveLength(1);
    const hers = conversations.filter((c) => c.contactId === annas[0]?.id);
    expect(hers).toEqual([expect.objectContaining({ threadId: inbox.threadId })]);
    expect(hers[0]?.listOnly).toBeUndefined();
  });
}
