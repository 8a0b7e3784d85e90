import type { BrowserContext, Page } from '@playwright/test';
import type { PageSnapshot } from '../../utils/platforms/types';
import '../fixtures/x/page-api';
import { test } from './fixtures';
import {
  type ComposerProbe,
  composerRemovedTest,
  expect,
  expectInsertedIntoPageModel,
  expectSwitchWithoutReload,
  insertAtCaretTest,
  openHostPage,
  TEMPLATE_TEXT,
} from './platform-helpers';

const ANNA = '44196397-783214';
const BEN = '44196397-901234';
const CARLA = '44196397-555111';

const composerText = (page: Page) => page.evaluate(() => window.xFixture?.composerText() ?? null);
const sentCount = (page: Page) => page.evaluate(() => window.xFixture?.sentCount() ?? -1);
const composer = (page: Page): ComposerProbe => ({ text: () => composerText(page), sentCount: () => sentCount(page) });

test.describe('X Chat (x.com/i/chat, inside an open shadow root)', () => {
  test.beforeEach(async ({ serveFixture }) => {
    await serveFixture('https://x.com/i/chat', 'x/chat-inbox.html');
    await serveFixture(`https://x.com/i/chat/${ANNA}`, 'x/chat-thread.html');
    await serveFixture(`https://x.com/i/chat/requests/${CARLA}`, 'x/chat-request.html');
  });

  /** Opens Anna's thread and waits until the adapter has read it (the shadow root arrives late). */
  async function openAnna(context: BrowserContext, pageStates: (page: Page) => Promise<Map<number, PageSnapshot>>) {
    const opened = await openHostPage(context, `https://x.com/i/chat/${ANNA}`);
    await expect.poll(async () => (await pageStates(opened.page)).get(0)?.state).toBe('thread');
    return opened;
  }

  test('reads the thread: id, participant, message directions and times, composer', async ({ context, pageStates }) => {
    const { page, errors } = await openAnna(context, pageStates);
    expect((await pageStates(page)).get(0)).toEqual({
      platform: 'x',
      url: `https://x.com/i/chat/${ANNA}`,
      state: 'thread',
      threadId: ANNA,
      surface: 'page',
      pageLanguage: 'en',
      participant: { name: 'Anna Berger', handle: 'anna_berger', profileUrl: 'https://x.com/anna_berger' },
      messages: [
        { key: '0b6d5c1e-7f2a-4c3b-9d8e-1a2b3c4d5e6f', direction: 'inbound', timeLabel: '6:14 PM' },
        { key: '5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716', direction: 'outbound', timeLabel: '6:20 PM' },
        { key: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', direction: 'inbound', timeLabel: '6:31 PM' },
      ],
      composerKind: 'x-chat',
      health: { participant: 'found', messages: 'found', composer: 'found' },
    });

    // A message arriving inside the shadow root is seen (the watcher observes the root itself).
    await page.evaluate(() => window.xFixture?.addInbound('Are you there?'));
    await expect
      .poll(async () => (await pageStates(page)).get(0)?.messages.map((message) => message.direction))
      .toEqual(['inbound', 'outbound', 'inbound', 'inbound']);
    expect(errors).toEqual([]);
  });

  test('the inbox is no-conversation, the passcode gate and a message request are their own states', async ({
    context,
    serveFixture,
    pageStates,
  }) => {
    const inbox = await openHostPage(context, 'https://x.com/i/chat');
    await expect
      .poll(async () => (await pageStates(inbox.page)).get(0))
      .toMatchObject({
        state: 'no-conversation',
        threadId: null,
        participant: null,
      });

    await serveFixture(`https://x.com/i/chat/${BEN}`, 'x/chat-passcode.html');
    const gate = await openHostPage(context, `https://x.com/i/chat/${BEN}`);
    await expect
      .poll(async () => (await pageStates(gate.page)).get(0))
      .toMatchObject({
        state: 'passcode-required',
        threadId: BEN,
        participant: null,
        composerKind: null,
      });

    const request = await openHostPage(context, `https://x.com/i/chat/requests/${CARLA}`);
    await expect
      .poll(async () => (await pageStates(request.page)).get(0))
      .toMatchObject({
        state: 'message-request',
        threadId: CARLA,
        participant: { name: 'Carla Mendes', handle: 'carla_m' },
        messages: [{ direction: 'inbound', timeLabel: '11:05 AM' }],
        composerKind: null,
        health: { participant: 'found', messages: 'found', composer: 'missing' },
      });
    expect([...inbox.errors, ...gate.errors, ...request.errors]).toEqual([]);
  });

  test('inserts the text once into React’s state; Send appears, nothing is sent', async ({
    context,
    pageStates,
    insertViaBackground,
  }) => {
    const { page, errors } = await openAnna(context, pageStates);
    await expect(page.getByTestId('dm-composer-voice-button')).toBeVisible();
    await expectInsertedIntoPageModel({ insertViaBackground }, page, ANNA, composer(page), {
      button: page.getByTestId('dm-composer-send-button'),
      sendReady: (button) => expect(button).toBeVisible(),
      // Typed by the browser (execCommand), in one input event: no synthetic fallback, no second copy.
      beforeSend: async () =>
        expect(await page.evaluate(() => window.xFixture?.inputEvents?.())).toEqual([
          { inputType: 'insertText', isTrusted: true },
        ]),
    });
    expect(errors).toEqual([]);
  });

  insertAtCaretTest(
    'inserts at the caret in the middle of a draft, after focus moved to the panel',
    ANNA,
    openAnna,
    (page) => ({ editor: page.getByTestId('dm-composer-textarea'), probe: composer(page) }),
  );

  test('inserts nothing when the page shows another conversation than the panel', async ({
    context,
    pageStates,
    insertViaBackground,
  }) => {
    const { page, errors } = await openAnna(context, pageStates);
    expect(await insertViaBackground(page, TEMPLATE_TEXT, BEN)).toMatchObject({
      ok: false,
      reason: 'conversation-changed',
    });
    expect(await composerText(page)).toBe('');
    expect(errors).toEqual([]);
  });

  test('a thread switch without reload reports loading until the page caught up, then the new thread', async ({
    context,
    pageStates,
    serviceWorker,
  }) => {
    const { page, errors } = await openAnna(context, pageStates);
    // The URL changes first: the adapter says "loading" while Anna's header, list or composer is on screen.
    await expectSwitchWithoutReload(
      { pageStates, serviceWorker },
      page,
      { threadId: BEN, person: 'Ben Okafor', label: 'thread switch' },
      () => page.evaluate((threadId) => window.xFixture?.switchTo?.(threadId) ?? 0, BEN),
    );
    await expect
      .poll(async () => (await pageStates(page)).get(0))
      .toMatchObject({
        participant: { name: 'Ben Okafor', handle: 'benokafor' },
        messages: [
          { key: 'c3d2e1f0-a9b8-4c7d-a6e5-f4a3b2c1d0e9', direction: 'outbound', timeLabel: '9:02 AM' },
          { key: 'f0e1d2c3-b4a5-4968-8776-a5b4c3d2e1f0', direction: 'inbound', timeLabel: '9:10 AM' },
        ],
        health: { composer: 'found' },
      });
    expect(errors).toEqual([]);
  });

  composerRemovedTest(ANNA, openAnna, (page) => page.evaluate(() => window.xFixture?.removeComposer()), {
    participant: { name: 'Anna Berger' },
  });
});

test.describe('legacy X messages (x.com/messages, Draft.js composer)', () => {
  const url = `https://x.com/messages/${ANNA}`;
  test.beforeEach(async ({ serveFixture }) => {
    await serveFixture(url, 'x/legacy-thread.html');
  });

  test('reads the thread and pastes the text once into Draft’s own state', async ({
    context,
    pageStates,
    insertViaBackground,
  }) => {
    const { page, errors } = await openHostPage(context, url);
    await expect
      .poll(async () => (await pageStates(page)).get(0))
      .toMatchObject({
        state: 'thread',
        threadId: ANNA,
        participant: { name: 'Anna Berger', handle: 'anna_berger' },
        messages: [
          { direction: 'inbound', timeLabel: '6:14 PM' },
          { direction: 'outbound', timeLabel: '6:20 PM' },
        ],
        composerKind: 'x-legacy',
        health: { participant: 'found', messages: 'found', composer: 'found' },
      });
    await expect(page.getByTestId('dmComposerSendButton')).toBeDisabled();

    expect(await insertViaBackground(page, TEMPLATE_TEXT, ANNA)).toEqual({ ok: true });
    expect(await composerText(page)).toBe(TEMPLATE_TEXT);
    await expect(page.getByTestId('dmComposerSendButton')).toBeEnabled();
    expect(await sentCount(page)).toBe(0);
    expect(errors).toEqual([]);
  });

  insertAtCaretTest(
    'pastes at the caret in the middle of a draft',
    ANNA,
    async (context, pageStates) => {
      const opened = await openHostPage(context, url);
      await expect.poll(async () => (await pageStates(opened.page)).get(0)?.state).toBe('thread');
      return opened;
    },
    (page) => ({ editor: page.getByTestId('dmComposerTextInput'), probe: composer(page) }),
  );
});
