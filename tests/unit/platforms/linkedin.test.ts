// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://www.linkedin.com/"}
import { describe, expect, it, vi } from 'vitest';
import { composerHolding } from '@/utils/platforms/editors/trigger';
import { createLinkedinAdapter } from '@/utils/platforms/linkedin';
import { LINKEDIN_SELECTORS as L } from '@/utils/platforms/linkedin.selectors';
import { addInviteNote, openInviteDialog } from '../../fixtures/linkedin/invite';
import { loadFixtureDocument } from '../../fixtures/x/adapter-jsdom';

// The LinkedIn selectors and reader against the fixture pages (tests/fixtures/linkedin/*.html). The
// #interop-outlet pages carry a declarative shadow root, which fixture-document.ts attaches for jsdom.

const ANNA = '2-YTFiMmMzZDQtZTVmNi00YTdiLThjOWQtMGUxZjJhM2I0YzVkXzAxMA==';
const BEN = '2-YjJjM2Q0ZTUtZjZhNy00YjhjLTlkMGUtMWYyYTNiNGM1ZDZlXzAxMA==';
const CARLA_INMAIL = '2-YzNkNGU1ZjYtYTdiOC00YzlkLTBlMWYtMmEzYjRjNWQ2ZTdmXzAxMA==';
const threadUrl = (threadId: string) => `https://www.linkedin.com/messaging/thread/${encodeURIComponent(threadId)}/`;
const FEED = 'https://www.linkedin.com/feed/';

function required<T>(value: T | null | undefined, what: string): T {
  if (value == null) throw new Error(`fixture has no ${what}`);
  return value;
}

const outletRoot = () => required(document.querySelector(L.interopOutlet)?.shadowRoot, 'interop outlet shadow root');
const read = (adapter = createLinkedinAdapter()) => adapter.read(document, new URL(location.href));

describe('LinkedIn selectors on the fixture pages', () => {
  it('the messaging page: one thread pane with its parts; groups show name and time once', () => {
    loadFixtureDocument('linkedin/messaging.html', threadUrl(ANNA));
    const counts: [string, number][] = [
      [L.page.scope, 1],
      [L.page.name, 1],
      [L.messageList, 1],
      [`${L.messageList} ${L.event}`, 3],
      [L.eventItem, 3],
      [`.${L.inboundModifier}`, 2],
      // two day headings, two group times
      [`${L.messageList} ${L.time}`, 4],
      [L.composer, 1],
      [L.inmailSubject.join(', '), 0],
      [L.overlay.scope, 0],
    ];
    for (const [selector, count] of counts) expect(document.querySelectorAll(selector), selector).toHaveLength(count);
  });

  it('an overlay window: in the page, or only inside the interop outlet’s shadow root', () => {
    const parts = [L.overlay.scope, L.overlay.name, L.threadLink, L.composer];
    loadFixtureDocument('linkedin/overlay.html', FEED);
    for (const selector of parts) expect(document.querySelectorAll(selector), selector).toHaveLength(1);

    loadFixtureDocument('linkedin/overlay-shadow.html', FEED);
    for (const selector of parts) {
      expect(document.querySelectorAll(selector), selector).toHaveLength(0);
      expect(outletRoot().querySelectorAll(selector), selector).toHaveLength(1);
    }
    loadFixtureDocument('linkedin/overlay-two.html', FEED);
    for (const selector of parts) expect(outletRoot().querySelectorAll(selector), selector).toHaveLength(2);
  });
});

