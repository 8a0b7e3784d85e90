// The demo behind `npm start`: the four platforms' fixture inboxes served at their real URLs, each with the
// side panel next to it, and a database seeded the way a person would fill it (settings, the sample
// template packs in English and German, tags, notes, custom fields) — all through the extension's real RPC
// from one of its own pages. Waiting times are real too: each inbox is first seen by the background with
// its clock set back (see shiftBackgroundClock), so the timers show every SLA state at once, and each page's
// own times (its conversation list, the last messages' times) are rewritten to tell the same wait.
// Runs under plain Node (type stripping) from tests/harness/start.ts and inside the e2e tests.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BrowserContext, FrameLocator, Page, Worker } from '@playwright/test';
import type { SlaState } from '../../utils/sla/clock';
import type { LinkedinFixturePage } from '../fixtures/linkedin/page-api.ts';
import { liveOnce, rpc, withBackgroundClockShifted } from './extension.ts';
import { FACEBOOK, type FixtureInbox, INSTAGRAM, LINKEDIN, LINKEDIN_THREADS, serveInbox, X } from './inboxes.ts';

/** PANEL_TITLE of utils/content/panel-frame.ts (not imported: that module needs the extension runtime). */
export const PANEL_FRAME = 'iframe[title="DM Sidekick"]';
const PACKS_DIR = resolve(import.meta.dirname, '../../public/packs');
const MINUTE = 60_000;

/** A text of a fixture page and what the demo serves instead. */
export type PageEdit = readonly [from: string, to: string];

export interface DemoInbox {
  inbox: FixtureInbox;
  /** The language the person writes in: the screenshot shows templates in that language only. */
  language: 'en' | 'de';
  /**
   * Edits of the fixture `file` as the demo serves it, from when the customer's wait began (`waitStart`):
   * the list's "3h" and the messages' times agree with the panel's timer; the German conversation is German.
   */
  page: { file: string; edits: (waitStart: number, now: number) => PageEdit[] };
  /** The conversation shown once the demo has opened it (the inbox's own unless `afterOpen` moves on). */
  contact: string;
  threadId: string;
  /** Runs once the inbox's conversation is open, still on the shifted clock (e.g. an in-app switch). */
  afterOpen?: (page: Page) => Promise<unknown>;
  /** How long the customer has been waiting when the demo opens (the background first saw the thread then). */
  waitingMs: number;
  /** What the panel's timer then says under its policy (Customer service 2 h / 4 h unless a tag sets one). */
  slaState: SlaState;
  tags: string[];
  notes: string[];
  customFields?: Record<string, string>;
  /** One person behind several platforms' contacts: the panel lists the other identities. */
  samePersonAs?: 'instagram';
  /** Typed into the panel's template search for the screenshot: a few templates, and tags and notes in view. */
  screenshotSearch: string;
}

export const DEMO_SETTINGS = { myName: 'Tom', signature: 'Tom · Sidekick Store, Cologne' } as const;

/** Tags with an SLA policy of their own (ids of the default policies in utils/db/schema.ts). */
export const DEMO_TAG_POLICIES: Readonly<Record<string, string>> = { Lead: 'sales' };

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "6:31 PM" (the fixture pages are en-US; Intl puts a narrow no-break space before PM). */
const clock12 = (time: number) =>
  new Date(time).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' }).replace(/\s/g, ' ');
/** "14:05", as Messenger's fixture writes times. */
const clock24 = (time: number) =>
  new Date(time).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
/** "Today", "Yesterday" or the weekday, as the pages head a day's messages. */
function dayLabel(time: number, now: number): string {
  const midnight = (t: number) => new Date(t).setHours(0, 0, 0, 0);
  const days = Math.round((midnight(now) - midnight(time)) / DAY);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return new Date(time).toLocaleDateString('en-US', { weekday: 'long' });
}
/** A conversation list's age of the last message: "25m", "3h", "2d". */
export function ageLabel(ms: number): string {
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h`;
  return `${Math.floor(ms / DAY)}d`;
}

/** Anna's Messenger conversation in German (bubble and the row's accessible text carry the same words). */
const MESSENGER_IN_GERMAN: PageEdit[] = [
  ['Hi Tom! Is the workshop on Saturday still on?', 'Hallo Tom! Findet der Workshop am Samstag statt?'],
  ['Yes! It starts at 10.', 'Ja, um 10 Uhr geht es los.'],
  ['Great. Can I bring a friend?', 'Super. Darf ich eine Freundin mitbringen?'],
  ['Of course, the more the merrier.', 'Klar, je mehr, desto besser.'],
  ['Thanks, see you there!', 'Danke, bis dann!'],
];

/** Applies `edits` in order; each text must occur (a changed fixture fails loudly, not with a stale page). */
export function editPage(html: string, edits: readonly PageEdit[], file: string): string {
  return edits.reduce((page, [from, to]) => {
    if (!page.includes(from)) throw new Error(`The demo's edit of ${file} expects "${from}"`);
    return page.replaceAll(from, to);
  }, html);
}

