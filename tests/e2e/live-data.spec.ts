import { PANEL_TITLE } from '../../utils/content/panel-frame';
import { expect, test } from './fixtures';

const THREAD = 'https://www.instagram.com/direct/t/340282366841710300949128/';

test('a note written in one tab appears live in the panel of a second tab and on the dashboard, also across a worker restart', async ({
  context,
  extensionId,
  serveFixture,
  stopServiceWorker,
}) => {
  await serveFixture('https://www.instagram.com/direct/t/**', 'instagram/thread.html');
  const first = await context.newPage();
  await first.goto(THREAD);
  const second = await context.newPage();
  await second.goto(THREAD);
  const panelOf = (page: typeof first) => page.frameLocator(`iframe[title="${PANEL_TITLE}"]`);
  for (const page of [first, second]) {
    await expect(panelOf(page).getByRole('heading', { level: 1 })).toHaveText('Anna Berger');
  }
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(dashboard.getByRole('button', { name: 'Anna Berger' })).toBeVisible();

  const addNote = async (page: typeof first, text: string) => {
    await panelOf(page).getByRole('textbox', { name: 'New note' }).fill(text);
    await panelOf(page).getByRole('button', { name: 'Add note' }).click();
  };

  await addNote(first, 'Prefers German, ordered twice');
  await expect(panelOf(second).getByRole('list', { name: 'Notes' })).toContainText('Prefers German, ordered twice');
  await expect(dashboard.getByRole('list', { name: 'Conversation list' })).toContainText(
    'Prefers German, ordered twice',
  );

  // MV3 stops an idle worker; its ports close. Subscribers must come back on their own.
  await stopServiceWorker();
  await addNote(second, 'Asked for the invoice');
  await expect(panelOf(first).getByRole('list', { name: 'Notes' })).toContainText('Asked for the invoice');
  await expect(panelOf(first).getByRole('list', { name: 'Notes' }).getByRole('listitem')).toHaveCount(2);
  await expect(dashboard.getByRole('list', { name: 'Conversation list' })).toContainText('Asked for the invoice');
});

test('the host page finds no trace of a note in its DOM or storage', async ({ context, serveFixture }) => {
  await serveFixture('https://www.instagram.com/direct/t/**', 'instagram/thread.html');
  const page = await context.newPage();
  await page.goto(THREAD);
  const panel = page.frameLocator(`iframe[title="${PANEL_TITLE}"]`);
  const secret = 'Secret note 7f3a: VIP, do not discount';
  await panel.getByRole('textbox', { name: 'New note' }).fill(secret);
  await panel.getByRole('button', { name: 'Add note' }).click();
  await expect(panel.getByRole('list', { name: 'Notes' })).toContainText(secret);

  // The page's own scripts (main world): DOM, storage, IndexedDB, the panel frame itself.
  const found = await page.evaluate(async (needle) => {
    const hits: string[] = [];
    if (document.documentElement.outerHTML.includes(needle)) hits.push('DOM');
    for (const store of [localStorage, sessionStorage]) {
      for (let i = 0; i < store.length; i++)
        if (store.getItem(store.key(i) ?? '')?.includes(needle)) hits.push('storage');
    }
    if ((await indexedDB.databases()).length > 0) hits.push('indexedDB');
    const frame = document.querySelector('iframe');
    try {
      if (frame?.contentDocument?.body?.textContent?.includes(needle)) hits.push('panel');
    } catch {
      // cross-origin: exactly what keeps the note private
    }
    return hits;
  }, secret);
  expect(found).toEqual([]);
});
