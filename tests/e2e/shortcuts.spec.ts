import type { BrowserContext, Page } from '@playwright/test';
import { PANEL_TITLE } from '../../utils/content/panel-frame';
import { rpc } from '../harness/extension.ts';
import { FACEBOOK, type FixtureInbox, INSTAGRAM, LINKEDIN, serveInbox, X } from '../harness/inboxes.ts';
import '../fixtures/linkedin/page-api.ts';
import '../fixtures/x/page-api.ts';
import { expect, test } from './fixtures';

// Issue #17, "Done when": shortcuts typed in the native composer, on every composer kind the fixtures run
// (the real Lexical, React textarea and Draft.js engines; LinkedIn's contenteditable), typed with
// Playwright's keyboard as a person types, read back from each editor's OWN state.

const CARLA_INMAIL = '2-YzNkNGU1ZjYtYTdiOC00YzlkLTBlMWYtMmEzYjRjNWQ2ZTdmXzAxMA==';
type Sent = (page: Page) => Promise<number>;
/**
 * `prepare`: what a person does on the loaded page before the composer is there (a single-page switch to
 * another conversation, a profile's Connect → Add a note). `enterSends: false`: Enter is a new line there and
 * only the Send button sends (LinkedIn's invitation note).
 */
type Kind = { inbox: FixtureInbox; sent: Sent; prepare?: (page: Page) => Promise<void>; enterSends?: false };

const outbound: Sent = (page) =>
  page.evaluate(() => (window as unknown as { __fixture: { outboundCount(): number } }).__fixture.outboundCount());
const sentCount: Sent = (page) =>
  page.evaluate(() => window.xFixture?.sentCount() ?? window.linkedinFixture?.sentCount() ?? -1);

const X_LEGACY: FixtureInbox = {
  ...X,
  label: 'X',
  routes: [[`https://x.com/messages/${X.threadId}`, 'x/legacy-thread.html']],
  threadUrl: `https://x.com/messages/${X.threadId}`,
  composer: (page) => page.getByTestId('dmComposerTextInput'),
};
const LINKEDIN_INMAIL: FixtureInbox = {
  ...LINKEDIN,
  threadId: CARLA_INMAIL,
  contact: 'Carla Mendes',
  composerText: (page) => page.evaluate((id) => window.linkedinFixture?.composerText(id) ?? null, CARLA_INMAIL),
  composer: (page) => page.locator('.msg-thread .msg-form__contenteditable'),
};

const LINKEDIN_NOTE: FixtureInbox = {
  ...LINKEDIN,
  routes: [['https://www.linkedin.com/in/**', 'linkedin/profile-invite.html']],
  threadUrl: 'https://www.linkedin.com/in/anna-berger-4711/',
  threadId: 'invitation:anna-berger-4711',
  composerText: (page) => page.evaluate(() => window.linkedinFixture?.noteText() ?? null),
  composer: (page) => page.locator('#custom-message'),
  send: (page) => page.getByRole('button', { name: 'Send invitation', exact: true }),
};
const panelOf = (page: Page) => page.frameLocator(`iframe[title="${PANEL_TITLE}"]`);

/** In LinkedIn's app, a click in the list switches to that conversation (no page load). */
const switchTo = (threadId: string) => async (page: Page) => {
  await expect(panelOf(page).getByRole('heading', { level: 1 })).toHaveText(LINKEDIN.contact);
  await page.evaluate((id) => window.linkedinFixture?.switchTo(id), threadId);
};
const addInvitationNote = async (page: Page) => {
  await page.getByRole('link', { name: 'Invite Anna Berger to connect', exact: true }).click();
  await page.getByRole('button', { name: 'Add a note', exact: true }).click();
};

const KINDS: readonly (Kind & { name: string })[] = [
  { name: 'Instagram (Lexical)', inbox: INSTAGRAM, sent: outbound },
  { name: 'Messenger (Lexical)', inbox: FACEBOOK, sent: outbound },
  { name: 'X Chat (React textarea)', inbox: X, sent: sentCount },
  { name: 'legacy X (Draft.js)', inbox: X_LEGACY, sent: sentCount },
  { name: 'LinkedIn message', inbox: LINKEDIN, sent: sentCount },
  { name: 'LinkedIn InMail', inbox: LINKEDIN_INMAIL, sent: sentCount, prepare: switchTo(CARLA_INMAIL) },
  {
    name: 'LinkedIn connection note (textarea)',
    inbox: LINKEDIN_NOTE,
    sent: sentCount,
    prepare: addInvitationNote,
    enterSends: false,
  },
];

const THANKS_BODY = 'Hi {{firstName}},\n\nthanks for your message 🙂 — Grüße aus Köln!\n\nBest, Tom';
const ORDER_BODY = 'Your order {{field:order}} ships today.';

