import type { BrowserContext, Locator, Page, Worker } from '@playwright/test';
import { PANEL_TITLE } from '../../utils/content/panel-frame';
import { parsePageStateKey } from '../../utils/messaging/page-state-key';
import type { PageSnapshot } from '../../utils/platforms/types';

import { expect, type Fixtures, test } from './fixtures';

export { expect };

/** A reply template with what breaks naive insertion: blank lines, an emoji, a dash, umlauts. */
export const TEMPLATE_TEXT = 'Hi Anna,\n\nthanks for your message 🙂 — Grüße aus Köln!\n\nBest, Tom';

/**
 * Opens `url` in a new tab and collects the host page's console errors and uncaught exceptions:
 * whatever the extension does there must not break the page.
 */
export async function openHostPage(context: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.location().url}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
}

/** A neutral spot in the in-page panel: clicking it takes focus away from the composer, as a person would. */
export const panelHeading = (page: Page): Locator =>
  page.frameLocator(`iframe[title="${PANEL_TITLE}"]`).getByRole('heading', { level: 1 });

/** A write to the background's session storage, as the worker saw it (its key format is the background's). */
type StoredChange = { receivedAt: number; key: string; value: unknown };

export interface Report {
  /** Date.now() in the service worker when the snapshot arrived in session storage. */
  receivedAt: number;
  frameId: number;
  snapshot: PageSnapshot;
}

/**
 * Records every page report the background stores from now on, timestamped where it arrives. Timing
 * measured this way leaves out the test runner's own round trips (a loaded machine adds hundreds of ms).
 */
export async function recordReports(serviceWorker: Worker): Promise<() => Promise<Report[]>> {
  await serviceWorker.evaluate(() => {
    const scope = globalThis as typeof globalThis & { dmsChanges?: StoredChange[] };
    scope.dmsChanges = [];
    chrome.storage.session.onChanged.addListener((changes) => {
      for (const [key, change] of Object.entries(changes)) {
        if (change.newValue) scope.dmsChanges?.push({ receivedAt: Date.now(), key, value: change.newValue });
      }
    });
  });
  return async () => {
    const changes = await serviceWorker.evaluate(
      () => (globalThis as typeof globalThis & { dmsChanges?: StoredChange[] }).dmsChanges ?? [],
    );
    return changes.flatMap(({ receivedAt, key, value }) => {
      const frame = parsePageStateKey(key);
      return frame ? [{ receivedAt, frameId: frame.frameId, snapshot: value as PageSnapshot }] : [];
    });
  };
}

/**
 * Prints how long the page took to reach the background. A latency is a benchmark, not a gate: a loaded
 * 2-core CI machine moves it by hundreds of ms (`npm run bench` measures it over many runs).
 */
export function printLatency(label: string, from: number, report: Report | undefined): void {
  expect(report, `${label}: no report arrived`).toBeDefined();
  const ms = Math.round((report?.receivedAt ?? Number.NaN) - from);
  test.info().annotations.push({ type: 'latency', description: `${label}: ${ms} ms` });
  console.log(`latency · ${label}: ${ms} ms`);
}

/**
 * The reports after an in-app switch: "loading" while the previous conversation is still on screen, then
 * only the new thread, each report of it naming the new person (a loaded machine may split the page's
 * rendering over several reads, so their number is not fixed). Returns the first report of the thread.
 */
export function firstThreadAfterSwitch(reports: Report[], person: string): Report | undefined {
  const states = reports.map((report) => report.snapshot.state);
  const settled = states.indexOf('thread');
  expect(settled, `states after the switch: ${states.join(', ')}`).toBeGreaterThan(0);
  expect(new Set(states.slice(0, settled))).toEqual(new Set(['loading']));
  for (const report of reports.slice(settled)) {
    expect(report.snapshot).toMatchObject({ state: 'thread', participant: { name: person } });
  }
  return reports[settled];
}

/** The first report of a thread after a switch the test made, once one arrived. */
export async function settledThread(reports: () => Promise<Report[]>): Promise<Report | undefined> {
  const settled = async () => (await reports()).find((report) => report.snapshot.state === 'thread');
  await expect.poll(settled).toBeDefined();
  return settled();
}

/**
 * One scenario on every platform: a thread shown without a composer is a health report, not an error, and
 * an insert for it is refused as "composer-missing". `seen` adds what the platform's report must also say.
 */
export async function expectComposerMissing(
  { pageStates, insertViaBackground }: Pick<Fixtures, 'pageStates' | 'insertViaBackground'>,
  page: Page,
  threadId: string,
  seen: Record<string, unknown> = {},
): Promise<void> {
  await expect
    .poll(async () => (await pageStates(page)).get(0))
    .toMatchObject({
      ...seen,
      state: 'thread',
      threadId,
      composerKind: null,
      health: { participant: 'found', messages: 'found', composer: 'missing' },
    });
  expect(await insertViaBackground(page, TEMPLATE_TEXT, threadId)).toMatchObject({
    ok: false,
    reason: 'composer-missing',
  });
}

