import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptySnapshot } from '@/utils/platforms/toolkit/snapshot';
import type { PageSnapshot } from '@/utils/platforms/types';

// The tabs' page states: the worker's own copy answers, storage.session keeps them across worker restarts
// (a restart is a fresh import of the module).

const INSTAGRAM = new URL('https://www.instagram.com/direct/t/1/');
const LINKEDIN = new URL('https://www.linkedin.com/feed/');
const thread = (threadId: string): PageSnapshot => ({ ...emptySnapshot('instagram', INSTAGRAM, 'thread'), threadId });
const noThread = (): PageSnapshot => emptySnapshot('linkedin', LINKEDIN, 'no-conversation');

const freshWorker = async () => {
  vi.resetModules();
  return import('@/utils/messaging/page-states');
};

describe('page states', () => {
  beforeEach(() => fakeBrowser.reset());

  it("answers a tab's thread frame first, then its top frame; forgets a closed tab", async () => {
    const states = await freshWorker();
    await states.savePageState(7, 0, noThread());
    expect(await states.activePageState(7)).toEqual({ tabId: 7, frameId: 0, snapshot: noThread() });
    await states.savePageState(7, 3, thread('a'));
    await states.savePageState(8, 0, thread('b'));
    expect(await states.activePageState(7)).toEqual({ tabId: 7, frameId: 3, snapshot: thread('a') });
    await states.forgetTab(7);
    expect(await states.activePageState(7)).toBeNull();
    expect(await states.activePageState(8)).toEqual({ tabId: 8, frameId: 0, snapshot: thread('b') });
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['page:8:0']);
  });

  it("tells a top frame whether one of its tab's sub-frames shows a conversation surface", async () => {
    const states = await freshWorker();
    await states.savePageState(7, 0, { ...noThread(), state: 'not-messages' });
    await states.savePageState(8, 2, thread('b'));
    expect(await states.subFrameSurface(7)).toBe(false);
    await states.savePageState(7, 2, { ...noThread(), state: 'not-messages' });
    expect(await states.subFrameSurface(7)).toBe(false);
    await states.savePageState(7, 3, noThread());
    expect(await states.subFrameSurface(7)).toBe(true);
    await states.savePageState(7, 3, { ...noThread(), state: 'not-messages' });
    expect(await states.subFrameSurface(7)).toBe(false);
  });

  it('a restarted worker finds what the previous one saved, and keeps its copy in step', async () => {
    const before = await freshWorker();
    await before.savePageState(7, 0, thread('a'));
    const after = await freshWorker();
    expect(await after.activePageState(7)).toEqual({ tabId: 7, frameId: 0, snapshot: thread('a') });
    await after.savePageState(7, 0, thread('c'));
    expect(await after.activePageState(7)).toEqual({ tabId: 7, frameId: 0, snapshot: thread('c') });
    expect(await fakeBrowser.storage.session.get('page:7:0')).toEqual({ 'page:7:0': thread('c') });
  });

  it('remembers since when a frame has been loading, across worker restarts, until it stops loading', async () => {
    const loading = (threadId: string): PageSnapshot => ({ ...thread(threadId), state: 'loading' });
    const before = await freshWorker();
    await before.savePageState(7, 0, loading('a'), 1_000);
    await before.savePageState(7, 0, loading('b'), 2_000);
    expect(await before.activePageState(7)).toMatchObject({ snapshot: loading('b'), loadingSince: 1_000 });

    const after = await freshWorker();
    expect(await after.activePageState(7)).toMatchObject({ loadingSince: 1_000 });
    await after.savePageState(7, 0, thread('b'), 3_000);
    expect((await after.activePageState(7))?.loadingSince).toBeUndefined();
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['page:7:0']);
    await after.savePageState(7, 0, loading('c'), 4_000);
    expect(await after.activePageState(7)).toMatchObject({ loadingSince: 4_000 });
    await after.forgetTab(7);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});
