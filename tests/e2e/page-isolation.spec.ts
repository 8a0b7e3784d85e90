import type { Page } from '@playwright/test';
import { PANEL_TITLE } from '../../utils/content/panel-frame';
import type { InstagramFixture } from '../fixtures/instagram/fixture-api.ts';
import { fixtureOf } from '../fixtures/instagram/meta-e2e.ts';
import { INSTAGRAM, serveInbox } from '../harness/inboxes.ts';
import { expect, test } from './fixtures';

// Issue #15: what the host page can see of the extension and do to it.

const ENTRYPOINTS = ['instagram', 'x', 'facebook', 'linkedin', 'linkedin-interop'];
const NEXT_PEER = { id: '340282366841710300949555', name: 'Ben Okafor', handle: 'ben.okafor' };
const heading = (page: Page) => page.frameLocator(`iframe[title="${PANEL_TITLE}"]`).getByRole('heading', { level: 1 });

type Eavesdropper = { heard: string[] };

test('the page hears no extension id on any channel, and forged start events cannot switch the content script off', async ({
  context,
  extensionId,
}) => {
  await serveInbox(context, INSTAGRAM);
  const page = await context.newPage();
  // The page's own script, before any other: every postMessage, and every DOM event WXT would name after
  // the extension id (a page that learnt the id elsewhere could listen for exactly these).
  const idEvents = ENTRYPOINTS.flatMap((name) =>
    ['content-script-started', 'locationchange'].map((event) => `${extensionId}:${name}:wxt:${event}`),
  );
  await page.addInitScript((types) => {
    const heard: string[] = [];
    (window as unknown as Eavesdropper).heard = heard;
    window.addEventListener('message', (event) => heard.push(`message ${JSON.stringify(event.data)}`), true);
    for (const type of types) {
      for (const target of [window, document]) target.addEventListener(type, () => heard.push(`event ${type}`), true);
    }
  }, idEvents);
  await page.goto(INSTAGRAM.threadUrl);
  await expect(heading(page)).toHaveText(INSTAGRAM.contact);
  // An in-app navigation: the location watcher's turn to speak.
  const fixture = await fixtureOf<InstagramFixture>(page);
  await fixture.evaluate((f, peer) => f.switchThread(peer), NEXT_PEER);
  await expect(heading(page)).toHaveText(NEXT_PEER.name);

  const heard = await page.evaluate(() => (window as unknown as Eavesdropper).heard);
  expect(heard.filter((line) => line.includes(extensionId))).toEqual([]);

  // The page forges WXT's "a newer copy of this script started" on both channels, knowing the id.
  await page.evaluate(
    ({ id, names }) => {
      for (const name of names) {
        const type = `${id}:${name}:wxt:content-script-started`;
        document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: name, messageId: 'forged' } }));
        window.postMessage({ type, contentScriptName: name, messageId: 'forged' }, '*');
      }
    },
    { id: extensionId, names: ENTRYPOINTS },
  );
  // Still running: the panel stays, and the next thread switch is still read and reported.
  await fixture.evaluate((f, peer) => f.switchThread(peer), {
    id: '340282366841710300949128',
    name: INSTAGRAM.contact,
    handle: 'anna.berger',
  });
  await expect(heading(page)).toHaveText(INSTAGRAM.contact);
  await expect(page.locator(`iframe[title="${PANEL_TITLE}"]`)).toBeVisible();
});
