// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createFacebookAdapter } from '@/utils/platforms/facebook';
import { FACEBOOK_SELECTORS } from '@/utils/platforms/facebook.selectors';
import { loadFixturePage } from '../../fixtures/instagram/meta-jsdom';

// The Messenger selectors and reader against the fixture pages (tests/fixtures/facebook/*.html), which
// reproduce the DOM public sources describe. Like refined-github's selector tests: every selector with the
// number of matches it must have on each page, then what the adapter reads from them.

const THREAD_ID = '7720394857261';
const THREAD_URL = `https://www.facebook.com/messages/t/${THREAD_ID}/`;
const FEED_URL = 'https://www.facebook.com/';

const threadPage = (url = THREAD_URL) => loadFixturePage('facebook/thread.html', url);
const feedPage = () => loadFixturePage('facebook/popup.html', FEED_URL);
const query = (doc: Document, selector: string) => doc.querySelector(selector) as HTMLElement;
const chat = (doc: Document, title: string) =>
  [...doc.querySelectorAll('.xchatbox')].find((box) => box.querySelector('h2')?.textContent === title) as HTMLElement;

describe('Messenger selectors on the fixture pages', () => {
  const expected: Record<keyof typeof FACEBOOK_SELECTORS, { thread: number; popups: number; inbox: number }> = {
    main: { thread: 1, popups: 1, inbox: 1 },
    // the chat list is a grid too (outside [role=main]); each pop-up has its own
    messageList: { thread: 2, popups: 2, inbox: 1 },
    row: { thread: 9, popups: 4, inbox: 2 },
    messageCell: { thread: 5, popups: 4, inbox: 0 },
    // the feed's comment box and one per pop-up
    textbox: { thread: 1, popups: 3, inbox: 0 },
    lexicalEditor: { thread: 1, popups: 3, inbox: 0 },
    link: { thread: 8, popups: 7, inbox: 3 },
    bubble: { thread: 5, popups: 5, inbox: 0 },
    title: { thread: 1, popups: 2, inbox: 1 },
  };
  const pages = {
    thread: threadPage(),
    popups: feedPage(),
    inbox: loadFixturePage('facebook/inbox.html', 'https://www.facebook.com/messages/'),
  };
  it.each(Object.entries(expected))('%s', (name, counts) => {
    const selector = FACEBOOK_SELECTORS[name as keyof typeof FACEBOOK_SELECTORS];
    for (const [page, doc] of Object.entries(pages)) {
      expect(doc.querySelectorAll(selector).length, page).toBe(counts[page as keyof typeof counts]);
    }
  });
  it('scoped to the conversation, the message list is one', () => {
    expect(pages.thread.querySelectorAll(`[role="main"] :is(${FACEBOOK_SELECTORS.messageList})`)).toHaveLength(1);
  });
});

