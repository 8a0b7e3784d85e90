import type { BrowserContext, JSHandle, Page } from '@playwright/test';
import type { FacebookFixture, FacebookFixtureOptions } from '../fixtures/facebook/fixture-api.ts';
import { clickIntoPanel, fixtureOf, setFixtureOptions, TEXT_900 } from '../fixtures/instagram/meta-e2e.ts';
import { type Fixtures, test } from './fixtures';
import { expect, expectComposerMissing, openHostPage, TEMPLATE_TEXT } from './platform-helpers';
import { metaThreadScenarios } from './scenarios/meta-thread';

// The Messenger adapter against tests/fixtures/facebook/*.html: the conversation page and chat pop-ups of
// facebook.com with the real Lexical composer, served at real Facebook URLs, read by the built extension.

const THREAD_ID = '7720394857261';
const THREAD_URL = `https://www.facebook.com/messages/t/${THREAD_ID}/`;
const NEXT_PEER = { id: '100009876543210', name: 'Ben Okafor', profile: 'ben.okafor.3' };

test.beforeEach(async ({ serveFixture }) => {
  await serveFixture('https://www.facebook.com/messages/t/**', 'facebook/thread.html');
  await serveFixture('https://www.facebook.com/messages/', 'facebook/inbox.html');
  await serveFixture('https://www.facebook.com/', 'facebook/popup.html');
});

/** Opens a page and waits until the extension reports a conversation on it (state thread). */
async function open(
  context: BrowserContext,
  pageStates: Fixtures['pageStates'],
  url = THREAD_URL,
  options: FacebookFixtureOptions = {},
) {
  await setFixtureOptions(context, options);
  const { page, errors } = await openHostPage(context, url);
  await expect.poll(async () => (await pageStates(page)).get(0)?.state).toBe('thread');
  return { page, errors, fixture: await fixtureOf<FacebookFixture>(page) };
}

const composerText = (fixture: JSHandle<FacebookFixture>, chat?: string) =>
  fixture.evaluate((f, name) => f.composerText(name), chat);
const pageComposer = (page: Page) => page.locator('[role=main] [role=textbox]');
/** A chat pop-up by its title. */
const popup = (page: Page, title: string) =>
  page.locator('.xchatbox', { has: page.getByRole('heading', { name: title }) });

test.describe('conversation page', () => {
  test('reports the thread id, participant with profile, message directions and times, composer found', async ({
    context,
    pageStates,
  }) => {
    const { page } = await open(context, pageStates);
    const snapshot = (await pageStates(page)).get(0);
    expect(snapshot).toMatchObject({
      platform: 'facebook',
      state: 'thread',
      threadId: THREAD_ID,
      surface: 'page',
      participant: {
        name: 'Anna Berger',
        handle: 'anna.berger.77',
        profileUrl: 'https://www.facebook.com/anna.berger.77/',
      },
      composerKind: 'messenger',
      health: { participant: 'found', messages: 'found', composer: 'found' },
    });
    expect(snapshot?.messages.map((m) => [m.direction, m.timeLabel])).toEqual([
      ['inbound', '09:12'],
      ['outbound', '09:14'],
      ['inbound', '14:02'],
      ['outbound', '14:03'],
      ['inbound', '14:05'],
    ]);
    expect(JSON.stringify(snapshot)).not.toMatch(/workshop|friend|merrier/i);
  });

  metaThreadScenarios({
    threadId: THREAD_ID,
    open: (context, pageStates) => open(context, pageStates),
    composer: pageComposer,
    messages: 5,
    outbound: 2,
    inbound: { text: 'One more thing: is there parking?', reported: {} },
    next: { peer: NEXT_PEER, reported: { participant: { name: 'Ben Okafor', handle: 'ben.okafor.3' } } },
    // Messenger's composer is labelled with the person's name: the thread waits for it too.
    partsWhileLoading: ['header', 'message list'],
    partThatSettles: 'composer label',
  });

  test('inserts at the caret in the middle of a draft, and 900 characters exactly', async ({
    context,
    pageStates,
    insertViaBackground,
  }) => {
    const { page, fixture } = await open(context, pageStates);
    await pageComposer(page).click();
    await page.keyboard.type('Hello world');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    await clickIntoPanel(page);
    expect(await insertViaBackground(page, TEMPLATE_TEXT, THREAD_ID)).toEqual({ ok: true });
    expect(await composerText(fixture)).toBe(`Hello ${TEMPLATE_TEXT}world`);

    await pageComposer(page).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    expect(await insertViaBackground(page, TEXT_900, THREAD_ID)).toEqual({ ok: true });
    expect(await composerText(fixture)).toBe(TEXT_900);
  });

  test('Facebook rewriting the URL of the same conversation: the new id is reported, inserts for the old one still land', async ({
    context,
    pageStates,
    insertViaBackground,
  }) => {
    const { page, fixture } = await open(context, pageStates, 'https://www.facebook.com/messages/t/anna.berger.77/');
    expect((await pageStates(page)).get(0)?.threadId).toBe('anna.berger.77');

    await fixture.evaluate((f, id) => f.rewriteUrl(`/messages/e2ee/t/${id}/`), THREAD_ID);
    await expect
      .poll(async () => (await pageStates(page)).get(0))
      .toMatchObject({ state: 'thread', threadId: THREAD_ID });
    expect(await insertViaBackground(page, TEMPLATE_TEXT, 'anna.berger.77')).toEqual({ ok: true });
    expect(await composerText(fixture)).toBe(TEMPLATE_TEXT);

    // Another person's conversation is not an alias.
    await fixture.evaluate((f, peer) => f.switchThread(peer), NEXT_PEER);
    await expect
      .poll(async () => (await pageStates(page)).get(0))
      .toMatchObject({ state: 'thread', threadId: NEXT_PEER.id });
    expect(await insertViaBackground(page, 'Hi', 'anna.berger.77')).toMatchObject({ reason: 'conversation-changed' });
    expect(await composerText(fixture)).toBe('');
  });

  test('the inbox reports no conversation', async ({ context, pageStates }) => {
    const { page } = await openHostPage(context, 'https://www.facebook.com/messages/');
    await expect
      .poll(async () => (await pageStates(page)).get(0))
      .toMatchObject({
        platform: 'facebook',
        state: 'no-conversation',
        threadId: null,
      });
  });

  test('without a composer: health says missing, nothing is inserted, the page logs no error', async ({
    context,
    pageStates,
    insertViaBackground,
  }) => {
    const { page, errors } = await open(context, pageStates, THREAD_URL, { composer: false });
    await expectComposerMissing({ pageStates, insertViaBackground }, page, THREAD_ID);
    expect(errors).toEqual([]);
  });
});

