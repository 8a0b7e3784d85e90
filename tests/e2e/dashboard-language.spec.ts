import { customersBackup, restoreFrom, rpc } from '../harness/extension.ts';
import { expect, test } from './fixtures';

test('the dashboard follows the language setting: German, then English again', async ({ context, extensionId }) => {
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  // One tracked conversation, so that the dashboard shows its conversation list and search.
  await restoreFrom(dashboard, customersBackup(1), 'replace');
  const sections = dashboard.getByRole('navigation');
  const english = [
    'Conversations',
    'Needs reply',
    'Templates',
    'Packs',
    'Metrics',
    'Settings',
    'Backup',
    'Page health',
  ];
  const german = [
    'Gespräche',
    'Antwort fällig',
    'Vorlagen',
    'Pakete',
    'Kennzahlen',
    'Einstellungen',
    'Sicherung',
    'Seitenzustand',
  ];

  await rpc(dashboard, 'settings.update', { language: 'en' });
  await expect(sections.getByRole('button')).toHaveText(english);
  await expect(dashboard.getByRole('searchbox', { name: 'Search contacts and notes' })).toBeVisible();
  await expect(dashboard.getByText('1 of 1 conversations')).toBeVisible();

  await rpc(dashboard, 'settings.update', { language: 'de' });
  await expect(sections.getByRole('button')).toHaveText(german);
  await expect(dashboard.getByRole('searchbox', { name: 'Kontakte und Notizen durchsuchen' })).toBeVisible();
  await expect(dashboard.getByText('1 von 1 Gesprächen')).toBeVisible();
  await expect(dashboard.locator('html')).toHaveAttribute('lang', 'de');

  await rpc(dashboard, 'settings.update', { language: 'en' });
  await expect(sections.getByRole('button')).toHaveText(english);
  await expect(dashboard.getByRole('searchbox', { name: 'Search contacts and notes' })).toBeVisible();
  await expect(dashboard.locator('html')).toHaveAttribute('lang', 'en');
});
