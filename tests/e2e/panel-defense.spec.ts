import type { Page } from '@playwright/test';
import { PANEL_TITLE } from '../../utils/content/panel-frame';
import { INSTAGRAM, serveInbox } from '../harness/inboxes.ts';
import { expect, test } from './fixtures';

// Issue #15, point 2: the page frames its own copy of the panel, and removes or restyles ours.

const COPY_TITLE = 'page-made copy';
const ours = (page: Page) => page.frameLocator(`iframe[title="${PANEL_TITLE}"]`);
const note = 'VIP: never discount 4711';
// Each step reloads the panel (with its handshake): on a loaded machine that is seconds per step.
test.describe.configure({ timeout: 90_000 });

async function openThreadWithNote(page: Page) {
  await page.goto(INSTAGRAM.threadUrl);
  await expect(ours(page).getByRole('heading', { level: 1 })).toHaveText(INSTAGRAM.contact);
  await ours(page).getByRole('textbox', { name: 'New note' }).fill(note);
  await ours(page).getByRole('button', { name: 'Add note' }).click();
  await expect(ours(page).getByRole('list', { name: 'Notes' })).toContainText(note);
}

test("a copy of the panel that the page frames from our iframe's src shows none of the user's data", async ({
  context,
}) => {
  await serveInbox(context, INSTAGRAM);
  const page = await context.newPage();
  await openThreadWithNote(page);

  // The page's own script: it reads our frame's src and frames it itself, on top of everything.
  await page.evaluate((title) => {
    const copy = document.createElement('iframe');
    copy.title = title;
    copy.src = document.querySelector('iframe')?.src ?? '';
    copy.style.cssText = 'position:fixed;left:0;top:0;width:400px;height:600px;z-index:2147483647';
    document.body.append(copy);
  }, COPY_TITLE);
  const copy = page.frameLocator(`iframe[title="${COPY_TITLE}"]`);
  await expect(copy.getByRole('status')).toHaveText(
    'This panel was not opened by DM Sidekick on this page, so it shows nothing.',
  );
  await expect(copy.locator('body')).not.toContainText(INSTAGRAM.contact);
  await expect(copy.locator('body')).not.toContainText(note);
  await expect(copy.getByRole('button')).toHaveCount(0);
  // Ours still shows the conversation.
  await expect(ours(page).getByRole('list', { name: 'Notes' })).toContainText(note);
});

test('the panel comes back when the page removes it, restyles it or points it elsewhere', async ({ context }) => {
  await serveInbox(context, INSTAGRAM);
  const page = await context.newPage();
  await openThreadWithNote(page);
  const frame = page.locator(`iframe[title="${PANEL_TITLE}"]`);

  await page.evaluate(() => document.querySelector('iframe')?.parentElement?.remove());
  await expect(ours(page).getByRole('list', { name: 'Notes' })).toContainText(note);

  // A page rule with !important, and inline styles on the frame itself.
  await page.evaluate(() => {
    const sheet = document.createElement('style');
    sheet.textContent = 'iframe { display: none !important; opacity: 0 !important }';
    document.head.append(sheet);
    const iframe = document.querySelector('iframe');
    iframe?.setAttribute('style', 'width: 1px; height: 1px');
    iframe?.setAttribute('hidden', '');
  });
  await expect(frame).toBeVisible();
  await expect(frame).toHaveCSS('opacity', '1');
  expect((await frame.boundingBox())?.width).toBeGreaterThan(200);

  await page.evaluate(() => {
    const iframe = document.querySelector('iframe');
    if (iframe) iframe.src = 'about:blank';
  });
  await expect(ours(page).getByRole('list', { name: 'Notes' })).toContainText(note);
});

test('deleting a note takes a second click, so one click (a hijacked one too) deletes nothing', async ({ context }) => {
  await serveInbox(context, INSTAGRAM);
  const page = await context.newPage();
  await openThreadWithNote(page);
  const notes = ours(page).getByRole('list', { name: 'Notes' });

  await notes.getByRole('button', { name: 'Delete note' }).click();
  await expect(notes).toContainText('Delete this note for good?');
  await notes.getByRole('button', { name: 'Cancel' }).click();
  await expect(notes.getByRole('listitem')).toHaveCount(1);
  await expect(notes).toContainText(note);

  await notes.getByRole('button', { name: 'Delete note' }).click();
  await notes.getByRole('button', { name: 'Delete for good' }).click();
  await expect(notes.getByRole('listitem')).toHaveCount(0);
});