/** Own templates next to the packs: variables with fallbacks, and a custom field the Instagram contact has. */
export const DEMO_TEMPLATES = [
  {
    title: 'Thanks for your message',
    body: 'Hi {{firstName|there}},\n\nthanks for your message 🙂 We will get back to you today.\n\n{{signature|Best, Tom}}',
    shortcut: 'thx',
    folder: 'Demo',
    tags: ['service'],
  },
  {
    title: 'Order is on its way',
    body: 'Hi {{firstName}}, good news: your order {{field:orderNumber}} left our warehouse today and should arrive in 2–3 days.\n\n{{myName}}',
    shortcut: 'shipped',
    folder: 'Demo',
    tags: ['service', 'shipping'],
  },
] as const;

export const DEMO_INBOXES: readonly DemoInbox[] = [
  {
    inbox: INSTAGRAM,
    language: 'en',
    page: {
      file: 'instagram/thread.html',
      edits: (waitStart, now) => [
        ['Anna Berger · Perfect, thanks! · 2m', `Anna Berger · Perfect, thanks! · ${ageLabel(now - waitStart)}`],
        ['<span>12:56 PM</span>', `<span>${clock12(waitStart - 4 * MINUTE)}</span>`],
      ],
    },
    contact: INSTAGRAM.contact,
    threadId: INSTAGRAM.threadId,
    waitingMs: 3 * HOUR,
    slaState: 'overdue-target',
    tags: ['VIP', 'Shipping'],
    notes: ['Bought the blue jacket in M; asked whether we ship to Cologne.', 'Prefers short answers, in German.'],
    customFields: { orderNumber: 'IG-20417' },
    screenshotSearch: 'shipped',
  },
  {
    inbox: FACEBOOK,
    language: 'de',
    page: {
      file: 'facebook/thread.html',
      edits: (waitStart, now) => [
        ...MESSENGER_IN_GERMAN,
        ['Danke, bis dann! · 2m', `Danke, bis dann! · ${ageLabel(now - waitStart)}`],
        ['<span>Today 14:02</span>', `<span>${dayLabel(waitStart, now)} ${clock24(waitStart - 3 * MINUTE)}</span>`],
        ['Message sent 14:02', `Message sent ${clock24(waitStart - 3 * MINUTE)}`],
        ['Message sent 14:03', `Message sent ${clock24(waitStart - 2 * MINUTE)}`],
        ['Message sent 14:05', `Message sent ${clock24(waitStart)}`],
      ],
    },
    contact: FACEBOOK.contact,
    threadId: FACEBOOK.threadId,
    waitingMs: 25 * MINUTE,
    slaState: 'within',
    tags: ['Workshop'],
    notes: ['Comes to the Saturday workshop at 10 and brings a friend.'],
    samePersonAs: 'instagram',
    screenshotSearch: 'dank nachricht',
  },
  {
    inbox: X,
    language: 'en',
    page: {
      file: 'x/chat-thread.html',
      edits: (waitStart, now) => [
        ['<div role="separator">Today</div>', `<div role="separator">${dayLabel(waitStart, now)}</div>`],
        ['class="time">6:14 PM<', `class="time">${clock12(waitStart - 17 * MINUTE)}<`],
        ['class="time">6:20 PM<', `class="time">${clock12(waitStart - 11 * MINUTE)}<`],
        ['class="time">6:31 PM<', `class="time">${clock12(waitStart)}<`],
      ],
    },
    contact: X.contact,
    threadId: X.threadId,
    waitingMs: 100 * MINUTE,
    slaState: 'due-soon',
    tags: ['VIP'],
    notes: ['Asked about the blue jacket here too: same person as on Instagram.'],
    samePersonAs: 'instagram',
    screenshotSearch: 'thx',
  },
  {
    inbox: LINKEDIN,
    language: 'en',
    page: {
      file: 'linkedin/messaging.html',
      edits: (waitStart, now) => [
        [
          '<time class="msg-s-message-list__time-heading">Yesterday</time>',
          `<time class="msg-s-message-list__time-heading">${dayLabel(waitStart, now)}</time>`,
        ],
        [
          '<time class="msg-s-message-group__timestamp">4:02 PM</time>',
          `<time class="msg-s-message-group__timestamp">${clock12(waitStart)}</time>`,
        ],
      ],
    },
    // The messaging page opens on Anna (answered); the demo switches to Ben, a lead (Sales: 24 h / 48 h)
    // waiting for two days.
    contact: 'Ben Okafor',
    threadId: LINKEDIN_THREADS.ben,
    afterOpen: (page) =>
      page.evaluate(
        (id) => (window as Window & { linkedinFixture?: LinkedinFixturePage }).linkedinFixture?.switchTo(id),
        LINKEDIN_THREADS.ben,
      ),
    waitingMs: 2 * DAY + 2 * HOUR,
    slaState: 'breached',
    tags: ['Lead', 'B2B'],
    notes: ['Founder of Okafor Logistics, 40 vans. Wants to move our call to Thursday.'],
    customFields: { company: 'Okafor Logistics' },
    screenshotSearch: 'meeting',
  },
];

