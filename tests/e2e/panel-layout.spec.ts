import type { Page } from '@playwright/test';
import { PANEL_TITLE } from '../../utils/content/panel-frame';
import { rpc } from '../harness/extension.ts';
import { INSTAGRAM, LINKEDIN, serveInbox } from '../harness/inboxes.ts';
import { expect, test } from './fixtures';

// Issue #18: the panel's first paint shows a layout that does not jump when its data arrives. The figure
// is the panel frame's layout shift (a layout figure, not a timing: a loaded machine changes when the
// data arrives, never where things end up), summed over every shift since the frame started.

/** The panel frame's layout shifts so far (buffered PerformanceObserver entries), summed. */
async function layoutShiftOfPanel(page: Page): Promise<number> {
  const frame = page.frames().find((f) => /^chrome-extension:\/\/[^/]+\/panel\.html/.test(f.url()));
  if (!frame) throw new Error('The panel frame is missing');
  return frame.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let sum = 0;
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
            if (!entry.hadRecentInput) sum += entry.value;
        });
        observer.observe({ type: 'layout-shift', buffered: true });
        // The buffered entries are delivered in a task of their own: one frame and one task later they are in.
        requestAnimationFrame(() =>
          setTimeout(() => {
            observer.disconnect();
            resolve(sum);
          }),
        );
      }),
  );
}

for (const inbox of [INSTAGRAM, LINKEDIN]) {
  test(`${inbox.label}: the panel's layout holds still from its first paint until templates, tags and notes are in (layout shift ≤ 0.01)`, async ({
    context,
    extensionId,
  }) => {
    const dashboard = await context.newPage();
    await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
    await rpc(dashboard, 'settings.update', { language: 'en' });
    for (const title of ['Greeting', 'Shipping times', 'Refund policy']) {
      await rpc(dashboard, 'templates.create', { title, body: `${title}: …`, folder: '' });
    }
    await rpc(dashboard, 'tags.create', { name: 'VIP' });
    await dashboard.close();

    await serveInbox(context, inbox);
    const page = await context.newPage();
    await page.goto(inbox.threadUrl);
    const panel = page.frameLocator(`iframe[title="${PANEL_TITLE}"]`);
    await expect(panel.getByRole('heading', { level: 1 })).toHaveText(inbox.contact);
    await expect(panel.getByRole('list', { name: 'Templates', exact: true }).getByRole('listitem')).toHaveCount(3);
    await expect(panel.getByRole('heading', { name: 'Notes' })).toBeVisible();

    expect(await layoutShiftOfPanel(page)).toBeLessThanOrEqual(0.01);
  });
}
