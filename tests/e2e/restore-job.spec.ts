import { readFile, writeFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { backupFile, customersBackup, liveOnce, restoreFrom } from '../harness/extension.ts';
import { expect, serviceWorkerControl, test } from './fixtures';
import { storedCount, storedRow } from './stored-data';

// Issue #15, point 4: a restore is a background job. The dashboard shows its progress, may be closed while
// it runs, and a reopened one finds the job and how it ended.

const COUNT = 60_000;

async function openBackup(context: BrowserContext, extensionId: string): Promise<Page> {
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await dashboard.getByRole('button', { name: 'Backup', exact: true }).click();
  return dashboard;
}

test(`a ${COUNT.toLocaleString('en')}-conversation restore shows its progress, outlives the dashboard and reports its counts`, async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  // Limits for a loaded 2-core machine (the restore took 125 s under CI with stress-ng), not a speed test.
  test.setTimeout(360_000);
  const text = customersBackup(COUNT);
  console.log(`backup: ${(text.length / 1024 / 1024).toFixed(1)} MB, ${COUNT} contacts and conversations`);
  const first = await openBackup(context, extensionId);
  const started = Date.now();
  await first
    .getByLabel('Restore from backup file')
    .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text) });

  // While the rows are written, the bar says how far: a share between nothing and all, then a larger one.
  const bar = first.getByRole('progressbar', { name: 'Restore progress' });
  await expect(bar).toHaveAttribute('aria-valuenow', /^[1-9]\d?$/, { timeout: 120_000 });
  const seen = Number(await bar.getAttribute('aria-valuenow'));
  await expect(bar).toHaveAttribute('aria-valuetext', /^Restoring the backup: \d+% done\.$/);
  const percent = async () => Number(await bar.getAttribute('aria-valuenow', { timeout: 1_000 }));
  await expect.poll(percent, { timeout: 60_000 }).toBeGreaterThan(seen);
  console.log(`progress seen: ${seen}% after ${Date.now() - started} ms`);

  // Closed mid-restore: the job goes on in the background, and a new dashboard finds it.
  await first.close();
  const second = await openBackup(context, extensionId);
  await expect(second.getByRole('status')).toHaveText(`Restored ${COUNT} conversations, 0 notes and 0 templates.`, {
    timeout: 240_000,
  });
  console.log(`restore of ${COUNT} conversations finished after ${Date.now() - started} ms`);
  await expect(second.getByRole('progressbar')).toHaveCount(0);
  expect(await storedCount(serviceWorker, 'conversations')).toBe(COUNT);
  expect(await storedCount(serviceWorker, 'contacts')).toBe(COUNT);

  // The export: the dashboard reads the database itself, page by page, with its progress shown.
  await second.evaluate(() => {
    const seen: string[] = [];
    (globalThis as unknown as { dmsExportProgress: string[] }).dmsExportProgress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"][aria-label="Export progress"]');
      const now = bar?.getAttribute('aria-valuenow');
      if (now && seen.at(-1) !== now) seen.push(now);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const download = second.waitForEvent('download', { timeout: 120_000 });
  await second.getByRole('button', { name: 'Export backup' }).click();
  const file = JSON.parse(await readFile(await (await download).path(), 'utf8'));
  expect(file.data.conversations).toHaveLength(COUNT);
  expect(file.data.contacts).toHaveLength(COUNT);
  await expect(second.getByRole('status').filter({ hasText: 'Backup downloaded.' })).toHaveCount(1);
  const progress = (
    await second.evaluate(() => (globalThis as unknown as { dmsExportProgress: string[] }).dmsExportProgress)
  ).map(Number);
  console.log(`export progress seen: ${progress.join(', ')} %`);
  // 120,000 rows in pages of 5,000: the bar moved through several steps, never back.
  expect(progress.length).toBeGreaterThan(3);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  await expect(second.getByRole('progressbar')).toHaveCount(0);
});