/** Templates go in through the background, as the panel saves them. */
async function seedTemplates(context: BrowserContext, extensionId: string) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await rpc(page, 'templates.create', { title: 'Thanks', body: THANKS_BODY, shortcut: 'thanks' });
  await rpc(page, 'templates.create', { title: 'Order status', body: ORDER_BODY, shortcut: 'order' });
  await page.close();
}

async function openComposer(
  context: BrowserContext,
  extensionId: string,
  inbox: FixtureInbox,
  prepare?: (page: Page) => Promise<void>,
) {
  await seedTemplates(context, extensionId);
  await serveInbox(context, inbox);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Why an expansion did not happen is only said in the content script's console: shown in the run's output.
  page.on('console', (message) => {
    if (message.text().startsWith('DM Sidekick')) console.log(`[${inbox.label} page] ${message.text()}`);
  });
  await page.goto(inbox.threadUrl);
  await prepare?.(page);
  await expect(panelOf(page).getByRole('heading', { level: 1 })).toHaveText(inbox.contact);
  await inbox.composer(page).click();
  return { page, errors };
}

const filledFor = (firstName: string) => THANKS_BODY.replace('{{firstName}}', firstName);

async function clear(page: Page, inbox: FixtureInbox) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await expect.poll(() => inbox.composerText(page)).toBe('');
}

for (const { name, inbox, sent, prepare, enterSends } of KINDS) {
  test.describe(name, () => {
    test('a shortcut expands exactly in the editor’s own state; Enter never sends it; Ctrl+Z brings it back', async ({
      context,
      extensionId,
    }) => {
      const { page, errors } = await openComposer(context, extensionId, inbox, prepare);
      const filled = filledFor(inbox.contact.split(' ')[0] as string);
      const sentAtStart = await sent(page);

      await page.keyboard.type(';thanks ', { delay: 0 });
      await expect.poll(() => inbox.composerText(page)).toBe(filled);
      expect(await sent(page)).toBe(sentAtStart);

      // Right after the expansion, undo restores what was typed.
      await page.keyboard.press('ControlOrMeta+Z');
      await expect.poll(() => inbox.composerText(page)).toBe(';thanks');
      await clear(page, inbox);

      // Enter right after the shortcut (within the same few ms) expands instead of sending.
      await page.keyboard.type(';thanks', { delay: 0 });
      await page.keyboard.press('Enter');
      await expect.poll(() => inbox.composerText(page)).toBe(filled);
      expect(await sent(page)).toBe(sentAtStart);

      // Shift+Enter is still a new line.
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.type('PS', { delay: 0 });
      await expect.poll(() => inbox.composerText(page)).toBe(`${filled}\nPS`);
      expect(await sent(page)).toBe(sentAtStart);
      await clear(page, inbox);

      // Unknown shortcuts and shortcuts inside a word stay as typed.
      await page.keyboard.type(';unknown ', { delay: 0 });
      await page.keyboard.type('e-mail;thanks ', { delay: 0 });
      // (contenteditables keep typed spaces as no-break spaces, as LinkedIn's own editor does)
      await expect
        .poll(async () => (await inbox.composerText(page))?.replace(/\u00a0/g, ' '))
        .toBe(';unknown e-mail;thanks ');
      expect(await sent(page)).toBe(sentAtStart);
      await clear(page, inbox);

      // No shortcut pending: Enter sends, once — or, where Enter is a new line, it stays one and Send sends.
      await page.keyboard.type('See you ;tomorrow', { delay: 0 });
      await page.keyboard.press('Enter');
      if (enterSends === false) {
        await expect.poll(() => inbox.composerText(page)).toBe('See you ;tomorrow\n');
        expect(await sent(page)).toBe(sentAtStart);
        await inbox.send(page).click();
      }
      await expect.poll(() => sent(page)).toBe(sentAtStart + 1);
      // Sent: the composer is empty again (the invitation dialog closes: nothing is left to read).
      await expect.poll(() => inbox.composerText(page)).toBe(enterSends === false ? null : '');
      expect(errors).toEqual([]);
    });

    test('a template that needs {{field:order}} opens the panel’s form; Enter meanwhile sends nothing', async ({
      context,
      extensionId,
    }) => {
      const { page, errors } = await openComposer(context, extensionId, inbox, prepare);
      const sentAtStart = await sent(page);
      await page.keyboard.type(';order', { delay: 0 });
      await page.keyboard.press('Enter');

      const form = panelOf(page).getByRole('form', { name: 'Fill in before inserting' });
      await expect(form).toBeVisible();
      // Back in the composer, Enter still sends nothing: the shortcut is pending, never the raw text.
      await inbox.composer(page).click();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      expect(await sent(page)).toBe(sentAtStart);
      expect(await inbox.composerText(page)).toBe(';order');

      await form.getByRole('textbox', { name: 'order' }).fill('#4711');
      await form.getByRole('button', { name: 'Insert' }).click();
      await expect.poll(() => inbox.composerText(page)).toBe('Your order #4711 ships today.');
      expect(await sent(page)).toBe(sentAtStart);
      expect(errors).toEqual([]);
    });
  });
}

