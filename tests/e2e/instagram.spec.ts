import type { BrowserContext, JSHandle, Page } from '@playwright/test';
import type { InstagramFixture, InstagramFixtureOptions } from '../fixtures/instagram/fixture-api.ts';
import { clickIntoPanel, fixtureOf, setFixtureOptions, TEXT_900 } from '../fixtures/instagram/meta-e2e.ts';
import { type Fixtures, test } from './fixtures';
import { expect, expectComposerMissing, openHostPage, TEMPLATE_TEXT } from './platform-helpers';
import { metaThreadScenarios } from './scenarios/meta-thread';

// The Instagram adapter against tests/fixtures/instagram/*.html: Instagram's DM structure with the
// real Lexical composer, served at real Instagram URLs, read by the built extension.

const THREAD_ID = '340282366841710300949128';
const THREAD_URL = `https://www.instagram.com/direct/t/${THREAD_ID}/`;
const NEXT_PEER = { id: '340282366841710300949555', name: 'Ben Okafor', handle: 'ben.okafor' };

test.beforeEach(async ({ serveFixture }) => {
  await serveFixture('https://www.instagram.com/direct/t/**', 'instagram/thread.html');
  await serveFixture('https://www.instagram.com/direct/inbox/', 'instagram/inbox.html');
});

/** Opens the thread (with fixture options) and waits until the extension reports it as open. */
async function openThread(
  context: BrowserContext,
  pageStates: Fixtures['pageStates'],
  options: InstagramFixtureOptions = {},
) {
  await setFixtureOptions(context, options);
  const { page, errors } = await openHostPage(context, THREAD_URL);
  await expect.poll(async () => (await pageStates(page)).get(0)).toMatchObject({ state: 'thread' });
  return { page, errors, fixture: await fixtureOf<InstagramFixture>(page) };
}

const composerText = (fixture: JSHandle<InstagramFixture>) => fixture.evaluate((f) => f.composerText());
const composer = (page: Page) => page.locator('main [role=textbox][aria-label="Message"]');
const searchBox = (page: Page) => page.locator('main [role=textbox][aria-label="Search"]');

test('reports the open thread: id, participant, message directions with group times, composer found', async ({
  context,
  pageStates,
}) => {
  const { page } = await openThread(context, pageStates);
  const snapshot = (await pageStates(page)).get(0);
  expect(snapshot).toMatchObject({
    platform: 'instagram',
    state: 'thread',
    threadId: THREAD_ID,
    surface: 'page',
    participant: { name: 'Anna Berger', handle: 'anna.berger', profileUrl: 'https://www.instagram.com/anna.berger/' },
    composerKind: 'instagram',
    health: { participant: 'found', messages: 'found', composer: 'found' },
  });
  expect(snapshot?.messages.map((m) => [m.direction, m.timeLabel])).toEqual([
    ['inbound', '8/24/25, 3:36 PM'],
    ['outbound', '8/24/25, 3:36 PM'],
    ['inbound', 'Thu 6:14 PM'],
    ['inbound', 'Thu 6:14 PM'],
    ['outbound', '12:56 PM'],
    ['inbound', '12:56 PM'],
  ]);
  const keys = snapshot?.messages.map((m) => m.key) ?? [];
  expect(new Set(keys).size).toBe(6);
  // Keys are digests: no message text travels to the background.
  expect(JSON.stringify(snapshot)).not.toMatch(/jacket|Cologne|thanks/i);
});

metaThreadScenarios({
  threadId: THREAD_ID,
  open: openThread,
  composer,
  messages: 6,
  outbound: 2,
  inbound: { text: 'Do you also have it in red?', reported: { timeLabel: '12:56 PM' } },
  // The search box before the composer is a text box too: it stays untouched.
  untouchedByInsert: (page) => expect(searchBox(page)).toHaveText(''),
  next: {
    peer: NEXT_PEER,
    reported: { participant: { name: 'Ben Okafor', handle: 'ben.okafor' }, messages: [{ direction: 'inbound' }] },
  },
  partsWhileLoading: ['header'],
  // The composer element is still the one Anna's conversation mounted: the switch does not wait for it.
  partThatSettles: 'message list',
});

test('inserts at the caret, replaces a selection, and appends when the caret is elsewhere', async ({
  context,
  pageStates,
  insertViaBackground,
}) => {
  const { page, fixture } = await openThread(context, pageStates);
  const typeHelloWorld = async (keys: string[]) => {
    await composer(page).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('Hello world');
    for (const key of keys) await page.keyboard.press(key);
  };

  // Caret after "Hello ", then the person clicks in the panel (focus leaves the page's composer).
  await typeHelloWorld(Array(5).fill('ArrowLeft'));
  await clickIntoPanel(page);
  expect(await insertViaBackground(page, TEMPLATE_TEXT, THREAD_ID)).toEqual({ ok: true });
  expect(await composerText(fixture)).toBe(`Hello ${TEMPLATE_TEXT}world`);

  // "world" selected: replaced.
  await typeHelloWorld(Array(5).fill('Shift+ArrowLeft'));
  await clickIntoPanel(page);
  expect(await insertViaBackground(page, 'there', THREAD_ID)).toEqual({ ok: true });
  expect(await composerText(fixture)).toBe('Hello there');

  // The caret went to another text box on the page: the template goes to the end of the draft.
  await typeHelloWorld([]);
  await searchBox(page).click();
  expect(await insertViaBackground(page, TEMPLATE_TEXT, THREAD_ID)).toEqual({ ok: true });
  expect(await composerText(fixture)).toBe(`Hello world${TEMPLATE_TEXT}`);
});

