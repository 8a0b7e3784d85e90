import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SidekickDatabase } from '@/utils/db/database';
import { readableThread } from '../health/snapshot';

// The background as an entry, the WXT way (wxt-dev/examples, vitest-unit-testing): the real
// entrypoints/background.ts imported and started on the fake browser, its one runtime.onMessage listener
// driven with the messages a content script and a page send, and the fake IndexedDB read afterwards.

const INSTAGRAM_TAB = { tab: { id: 7 } as never, frameId: 0, url: 'https://www.instagram.com/direct/t/1001/' };
const dashboard = () => ({ url: browser.runtime.getURL('/dashboard.html') });

/** What the background's listener answers `message` from `sender` (the one listener that takes it). */
async function send(message: unknown, sender: Record<string, unknown>): Promise<unknown> {
  const answers = await fakeBrowser.runtime.onMessage.trigger(
    message,
    { id: browser.runtime.id, ...sender },
    () => undefined,
  );
  const taken = answers.filter((answer) => answer !== undefined);
  expect(taken).toHaveLength(1);
  return taken[0];
}

/** Events the fake browser does not implement; the background only listens to them here. */
function listenWithoutFakes() {
  for (const event of [browser.runtime.onConnect, browser.permissions.onAdded, browser.commands.onCommand]) {
    vi.spyOn(event, 'addListener').mockImplementation(() => undefined);
  }
}

/** A fresh worker on an empty database: the entry's own modules, started as the browser starts it. */
async function startBackground() {
  vi.resetModules();
  listenWithoutFakes();
  const { database } = await import('@/utils/db/connection');
  await database().delete({ disableAutoOpen: false });
  const { default: background } = await import('@/entrypoints/background');
  await background.main();
  return database();
}