test('a refused restore is named, the data stays as it was, and a later dashboard still says why', async ({
  context,
  extensionId,
}) => {
  const dashboard = await openBackup(context, extensionId);
  await dashboard
    .getByLabel('Restore from backup file')
    .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(customersBackup(3)) });
  await expect(dashboard.getByRole('status')).toHaveText('Restored 3 conversations, 0 notes and 0 templates.');

  // Checked completely before anything is written: a dangling reference is refused by its row.
  const dangling = backupFile({
    contacts: [],
    conversations: [JSON.parse(customersBackup(1)).data.conversations[0]],
  });
  await dashboard.getByLabel('Restore:').selectOption('replace');
  await dashboard
    .getByLabel('Restore from backup file')
    .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(dangling) });
  await expect(dashboard.getByRole('alert')).toHaveText(
    'This backup cannot be restored: conversations row 0 refers in contactId to "c0", which the backup does not have. Nothing was changed.',
  );
  expect((await liveOnce(dashboard, 'conversations.list', null)).length).toBe(3);
  // The job's outcome is kept for a dashboard opened later.
  await dashboard.close();
  const later = await openBackup(context, extensionId);
  await expect(later.getByRole('alert')).toContainText('conversations row 0 refers in contactId');
});

test('a backup larger than one message can carry (64 MiB) is restored: the file travels in parts', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  test.setTimeout(240_000);
  const now = Date.now();
  const COUNT = 3_500;
  const templates = Array.from({ length: COUNT }, (_, i) => ({
    id: `t${i}`,
    title: `Long template ${i}`,
    // Close to the longest a template may be (20,000 characters), with text beyond Latin-1.
    body: `Grüße, {{firstName}} — reply ${i}: ${'Köln 🙂 '.repeat(2_450)}`,
    folder: '',
    tags: [],
    platforms: [],
    locked: false,
    usageCount: 0,
    createdAt: now,
    updatedAt: now,
  }));
  const data = {
    contacts: [],
    conversations: [],
    tags: [],
    notes: [],
    templates,
    packs: [],
    responseEvents: [],
    settings: null,
  };
  const text = JSON.stringify({ format: 'dm-sidekick-backup', schemaVersion: 1, exportedAt: now, data });
  const bytes = Buffer.from(text);
  expect(bytes.length).toBeGreaterThan(64 * 1024 * 1024);
  console.log(`backup: ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${COUNT} templates`);
  // Playwright hands a page at most 50 MB as a buffer: larger files go by path.
  const file = test.info().outputPath('large-backup.json');
  await writeFile(file, bytes);
  const dashboard = await openBackup(context, extensionId);
  await dashboard.getByLabel('Restore from backup file').setInputFiles(file);
  await expect(dashboard.getByRole('status')).toHaveText(`Restored 0 conversations, 0 notes and ${COUNT} templates.`, {
    timeout: 200_000,
  });
  expect(await storedCount(serviceWorker, 'templates')).toBe(COUNT);
  expect(await storedRow(serviceWorker, 'templates', 't1234')).toMatchObject({ body: templates[1234]?.body });
});

test('a worker stopped in the middle of a "replace" restore: the dashboard says nothing was changed, and nothing was', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(180_000);
  const dashboard = await openBackup(context, extensionId);
  await restoreFrom(dashboard, customersBackup(3), 'replace');
  await dashboard.getByLabel('Restore:').selectOption('replace');
  await dashboard.getByLabel('Restore from backup file').setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(customersBackup(20_000, { idPrefix: 'new-' })),
  });
  // Rows are being written (the old ones already cleared inside the transaction) when the worker stops.
  await expect(dashboard.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /^[1-9]\d?$/, {
    timeout: 120_000,
  });
  const worker = await serviceWorkerControl(dashboard, extensionId);
  await worker.stop();
  await worker.detach();

  await expect(dashboard.getByRole('alert')).toHaveText(
    'DM Sidekick was stopped before this finished. Nothing was changed: try again.',
    { timeout: 60_000 },
  );
  const conversations = await liveOnce(dashboard, 'conversations.list', null);
  expect(conversations.map((row) => row.contact.displayName).sort()).toEqual([
    'Customer 0',
    'Customer 1',
    'Customer 2',
  ]);
});
