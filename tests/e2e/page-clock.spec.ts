import type { BrowserContext, Page } from '@playwright/test';
import { PANEL_TITLE } from '../../utils/content/panel-frame';
import { setFixtureOptions } from '../fixtures/instagram/meta-e2e.ts';
import { withBackgroundClockShifted } from '../harness/extension.ts';
import {
  FIXTURE_INBOXES,
  type FixtureInbox,
  INSTAGRAM,
  LINKEDIN,
  LINKEDIN_THREADS,
  labelLastInboundAt,
  serveInbox,
  switchLinkedinThread,
} from '../harness/inboxes.ts';
import { expect, test } from './fixtures';
import { storedData } from './stored-data';

// Issue #14, "Done when": response timers on the page's own clock. A customer who wrote 5 hours before
// the extension first looked has waited 5 hours, on each platform's fixture, in the timer, in the stored
// response and in the dashboard's metrics. Where the page gives no time, the timer says "at least".
// The labels pin the minute and the test itself takes time: durations are checked to the minute.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const panelOf = (page: Page) => page.frameLocator(`iframe[title="${PANEL_TITLE}"]`);
const timerOf = (page: Page) => panelOf(page).getByRole('timer', { name: 'Response timer' });

async function openConversation(context: BrowserContext, inbox: FixtureInbox): Promise<Page> {
  await serveInbox(context, inbox);
  const page = await context.newPage();
  await page.goto(inbox.threadUrl);
  await expect(panelOf(page).getByRole('heading', { level: 1 })).toHaveText(inbox.contact);
  return page;
}

/** Each platform's fixture thread whose last message is the customer's: LinkedIn's page opens on an answered one. */
const WAITING_THREADS: readonly {
  inbox: FixtureInbox;
  contact: string;
  threadId: string;
  open?: (page: Page) => Promise<unknown>;
}[] = [
  ...FIXTURE_INBOXES.filter((inbox) => inbox !== LINKEDIN).map((inbox) => ({
    inbox,
    contact: inbox.contact,
    threadId: inbox.threadId,
  })),
  {
    inbox: LINKEDIN,
    contact: 'Ben Okafor',
    threadId: LINKEDIN_THREADS.ben,
    open: (page) => switchLinkedinThread(page, LINKEDIN_THREADS.ben),
  },
];

for (const { inbox, contact, threadId, open } of WAITING_THREADS) {
  test(`${inbox.label}: a customer message labelled 5 hours ago waits 5 h and is breached on first open; the answer records a 5 h first response, in the metrics too`, async ({
    context,
    extensionId,
    insertViaBackground,
  }) => {
    const sentAt = Date.now() - 5 * HOUR;
    await labelLastInboundAt(context, sentAt);
    const page = await openConversation(context, inbox);
    if (open) {
      await open(page);
      await expect(panelOf(page).getByRole('heading', { level: 1 })).toHaveText(contact);
    }
    // Customer service (the default): 2 h target, 4 h breach.
    const timer = timerOf(page);
    await expect(timer).toHaveText(/^waiting 5 h( \d{1,2} min)? · SLA breached \(Customer service\)$/);
    await expect(timer).toHaveAttribute('data-sla-state', 'breached');

    expect(await insertViaBackground(page, 'Sorry for the wait!', threadId)).toEqual({ ok: true });
    await inbox.send(page).click();
    await expect(timer).toHaveText('Nobody is waiting.');

    const dashboard = await context.newPage();
    await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
    const data = await storedData(dashboard);
    const conversation = data.conversations.find((c) => c.platform === inbox.platform && c.threadId === threadId);
    const events = data.responseEvents.filter((e) => e.conversationId === conversation?.id);
    expect(events).toHaveLength(1);
    const [event] = events;
    // The wait started at the label's minute, taken from the page; it was answered when the reply was seen.
    expect(event?.inboundSource).toBe('page');
    expect(Math.abs((event?.inboundAt ?? 0) - sentAt)).toBeLessThan(MINUTE);
    const responseMs = (event?.answeredAt ?? 0) - (event?.inboundAt ?? 0);
    expect(responseMs / MINUTE).toBeGreaterThanOrEqual(5 * 60);
    expect(responseMs / MINUTE).toBeLessThan(5 * 60 + 10);
    expect(conversation?.firstResponseMs).toBe(responseMs);

    await dashboard.getByRole('button', { name: 'Metrics', exact: true }).click();
    const table = dashboard.getByRole('table', { name: 'Response times' });
    const row = table
      .getByRole('row')
      .filter({ has: dashboard.getByRole('rowheader', { name: inbox.label, exact: true }) });
    // Responses, median, 90th percentile, within SLA, open (LinkedIn's answered thread too), overdue.
    await expect(row.getByRole('cell')).toHaveText([
      '1',
      /^5 h( \d{1,2} min)?$/,
      /^5 h( \d{1,2} min)?$/,
      '0%',
      /^\d$/,
      '0',
    ]);
    await expect(dashboard.getByTestId('metrics-sources')).toHaveText(
      '1 of 1 response times from the platforms’ own message times; 0 from when DM Sidekick first saw the message (at least that long).',
    );
  });
}

test('a thread without time labels is timed from when it was first seen, and the timer says "at least"', async ({
  context,
  serviceWorker,
}) => {
  await setFixtureOptions(context, { timeLabels: false });
  // First seen 3 hours ago: the background's clock is set back until it has recorded the wait.
  const page = await withBackgroundClockShifted(serviceWorker, 3 * HOUR, async () => {
    const opened = await openConversation(context, INSTAGRAM);
    await expect(timerOf(opened)).toHaveAttribute('data-sla-state');
    return opened;
  });
  const timer = timerOf(page);
  await expect(timer).toHaveText(/^waiting at least 3 h( \d{1,2} min)? · overdue \(Customer service\)$/);
  await expect(timer).toHaveAttribute('data-sla-state', 'overdue-target');
});
