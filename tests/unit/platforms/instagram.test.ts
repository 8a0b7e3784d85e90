// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createInstagramAdapter } from '@/utils/platforms/instagram';
import { INSTAGRAM_SELECTORS } from '@/utils/platforms/instagram.selectors';
import { loadFixturePage } from '../../fixtures/instagram/meta-jsdom';

// The Instagram selectors and reader against the fixture pages (tests/fixtures/instagram/*.html), which
// reproduce the DOM public sources describe. Like refined-github's selector tests: every selector with the
// number of matches it must have on each page, then what the adapter reads from them.

const THREAD_ID = '340282366841710300949128';
const THREAD_URL = `https://www.instagram.com/direct/t/${THREAD_ID}/`;
const INBOX_URL = 'https://www.instagram.com/direct/inbox/';

const threadPage = () => loadFixturePage('instagram/thread.html', THREAD_URL);
const query = (root: ParentNode, selector: string) => root.querySelector(selector) as HTMLElement;

describe('Instagram selectors on the fixture pages', () => {
  const expected: Record<keyof typeof INSTAGRAM_SELECTORS, { thread: number; inbox: number }> = {
    main: { thread: 1, inbox: 1 },
    // nav rail (5, one is your own profile) + top bar avatar and name + "View profile" + 3 row avatars
    profileLink: { thread: 11, inbox: 5 },
    // conversation list, search box; in the thread also 2 top-bar buttons, the conversation, emoji button, composer
    labelledContainer: { thread: 7, inbox: 2 },
    textbox: { thread: 2, inbox: 1 },
    lexicalEditor: { thread: 1, inbox: 0 },
    messageContent: { thread: 6, inbox: 0 },
    messageText: { thread: 6, inbox: 0 },
    rowHeading: { thread: 2, inbox: 0 },
  };
  const inbox = loadFixturePage('instagram/inbox.html', INBOX_URL);
  const thread = threadPage();
  it.each(Object.entries(expected))('%s', (name, counts) => {
    const selector = INSTAGRAM_SELECTORS[name as keyof typeof INSTAGRAM_SELECTORS];
    expect(thread.querySelectorAll(selector).length).toBe(counts.thread);
    expect(inbox.querySelectorAll(selector).length).toBe(counts.inbox);
  });
});

