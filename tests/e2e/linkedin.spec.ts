import type { BrowserContext, Frame, Page } from '@playwright/test';
import { PANEL_TITLE } from '../../utils/content/panel-frame';
import type { PageSnapshot } from '../../utils/platforms/types';
import '../fixtures/linkedin/page-api';
import { test } from './fixtures';
import {
  type ComposerProbe,
  composerRemovedTest,
  expect,
  expectInsertedIntoPageModel,
  expectSwitchWithoutReload,
  insertAtCaretTest,
  openHostPage,
  panelHeading,
  printLatency,
  recordReports,
  TEMPLATE_TEXT,
} from './platform-helpers';

const ANNA = '2-YTFiMmMzZDQtZTVmNi00YTdiLThjOWQtMGUxZjJhM2I0YzVkXzAxMA==';
const BEN = '2-YjJjM2Q0ZTUtZjZhNy00YjhjLTlkMGUtMWYyYTNiNGM1ZDZlXzAxMA==';
const CARLA_INMAIL = '2-YzNkNGU1ZjYtYTdiOC00YzlkLTBlMWYtMmEzYjRjNWQ2ZTdmXzAxMA==';
const threadUrl = (threadId: string) => `https://www.linkedin.com/messaging/thread/${encodeURIComponent(threadId)}/`;
const FEED = 'https://www.linkedin.com/feed/';
const panelOf = (page: Page) => page.frameLocator(`iframe[title="${PANEL_TITLE}"]`);

type PageStates = (page: Page) => Promise<Map<number, PageSnapshot>>;

const composerText = (target: Page | Frame, threadId: string) =>
  target.evaluate((id) => window.linkedinFixture?.composerText(id) ?? null, threadId);
const sentCount = (target: Page | Frame) => target.evaluate(() => window.linkedinFixture?.sentCount() ?? -1);
const composer = (page: Page, threadId: string): ComposerProbe => ({
  text: () => composerText(page, threadId),
  sentCount: () => sentCount(page),
});

/** Opens `url` and waits for the top frame's adapter to report `state`. */
async function open(context: BrowserContext, pageStates: PageStates, url: string, state: PageSnapshot['state']) {
  const opened = await openHostPage(context, url);
  await expect.poll(async () => (await pageStates(opened.page)).get(0)?.state).toBe(state);
  return opened;
}