test.describe('chat pop-ups over the feed', () => {
  test('with two pop-ups the one the person works in is reported; with none chosen nothing is guessed', async ({
    context,
    pageStates,
  }) => {
    const { page } = await openHostPage(context, 'https://www.facebook.com/');
    await expect
      .poll(async () => (await pageStates(page)).get(0))
      .toMatchObject({
        state: 'loading',
        threadId: null,
        health: { composer: 'ambiguous' },
      });

    await popup(page, 'Sam Lee').getByRole('textbox').click();
    await expect
      .poll(async () => (await pageStates(page)).get(0))
      .toMatchObject({
        state: 'thread',
        threadId: 'sam.lee.5',
        surface: 'popup:sam.lee.5',
        participant: { name: 'Sam Lee', handle: 'sam.lee.5', profileUrl: 'https://www.facebook.com/sam.lee.5/' },
        composerKind: 'messenger',
        health: { participant: 'found', messages: 'found', composer: 'found' },
      });
    expect((await pageStates(page)).get(0)?.messages.map((m) => [m.direction, m.timeLabel])).toEqual([
      ['inbound', '14:10'],
      ['outbound', '14:11'],
      ['inbound', '14:12'],
    ]);

    // Focus moving into the panel keeps the pop-up the person worked in.
    await clickIntoPanel(page);
    await page.waitForTimeout(250);
    expect((await pageStates(page)).get(0)?.threadId).toBe('sam.lee.5');

    await popup(page, 'Mia Wong').getByRole('textbox').click();
    await expect
      .poll(async () => (await pageStates(page)).get(0))
      .toMatchObject({
        threadId: '100012345678901',
        participant: { name: 'Mia Wong' },
      });
  });

  test('inserts into the pop-up of that conversation exactly, at the caret, and nowhere else', async ({
    context,
    pageStates,
    insertViaBackground,
  }) => {
    const { page } = await openHostPage(context, 'https://www.facebook.com/');
    const fixture = await fixtureOf<FacebookFixture>(page);
    await popup(page, 'Sam Lee').getByRole('textbox').click();
    await page.keyboard.type('Hello world');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await pageStates(page)).get(0)?.threadId).toBe('sam.lee.5');
    await clickIntoPanel(page);

    expect(await insertViaBackground(page, TEMPLATE_TEXT, 'sam.lee.5')).toEqual({ ok: true });
    expect(await composerText(fixture, 'Sam Lee')).toBe(`Hello ${TEMPLATE_TEXT}world`);
    expect(await fixture.evaluate((f) => f.sendEnabled('Sam Lee'))).toBe(true);
    expect(await composerText(fixture, 'Mia Wong')).toBe('');
    await expect(page.getByRole('textbox', { name: 'Write a comment…' })).toHaveText('');
    await page.waitForTimeout(300);
    expect(await fixture.evaluate((f) => f.outboundCount('Sam Lee'))).toBe(1);

    await popup(page, 'Sam Lee').getByRole('textbox').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    expect(await insertViaBackground(page, TEXT_900, 'sam.lee.5')).toEqual({ ok: true });
    expect(await composerText(fixture, 'Sam Lee')).toBe(TEXT_900);

    // A conversation no pop-up shows any more: nothing is inserted.
    expect(await insertViaBackground(page, 'Hi', 'someone.else')).toMatchObject({ reason: 'conversation-changed' });
  });
});