describe('LinkedIn adapter reading the messaging page', () => {
  it('reads the thread: decoded id, participant, urn keys, day and group times carried forward', () => {
    loadFixtureDocument('linkedin/messaging.html', threadUrl(ANNA));
    expect(read()).toEqual({
      platform: 'linkedin',
      url: threadUrl(ANNA),
      pageLanguage: 'en',
      state: 'thread',
      threadId: ANNA,
      surface: 'page',
      participant: { name: 'Anna Berger', profileUrl: 'https://www.linkedin.com/in/anna-berger-4711/' },
      messages: [
        {
          key: 'urn:li:msg_message:(urn:li:fsd_profile:ACoAAAnna,2-MTcxMDAwMDAwMDAwMQ==)',
          direction: 'inbound',
          timeLabel: 'Mon 9:41 AM',
        },
        {
          key: 'urn:li:msg_message:(urn:li:fsd_profile:ACoAAAnna,2-MTcxMDAwMDAwMDAwMg==)',
          direction: 'inbound',
          timeLabel: 'Mon 9:41 AM',
        },
        {
          key: 'urn:li:msg_message:(urn:li:fsd_profile:ACoAAATom,2-MTcxMDAwMDAwMDAwMw==)',
          direction: 'outbound',
          timeLabel: 'Today 8:15 AM',
        },
      ],
      composerKind: 'linkedin-message',
      health: { participant: 'found', messages: 'found', composer: 'found' },
    });
  });

  /** Appends a message event as LinkedIn renders it: the group's head carries the sender's name and time. */
  const append = (text: string, { urn = true, head = '' }: { urn?: boolean; head?: string } = {}) => {
    const event = document.createElement('li');
    event.className = 'msg-s-message-list__event';
    event.innerHTML = `<div class="${L.eventItem.slice(1)} ${L.inboundModifier}">${
      head ? `<div><span>Anna Berger</span><time>${head}</time></div>` : ''
    }<p>${text}</p></div>`;
    if (urn) event.firstElementChild?.setAttribute(L.eventUrnAttribute, `urn:li:msg_message:(fixture,${text})`);
    required(document.querySelector(`${L.messageList} ul`), 'message list').append(event);
  };

  it('a long thread: the newest 100 with the day and group carried from above; keys hold while the window moves', () => {
    loadFixtureDocument('linkedin/messaging.html', threadUrl(ANNA));
    append('group head', { head: '10:00 AM' });
    // Two alike rows without an urn: told apart by their order within their group.
    append('ok', { urn: false });
    append('ok', { urn: false });
    for (let i = 0; i < 98; i++) append(`later ${i}`, { head: '11:00 AM' });
    const adapter = createLinkedinAdapter();
    const before = read(adapter).messages;
    expect(before).toHaveLength(100);
    expect(before.slice(0, 2).map((message) => message.timeLabel)).toEqual(['Today 10:00 AM', 'Today 10:00 AM']);
    const [first, second] = before;
    expect(first?.key).not.toBe(second?.key);

    // One more row: the first "ok" leaves the window, the second keeps its key and its group's time.
    append('newest', { head: '11:05 AM' });
    const after = read(adapter).messages;
    expect(after[0]).toEqual(second);
    expect(after.at(-1)).toMatchObject({ key: 'urn:li:msg_message:(fixture,newest)', timeLabel: 'Today 11:05 AM' });
    // What a first read of the page finds (no earlier read to start from).
    expect(read(createLinkedinAdapter()).messages).toEqual(after);

    // A new day and more groups: the window moves past them; the next read starts from the last one's.
    const dayHeading = document.createElement('li');
    dayHeading.innerHTML = '<time>Tomorrow</time>';
    required(document.querySelector(`${L.messageList} ul`), 'message list').append(dayHeading);
    for (let i = 0; i < 150; i++) append(`tomorrow ${i}`, { head: i % 50 === 0 ? `${7 + i / 50}:00 AM` : '' });
    const moved = read(adapter).messages;
    expect(moved.at(-1)).toMatchObject({ timeLabel: 'Tomorrow 9:00 AM' });
    expect(moved).toEqual(read(createLinkedinAdapter()).messages);
    for (let i = 0; i < 60; i++) append(`more ${i}`);
    expect(read(adapter).messages).toEqual(read(createLinkedinAdapter()).messages);
  });

  it('a read looks at the rows of its window only: the day and the group above it are found, not walked back to', () => {
    loadFixtureDocument('linkedin/messaging.html', threadUrl(ANNA));
    const rows = (from: number, count: number) => {
      for (let i = from; i < from + count; i++)
        append(`row ${i}`, {
          head: i % 10 === 0 ? `${10 + Math.floor(i / 600)}:${String((i / 10) % 60).padStart(2, '0')} AM` : '',
        });
    };
    /** One read, and the element queries it made: per event (for its times) and in all. */
    const queriedRead = () => {
      const all = vi.spyOn(Element.prototype, 'querySelectorAll');
      const one = vi.spyOn(Element.prototype, 'querySelector');
      const messages = read().messages;
      const perEvent = all.mock.contexts.filter(
        (context, i) => all.mock.calls[i]?.[0] === L.time && (context as Element).matches(L.event),
      ).length;
      const queries = all.mock.calls.length + one.mock.calls.length;
      all.mockRestore();
      one.mockRestore();
      return { messages, perEvent, queries };
    };
    rows(0, 400);
    const first = queriedRead();
    // The newest 100 are rows 300–399: their day is the thread's first heading, far above.
    expect(first.messages[0]).toMatchObject({ timeLabel: 'Today 10:30 AM' });
    expect(first.messages.at(-1)).toMatchObject({ timeLabel: 'Today 10:39 AM' });
    // The list's times are asked for once, not event by event (that was most of a read while rows arrive).
    expect(first.perEvent).toBe(0);
    // Twice the rows, the same work.
    rows(400, 400);
    const longer = queriedRead();
    expect(longer.messages.at(-1)).toMatchObject({ timeLabel: 'Today 11:19 AM' });
    expect(longer.queries).toBe(first.queries);
  });

  /** Replaces the pane's parts with the saved conversation's, as LinkedIn's re-render does. */
  const render = (threadId: string, ...selectors: string[]) => {
    const saved = required(
      document.querySelector<HTMLTemplateElement>(`template[data-thread="${threadId}"]`),
      threadId,
    );
    for (const selector of selectors) {
      const next = required(saved.content.querySelector(selector), selector).cloneNode(true);
      required(document.querySelector(`${L.page.scope} ${selector}`), selector).replaceWith(next);
    }
  };

  it('after a switch the pane counts once the person and the list re-rendered (the form may stay); InMail is its own kind', () => {
    loadFixtureDocument('linkedin/messaging.html', threadUrl(ANNA));
    const adapter = createLinkedinAdapter();
    expect(read(adapter).state).toBe('thread');

    history.pushState(null, '', threadUrl(CARLA_INMAIL));
    expect(read(adapter)).toMatchObject({ state: 'loading', threadId: CARLA_INMAIL, participant: null });
    render(CARLA_INMAIL, '.msg-title-bar');
    expect(read(adapter).state).toBe('loading');
    render(CARLA_INMAIL, '.msg-s-message-list-container');
    expect(read(adapter)).toMatchObject({ state: 'thread', composerKind: 'linkedin-message' });
    render(CARLA_INMAIL, 'form.msg-form');
    expect(read(adapter)).toMatchObject({
      state: 'thread',
      threadId: CARLA_INMAIL,
      participant: { name: 'Carla Mendes', profileUrl: 'https://www.linkedin.com/in/carla-mendes-recruiting/' },
      messages: [],
      composerKind: 'linkedin-inmail',
    });
  });

  it('watches the page’s main element there', () => {
    loadFixtureDocument('linkedin/messaging.html', threadUrl(ANNA));
    expect(createLinkedinAdapter().observationRoot(document)).toBe(document.querySelector('main'));
  });
});

