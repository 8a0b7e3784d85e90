import type { BrowserContext, JSHandle, Locator, Page } from '@playwright/test';
import type { SeenMessage } from '../../../utils/platforms/types';
import type { SwitchHow } from '../../fixtures/instagram/fixture-api.ts';
import { type Fixtures, test } from '../fixtures';
import { expect, printLatency, recordReports, settledThread, TEMPLATE_TEXT } from '../platform-helpers';

// The thread scenarios Instagram and Messenger share (both Meta apps with the real Lexical composer),
// written once: each platform spec registers them with its own fixture, thread and expectations.

/** What both Meta fixture apps offer a test about the conversation page's thread. */
export interface MetaFixture<Peer> {
  composerText(): string | null;
  sendEnabled(): boolean;
  outboundCount(): number;
  addInbound(text: string): void;
  switchThread(to: Peer, how?: SwitchHow): number;
  renderNextPart(): boolean;
}

/** One platform's conversation page, as the shared scenarios need it. */
export interface MetaThreadPage<Peer extends { id: string; name: string }> {
  threadId: string;
  /** Opens the thread and waits until the extension reports it as open. */
  open(
    context: BrowserContext,
    pageStates: Fixtures['pageStates'],
  ): Promise<{ page: Page; fixture: JSHandle<MetaFixture<Peer>> }>;
  composer(page: Page): Locator;
  /** How many messages the open thread shows, and how many of them the person sent. */
  messages: number;
  outbound: number;
  /** A message the fixture adds, and what its report must say besides "inbound". */
  inbound: { text: string; reported: Partial<SeenMessage> };
  /** Checks, after an insertion, what else on the page must stay as it was. */
  untouchedByInsert?(page: Page): Promise<void>;
  /** The conversation a switch goes to, and what its first report must say besides id and health. */
  next: { peer: Peer; reported: Record<string, unknown> };
  /**
   * After a URL change: the parts of the next conversation that render while it must still be loading
   * (one renderNextPart() each), then the part that lets it be reported as the new thread.
   */
  partsWhileLoading: string[];
  partThatSettles: string;
}

export function metaThreadScenarios<Peer extends { id: string; name: string }>(meta: MetaThreadPage<Peer>): void {
  const { threadId, next } = meta;

  test('inserts a multi-line template exactly once into Lexical, enables Send and sends nothing', async ({
    context,
    pageStates,
    insertViaBackground,
  }) => {
    const { page, fixture } = await meta.open(context, pageStates);
    expect(await insertViaBackground(page, TEMPLATE_TEXT, threadId)).toEqual({ ok: true });

    expect(await fixture.evaluate((f) => f.composerText())).toBe(TEMPLATE_TEXT);
    expect(await fixture.evaluate((f) => f.sendEnabled())).toBe(true);
    await meta.untouchedByInsert?.(page);
    await page.waitForTimeout(300);
    expect(await fixture.evaluate((f) => f.outboundCount())).toBe(meta.outbound);
    expect((await pageStates(page)).get(0)?.messages).toHaveLength(meta.messages);
  });

  test('a new inbound message is reported as it lands', async ({ context, pageStates, serviceWorker }) => {
    const { fixture } = await meta.open(context, pageStates);
    const reports = await recordReports(serviceWorker);
    const addedAt = await fixture.evaluate((f, text) => {
      f.addInbound(text);
      return Date.now();
    }, meta.inbound.text);
    const arrived = async () => (await reports()).find((r) => r.snapshot.messages.length === meta.messages + 1);
    await expect.poll(arrived).toBeDefined();
    const report = await arrived();
    expect(report?.snapshot.messages.at(-1)).toMatchObject({ ...meta.inbound.reported, direction: 'inbound' });
    printLatency('new inbound message', addedAt, report);
  });

  test('a thread switch without reload is reported with the new person', async ({
    context,
    pageStates,
    serviceWorker,
  }) => {
    const { fixture } = await meta.open(context, pageStates);
    const reports = await recordReports(serviceWorker);
    // `as Peer`: Playwright types the argument as Unboxed<Peer>, which a plain object is the same as.
    const switchedAt = await fixture.evaluate((f, peer) => f.switchThread(peer as Peer), next.peer);

    const report = await settledThread(reports);
    expect(report?.snapshot).toMatchObject({
      ...next.reported,
      threadId: next.peer.id,
      health: { participant: 'found', messages: 'found', composer: 'found' },
    });
    printLatency('thread switch', switchedAt, report);
  });

  test(`after a URL change the thread is loading until ${[...meta.partsWhileLoading, meta.partThatSettles].join(' and ')} show the new person; an insert for the previous thread inserts nothing`, async ({
    context,
    pageStates,
    insertViaBackground,
  }) => {
    const { page, fixture } = await meta.open(context, pageStates);
    const composerText = () => fixture.evaluate((f) => f.composerText());
    const reported = async () => (await pageStates(page)).get(0);
    const previousThreadRefused = async () =>
      expect(await insertViaBackground(page, TEMPLATE_TEXT, threadId)).toMatchObject({
        ok: false,
        reason: 'conversation-changed',
      });
    await meta.composer(page).click();
    await page.keyboard.type('Draft for Anna');

    // The URL changed, the page still shows the previous conversation …
    await fixture.evaluate((f, peer) => f.switchThread(peer as Peer, { stepwise: true }), next.peer);
    await expect.poll(reported).toMatchObject({ state: 'loading', threadId: next.peer.id });
    await previousThreadRefused();
    expect(await composerText()).toBe('Draft for Anna');
    for (const part of ['nothing yet', ...meta.partsWhileLoading]) {
      if (part !== 'nothing yet') expect(await fixture.evaluate((f) => f.renderNextPart())).toBe(true);
      // Reads run once per frame: a premature "thread" would be reported well within this time.
      await page.waitForTimeout(250);
      expect(await reported(), `after ${part}`).toMatchObject({ state: 'loading', threadId: next.peer.id });
    }
    expect(await fixture.evaluate((f) => f.renderNextPart())).toBe(true);
    await expect.poll(reported).toMatchObject({
      state: 'thread',
      threadId: next.peer.id,
      participant: { name: next.peer.name },
    });

    // … and once the new conversation is shown in full.
    await fixture.evaluate((f) => {
      while (f.renderNextPart());
    });
    await previousThreadRefused();
    expect(await composerText()).toBe('');
  });
}
