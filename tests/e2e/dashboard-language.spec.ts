import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Calls the background's real RPC from the extension page, as the dashboard itself does. */
async function rpc(page: Page, name: string, input: unknown) {
  const answer = await page.evaluate(([name, input]) => chrome.runtime.sendMessage({ kind: 'dms.rpc', name, input }), [
    name,
    input,
  ] as const);
  expect(answer).toMatchObject({ ok: true });
}

/** One tracked conversation, so that the dashboard shows its conversation list and search. */
function backupWithOneConversation() {
  const now = Date.now();
  return JSON.stringify({
    format: 'dm-sidekick-backup',
    schemaVersion: 1,
    exportedAt: now,
    data: {
      contacts: [
        {
          id: 'c1',
          platform: 'instagram',
          platformId: 'anna',
          displayName: 'Anna Berger',
          customFields: {},
          createdAt: now,
          updatedAt: now,
        },
      ],
      conversations: [
        {
          id: 'v1',
          platform: 'instagram',
          threadId: 't1',
          contactId: 'c1',
          status: 'open',
          tags: [],
          createdAt: now,
          updatedAt: now,
        },
      ],
      tags: [],
      notes: [],
      templates: [],
      packs: [],
      responseEvents: [],
      settings: null,
    },
  });
}

test('the dashboard follows the language setting: German, then English again', async ({ context, extensionId }) => {
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await rpc(dashboard, 'backup.restore', { text: backupWithOneConversation(), mode: 'replace' });
  const sections = dashboard.getByRole('navigation');
  const english = ['Conversations', 'Templates', 'Packs', 'Metrics', 'Settings', 'Backup'];
  const german = ['Gespräche', 'Vorlagen', 'Pakete', 'Kennzahlen', 'Einstellungen', 'Sicherung'];

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