describe('the background entry', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({ version: '1.2.3' } as never);
  });

  it('answers a content script’s page.report and stores the conversation and its contact', async () => {
    const db = await startBackground();
    const answer = await send({ kind: 'dms.rpc', name: 'page.report', input: readableThread() }, INSTAGRAM_TAB);
    expect(answer).toEqual({ ok: true, value: { subFrameSurface: false } });

    const rows = await readRows(db);
    expect(rows.conversations).toMatchObject([{ platform: 'instagram', threadId: '1001', status: 'waiting' }]);
    expect(rows.contacts).toMatchObject([{ platform: 'instagram', displayName: 'Anna Berger' }]);
  });

  it('refuses a page.report sent from another site, and stores nothing', async () => {
    const db = await startBackground();
    const answer = await send(
      { kind: 'dms.rpc', name: 'page.report', input: readableThread() },
      { ...INSTAGRAM_TAB, url: 'https://x.com/i/chat/1-2' },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await readRows(db)).conversations).toEqual([]);
  });

  it("words the host page's panel controls in the person's language (the content script has no words)", async () => {
    await startBackground();
    const register = { kind: 'dms.rpc', name: 'panel.register', input: { key: crypto.randomUUID() } };
    expect(await send(register, INSTAGRAM_TAB)).toMatchObject({ ok: true, value: { open: 'Open DM Sidekick' } });
    const german = { kind: 'dms.rpc', name: 'settings.update', input: { language: 'de' } };
    expect(await send(german, dashboard())).toMatchObject({ ok: true });
    expect(await send(register, INSTAGRAM_TAB)).toEqual({
      ok: true,
      value: {
        resize: 'Breite von DM Sidekick ändern',
        resizeHint: 'Breite von DM Sidekick ändern (← →)',
        open: 'DM Sidekick öffnen',
      },
    });
  });

  it('names the shown person in its own panel’s claim (for the first paint), nothing before the page is read, nothing to a wrong key', async () => {
    await startBackground();
    const key = crypto.randomUUID();
    const panel = { tab: { id: 7 } as never, frameId: 3, url: `${browser.runtime.getURL('/panel.html')}#key=${key}` };
    const claim = (input: { key: string }, sender = panel) =>
      send({ kind: 'dms.rpc', name: 'panel.claim', input }, sender);
    await send({ kind: 'dms.rpc', name: 'panel.register', input: { key } }, INSTAGRAM_TAB);
    expect(await claim({ key })).toEqual({ ok: true, value: {} });

    await send({ kind: 'dms.rpc', name: 'page.report', input: readableThread() }, INSTAGRAM_TAB);
    expect(await claim({ key })).toEqual({
      ok: true,
      value: { heading: { platform: 'instagram', name: 'Anna Berger' } },
    });
    expect(await claim({ key: crypto.randomUUID() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await claim({ key }, { ...panel, frameId: 4 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('offers a shortcut the composer did not take to that tab’s panel until it takes it; a page cannot send it', async () => {
    await startBackground();
    // The panel still loading its app leaves the first two offers unanswered, then takes it (answers true).
    const toPanels = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce(undefined)
      .mockResolvedValue(true as never);
    const failure = {
      platform: 'instagram',
      threadId: '1001',
      templateId: 'tpl-1',
      typed: ';thanks',
      reason: 'verify-failed',
    };
    const message = { kind: 'dms.rpc', name: 'shortcuts.failed', input: failure };
    expect(await send(message, INSTAGRAM_TAB)).toEqual({ ok: true, value: null });
    expect(toPanels).toHaveBeenCalledWith({
      kind: 'dms.panel-command',
      command: 'shortcut-failed',
      tabId: 7,
      typed: ';thanks',
      reason: 'verify-failed',
    });
    await expect.poll(() => toPanels.mock.calls.length).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(toPanels).toHaveBeenCalledTimes(3);
    toPanels.mockClear();
    expect(await send(message, dashboard())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send({ ...message, input: { ...failure, reason: 'typo' } }, INSTAGRAM_TAB)).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(toPanels).not.toHaveBeenCalled();
  });

  it('makes a round trip through the client: a page’s call is applied and answered with the stored record', async () => {
    const db = await startBackground();
    const { call } = await import('@/utils/messaging/client');
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((message) => send(message, dashboard()) as never);
    const tag = await call('tags.create', { name: 'VIP', color: '#aa0000' });
    expect(await db.tags.toArray()).toEqual([tag]);
    await expect(call('tags.create', { name: 'vip', color: '#00aa00' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('restores a backup sent in parts, and refuses one with a part missing', async () => {
    const db = await startBackground();
    const { uploadParts } = await import('@/utils/db/backup-upload');
    const backup = JSON.stringify({
      format: 'dm-sidekick-backup',
      schemaVersion: 1,
      exportedAt: 1,
      data: {
        ...{ contacts: [], conversations: [], tags: [], notes: [], packs: [], responseEvents: [], settings: null },
        templates: [{ id: 't1', title: 'Grüße', body: 'Hallo {{firstName}} 🙂', createdAt: 1, updatedAt: 1 }],
      },
    });
    const rpc = (name: string, input: unknown) => send({ kind: 'dms.rpc', name, input }, dashboard());
    const restored = async (uploadId: string) => {
      const started = (await rpc('backup.restore', { uploadId, mode: 'replace' })) as { value: { id: string } };
      for (;;) {
        const job = (await rpc('jobs.latest', { kind: 'backup.restore' })) as { value: { id: string; state: string } };
        if (job.value.id === started.value.id && job.value.state !== 'running') return job.value;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    const whole = crypto.randomUUID();
    const parts = uploadParts(backup, whole, 16);
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts) expect(await rpc('backup.upload', part)).toEqual({ ok: true, value: null });
    expect(await restored(whole)).toMatchObject({ state: 'succeeded' });
    expect(await db.templates.toArray()).toMatchObject([{ id: 't1', body: 'Hallo {{firstName}} 🙂' }]);

    const broken = crypto.randomUUID();
    for (const part of uploadParts(backup, broken, 16).slice(1)) await rpc('backup.upload', part);
    expect(await restored(broken)).toMatchObject({
      state: 'failed',
      error: { detail: { reason: 'backup-incomplete' } },
    });
    expect(await db.templates.count()).toBe(1);
  });

  it('drops a closed tab’s template draft from storage.session, and no other tab’s', async () => {
    await startBackground();
    const { draftStorageKey } = await import('@/utils/templates/draft');
    const draft = { title: 'Half', body: 'written', shortcut: '', folder: '' };
    await browser.storage.session.set({ [draftStorageKey(7)]: draft, [draftStorageKey(8)]: draft });
    await fakeBrowser.tabs.onRemoved.trigger(7, { windowId: 1, isWindowClosing: false });
    await expect
      .poll(async () => Object.keys(await browser.storage.session.get(null)).sort())
      .toEqual([draftStorageKey(8)]);
  });
});

async function readRows(db: SidekickDatabase) {
  return { conversations: await db.conversations.toArray(), contacts: await db.contacts.toArray() };
}