test.describe('LinkedIn messaging page (/messaging/thread/<id>/)', () => {
  test.beforeEach(async ({ serveFixture }) => {
    await serveFixture('https://www.linkedin.com/messaging/**', 'linkedin/messaging.html');
  });

  test('reads the thread: decoded id, participant, grouped message times, composer kind', async ({
    context,
    pageStates,
  }) => {
    const { page, errors } = await open(context, pageStates, threadUrl(ANNA), 'thread');
    expect((await pageStates(page)).get(0)).toEqual({
      platform: 'linkedin',
      url: threadUrl(ANNA),
      state: 'thread',
      threadId: ANNA,
      surface: 'page',
      pageLanguage: 'en',
      participant: { name: 'Anna Berger', profileUrl: 'https://www.linkedin.com/in/anna-berger-4711/' },
      messages: [
        {
          key: 'urn:li:msg_message:(urn:li:fsd_profile:ACoAAAnna,2-MTcxMDAwMDAwMDAwMQ==)',
          direction: 'inbound',
          timeLabel: 'Mon 9:41 AM',
        },
        // Second message of the same group: name and time are shown once, carried forward.
        {
          key: 'urn:li:msg_message:(urn:li:fsd_profile:ACoAAAnna,2-MTcxMDAwMDAwMDAwMg==)',
          direction: 'inbound',
          timeLabel: 'Mon 9:41 AM',
        },
        {
          key: 'urn:li:msg_message:(urn:li:fsd_profile:ACoAAATom,2-MTcxMDAwMDAwMDAwMw==)',
          direction: 'outbound',
          timeLabel: 'Today 8:15 AM',
        },
      ],
      composerKind: 'linkedin-message',
      health: { participant: 'found', messages: 'found', composer: 'found' },
    });

    const inbox = await open(context, pageStates, 'https://www.linkedin.com/messaging/', 'no-conversation');
    expect((await pageStates(inbox.page)).get(0)).toMatchObject({ threadId: null, participant: null });
    expect([...errors, ...inbox.errors]).toEqual([]);
  });

  test('inserts the text once into the page’s model; Send is enabled, nothing is sent', async ({
    context,
    pageStates,
    insertViaBackground,
  }) => {
    const { page, errors } = await open(context, pageStates, threadUrl(ANNA), 'thread');
    const send = page.locator('button.msg-form__send-button');
    await expect(send).toBeDisabled();
    await expectInsertedIntoPageModel({ insertViaBackground }, page, ANNA, composer(page, ANNA), {
      button: send,
      sendReady: (button) => expect(button).toBeEnabled(),
    });
    expect(errors).toEqual([]);
  });

  insertAtCaretTest(
    'inserts at the caret in the middle of a draft, after focus moved to the panel',
    ANNA,
    (context, pageStates) => open(context, pageStates, threadUrl(ANNA), 'thread'),
    (page) => ({ editor: page.locator('.msg-form__contenteditable'), probe: composer(page, ANNA) }),
  );

  test('a conversation switch without reload reports loading until the pane caught up; InMail is its own kind', async ({
    context,
    pageStates,
    serviceWorker,
    insertViaBackground,
  }) => {
    const { page, errors } = await open(context, pageStates, threadUrl(ANNA), 'thread');
    await expectSwitchWithoutReload(
      { pageStates, serviceWorker },
      page,
      { threadId: BEN, person: 'Ben Okafor', label: 'conversation switch' },
      () => page.evaluate((id) => window.linkedinFixture?.switchTo(id) ?? 0, BEN),
    );
    await expect
      .poll(async () => (await pageStates(page)).get(0))
      .toMatchObject({
        participant: { name: 'Ben Okafor', profileUrl: 'https://www.linkedin.com/in/ben-okafor/' },
        messages: [{ direction: 'inbound', timeLabel: 'Yesterday 4:02 PM' }],
        composerKind: 'linkedin-message',
      });

    await page.evaluate((id) => window.linkedinFixture?.switchTo(id), CARLA_INMAIL);
    await expect
      .poll(async () => (await pageStates(page)).get(0))
      .toMatchObject({
        state: 'thread',
        threadId: CARLA_INMAIL,
        participant: { name: 'Carla Mendes' },
        messages: [],
        composerKind: 'linkedin-inmail',
      });
    expect(await insertViaBackground(page, TEMPLATE_TEXT, CARLA_INMAIL)).toEqual({ ok: true });
    expect(await composerText(page, CARLA_INMAIL)).toBe(TEMPLATE_TEXT);
    expect(errors).toEqual([]);
  });

  test('a half-written template survives a conversation switch (the panel’s sections gone meanwhile) and a new panel frame', async ({
    context,
    pageStates,
  }) => {
    const { page, errors } = await open(context, pageStates, threadUrl(ANNA), 'thread');
    const panel = panelOf(page);
    const title = panel.getByRole('textbox', { name: 'Title', exact: true });
    const text = panel.getByRole('textbox', { name: 'Template text', exact: true });
    await panel.getByRole('button', { name: 'New template', exact: true }).click();
    await title.fill('Refund, half written');
    await text.fill('Hi {{firstName}}, your refund of');
    const sectionsGone = panel
      .getByRole('button', { name: 'New template', exact: true })
      .waitFor({ state: 'detached', timeout: 5_000 });
    // The app's switch begins with the address: while the pane still shows Anna the panel says "loading"
    // and shows no sections (the form's component is gone). Held here until the panel got there: the
    // fixture's own ~100 ms of loading can pass unseen on a loaded machine.
    await page.evaluate((url) => history.pushState({}, '', url), threadUrl(BEN));
    await sectionsGone;
    await page.evaluate((id) => window.linkedinFixture?.switchTo(id), BEN);
    await expect(panelHeading(page)).toHaveText('Ben Okafor');
    await expect(title).toHaveValue('Refund, half written');
    await expect(text).toHaveValue('Hi {{firstName}}, your refund of');
    // A reload makes a new panel frame (as going away from the messages and back does): the draft comes back.
    await text.fill('Hi {{firstName}}, your refund of 20 €');
    await page.reload();
    await expect(panelHeading(page)).toHaveText(/^(?:Anna Berger|Ben Okafor)$/);
    await expect(title).toHaveValue('Refund, half written');
    await expect(text).toHaveValue('Hi {{firstName}}, your refund of 20 €');
    // Saved, it is gone from every frame to come.
    await panel.getByRole('button', { name: 'Save template', exact: true }).click();
    await expect(panel.getByRole('button', { name: 'Insert Refund, half written', exact: true })).toBeVisible();
    await page.reload();
    await expect(panelHeading(page)).toHaveText(/^(?:Anna Berger|Ben Okafor)$/);
    await expect(panel.getByRole('button', { name: 'New template', exact: true })).toBeVisible();
    await expect(title).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  composerRemovedTest(
    ANNA,
    (context, pageStates) => open(context, pageStates, threadUrl(ANNA), 'thread'),
    (page) => page.evaluate((id) => window.linkedinFixture?.removeComposer(id), ANNA),
  );
});

test.describe('LinkedIn messaging overlay windows (no URL change)', () => {
  const annaWindow = {
    state: 'thread',
    threadId: ANNA,
    surface: `overlay:${ANNA}`,
    participant: { name: 'Anna Berger', profileUrl: 'https://www.linkedin.com/in/anna-berger-4711/' },
    messages: [{ direction: 'inbound', timeLabel: 'Today 10:02 AM' }],
    composerKind: 'linkedin-message',
    health: { participant: 'found', messages: 'found', composer: 'found' },
  };

  for (const [where, file] of [
    ['in the page', 'linkedin/overlay.html'],
    ['inside the #interop-outlet shadow root', 'linkedin/overlay-shadow.html'],
  ] as const) {
    test(`a window ${where}: read, and the text inserted once`, async ({
      context,
      serveFixture,
      pageStates,
      insertViaBackground,
    }) => {
      await serveFixture(FEED, file);
      const { page, errors } = await open(context, pageStates, FEED, 'thread');
      expect((await pageStates(page)).get(0)).toMatchObject({ ...annaWindow, url: FEED });

      expect(await insertViaBackground(page, TEMPLATE_TEXT, ANNA)).toEqual({ ok: true });
      expect(await composerText(page, ANNA)).toBe(TEMPLATE_TEXT);
      await expect(page.locator('button.msg-form__send-button')).toBeEnabled();
      expect(await sentCount(page)).toBe(0);
      expect(errors).toEqual([]);
    });
  }

  test('two windows: none chosen until one has focus; focus moves the adapter and is remembered', async ({
    context,
    serveFixture,
    pageStates,
    serviceWorker,
    insertViaBackground,
  }) => {
    await serveFixture(FEED, 'linkedin/overlay-two.html');
    const { page, errors } = await open(context, pageStates, FEED, 'no-conversation');
    // Two windows, neither ever focused: which one the panel serves is not guessed.
    expect((await pageStates(page)).get(0)).toMatchObject({
      threadId: null,
      health: { composer: 'ambiguous' },
    });
    expect(await insertViaBackground(page, TEMPLATE_TEXT, ANNA)).toMatchObject({ reason: 'conversation-changed' });

    const reports = await recordReports(serviceWorker);
    const editors = page.locator('.msg-form__contenteditable');
    /**
     * Clicks a window's composer; returns when focus arrived, by the page's clock. Listened for on the
     * shadow root: focus moving within it never reaches the document.
     */
    const focusWindow = async (index: number) => {
      type Clocked = Window & { focusedAt?: number };
      await page.evaluate(() => {
        delete (window as Clocked).focusedAt;
        document
          .querySelector('#interop-outlet')
          ?.shadowRoot?.addEventListener('focusin', () => Object.assign(window, { focusedAt: Date.now() }), {
            once: true,
          });
      });
      await editors.nth(index).click();
      return page.evaluate(() => (window as Clocked).focusedAt ?? Number.NaN);
    };
    const reportedAt = async (threadId: string) => {
      await expect.poll(async () => (await pageStates(page)).get(0)?.threadId).toBe(threadId);
      return (await reports()).find((report) => report.snapshot.threadId === threadId);
    };

    const annaFocusedAt = await focusWindow(0);
    printLatency('focus to window A', annaFocusedAt, await reportedAt(ANNA));
    const benFocusedAt = await focusWindow(1);
    printLatency('focus to window B', benFocusedAt, await reportedAt(BEN));
    expect((await pageStates(page)).get(0)).toMatchObject({
      state: 'thread',
      surface: `overlay:${BEN}`,
      participant: { name: 'Ben Okafor' },
      messages: [{ direction: 'inbound', timeLabel: 'Today 10:07 AM' }],
    });

    // Picking a template moves focus into the panel: Ben's window stays the conversation.
    await panelHeading(page).click();
    expect(await insertViaBackground(page, TEMPLATE_TEXT, BEN)).toEqual({ ok: true });
    expect(await composerText(page, BEN)).toBe(TEMPLATE_TEXT);
    expect(await composerText(page, ANNA)).toBe('');
    expect(await sentCount(page)).toBe(0);
    expect(errors).toEqual([]);
  });

  test('a window inside the /preload/ interop iframe is reported by that frame and filled there', async ({
    context,
    serveFixture,
    pageStates,
    insertViaBackground,
  }) => {
    await serveFixture(FEED, 'linkedin/feed-interop-iframe.html');
    await serveFixture('https://www.linkedin.com/preload/**', 'linkedin/preload.html');
    const { page, errors } = await openHostPage(context, FEED);
    await expect.poll(async () => (await pageStates(page)).size).toBe(2);
    const states = await pageStates(page);
    expect(states.get(0)).toMatchObject({ url: FEED, state: 'not-messages' });
    const [frameId, inFrame] = [...states].find(([id]) => id !== 0) ?? [];
    expect(inFrame).toMatchObject({ ...annaWindow, url: 'https://www.linkedin.com/preload/?_bprMode=vanilla' });

    const frame = page.frames().find((candidate) => candidate.url().includes('/preload/'));
    if (!frame) throw new Error('the interop iframe did not load');
    expect(await insertViaBackground(page, TEMPLATE_TEXT, ANNA, frameId)).toEqual({ ok: true });
    expect(await composerText(frame, ANNA)).toBe(TEMPLATE_TEXT);
    expect(await sentCount(frame)).toBe(0);
    // Only the top frame shows the panel, for the conversation the iframe holds.
    await expect(panelOf(page).getByRole('heading', { level: 1 })).toHaveText('Anna Berger');
    await expect(page.locator(`iframe[title="${PANEL_TITLE}"]`)).toHaveCount(1);
    expect(errors).toEqual([]);
  });
});