describe('LinkedIn adapter reading overlay windows', () => {
  const annaWindow = {
    state: 'thread',
    threadId: ANNA,
    surface: `overlay:${ANNA}`,
    participant: { name: 'Anna Berger', profileUrl: 'https://www.linkedin.com/in/anna-berger-4711/' },
    messages: [{ direction: 'inbound', timeLabel: 'Today 10:02 AM' }],
    composerKind: 'linkedin-message',
    health: { participant: 'found', messages: 'found', composer: 'found' },
  };

  it('a window in the page: its own thread from its link, the page watched as a whole', () => {
    loadFixtureDocument('linkedin/overlay.html', FEED);
    const adapter = createLinkedinAdapter();
    expect(read(adapter)).toMatchObject({ ...annaWindow, url: FEED });
    expect(adapter.observationRoot(document)).toBe(document.body);
  });

  it('a window inside the interop outlet: read through the open shadow root, which is what is watched', () => {
    loadFixtureDocument('linkedin/overlay-shadow.html', FEED);
    const adapter = createLinkedinAdapter();
    expect(read(adapter)).toMatchObject(annaWindow);
    expect(adapter.observationRoot(document)).toBe(outletRoot());
  });

  it('two windows: none chosen without focus; the focused one, then the last focused one, is the conversation', () => {
    loadFixtureDocument('linkedin/overlay-two.html', FEED);
    const adapter = createLinkedinAdapter();
    expect(read(adapter)).toMatchObject({
      state: 'no-conversation',
      threadId: null,
      health: { composer: 'ambiguous' },
    });

    const [annaEditor, benEditor] = outletRoot().querySelectorAll<HTMLElement>(L.composer);
    required(benEditor, 'second window').focus();
    expect(read(adapter)).toMatchObject({
      threadId: BEN,
      surface: `overlay:${BEN}`,
      participant: { name: 'Ben Okafor' },
    });
    // Focus leaves for our panel (an iframe): Ben's window is still the one being answered.
    benEditor?.blur();
    expect(document.activeElement).toBe(document.body);
    expect(read(adapter).threadId).toBe(BEN);
    required(annaEditor, 'first window').focus();
    expect(read(adapter).threadId).toBe(ANNA);
  });

  it('a minimized window is not a surface; a window for a new message is no conversation yet', () => {
    loadFixtureDocument('linkedin/overlay-two.html', FEED);
    const [anna, ben] = outletRoot().querySelectorAll(L.overlay.scope);
    ben?.classList.add(L.minimizedOverlay);
    expect(read()).toMatchObject({ threadId: ANNA, state: 'thread' });

    required(anna?.querySelector(L.threadLink), 'thread link').remove();
    required(anna?.querySelector(L.overlay.name), 'title').textContent = 'New message';
    expect(read()).toMatchObject({ state: 'no-conversation', surface: 'overlay:new', participant: null });
  });

  it('inserting where the page has no editing commands (jsdom) fails as verify-failed, without throwing', async () => {
    loadFixtureDocument('linkedin/overlay.html', FEED);
    expect(await createLinkedinAdapter().insertText(document, 'Hi', ANNA)).toMatchObject({
      ok: false,
      reason: 'verify-failed',
    });
    expect(await createLinkedinAdapter().insertText(document, 'Hi', BEN)).toMatchObject({
      ok: false,
      reason: 'conversation-changed',
    });
  });
});

