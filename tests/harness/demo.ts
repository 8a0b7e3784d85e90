// The demo behind `npm start`: the four platforms' fixture inboxes served at their real URLs, each with the
// side panel next to it, and a database seeded the way a person would fill it (settings, the sample
// template packs in English and German, tags, notes, custom fields) — all through the extension's real RPC
// from one of its own pages. Waiting times are real too: each inbox labels its customer's last message as
// sent that long ago, as its site would (labelLastInboundAt), so the timers show every SLA state at once.
// Runs under plain Node (type stripping) from tests/harness/start.ts and inside the e2e tests.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BrowserContext, FrameLocator, Page, Worker } from '@playwright/test';
import type { SlaState } from '../../utils/sla/clock';
import { liveOnce, rpc } from './extension.ts';
import {
  FACEBOOK,
  type FixtureInbox,
  INSTAGRAM,
  LINKEDIN,
  LINKEDIN_THREADS,
  labelLastInboundAt,
  serveInbox,
  switchLinkedinThread,
  X,
} from './inboxes.ts';

/** PANEL_TITLE of utils/content/panel-frame.ts (not imported: that module needs the extension runtime). */
export const PANEL_FRAME = 'iframe[title="DM Sidekick"]';
const PACKS_DIR = resolve(import.meta.dirname, '../../public/packs');
const MINUTE = 60_000;

export interface DemoInbox {
  inbox: FixtureInbox;
  /** The conversation shown once the demo has opened it (the inbox's own unless `afterOpen` moves on). */
  contact: string;
  threadId: string;
  /** Runs once the inbox's conversation is open (e.g. an in-app switch). */
  afterOpen?: (page: Page) => Promise<unknown>;
  /** How long the customer has been waiting when the demo opens (the page's label of their last message). */
  waitingMs: number;
  /** What the panel's timer then says under the default policy (Customer service: 2 h target, 4 h breach). */
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
    contact: INSTAGRAM.contact,
    threadId: INSTAGRAM.threadId,
    waitingMs: 3 * 60 * MINUTE,
    slaState: 'overdue-target',
    tags: ['VIP', 'Shipping'],
    notes: ['Bought the blue jacket in M; asked whether we ship to Cologne.', 'Prefers short answers, in German.'],
    customFields: { orderNumber: 'IG-20417' },
    screenshotSearch: 'shipped',
  },
  {
    inbox: FACEBOOK,
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
    // The messaging page opens on Anna (answered); the demo switches to Ben, who has been waiting 5 h.
    contact: 'Ben Okafor',
    threadId: LINKEDIN_THREADS.ben,
    afterOpen: (page) => switchLinkedinThread(page, LINKEDIN_THREADS.ben),
    waitingMs: 5 * 60 * MINUTE,
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
  for (const { inbox } of DEMO_INBOXES) await serveInbox(context, inbox);
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
    // The page says the customer's unanswered message came `waitingMs` ago.
    const page = await context.newPage();
    await labelLastInboundAt(page, Date.now() - demo.waitingMs);
    await page.goto(inbox.threadUrl);
    await panelHeading(page, inbox.contact).waitFor();
    if (demo.afterOpen) {
      await demo.afterOpen(page);
      await panelHeading(page, demo.contact).waitFor();
    }
    const view = await liveOnce(dashboard, 'conversation.view', { platform: inbox.platform, threadId: demo.threadId });
    if (!view) throw new Error(`The ${inbox.label} conversation was not recorded`);

    const ids: string[] = [];
    for (const name of demo.tags) {
      const id = tagIds.get(name) ?? (await rpc(dashboard, 'tags.create', { name })).id;
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
      `  ${inbox.label}: ${demo.contact}, waiting ${Math.round(demo.waitingMs / MINUTE)} min, ${demo.notes.length} note${demo.notes.length === 1 ? '' : 's'}`,
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
 * One PNG per platform, `<dir>/<platform>.png`: the inbox with the panel next to it. Before each, the
 * panel's heading must show that platform's contact. Returns the files written.
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
  return files;
}