export interface DemoSession {
  worker: Worker;
  extensionId: string;
  /** The extension's dashboard: the demo's control page for RPC calls, and the overview for the person. */
  dashboard: Page;
  inboxes: { demo: DemoInbox; page: Page }[];
}

export const panelOf = (page: Page): FrameLocator => page.frameLocator(PANEL_FRAME);

/** The panel's heading once it shows `contact` (the conversation is recorded then). */
export const panelHeading = (page: Page, contact: string) =>
  panelOf(page).getByRole('heading', { level: 1, name: contact, exact: true });

/**
 * Opens the demo in `context` (the extension loaded, network isolated, fixture scripts served): settings,
 * template packs, own templates, then each inbox with its waiting time, tags, notes and custom fields.
 */
export async function startDemo(context: BrowserContext, log: (line: string) => void = () => {}): Promise<DemoSession> {
  for (const { inbox, page, waitingMs } of DEMO_INBOXES) {
    await serveInbox(context, inbox, (file, html) => {
      if (file !== page.file) return html;
      const now = Date.now();
      return editPage(html, page.edits(now - waitingMs, now), file);
    });
  }
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const blank = context.pages().find((page) => page.url() === 'about:blank');
  const dashboard = blank ?? (await context.newPage());
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);

  await rpc(dashboard, 'settings.update', DEMO_SETTINGS);
  const index = JSON.parse(readFileSync(join(PACKS_DIR, 'index.json'), 'utf8')) as { packs: { file: string }[] };
  for (const { file } of index.packs) {
    const plan = await rpc(dashboard, 'packs.previewFile', {
      text: readFileSync(join(PACKS_DIR, file), 'utf8'),
      fileName: file,
    });
    const result = await rpc(dashboard, 'packs.apply', { plan, resolutions: {} });
    log(`  pack ${plan.pack.name} (${plan.pack.language}): ${result.added} templates`);
  }
  for (const template of DEMO_TEMPLATES) {
    const created = await rpc(dashboard, 'templates.create', { ...template, tags: [...template.tags] });
    // Used before: the panel lists the most used first.
    await rpc(dashboard, 'templates.markUsed', { id: created.id });
  }

  const tagIds = new Map<string, string>();
  const contacts = new Map<string, { id: string; customFields: Record<string, string> }>();
  const inboxes: DemoSession['inboxes'] = [];
  for (const demo of DEMO_INBOXES) {
    const { inbox } = demo;
    // The background first sees the customer's unanswered message `waitingMs` ago.
    const page = await withBackgroundClockShifted(worker, demo.waitingMs, async () => {
      const opened = await context.newPage();
      await opened.goto(inbox.threadUrl);
      await panelHeading(opened, inbox.contact).waitFor();
      if (demo.afterOpen) {
        await demo.afterOpen(opened);
        await panelHeading(opened, demo.contact).waitFor();
      }
      return opened;
    });
    const view = await liveOnce(dashboard, 'conversation.view', { platform: inbox.platform, threadId: demo.threadId });
    if (!view) throw new Error(`The ${inbox.label} conversation was not recorded`);

    const ids: string[] = [];
    for (const name of demo.tags) {
      const slaPolicyId = DEMO_TAG_POLICIES[name];
      const id = tagIds.get(name) ?? (await rpc(dashboard, 'tags.create', { name, slaPolicyId })).id;
      tagIds.set(name, id);
      ids.push(id);
    }
    await rpc(dashboard, 'conversations.update', { id: view.conversation.id, patch: { tags: ids } });
    for (const text of demo.notes) await rpc(dashboard, 'notes.add', { contactId: view.contact.id, text });
    // Patches always carry the custom fields: a patch without them would reset them to {} (see the report
    // on ContactPatchSchema: zod 4's partial() still applies the schema's defaults).
    const customFields = demo.customFields ?? view.contact.customFields;
    contacts.set(inbox.platform, { id: view.contact.id, customFields });
    const person = demo.samePersonAs && contacts.get(demo.samePersonAs);
    await rpc(dashboard, 'contacts.update', {
      id: view.contact.id,
      patch: { customFields, ...(person && { personId: person.id }) },
    });
    // Both sides of the link: the first identity joins the person too.
    if (person) {
      await rpc(dashboard, 'contacts.update', {
        id: person.id,
        patch: { customFields: person.customFields, personId: person.id },
      });
    }
    inboxes.push({ demo, page });
    log(
      `  ${inbox.label}: ${demo.contact}, waiting ${ageLabel(demo.waitingMs)}, ${demo.notes.length} note${demo.notes.length === 1 ? '' : 's'}`,
    );
  }

  // Every panel shows its seeded data (pushed live by the background).
  for (const { demo, page } of inboxes) {
    await panelOf(page)
      .getByRole('list', { name: 'Notes', exact: true })
      .getByText(demo.notes[0] ?? '')
      .waitFor();
  }
  return { worker, extensionId, dashboard, inboxes };
}

