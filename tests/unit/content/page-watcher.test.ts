// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MESSAGE_NEWS_GAP_MS, QUIET_CHURN_GAP_MS, watchPage } from '@/utils/content/page-watcher';
import { emptySnapshot } from '@/utils/platforms/toolkit/snapshot';
import type { InboxRow, PageSnapshot, PageState, PlatformAdapter } from '@/utils/platforms/types';
import { context } from './context';

// When the watcher reads the page: in the next frame after a change, less often while the page churns
// without news (a long history loading), at once again on navigation. Frames and timers are faked;
// the DOM and its MutationObserver are jsdom's.

/** An adapter that reports the page's state and how many messages the list shows, and counts its reads. */
function countingAdapter() {
  const adapter = {
    reads: 0,
    state: 'thread' as PageState,
    platform: 'instagram' as const,
    observationRoot: (doc: Document) => doc.body,
    read(doc: Document, url: URL): PageSnapshot {
      adapter.reads++;
      const messages = [...doc.querySelectorAll('li.message')].map((_, i) => ({
        key: `m${i}`,
        direction: 'inbound' as const,
      }));
      return { ...emptySnapshot('instagram', url, adapter.state), messages };
    },
    insertText: () => Promise.resolve({ ok: true as const }),
    focusComposer: () => false,
  };
  return adapter satisfies PlatformAdapter;
}

const list = () => document.getElementById('list') as HTMLElement;
/** Older history arriving at the top: nothing the snapshot holds. */
const addHistory = () => list().prepend(Object.assign(document.createElement('li'), { textContent: 'old' }));
const addMessage = () => list().append(Object.assign(document.createElement('li'), { className: 'message' }));
/** Lets the MutationObserver deliver, then runs `ms` of timers and frames. */
const elapse = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('watchPage', () => {
  let adapter: ReturnType<typeof countingAdapter>;
  let reported: PageSnapshot[];
  let invalidate: () => void;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame', 'performance'] });
    document.body.innerHTML = '<ul id="list"></ul>';
    adapter = countingAdapter();
    reported = [];
    const { ctx, invalidate: end } = context();
    invalidate = end;
    watchPage(ctx, adapter, (snapshot) => reported.push(snapshot));
  });
  afterEach(() => {
    invalidate();
    vi.useRealTimers();
  });

  it('reads once on start and reports; reads a change in the next frame and reports only news', async () => {
    expect([adapter.reads, reported.length]).toEqual([1, 1]);
    addMessage();
    addMessage();
    await elapse(20);
    expect(adapter.reads).toBe(2);
    expect(reported.at(-1)?.messages).toHaveLength(2);
    // News of messages alone: the next change is read once the gap after that read is over.
    addHistory();
    await elapse(20);
    expect(adapter.reads).toBe(2);
    await elapse(MESSAGE_NEWS_GAP_MS);
    expect([adapter.reads, reported.length]).toEqual([3, 2]);
  });

  it('reads messages arriving in bursts once per gap, not once per frame, and any other news at once', async () => {
    addMessage();
    await elapse(20);
    expect(adapter.reads).toBe(2);
    // Bursts every 20 ms: the read behind the first waits the gap after it, and finds them all.
    for (let i = 0; i < 5; i++) {
      addMessage();
      await elapse(20);
    }
    expect(adapter.reads).toBe(2);
    await elapse(MESSAGE_NEWS_GAP_MS - 60);
    expect(adapter.reads).toBe(3);
    expect(reported.at(-1)?.messages).toHaveLength(6);
    // The conversation now loads (another thread): news beyond the messages, so the next change is read
    // in the next frame once the gap behind the last news of messages alone is over.
    adapter.state = 'loading';
    await elapse(MESSAGE_NEWS_GAP_MS);
    addHistory();
    await elapse(20);
    expect(adapter.reads).toBe(4);
    adapter.state = 'thread';
    addHistory();
    await elapse(20);
    expect(adapter.reads).toBe(5);
    addMessage();
    await elapse(20);
    expect(adapter.reads).toBe(6);
    expect(reported.at(-1)?.messages).toHaveLength(7);
  });

  it("reads in a task after the frame, once the page's own style and layout of it are done", async () => {
    addMessage();
    await Promise.resolve();
    // Inside the frame callback, measuring would force the page's pending layout: not yet.
    vi.advanceTimersToNextFrame();
    expect(adapter.reads).toBe(1);
    await elapse(1);
    expect(adapter.reads).toBe(2);
    expect(reported.at(-1)?.messages).toHaveLength(1);
  });

  it('backs off while the page churns without news, and catches up within the gap', async () => {
    for (let i = 0; i < 3; i++) {
      addHistory();
      await elapse(20);
    }
    expect([adapter.reads, reported.length]).toEqual([3, 1]);
    // Two reads in a row found nothing new: changes now wait for the gap after the last read.
    addHistory();
    await elapse(20);
    addMessage();
    await elapse(20);
    expect(adapter.reads).toBe(3);
    await elapse(QUIET_CHURN_GAP_MS);
    expect(adapter.reads).toBe(4);
    expect(reported.at(-1)?.messages).toHaveLength(1);
    // News ends the back-off: the next change waits only the shorter gap behind news of messages alone.
    addMessage();
    await elapse(MESSAGE_NEWS_GAP_MS + 20);
    expect(adapter.reads).toBe(5);
    expect(reported.at(-1)?.messages).toHaveLength(2);
  });

  it('reads in the next frame on navigation and focus, even while backing off', async () => {
    for (let i = 0; i < 3; i++) {
      addHistory();
      await elapse(20);
    }
    addHistory();
    await elapse(20);
    expect(adapter.reads).toBe(3);
    window.dispatchEvent(new Event('wxt:locationchange'));
    await elapse(20);
    expect(adapter.reads).toBe(4);
    addHistory();
    await elapse(20);
    expect(adapter.reads).toBe(5);
    document.body.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await elapse(20);
    expect(adapter.reads).toBe(6);
  });

  it('a read still waiting for a frame when the tab is hidden runs on a timer (hidden tabs get no frames)', async () => {
    // The frame this read asks for never comes: the tab is hidden before it.
    const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    addMessage();
    await Promise.resolve();
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      addMessage();
      await elapse(1_000);
      expect(reported.at(-1)?.messages).toHaveLength(2);
    } finally {
      frames.mockRestore();
      Reflect.deleteProperty(document, 'hidden');
    }
  });

  it('never backs off while a conversation is loading', async () => {
    adapter.state = 'loading';
    addHistory();
    await elapse(20);
    for (let i = 0; i < 5; i++) {
      addHistory();
      await elapse(20);
    }
    expect(adapter.reads).toBe(7);
  });
});

