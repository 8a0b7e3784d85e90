// The four platforms' fixture inboxes as the panel tests and the demo open them: which fixture page is
// served at which real URL, the conversation it shows, and how to read the composer's OWN state through
// each fixture's page API (not the DOM). Type-only imports from the fixtures: this runs under plain Node too.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { Platform } from '../../utils/platforms/sites';
import type { FacebookFixtureWindow } from '../fixtures/facebook/fixture-api.ts';
import type { InstagramFixtureWindow } from '../fixtures/instagram/fixture-api.ts';
import type { LinkedinFixturePage } from '../fixtures/linkedin/page-api.ts';
import type { XFixturePage } from '../fixtures/x/page-api.ts';
import { serveFixture } from './serve.ts';

export interface FixtureInbox {
  platform: Platform;
  /** As the panel's header says it: "DM Sidekick · <label>". */
  label: string;
  /** [URL glob, fixture file under tests/fixtures/]: everything the conversation's page needs. */
  routes: readonly (readonly [string, string])[];
  /** The conversation the fixture shows. */
  threadUrl: string;
  threadId: string;
  /** The participant's name as the panel's heading shows it. */
  contact: string;
  /** The composer's text from the editor's own state, read through the fixture's page API. */
  composerText: (page: Page) => Promise<string | null>;
  /** The page's message box and its Send button. */
  composer: (page: Page) => Locator;
  send: (page: Page) => Locator;
}

const INSTAGRAM_THREAD = '340282366841710300949128';
const FACEBOOK_THREAD = '7720394857261';
const X_THREAD = '44196397-783214';
/** LinkedIn thread ids are base64 (with = padding), URL-encoded in the path. */
export const LINKEDIN_THREADS = {
  anna: '2-YTFiMmMzZDQtZTVmNi00YTdiLThjOWQtMGUxZjJhM2I0YzVkXzAxMA==',
  ben: '2-YjJjM2Q0ZTUtZjZhNy00YjhjLTlkMGUtMWYyYTNiNGM1ZDZlXzAxMA==',
} as const;

export const INSTAGRAM: FixtureInbox = {
  platform: 'instagram',
  label: 'Instagram',
  routes: [
    ['https://www.instagram.com/direct/t/**', 'instagram/thread.html'],
    ['https://www.instagram.com/direct/inbox/', 'instagram/inbox.html'],
  ],
  threadUrl: `https://www.instagram.com/direct/t/${INSTAGRAM_THREAD}/`,
  threadId: INSTAGRAM_THREAD,
  contact: 'Anna Berger',
  // Lexical's getTextContent() of its editor state.
  composerText: (page) => page.evaluate(() => (window as unknown as InstagramFixtureWindow).__fixture.composerText()),
  composer: (page) => page.locator('main [role=textbox][aria-label="Message"]'),
  send: (page) => page.locator('main').getByRole('button', { name: 'Send', exact: true }),
};

export const FACEBOOK: FixtureInbox = {
  platform: 'facebook',
  label: 'Messenger',
  routes: [
    ['https://www.facebook.com/messages/t/**', 'facebook/thread.html'],
    ['https://www.facebook.com/messages/', 'facebook/inbox.html'],
  ],
  threadUrl: `https://www.facebook.com/messages/t/${FACEBOOK_THREAD}/`,
  threadId: FACEBOOK_THREAD,
  contact: 'Anna Berger',
  // Lexical's getTextContent() of its editor state.
  composerText: (page) => page.evaluate(() => (window as unknown as FacebookFixtureWindow).__fixture.composerText()),
  composer: (page) => page.locator('[role=main] [role=textbox]'),
  send: (page) => page.locator('[role=main]').getByRole('button', { name: 'Press enter to send' }),
};

type XWindow = Window & { xFixture?: XFixturePage };

export const X: FixtureInbox = {
  platform: 'x',
  label: 'X',
  routes: [
    [`https://x.com/i/chat/${X_THREAD}`, 'x/chat-thread.html'],
    ['https://x.com/i/chat', 'x/chat-inbox.html'],
  ],
  threadUrl: `https://x.com/i/chat/${X_THREAD}`,
  threadId: X_THREAD,
  contact: 'Anna Berger',
  // X Chat's composer is a React controlled textarea (inside an open shadow root): React's state.
  composerText: (page) => page.evaluate(() => (window as XWindow).xFixture?.composerText() ?? null),
  composer: (page) => page.getByTestId('dm-composer-textarea'),
  // Shown instead of the voice button while the composer holds text.
  send: (page) => page.getByTestId('dm-composer-send-button'),
};

type LinkedinWindow = Window & { linkedinFixture?: LinkedinFixturePage };

export const LINKEDIN: FixtureInbox = {
  platform: 'linkedin',
  label: 'LinkedIn',
  routes: [['https://www.linkedin.com/messaging/**', 'linkedin/messaging.html']],
  threadUrl: `https://www.linkedin.com/messaging/thread/${encodeURIComponent(LINKEDIN_THREADS.anna)}/`,
  threadId: LINKEDIN_THREADS.anna,
  contact: 'Anna Berger',
  // The page's own model of the composer, kept from the editor's input events.
  composerText: (page) =>
    page.evaluate((id) => (window as LinkedinWindow).linkedinFixture?.composerText(id) ?? null, LINKEDIN_THREADS.anna),
  composer: (page) => page.locator('.msg-thread .msg-form__contenteditable'),
  send: (page) => page.locator('.msg-thread').getByRole('button', { name: 'Send', exact: true }),
};

/** Switches the LinkedIn fixture page to another of its threads inside the app, as a click in its list does. */
export const switchLinkedinThread = (page: Page, threadId: string) =>
  page.evaluate((id) => (window as LinkedinWindow).linkedinFixture?.switchTo(id), threadId);

export const FIXTURE_INBOXES: readonly FixtureInbox[] = [INSTAGRAM, FACEBOOK, X, LINKEDIN];

/** Serves every page `inbox` needs at its real URLs; `edit` may rewrite a fixture file's HTML (see serveFixture). */
export async function serveInbox(
  context: BrowserContext,
  inbox: FixtureInbox,
  edit?: (file: string, html: string) => string,
): Promise<void> {
  for (const [url, file] of inbox.routes) {
    await serveFixture(context, url, file, edit && ((html) => edit(file, html)));
  }
}

/**
 * Every fixture page opened from `target` from now on labels its conversations' last customer message as
 * sent at `at` (epoch ms), the way its site prints times (the fixture apps' `lastInboundAt` option,
 * tests/fixtures/site-time.ts). Tracking takes that label as the message's time: the test says how long
 * the customer has waited by the page's own clock. Call it before navigating.
 */
export async function labelLastInboundAt(target: Page | BrowserContext, at: number): Promise<void> {
  await target.addInitScript((lastInboundAt) => {
    const scope = window as Window & { __fixtureOptions?: object };
    scope.__fixtureOptions = { ...scope.__fixtureOptions, lastInboundAt };
  }, at);
}