test('an editor that drops the first insertion (a busy page mid-render) still gets the expansion, exactly once', async ({
  context,
  extensionId,
}) => {
  // What a loaded CI machine once did to Draft.js: the paste reached the page and the editor never took it.
  await context.addInitScript(() => {
    let dropped = false;
    window.addEventListener(
      'paste',
      (event) => {
        if (event.isTrusted || dropped) return;
        dropped = true;
        event.stopImmediatePropagation();
      },
      true,
    );
  });
  const { page, errors } = await openComposer(context, extensionId, X_LEGACY);
  const sentAtStart = await sentCount(page);
  await page.keyboard.type(';thanks', { delay: 0 });
  await page.keyboard.press('Enter');
  await expect.poll(() => X_LEGACY.composerText(page)).toBe(filledFor('Anna'));
  expect(await sentCount(page)).toBe(sentAtStart);
  expect(errors).toEqual([]);
});

test('an editor that takes none of the expansion keeps the typed shortcut; the panel says why, in the person’s words', async ({
  context,
  extensionId,
}) => {
  // Every paste dropped, as a page stuck mid-render would: the expansion cannot land, and nothing else may.
  await context.addInitScript(() => {
    window.addEventListener(
      'paste',
      (event) => {
        if (!event.isTrusted) event.stopImmediatePropagation();
      },
      true,
    );
  });
  const { page, errors } = await openComposer(context, extensionId, X_LEGACY);
  const sentAtStart = await sentCount(page);
  await page.keyboard.type(';thanks', { delay: 0 });
  await page.keyboard.press('Enter');
  await expect(panelOf(page).getByRole('alert')).toContainText(
    '“;thanks” was not replaced by its template. The message box did not take the text exactly',
  );
  expect(await X_LEGACY.composerText(page)).toBe(';thanks');
  expect(await sentCount(page)).toBe(sentAtStart);
  expect(errors).toEqual([]);
});

test('the host page finds no template body in its DOM, storage or events before an expansion', async ({
  context,
  extensionId,
}) => {
  const SECRET = 'thanks for your message';
  await context.addInitScript(() => {
    // The page's own world: everything its scripts could observe.
    const seen: string[] = [];
    const record = (event: Event) => {
      const e = event as Event & {
        data?: unknown;
        dataTransfer?: DataTransfer | null;
        clipboardData?: DataTransfer | null;
      };
      const transfer = e.dataTransfer ?? e.clipboardData;
      seen.push(
        `${event.type}:${typeof e.data === 'string' ? e.data : JSON.stringify(e.data ?? null)}:${transfer?.getData('text/plain') ?? ''}`,
      );
    };
    for (const type of ['beforeinput', 'input', 'paste', 'message', 'keydown', 'keyup', 'change', 'textInput']) {
      window.addEventListener(type, record, true);
    }
    const deepHtml = (root: Document | ShadowRoot): string =>
      [...root.querySelectorAll('*')].reduce(
        (html, element) => html + (element.shadowRoot ? deepHtml(element.shadowRoot) : ''),
        root instanceof Document ? root.documentElement.outerHTML : root.innerHTML,
      );
    Object.assign(window, {
      __observed: () =>
        [deepHtml(document), JSON.stringify(localStorage), JSON.stringify(sessionStorage), ...seen].join('\n'),
    });
  });
  const { page } = await openComposer(context, extensionId, INSTAGRAM);
  const observed = () => page.evaluate(() => (window as unknown as { __observed(): string }).__observed());

  await page.keyboard.type('Hello ;tha', { delay: 0 });
  await page.keyboard.type('nks', { delay: 0 });
  await expect.poll(() => INSTAGRAM.composerText(page)).toBe('Hello ;thanks');
  expect(await observed()).not.toContain(SECRET);

  // The same observer sees the body once it is expanded into the composer: the check above can fail.
  await page.keyboard.press('Space');
  await expect.poll(() => INSTAGRAM.composerText(page)).toContain(SECRET);
  expect(await observed()).toContain(SECRET);
});

/** The suggestion list as assistive technology sees it (its closed shadow root is out of reach of page scripts). */
async function suggestions(page: Page): Promise<string[] | null> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { role?: { value: string }; name?: { value: string }; ignored?: boolean }[];
  };
  await cdp.detach();
  const listbox = nodes.some((node) => node.role?.value === 'listbox' && node.name?.value === 'Matching shortcuts');
  if (!listbox) return null;
  return nodes.filter((node) => node.role?.value === 'option').map((node) => node.name?.value ?? '');
}