/**
 * One PNG per platform, `<dir>/<platform>.png`: the inbox with the panel next to it (before each, the panel's
 * heading must show that platform's contact); then `dashboard.png`, the triage inbox with every demo
 * conversation, and `popup.png`, the toolbar popup's counts. Returns the files written.
 */
export async function screenshotDemo(session: DemoSession, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const { demo, page } of session.inboxes) {
    await page.bringToFront();
    const panel = panelOf(page);
    await panelHeading(page, demo.contact).waitFor();
    await panel.getByRole('searchbox', { name: 'Search templates' }).fill(demo.screenshotSearch);
    await panel.getByRole('list', { name: 'Templates', exact: true }).getByRole('listitem').first().waitFor();
    await panel.getByRole('heading', { level: 1 }).click(); // focus off the search box: no caret in the picture
    const file = join(dir, `${demo.inbox.platform}.png`);
    await page.screenshot({ path: file });
    files.push(file);
  }

  const { dashboard, extensionId } = session;
  await dashboard.bringToFront();
  // Every conversation the demo opened (LinkedIn: Anna's, then Ben's) is in the queue.
  const rows = dashboard.getByRole('link', { name: /^Open the conversation with .+ on / });
  await rows.nth(session.inboxes.length).waitFor();
  const dashboardFile = join(dir, 'dashboard.png');
  await dashboard.screenshot({ path: dashboardFile });
  files.push(dashboardFile);

  // The popup as the toolbar shows it: its own page at its own width.
  const popup = await dashboard.context().newPage();
  try {
    await popup.setViewportSize({ width: 360, height: 640 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.getByRole('table', { name: 'Waiting and overdue per platform' }).waitFor();
    await popup.getByText(/^Next overdue: /).waitFor();
    const popupFile = join(dir, 'popup.png');
    await popup.locator('main').screenshot({ path: popupFile });
    files.push(popupFile);
  } finally {
    await popup.close();
  }
  return files;
}