test('inserts a 900-character text exactly', async ({ context, pageStates, insertViaBackground }) => {
  expect(TEXT_900).toHaveLength(900);
  const { page, fixture } = await openThread(context, pageStates);
  expect(await insertViaBackground(page, TEXT_900, THREAD_ID)).toEqual({ ok: true });
  expect(await composerText(fixture)).toBe(TEXT_900);
});

test('insertion: a paste only if the editor ignored the beforeinput, never a second insertion', async ({
  context,
  pageStates,
  insertViaBackground,
}) => {
  const { page, fixture } = await openThread(context, pageStates);
  // An editor build that ignores synthetic beforeinput (the page's own listener swallows it first).
  await page.evaluate(() => {
    document.addEventListener('beforeinput', (event) => event.isTrusted || event.stopImmediatePropagation(), true);
  });
  expect(await insertViaBackground(page, TEMPLATE_TEXT, THREAD_ID)).toEqual({ ok: true });
  expect(await composerText(fixture)).toBe(TEMPLATE_TEXT);

  // Ignoring paste too: nothing changes, and the insert says so.
  await page.evaluate(() => {
    document.addEventListener('paste', (event) => event.isTrusted || event.stopImmediatePropagation(), true);
  });
  expect(await insertViaBackground(page, 'Hi', THREAD_ID)).toMatchObject({ ok: false, reason: 'verify-failed' });
  expect(await composerText(fixture)).toBe(TEMPLATE_TEXT);
});

test('insertion: an editor that inserts twice is reported, not "fixed" with a third insertion', async ({
  context,
  pageStates,
  insertViaBackground,
}) => {
  const { page, fixture } = await openThread(context, pageStates);
  // Public reports describe editors that insert a synthetic insertion twice: replay each one once more.
  await page.evaluate(() => {
    document.addEventListener('beforeinput', (event) => {
      if (event.isTrusted || !event.dataTransfer) return;
      const data = event.dataTransfer.getData('text/plain');
      event.target?.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertReplacementText', data }));
    });
  });
  expect(await insertViaBackground(page, TEMPLATE_TEXT, THREAD_ID)).toMatchObject({
    ok: false,
    reason: 'verify-failed',
  });
  expect(await composerText(fixture)).toBe(TEMPLATE_TEXT + TEMPLATE_TEXT);
});

test('the inbox reports no conversation', async ({ context, pageStates }) => {
  const { page } = await openHostPage(context, 'https://www.instagram.com/direct/inbox/');
  await expect
    .poll(async () => (await pageStates(page)).get(0))
    .toMatchObject({
      platform: 'instagram',
      state: 'no-conversation',
      threadId: null,
      participant: null,
    });
});

test('without a composer: health says missing, nothing is inserted, the page logs no error', async ({
  context,
  pageStates,
  insertViaBackground,
}) => {
  const { page, errors } = await openThread(context, pageStates, { composer: false });
  await expectComposerMissing({ pageStates, insertViaBackground }, page, THREAD_ID);
  expect(errors).toEqual([]);
});

test('the composer removed while the thread is open: reported missing, no error', async ({ context, pageStates }) => {
  const { page, errors, fixture } = await openThread(context, pageStates);
  await fixture.evaluate((f) => f.removeComposer());
  await expect.poll(async () => (await pageStates(page)).get(0)?.health.composer).toBe('missing');
  expect(errors).toEqual([]);
});

test('a long virtualized thread: the rendered window is reported, keys survive scrolling away and back', async ({
  context,
  pageStates,
}) => {
  const { page, fixture } = await openThread(context, pageStates, { history: 300 });
  const newest = (await pageStates(page)).get(0)?.messages ?? [];
  expect(newest).toHaveLength(20);

  await fixture.evaluate((f) => f.showHistoryWindow(0));
  await expect.poll(async () => (await pageStates(page)).get(0)?.messages[0]?.key).not.toBe(newest[0]?.key);
  const oldest = (await pageStates(page)).get(0);
  expect(oldest).toMatchObject({ state: 'thread', threadId: THREAD_ID });
  expect(oldest?.messages.filter((m) => newest.some((n) => n.key === m.key))).toEqual([]);

  await fixture.evaluate((f) => f.showHistoryWindow(280));
  await expect.poll(async () => (await pageStates(page)).get(0)?.messages).toEqual(newest);
});