describe('LinkedIn adapter reading a profile’s invitation note', () => {
  const PROFILE = 'https://www.linkedin.com/in/anna-berger-4711/';
  const noteOpen = () => {
    loadFixtureDocument('linkedin/profile-invite.html', PROFILE);
    return required(addInviteNote(required(openInviteDialog(document), 'invitation dialog')), 'note');
  };

  it('is a conversation with the profile’s person once "Add a note" is chosen; its composer is the note alone', () => {
    const note = noteOpen();
    const adapter = createLinkedinAdapter();
    expect(read(adapter)).toMatchObject({
      state: 'thread',
      threadId: 'invitation:anna-berger-4711',
      surface: 'invite',
      participant: { name: 'Anna Berger', profileUrl: PROFILE },
      messages: [],
      composerKind: 'linkedin-connection-note',
      health: { participant: 'found', messages: 'found', composer: 'found' },
    });
    const access = adapter.composerAccess?.(document);
    expect(access?.target.composer).toBe(note);
    expect(access?.engine.name).toBe('react-textarea');
    // The page's other text field (a post comment) is never the composer.
    const comment = required(document.querySelector('textarea[aria-label="Comment on a post"]'), 'comment box');
    expect(composerHolding(access, comment)).toBeNull();
    expect(composerHolding(access, note)).toBe(note);
  });

  it('before "Add a note", and on the profile alone, there is no conversation', () => {
    loadFixtureDocument('linkedin/profile-invite.html', PROFILE);
    expect(read().state).toBe('not-messages');
    openInviteDialog(document);
    expect(read().state).toBe('not-messages');
  });

  it('a note found by one of its two signals is weak, never another field', () => {
    const note = noteOpen();
    note.removeAttribute('id');
    const snapshot = read();
    expect(snapshot.health.composer).toBe('weak');
    expect(snapshot.drift?.find((report) => report.part === 'composer')?.failedSignals).toEqual(['composer-class']);
    expect(createLinkedinAdapter().composerAccess?.(document)?.target.composer).toBe(note);
  });
});