/** What a test reads from a platform's composer: its text by the page's own model, and how many messages were sent. */
export interface ComposerProbe {
  text: () => Promise<string | null>;
  sentCount: () => Promise<number>;
}

/**
 * Registers the caret scenario (expectInsertAtCaret) for a platform: `open` opens its thread and waits
 * until it is read; the page must log no error.
 */
export function insertAtCaretTest(
  title: string,
  threadId: string,
  open: (context: BrowserContext, pageStates: Fixtures['pageStates']) => Promise<{ page: Page; errors: string[] }>,
  composerOf: (page: Page) => { editor: Locator; probe: ComposerProbe },
): void {
  test(title, async ({ context, pageStates, insertViaBackground }) => {
    const { page, errors } = await open(context, pageStates);
    const { editor, probe } = composerOf(page);
    await expectInsertAtCaret({ insertViaBackground }, page, threadId, editor, probe);
    expect(errors).toEqual([]);
  });
}

/**
 * One scenario on every platform: the person types "Hello world", puts the caret before "world" and picks a
 * template in the panel (focus leaves the page); the template lands at the caret and nothing is sent.
 */
async function expectInsertAtCaret(
  { insertViaBackground }: Pick<Fixtures, 'insertViaBackground'>,
  page: Page,
  threadId: string,
  editor: Locator,
  composer: ComposerProbe,
): Promise<void> {
  await editor.click();
  await page.keyboard.type('Hello world');
  for (let i = 0; i < 'world'.length; i++) await page.keyboard.press('ArrowLeft');
  await panelHeading(page).click();

  expect(await insertViaBackground(page, TEMPLATE_TEXT, threadId)).toEqual({ ok: true });
  expect(await composer.text()).toBe(`Hello ${TEMPLATE_TEXT}world`);
  expect(await composer.sentCount()).toBe(0);
}

/**
 * One scenario on the platforms whose composer keeps its text in the page's own model (LinkedIn, X Chat): the
 * template is inserted once and nothing is sent; then the page's own Send button sends exactly what was
 * inserted and empties the composer. `sendReady` checks the button became usable, as that platform shows it;
 * `beforeSend` checks what else the platform must show before it is pressed.
 */
export async function expectInsertedIntoPageModel(
  { insertViaBackground }: Pick<Fixtures, 'insertViaBackground'>,
  page: Page,
  threadId: string,
  composer: ComposerProbe,
  send: { button: Locator; sendReady: (button: Locator) => Promise<void>; beforeSend?: () => Promise<void> },
): Promise<void> {
  expect(await insertViaBackground(page, TEMPLATE_TEXT, threadId)).toEqual({ ok: true });
  expect(await composer.text()).toBe(TEMPLATE_TEXT);
  await send.sendReady(send.button);
  expect(await composer.sentCount()).toBe(0);
  await send.beforeSend?.();

  await send.button.click();
  expect(await composer.sentCount()).toBe(1);
  expect(await composer.text()).toBe('');
}

/**
 * One scenario on every platform: the page switches to `person`'s thread without a reload (`switchTo` returns
 * the page's Date.now() at the switch). The top frame reports it as that thread, after only "loading" reports
 * for it; the switch's latency is printed under `label`.
 */
export async function expectSwitchWithoutReload(
  { pageStates, serviceWorker }: Pick<Fixtures, 'pageStates' | 'serviceWorker'>,
  page: Page,
  to: { threadId: string; person: string; label: string },
  switchTo: () => Promise<number>,
): Promise<void> {
  const reports = await recordReports(serviceWorker);
  const switchedAt = await switchTo();
  await expect
    .poll(async () => (await pageStates(page)).get(0))
    .toMatchObject({ state: 'thread', threadId: to.threadId });
  const afterSwitch = (await reports()).filter((report) => report.snapshot.threadId === to.threadId);
  printLatency(to.label, switchedAt, firstThreadAfterSwitch(afterSwitch, to.person));
}

/**
 * Registers, for a platform, the scenario of a composer removed from an open thread: expectComposerMissing,
 * with `seen` what that platform's report must also say, and no error logged by the page.
 */
export function composerRemovedTest(
  threadId: string,
  open: (context: BrowserContext, pageStates: Fixtures['pageStates']) => Promise<{ page: Page; errors: string[] }>,
  removeComposer: (page: Page) => Promise<unknown>,
  seen: Record<string, unknown> = {},
): void {
  test('a missing composer is a health report, not an error; inserting says so', async ({
    context,
    pageStates,
    insertViaBackground,
  }) => {
    const { page, errors } = await open(context, pageStates);
    await removeComposer(page);
    await expectComposerMissing({ pageStates, insertViaBackground }, page, threadId, seen);
    expect(errors).toEqual([]);
  });
}