describe('Messenger adapter on the conversation page', () => {
  it('reads thread id, participant with profile, directions and per-message times, composer', () => {
    const snapshot = createFacebookAdapter().read(threadPage(), new URL(THREAD_URL));
    expect(snapshot).toMatchObject({
      platform: 'facebook',
      state: 'thread',
      threadId: THREAD_ID,
      surface: 'page',
      participant: {
        name: 'Anna Berger',
        handle: 'anna.berger.77',
        profileUrl: 'https://www.facebook.com/anna.berger.77/',
      },
      composerKind: 'messenger',
      health: { participant: 'found', messages: 'found', composer: 'found' },
    });
    expect(snapshot.messages.map((m) => `${m.direction} ${m.timeLabel}`)).toEqual([
      'inbound 09:12',
      'outbound 09:14',
      'inbound 14:02',
      'outbound 14:03',
      'inbound 14:05',
    ]);
  });

  it('without the hidden labels, takes directions from the layout and times from the separators', () => {
    const doc = threadPage();
    for (const hidden of doc.querySelectorAll('[role=grid] .x1i1rx1s')) hidden.remove();
    expect(
      createFacebookAdapter()
        .read(doc, new URL(THREAD_URL))
        .messages.map((m) => `${m.direction} ${m.timeLabel}`),
    ).toEqual([
      'inbound Mon 09:12',
      'outbound Mon 09:12',
      'inbound Today 14:02',
      'outbound Today 14:02',
      'inbound Today 14:02',
    ]);
  });

  it('two different profiles in the header are ambiguous: no participant, not open', () => {
    const doc = threadPage();
    query(doc, '.xheader a').setAttribute('href', 'https://www.facebook.com/someone.else/');
    expect(createFacebookAdapter().read(doc, new URL(THREAD_URL))).toMatchObject({
      state: 'loading',
      participant: null,
      health: { participant: 'ambiguous' },
    });
  });

  it('a conversation without a profile link (a group) is named by its composer or title', () => {
    const doc = threadPage();
    for (const link of doc.querySelectorAll('.xheader a')) link.replaceWith(...link.childNodes);
    expect(createFacebookAdapter().read(doc, new URL(THREAD_URL))).toMatchObject({
      state: 'thread',
      participant: { name: 'Anna Berger' },
    });
    query(doc, '[role=main] [role=textbox]').setAttribute('aria-label', 'Nachricht');
    expect(createFacebookAdapter().read(doc, new URL(THREAD_URL)).participant).toEqual({ name: 'Anna Berger' });
  });

  it('reports a missing composer and two composers as ambiguous', () => {
    const doc = threadPage();
    const area = query(doc, '[aria-label="Thread composer"]');
    area.after(area.cloneNode(true));
    expect(createFacebookAdapter().read(doc, new URL(THREAD_URL)).health.composer).toBe('ambiguous');
    for (const composer of doc.querySelectorAll('[aria-label="Thread composer"]')) composer.remove();
    expect(createFacebookAdapter().read(doc, new URL(THREAD_URL))).toMatchObject({
      state: 'thread',
      composerKind: null,
      health: { composer: 'missing' },
    });
  });

  it('a URL replaced in place for the same person keeps the conversation and its old id', async () => {
    const doc = threadPage('https://www.facebook.com/messages/t/anna.berger.77/');
    const view = doc.defaultView as Window;
    const entry = { key: 'entry-1' };
    Object.defineProperty(view, 'navigation', { value: { currentEntry: entry } });
    const adapter = createFacebookAdapter();
    expect(adapter.read(doc, new URL(doc.location.href))).toMatchObject({
      state: 'thread',
      threadId: 'anna.berger.77',
    });

    view.history.replaceState(null, '', `/messages/e2ee/t/${THREAD_ID}/`);
    expect(adapter.read(doc, new URL(doc.location.href))).toMatchObject({ state: 'thread', threadId: THREAD_ID });
    expect(await adapter.insertText(doc, 'Hi', 'somebody.else')).toMatchObject({ reason: 'conversation-changed' });
    expect(await adapter.insertText(doc, 'Hi', 'anna.berger.77')).not.toMatchObject({ reason: 'conversation-changed' });

    // A new history entry is a switch: the page must show someone else first.
    entry.key = 'entry-2';
    view.history.replaceState(null, '', '/messages/t/100009876543210/');
    expect(adapter.read(doc, new URL(doc.location.href))).toMatchObject({ state: 'loading' });
  });
});

describe('Messenger adapter on chat pop-ups', () => {
  it('does not guess between two pop-ups; reports the one focused, and keeps it while focus is elsewhere', () => {
    const doc = feedPage();
    const adapter = createFacebookAdapter();
    const read = () => adapter.read(doc, new URL(FEED_URL));
    expect(read()).toMatchObject({ state: 'loading', threadId: null, health: { composer: 'ambiguous' } });

    query(doc, '.xchatbox [role=textbox]').focus();
    expect(read()).toMatchObject({
      state: 'thread',
      threadId: 'sam.lee.5',
      surface: 'popup:sam.lee.5',
      participant: { name: 'Sam Lee', handle: 'sam.lee.5' },
      health: { participant: 'found', messages: 'found', composer: 'found' },
    });
    expect(read().messages.map((m) => m.direction)).toEqual(['inbound', 'outbound', 'inbound']);

    query(doc, '[aria-label="Write a comment…"]').focus();
    expect(read().threadId).toBe('sam.lee.5');
    (chat(doc, 'Mia Wong').querySelector('[role=textbox]') as HTMLElement).focus();
    expect(read()).toMatchObject({ threadId: '100012345678901', participant: { name: 'Mia Wong' } });
  });

  it('a single open pop-up is the conversation; minimized ones and the feed comment box are not pop-ups', () => {
    const doc = feedPage();
    chat(doc, 'Mia Wong').setAttribute('hidden', '');
    expect(createFacebookAdapter().read(doc, new URL(FEED_URL))).toMatchObject({
      state: 'thread',
      threadId: 'sam.lee.5',
    });
    chat(doc, 'Sam Lee').remove();
    expect(createFacebookAdapter().read(doc, new URL(FEED_URL)).state).toBe('not-messages');
  });

  it('inserts nothing for a conversation no pop-up shows; every page is watched for pop-ups', async () => {
    const doc = feedPage();
    const adapter = createFacebookAdapter();
    expect(await adapter.insertText(doc, 'Hi', 'ben.okafor.3')).toMatchObject({ reason: 'conversation-changed' });
    expect(adapter.observationRoot(doc)).toBe(doc.body);
    const inbox = loadFixturePage('facebook/inbox.html', 'https://www.facebook.com/messages/');
    expect(adapter.read(inbox, new URL(inbox.location.href))).toMatchObject({ state: 'no-conversation' });
  });
});
