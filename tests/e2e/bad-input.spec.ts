import { customersBackup, liveOnce } from '../harness/extension.ts';
import { expect, test } from './fixtures';

// Issue #15, point 5: files chosen through the dashboard's pickers are checked before they are sent.

const latin1 = (text: string) => Buffer.from(text, 'latin1');

test('a backup that is not UTF-8 is refused by name, and nothing is restored', async ({ context, extensionId }) => {
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await dashboard.getByRole('button', { name: 'Backup', exact: true }).click();
  // A valid backup, saved by some editor as Latin-1: decoded leniently, "Jürgen" would be imported as "J�rgen".
  const text = customersBackup(1).replace('Customer 0', 'Jürgen Öztürk');
  await dashboard.getByLabel('Restore from backup file').setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: latin1(text),
  });
  await expect(dashboard.getByRole('alert')).toHaveText('backup.json is not UTF-8 text: nothing was changed.');
  expect(await liveOnce(dashboard, 'conversations.list', null)).toEqual([]);
});

test('a pack file that is not UTF-8, or over 5 MB, is refused by name before it is sent', async ({
  context,
  extensionId,
}) => {
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await dashboard.getByRole('button', { name: 'Packs', exact: true }).click();
  const picker = dashboard.locator('[data-testid="pack-drop-zone"] input[type=file]');
  const pack = JSON.stringify({
    schemaVersion: 1,
    id: 'acme.gruesse',
    name: 'Grüße',
    version: '1.0.0',
    author: 'Jürgen',
    templates: [{ id: 'hi', title: 'Grüße', body: 'Schöne Grüße!' }],
  });
  await picker.setInputFiles({ name: 'gruesse.dmpack.json', mimeType: 'application/json', buffer: latin1(pack) });
  await expect(dashboard.getByRole('alert')).toHaveText('gruesse.dmpack.json is not UTF-8 text: nothing was changed.');

  const huge = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
  await picker.setInputFiles({ name: 'huge.dmpack.json', mimeType: 'application/json', buffer: huge });
  await expect(dashboard.getByRole('alert')).toHaveText(
    'huge.dmpack.json is larger than 5 MB: nothing was sent or changed.',
  );
  await expect(dashboard.getByRole('region', { name: 'Import preview' })).toHaveCount(0);
  expect(await liveOnce(dashboard, 'packs.all', null)).toEqual([]);
});
