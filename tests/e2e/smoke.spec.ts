import { PANEL_TITLE } from '../../utils/content/panel-frame';
import { expect, test } from './fixtures';

test('the content script runs on an Instagram thread served at its real URL, reports it and mounts the panel', async ({
  context,
  extensionId,
  serveFixture,
  pageStates,
}) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  await serveFixture('https://www.instagram.com/direct/t/**', 'instagram/thread.html');

  const page = await context.newPage();
  await page.goto('https://www.instagram.com/direct/t/340282366841710300949128/');

  const panel = page.frameLocator(`iframe[title="${PANEL_TITLE}"]`);
  await expect(panel.getByText('DM Sidekick · Instagram')).toBeVisible();
  await expect
    .poll(async () => (await pageStates(page)).get(0))
    .toMatchObject({ platform: 'instagram', threadId: '340282366841710300949128' });
});

test('the panel follows in-app navigation into and out of the messages area', async ({ context, serveFixture }) => {
  await serveFixture('https://www.instagram.com/explore/', 'instagram/thread.html');
  const page = await context.newPage();
  await page.goto('https://www.instagram.com/explore/');
  const frame = page.locator(`iframe[title="${PANEL_TITLE}"]`);

  // Instagram reaches its inbox by single-page navigation from the feed, never a reload.
  await page.evaluate(() => history.pushState({}, '', '/direct/t/1234567890/'));
  await expect(frame).toHaveCount(1);
  await page.evaluate(() => history.pushState({}, '', '/reels/'));
  await expect(frame).toHaveCount(0);
});
