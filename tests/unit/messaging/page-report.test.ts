import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PlatformHealth } from '@/utils/health/page-health';
import type { CallContext, RpcHandlers } from '@/utils/messaging/server';
import { participantDrift, readableThread, unknownLayout } from '../health/snapshot';

// The background's handling of page.report and page.stalled: reports are checked against their sender,
// a refused report ends as an unreadable page state (never the previous conversation), and Page health
// keeps what was seen, with the extension's version.

const INSTAGRAM_FRAME: CallContext = {
  caller: 'content',
  tabId: 7,
  frameId: 0,
  url: 'https://www.instagram.com/direct/t/1001/',
};

async function freshWorker() {
  vi.resetModules();
  const [report, states, server, health] = await Promise.all([
    import('@/utils/messaging/page-report'),
    import('@/utils/messaging/page-states'),
    import('@/utils/messaging/server'),
    import('@/utils/health/page-health'),
  ]);
  return { ...report, ...states, ...server, ...health };
}

const storedHealth = async (): Promise<Record<string, PlatformHealth>> =>
  (await fakeBrowser.storage.local.get('pageHealth')).pageHealth as Record<string, PlatformHealth>;

describe('page.report', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({ version: '1.2.3' } as never);
  });

  it('refuses a report whose platform is not the sending page’s site', async () => {
    const worker = await freshWorker();
    const track = vi.fn(() => Promise.resolve());
    for (const url of ['https://x.com/i/chat/1-2', 'https://evil.example/direct/t/1001/', 'not a url', undefined]) {
      await expect(worker.handlePageReport(readableThread(), { ...INSTAGRAM_FRAME, url }, track)).rejects.toMatchObject(
        {
          code: 'forbidden',
        },
      );
    }
    expect(track).not.toHaveBeenCalled();
    expect(await worker.activePageState(7)).toBeNull();

    await worker.handlePageReport(readableThread(), INSTAGRAM_FRAME, track);
    expect(track).toHaveBeenCalledWith(readableThread());
    expect((await worker.activePageState(7))?.snapshot).toEqual(readableThread());
  });

  it('knows each site by its hosts, twitter.com included', async () => {
    const { platformOfUrl } = await freshWorker();
    expect(platformOfUrl('https://twitter.com/messages/1-2')).toBe('x');
    expect(platformOfUrl('https://www.facebook.com/messages/t/1/')).toBe('facebook');
    expect(platformOfUrl('https://www.linkedin.com/preload/')).toBe('linkedin');
    expect(platformOfUrl('http://www.instagram.com/')).toBeNull();
  });

  it('a refused report leaves the tab "cannot read this conversation", not the previous one', async () => {
    const worker = await freshWorker();
    const handlers = {
      'page.report': (snapshot, context) => worker.handlePageReport(snapshot, context, () => Promise.resolve()),
    } as Partial<RpcHandlers> as RpcHandlers;
    const rpc = (input: unknown) =>
      worker.handleRpc(handlers, { kind: 'dms.rpc', name: 'page.report', input }, INSTAGRAM_FRAME);
    // The content script's one call, through the background's real validation.
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(
      (message) => rpc((message as unknown as { input: unknown }).input) as never,
    );
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { reportPage } = await import('@/utils/messaging/content-client');

    await reportPage(readableThread());
    expect((await worker.activePageState(7))?.snapshot.participant?.name).toBe('Anna Berger');
    const next = readableThread({ threadId: '1002', participant: { name: 'N'.repeat(100_000) } });
    expect(await rpc(next)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    await reportPage(next);

    const shown = (await worker.activePageState(7))?.snapshot;
    expect(shown).toMatchObject({ state: 'thread', threadId: null, participant: null });
    expect((await storedHealth()).instagram?.lastDegraded).toMatchObject({ cause: 'drift', version: '1.2.3' });
  });

  it('keeps per platform when it was last read fine and its latest drift, with version and date', async () => {
    const worker = await freshWorker();
    const track = () => Promise.resolve();
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_000);
    await worker.handlePageReport(readableThread(), INSTAGRAM_FRAME, track);
    expect(await storedHealth()).toEqual({ instagram: { lastOkAt: 1_000 } });

    now.mockReturnValue(2_000);
    const drifting = readableThread({
      participant: { name: 'Anna Berger' },
      health: { participant: 'weak', messages: 'found', composer: 'found' },
      drift: [{ ...participantDrift, health: 'weak' }],
    });
    await worker.handlePageReport(drifting, INSTAGRAM_FRAME, track);
    const { instagram } = await storedHealth();
    expect(instagram).toEqual({
      lastOkAt: 1_000,
      lastDegraded: {
        at: 2_000,
        version: '1.2.3',
        cause: 'drift',
        state: 'thread',
        parts: [{ part: 'participant', health: 'weak' }],
        drift: [{ ...participantDrift, health: 'weak' }],
      },
    });
    expect(worker.isDegraded(instagram as PlatformHealth)).toBe(true);

    // A clean read afterwards: seen OK again (the degradation stays for the diagnostic).
    now.mockReturnValue(3_000);
    await worker.handlePageReport(readableThread(), INSTAGRAM_FRAME, track);
    expect((await storedHealth()).instagram).toMatchObject({ lastOkAt: 3_000, lastDegraded: { at: 2_000 } });
    expect(worker.isDegraded((await storedHealth()).instagram as PlatformHealth)).toBe(false);
  });

  it('drift while a page is still loading waits for the panel to give up (page.stalled)', async () => {
    const worker = await freshWorker();
    await worker.handlePageReport(unknownLayout({ drift: [participantDrift] }), INSTAGRAM_FRAME, () =>
      Promise.resolve(),
    );
    expect(await storedHealth()).toBeUndefined();

    await worker.handlePageStalled({ caller: 'extension', tabId: 7 });
    expect((await storedHealth()).instagram?.lastDegraded).toMatchObject({
      cause: 'stayed-loading',
      state: 'loading',
      parts: [
        { part: 'participant', health: 'missing' },
        { part: 'messages', health: 'missing' },
        { part: 'composer', health: 'ambiguous' },
      ],
      drift: [participantDrift],
    });
  });

  it('page.stalled records nothing for a page that has settled, or a tab without one', async () => {
    const worker = await freshWorker();
    await worker.handlePageReport(readableThread(), INSTAGRAM_FRAME, () => Promise.resolve());
    await worker.handlePageStalled({ caller: 'extension', tabId: 7 });
    await worker.handlePageStalled({ caller: 'extension', tabId: 99 });
    expect((await storedHealth()).instagram?.lastDegraded).toBeUndefined();
  });
});
