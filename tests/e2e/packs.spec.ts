import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { PANEL_TITLE } from '../../utils/content/panel-frame';
import { E2E_EXTENSION_DIR } from '../harness/chromium.ts';
import { expect, test } from './fixtures';
import { storedData } from './stored-data';

// Pack subscriptions are fetched by the service worker from a real server on loopback (http), which
// only the e2e build may reach; production subscribes over https only.
test.use({ extensionDir: E2E_EXTENSION_DIR });

const SAMPLE = readFileSync(resolve(import.meta.dirname, '../../public/packs/customer-service.en.dmpack.json'), 'utf8');

const teamPack = (version: string, bodies: Record<string, string>) =>
  JSON.stringify({
    schemaVersion: 1,
    id: 'acme.support',
    name: 'Acme support',
    version,
    author: 'Lead',
    templates: Object.entries(bodies).map(([id, body]) => ({ id, title: `Team ${id}`, body })),
  });

async function openPacks(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await page.getByRole('button', { name: 'Packs' }).click();
}

/** Drops a file on the dashboard's drop zone, as dragging it from the desktop does. */
async function dropFile(page: Page, name: string, text: string) {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], fileName, { type: 'application/json' }));
      return transfer;
    },
    [name, text] as const,
  );
  await page.getByTestId('pack-drop-zone').dispatchEvent('drop', { dataTransfer });
}

test('a sample pack dropped on the dashboard shows its templates in the panel on LinkedIn', async ({
  context,
  extensionId,
  serveFixture,
}) => {
  const dashboard = await context.newPage();
  await openPacks(dashboard, extensionId);
  await dropFile(dashboard, 'customer-service.en.dmpack.json', SAMPLE);
  const preview = dashboard.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('Customer service 1.0.0');
  await expect(preview).toContainText('Ask for the order number');
  await preview.getByRole('button', { name: 'Apply' }).click();
  await expect(dashboard.getByRole('status')).toContainText('Installed Customer service 1.0.0: 6 added');

  await serveFixture('https://www.linkedin.com/messaging/**', 'linkedin/messaging.html');
  const linkedin = await context.newPage();
  await linkedin.goto(
    `https://www.linkedin.com/messaging/thread/${encodeURIComponent('2-YTFiMmMzZDQtZTVmNi00YTdiLThjOWQtMGUxZjJhM2I0YzVkXzAxMA==')}/`,
  );
  const panel = linkedin.frameLocator(`iframe[title="${PANEL_TITLE}"]`);
  await panel.getByRole('searchbox', { name: 'Search templates' }).fill('ordr number');
  await expect(panel.getByRole('list', { name: 'Templates' })).toContainText('Ask for the order number');
});

test('a malformed pack is refused with the field and the reason, and nothing is written', async ({
  context,
  extensionId,
}) => {
  const dashboard = await context.newPage();
  await openPacks(dashboard, extensionId);
  const broken = JSON.parse(SAMPLE);
  broken.templates[2].body = 42;
  await dropFile(dashboard, 'broken.dmpack.json', JSON.stringify(broken));
  await expect(dashboard.getByRole('alert')).toContainText('templates.2.body');
  await expect(dashboard.getByRole('alert')).toContainText('Nothing was changed');
  await expect(dashboard.getByRole('region', { name: 'Installed packs' })).toContainText('None yet.');
});

test.describe('subscribing to a pack URL', () => {
  let server: Server;
  let published = '';
  let etag = '';
  const requests: { ifNoneMatch?: string }[] = [];

  test.beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push({ ifNoneMatch: request.headers['if-none-match'] });
      if (request.headers['if-none-match'] === etag) return response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'application/json', etag }).end(published);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  test.afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const publish = (version: string, bodies: Record<string, string>) => {
    published = teamPack(version, bodies);
    etag = `"v${version}"`;
  };

  test('a newer version updates untouched templates and keeps the user-edited one as a conflict', async ({
    context,
    extensionId,
  }) => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/team.dmpack.json`;
    const dashboard = await context.newPage();
    await openPacks(dashboard, extensionId);

    // The lead first handed out version 1 as a file; a teammate edited one template.
    await dropFile(
      dashboard,
      'acme.dmpack.json',
      teamPack('1.0.0', { greet: 'Hello!', refund: 'Refunds take 5 days.' }),
    );
    await dashboard.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Apply' }).click();
    await expect(dashboard.getByRole('status')).toContainText('2 added');
    await dashboard.getByRole('button', { name: 'Templates', exact: true }).click();
    await dashboard.getByRole('button', { name: 'Edit Team greet' }).click();
    await dashboard.getByRole('textbox', { name: 'Template text' }).fill('Hello, my own words!');
    await dashboard.getByRole('button', { name: 'Save template' }).click();
    await expect(dashboard.getByRole('textbox', { name: 'Template text' })).toBeHidden();

    // Now the lead publishes version 2 at a URL, changing both templates and adding one.
    publish('2.0.0', { greet: 'Hi there!', refund: 'Refunds take 3 days.', thanks: 'Thanks a lot!' });
    await dashboard.getByRole('button', { name: 'Packs' }).click();
    await dashboard.getByRole('textbox', { name: 'Pack URL' }).fill(url);
    await dashboard.getByRole('button', { name: 'Subscribe' }).click();
    const preview = dashboard.getByRole('region', { name: 'Import preview' });
    await expect(preview).toContainText('Acme support 2.0.0 (installed: 1.0.0)');
    await expect(preview).toContainText('Added: Team thanks');
    await expect(preview).toContainText('Updated: Team refund');
    await expect(preview.getByRole('group', { name: /you edited "Team greet"/ })).toBeVisible();
    await expect(preview.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await preview.getByRole('radio', { name: 'Keep mine' }).check();
    await preview.getByRole('button', { name: 'Apply' }).click();
    await expect(dashboard.getByRole('status')).toContainText(
      'Installed Acme support 2.0.0: 1 added, 1 updated, 1 conflicts resolved',
    );

    const library = async () => {
      const { templates } = await storedData(dashboard);
      return Object.fromEntries(templates.map((t) => [t.title, t]));
    };
    let templates = await library();
    expect(templates['Team greet']?.body).toBe('Hello, my own words!');
    expect(templates['Team refund']).toMatchObject({ body: 'Refunds take 3 days.', locked: true });
    expect(templates['Team thanks']).toMatchObject({ body: 'Thanks a lot!', locked: true });

    // Unchanged on the server: the check is conditional and nothing changes.
    await dashboard.getByRole('button', { name: 'Check for updates' }).click();
    await expect(dashboard.getByRole('status')).toContainText('Acme support is up to date.');
    expect(requests.at(-1)?.ifNoneMatch).toBe('"v2.0.0"');

    // Version 3: untouched templates follow without a question.
    publish('3.0.0', { greet: 'Hi there!', refund: 'Refunds take 2 days.', thanks: 'Thanks a lot!' });
    await dashboard.getByRole('button', { name: 'Check for updates' }).click();
    await expect(preview).toContainText('Updated: Team refund');
    await preview.getByRole('button', { name: 'Apply' }).click();
    // The store is read once the install reported itself: the click alone does not wait for the write.
    await expect(dashboard.getByRole('status')).toContainText('Installed Acme support 3.0.0: 0 added, 1 updated');
    templates = await library();
    expect(templates['Team refund']?.body).toBe('Refunds take 2 days.');
    expect(templates['Team greet']?.body).toBe('Hello, my own words!');
  });
});