describe('watchPage with a conversation list (issue #16)', () => {
  let listReports: InboxRow[][];
  let snapshots: PageSnapshot[];
  let listReads: number;
  let invalidate: () => void;

  /** The list's rows as an adapter reads them: a name and whose message came last, from each <li>. */
  const rowsOf = (doc: Document): InboxRow[] =>
    [...doc.querySelectorAll('#inbox li')].map((item) => ({
      name: item.textContent ?? '',
      unread: false,
      lastFrom: item.classList.contains('mine') ? 'me' : 'them',
    }));

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame', 'performance'] });
    // The list lies outside the thread's observation root, as Messenger's chat list does.
    document.body.innerHTML = '<ul id="list"></ul><nav><ul id="inbox"><li>Anna</li></ul></nav>';
    const adapter = {
      ...countingAdapter(),
      observationRoot: (doc: Document) => doc.getElementById('list'),
      inbox: {
        root: (doc: Document) => doc.getElementById('inbox'),
        read: (doc: Document) => {
          listReads++;
          return rowsOf(doc);
        },
      },
    };
    listReports = [];
    snapshots = [];
    listReads = 0;
    const { ctx, invalidate: end } = context();
    invalidate = end;
    watchPage(
      ctx,
      adapter,
      (snapshot) => snapshots.push(snapshot),
      (rows) => listReports.push(rows),
    );
  });
  afterEach(() => {
    invalidate();
    vi.useRealTimers();
  });

  const inbox = () => document.getElementById('inbox') as HTMLElement;

  it('reports the list on start and when its rows changed, not on a mutation that changes nothing read', async () => {
    expect(listReports.map((rows) => rows.map((row) => row.name))).toEqual([['Anna']]);
    inbox().append(Object.assign(document.createElement('li'), { textContent: 'Ben', className: 'mine' }));
    await elapse(20);
    expect(listReports.at(-1)).toEqual([
      { name: 'Anna', unread: false, lastFrom: 'them' },
      { name: 'Ben', unread: false, lastFrom: 'me' },
    ]);
    // A hover style, a re-render of the same rows: no new report.
    inbox().setAttribute('class', 'hovered');
    inbox().replaceChildren(...[...inbox().children].map((item) => item.cloneNode(true)));
    await elapse(20);
    expect(listReports).toHaveLength(2);
    // The thread's own changes (a history loading beside the list) do not even read the list again.
    const readsBefore = listReads;
    addMessage();
    await elapse(20);
    expect([snapshots.length, listReports.length, listReads]).toEqual([2, 2, readsBefore]);
  });
});

it('a page showing a thread but no list rows sends no list report', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame', 'performance'] });
  document.body.innerHTML = '<ul id="list"></ul>';
  const adapter = { ...countingAdapter(), inbox: { root: () => null, read: () => [] } };
  const snapshots: PageSnapshot[] = [];
  const listReports: InboxRow[][] = [];
  const { ctx, invalidate } = context();
  watchPage(
    ctx,
    adapter,
    (snapshot) => snapshots.push(snapshot),
    (rows) => listReports.push(rows),
  );
  addMessage();
  await elapse(20);
  expect([snapshots.length, listReports.length]).toEqual([2, 0]);
  invalidate();
  vi.useRealTimers();
});