test('suggestions while typing: ↑ ↓ choose, Enter picks, Escape leaves the text as typed; the page cannot read them', async ({
  context,
  extensionId,
}) => {
  const { page } = await openComposer(context, extensionId, INSTAGRAM);
  await page.keyboard.type(';', { delay: 0 });
  await expect.poll(() => suggestions(page)).toEqual([';order · Order status', ';thanks · Thanks']);
  expect(await page.evaluate(() => document.documentElement.lastElementChild?.shadowRoot ?? 'closed')).toBe('closed');

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(() => INSTAGRAM.composerText(page)).toBe(filledFor('Anna'));
  await expect.poll(() => suggestions(page)).toBeNull();
  await clear(page, INSTAGRAM);

  await page.keyboard.type(';th', { delay: 0 });
  await expect.poll(() => suggestions(page)).toEqual([';thanks · Thanks']);
  await page.keyboard.press('Escape');
  await expect.poll(() => suggestions(page)).toBeNull();
  await page.keyboard.type('e', { delay: 0 });
  expect(await suggestions(page)).toBeNull();
  expect(await INSTAGRAM.composerText(page)).toBe(';the');
});

test('Settings: another trigger, off per platform and entirely', async ({ context, extensionId }) => {
  const { page } = await openComposer(context, extensionId, INSTAGRAM);
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await dashboard.getByRole('button', { name: 'Settings', exact: true }).click();
  await dashboard.getByRole('combobox', { name: 'Shortcuts start with' }).selectOption('::');
  await expect(dashboard.getByRole('status')).toHaveText('Shortcut settings saved.');

  await page.bringToFront();
  await INSTAGRAM.composer(page).click();
  await page.keyboard.type(';thanks ::thanks ', { delay: 0 });
  await expect.poll(() => INSTAGRAM.composerText(page)).toBe(`;thanks ${filledFor('Anna')}`);
  await clear(page, INSTAGRAM);

  await dashboard.getByRole('checkbox', { name: 'On Instagram' }).uncheck();
  await page.bringToFront();
  await INSTAGRAM.composer(page).click();
  await page.keyboard.type('::thanks', { delay: 0 });
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('::thanks ', { delay: 0 });
  await expect.poll(() => INSTAGRAM.composerText(page)).toBe('::thanks\n::thanks ');
});

test('in LinkedIn’s /preload/ interop frame, a template that needs values opens the collapsed panel and moves focus into its form; the filled text lands there', async ({
  context,
  extensionId,
}) => {
  await seedTemplates(context, extensionId);
  const feed = 'https://www.linkedin.com/feed/';
  await serveInbox(context, {
    ...LINKEDIN,
    routes: [
      [feed, 'linkedin/feed-interop-iframe.html'],
      ['https://www.linkedin.com/preload/**', 'linkedin/preload.html'],
    ],
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(feed);
  await expect(panelOf(page).getByRole('heading', { level: 1 })).toHaveText(LINKEDIN.contact);
  const frame = page.frames().find((candidate) => candidate.url().includes('/preload/'));
  if (!frame) throw new Error('the interop iframe did not load');
  const composerText = () =>
    frame.evaluate((id) => window.linkedinFixture?.composerText(id) ?? null, LINKEDIN.threadId);

  // Collapsed: the form can take focus only once the panel is open again.
  await panelOf(page).getByRole('button', { name: 'Collapse DM Sidekick', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Open DM Sidekick', exact: true })).toBeVisible();

  await frame.locator('.msg-form__contenteditable').click();
  await page.keyboard.type(';order', { delay: 0 });
  await page.keyboard.press('Enter');
  const form = panelOf(page).getByRole('form', { name: 'Fill in before inserting' });
  await expect(form).toBeVisible();
  // The keyboard now types into the form's first field, not into the composer in the sub-frame.
  await expect(form.getByRole('textbox', { name: 'order' })).toBeFocused();
  await page.keyboard.type('#4711', { delay: 0 });
  await expect(form.getByRole('textbox', { name: 'order' })).toHaveValue('#4711');
  expect(await composerText()).toBe(';order');
  await page.keyboard.press('Enter');
  await expect.poll(composerText).toBe('Your order #4711 ships today.');
  // Focus is back in the composer: typing goes on there.
  await page.keyboard.type(' Thanks!', { delay: 0 });
  await expect.poll(composerText).toBe('Your order #4711 ships today. Thanks!');
  expect(await frame.evaluate(() => window.linkedinFixture?.sentCount() ?? -1)).toBe(0);
  expect(errors).toEqual([]);
});