describe('Instagram adapter reading the fixture pages', () => {
  it('reads the open thread: participant, directions with group times, composer', () => {
    const doc = threadPage();
    const snapshot = createInstagramAdapter().read(doc, new URL(THREAD_URL));
    expect(snapshot).toMatchObject({
      platform: 'instagram',
      state: 'thread',
      threadId: THREAD_ID,
      participant: { name: 'Anna Berger', handle: 'anna.berger', profileUrl: 'https://www.instagram.com/anna.berger/' },
      composerKind: 'instagram',
      health: { participant: 'found', messages: 'found', composer: 'found' },
    });
    expect(snapshot.messages.map((m) => `${m.direction} ${m.timeLabel}`)).toEqual([
      'inbound 8/24/25, 3:36 PM',
      'outbound 8/24/25, 3:36 PM',
      'inbound Thu 6:14 PM',
      'inbound Thu 6:14 PM',
      'outbound 12:56 PM',
      'inbound 12:56 PM',
    ]);
  });

  it('keys messages with digests that stay put across reads and tell equal texts apart', () => {
    const doc = threadPage();
    const adapter = createInstagramAdapter();
    const first = adapter.read(doc, new URL(THREAD_URL)).messages.map((m) => m.key);
    expect(new Set(first).size).toBe(6);
    expect(first.every((key) => /^m[0-9a-z]{1,12}$/.test(key))).toBe(true);
    const rows = query(doc, '[aria-label^="Conversation"] .x1odjw0f > div');
    rows.append((rows.lastElementChild as Element).cloneNode(true)); // "Perfect, thanks!" once more
    const second = adapter.read(doc, new URL(THREAD_URL)).messages.map((m) => m.key);
    expect(second.slice(0, 6)).toEqual(first);
    expect(second[6]).not.toBe(second[5]);
  });

  it('follows a long thread through a remounted list and rows whose content changed', () => {
    const doc = threadPage();
    const adapter = createInstagramAdapter();
    const read = () => adapter.read(doc, new URL(THREAD_URL)).messages;
    const rows = query(doc, '[aria-label^="Conversation with"] .x1odjw0f > div');
    const last = rows.lastElementChild as Element;
    // A long thread: the adapter remembers this rows container from now on (SETTLED_ROW_COUNT).
    for (let i = 0; i < 30; i++) rows.append(last.cloneNode(true));
    expect(read()).toHaveLength(36);
    // The list remounted (another container, other rows): read, not the remembered one.
    const [, separator, , outbound] = [...rows.children] as Element[];
    const remounted = rows.cloneNode(false) as Element;
    remounted.append(...[separator, outbound, last].map((row) => row?.cloneNode(true) as Element));
    rows.replaceWith(remounted);
    expect(read().map((m) => m.direction)).toEqual(['outbound', 'inbound']);
    // A row element that now holds another message (reused) is described again.
    const reused = remounted.children[1] as Element;
    reused.replaceChildren(...[...last.children].map((child) => child.cloneNode(true)));
    expect(read().map((m) => m.direction)).toEqual(['inbound', 'inbound']);
  });

  it('watches <main> in the messages area and nothing elsewhere', () => {
    const adapter = createInstagramAdapter();
    const inbox = loadFixturePage('instagram/inbox.html', INBOX_URL);
    expect(adapter.observationRoot(inbox)).toBe(inbox.querySelector('main'));
    const explore = loadFixturePage('instagram/inbox.html', 'https://www.instagram.com/explore/');
    expect(adapter.observationRoot(explore)).toBeNull();
  });

  it('takes the bottom-most composer-like text box, not the search box above it', () => {
    const doc = threadPage();
    const adapter = createInstagramAdapter();
    expect(adapter.focusComposer(doc)).toBe(true);
    expect(doc.activeElement?.getAttribute('aria-label')).toBe('Message');
    // A language the label table lacks: the Lexical editors qualify (one signal: weak), the lowest one is the composer.
    query(doc, '[aria-label="Message"]').setAttribute('aria-label', 'Meddelande');
    query(doc, '[aria-label="Search"]').setAttribute('data-lexical-editor', 'true');
    expect(adapter.read(doc, new URL(THREAD_URL)).health.composer).toBe('weak');
    expect(adapter.focusComposer(doc)).toBe(true);
    expect(doc.activeElement?.getAttribute('aria-label')).toBe('Meddelande');
  });

  it('reports a missing composer and two composers as ambiguous, never guessing', () => {
    const doc = threadPage();
    const adapter = createInstagramAdapter();
    const composer = query(doc, '[aria-label="Message"]');
    const second = composer.cloneNode(true) as HTMLElement;
    composer.after(second);
    // Two boxes labelled "Message" on the same line (the jsdom stand-in: equal bottoms).
    const bottom = composer.getBoundingClientRect().bottom;
    for (const box of [composer, second]) box.getBoundingClientRect = () => ({ bottom }) as DOMRect;
    expect(adapter.read(doc, new URL(THREAD_URL)).health.composer).toBe('ambiguous');
    composer.remove();
    second.remove();
    expect(adapter.read(doc, new URL(THREAD_URL))).toMatchObject({
      state: 'thread',
      composerKind: null,
      health: { composer: 'missing' },
    });
  });

  it('reports two conversations as ambiguous and does not call the thread open', () => {
    const doc = threadPage();
    const conversation = query(doc, '[aria-label^="Conversation with"]');
    conversation.after(conversation.cloneNode(true));
    expect(createInstagramAdapter().read(doc, new URL(THREAD_URL))).toMatchObject({
      state: 'loading',
      participant: null,
      health: { participant: 'ambiguous', messages: 'ambiguous' },
    });
  });

  it('inserts nothing without a composer', async () => {
    const doc = threadPage();
    const adapter = createInstagramAdapter();
    query(doc, '[aria-label="Message"]').remove();
    expect(await adapter.insertText(doc, 'Hi', THREAD_ID)).toMatchObject({ ok: false, reason: 'composer-missing' });
  });
});
