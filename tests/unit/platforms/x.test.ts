// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://x.com/"}
import { createElement, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createXAdapter } from '@/utils/platforms/x';
import { X_SELECTORS } from '@/utils/platforms/x.selectors';
import { attachShadowFrom, loadFixtureDocument, loadXChatPage } from '../../fixtures/x/adapter-jsdom';

// The X selectors and reader against the fixture pages (tests/fixtures/x/*.html). X Chat's pages keep
// the shadow tree in <template id="xchat">, which chat.entry.tsx attaches late, as X's Chat bundle does;
// here the tests attach it.

const ANNA = '44196397-783214';
const BEN = '44196397-901234';
const CARLA = '44196397-555111';
const chatUrl = (threadId: string) => `https://x.com/i/chat/${threadId}`;
const TEXT = 'Hi Anna,\n\nthanks for your message 🙂 — Grüße aus Köln!\n\nBest, Tom';

function required<T>(value: T | null | undefined, what: string): T {
  if (value == null) throw new Error(`fixture has no ${what}`);
  return value;
}

const savedTree = (selector: string) => required(document.querySelector<HTMLTemplateElement>(selector), selector);

const chatPage = loadXChatPage;

const read = (adapter = createXAdapter()) => adapter.read(document, new URL(location.href));
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('X selectors on the fixture pages', () => {
  it('Chat: every part once inside the shadow root, nothing of it visible from the document', () => {
    const root = chatPage('x/chat-thread.html', chatUrl(ANNA));
    const counts = { header: 1, name: 1, list: 1, row: 3, time: 3, composer: 1 } as const;
    for (const [part, count] of Object.entries(counts)) {
      const selector = X_SELECTORS.chat[part as keyof typeof counts];
      expect(root.querySelectorAll(selector), part).toHaveLength(count);
      expect(document.querySelectorAll(selector), part).toHaveLength(0);
    }
    expect(root.querySelectorAll(X_SELECTORS.passcodeInput)).toHaveLength(0);
    expect(root.querySelectorAll(X_SELECTORS.requestPrompt)).toHaveLength(0);
  });

  it('Chat gates: four passcode digits; a request prompt instead of a composer', () => {
    expect(chatPage('x/chat-passcode.html', chatUrl(BEN)).querySelectorAll(X_SELECTORS.passcodeInput)).toHaveLength(4);
    const request = chatPage('x/chat-request.html', `https://x.com/i/chat/requests/${CARLA}`);
    expect(request.querySelectorAll(X_SELECTORS.requestPrompt)).toHaveLength(1);
    expect(request.querySelectorAll(X_SELECTORS.chat.composer)).toHaveLength(0);
  });

  it('legacy: every part once in the document', () => {
    loadFixtureDocument('x/legacy-thread.html', `https://x.com/messages/${ANNA}`);
    const counts = { header: 1, list: 1, row: 2, time: 2, composer: 1 } as const;
    for (const [part, count] of Object.entries(counts)) {
      expect(document.querySelectorAll(X_SELECTORS.legacy[part as keyof typeof counts]), part).toHaveLength(count);
    }
    expect(document.querySelectorAll(`${X_SELECTORS.legacy.header} ${X_SELECTORS.legacy.name}`)).toHaveLength(1);
  });
});

describe('X adapter reading the fixture pages', () => {
  it('reads a Chat thread: participant and handle, uuid keys, directions from the layout, time labels', () => {
    chatPage('x/chat-thread.html', chatUrl(ANNA));
    expect(read()).toEqual({
      platform: 'x',
      url: chatUrl(ANNA),
      pageLanguage: 'en',
      state: 'thread',
      threadId: ANNA,
      surface: 'page',
      participant: { name: 'Anna Berger', handle: 'anna_berger', profileUrl: 'https://x.com/anna_berger' },
      messages: [
        { key: '0b6d5c1e-7f2a-4c3b-9d8e-1a2b3c4d5e6f', direction: 'inbound', timeLabel: '6:14 PM' },
        { key: '5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716', direction: 'outbound', timeLabel: '6:20 PM' },
        { key: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', direction: 'inbound', timeLabel: '6:31 PM' },
      ],
      composerKind: 'x-chat',
      health: { participant: 'found', messages: 'found', composer: 'found' },
    });
  });

  it('strips the "Unencrypted" badge text glued to a name', () => {
    const root = chatPage('x/chat-thread.html', chatUrl(ANNA));
    required(root.querySelector(X_SELECTORS.chat.name), 'name').append('Unencrypted');
    expect(read().participant?.name).toBe('Anna Berger');
  });

  it('outside the messages area there is nothing to watch', () => {
    loadFixtureDocument('x/chat-inbox.html', 'https://x.com/home');
    const adapter = createXAdapter();
    expect(read(adapter).state).toBe('not-messages');
    expect(adapter.observationRoot(document)).toBeNull();
  });

  it('reads a legacy thread: directions from the computed layout, digest keys that are stable and distinct', () => {
    loadFixtureDocument('x/legacy-thread.html', `https://x.com/messages/${ANNA}`);
    const snapshot = read();
    expect(snapshot).toMatchObject({
      state: 'thread',
      threadId: ANNA,
      participant: { name: 'Anna Berger', handle: 'anna_berger' },
      messages: [
        { direction: 'inbound', timeLabel: '6:14 PM' },
        { direction: 'outbound', timeLabel: '6:20 PM' },
      ],
      composerKind: 'x-legacy',
      health: { participant: 'found', messages: 'found', composer: 'found' },
    });
    const keys = snapshot.messages.map((message) => message.key);
    const keysNow = () => read().messages.map((message) => message.key);
    expect(new Set(keys).size).toBe(2);
    expect(keys.join()).not.toMatch(/blue|hold/);
    expect(keysNow()).toEqual(keys);

    // An older message loading above keeps the keys below it; a repeated message gets a key of its own.
    const viewport = required(document.querySelector(X_SELECTORS.legacy.list), 'viewport');
    const older = required(viewport.firstElementChild, 'first cell').cloneNode(true) as Element;
    required(older.querySelector('span[dir]'), 'text').textContent = 'Hello?';
    viewport.prepend(older);
    expect(keysNow().slice(1)).toEqual(keys);
    viewport.append(required(viewport.lastElementChild, 'last cell').cloneNode(true));
    expect(new Set(keysNow()).size).toBe(4);
  });

  it('a message row whose side cannot be told is left out and reported as ambiguous', () => {
    const root = chatPage('x/chat-thread.html', chatUrl(ANNA));
    required(root.querySelector(X_SELECTORS.chat.row), 'row').classList.remove('justify-start');
    expect(read()).toMatchObject({ health: { messages: 'ambiguous' } });
    expect(read().messages).toHaveLength(2);
  });
});

describe('X Chat shadow root and thread switches', () => {
  afterEach(() => vi.useRealTimers());

  it('a host whose shadow root is not attached yet: loading, and the watcher is woken once it is', async () => {
    vi.useFakeTimers();
    loadFixtureDocument('x/chat-thread.html', chatUrl(ANNA));
    const adapter = createXAdapter();
    expect(read(adapter).state).toBe('loading');

    // attachShadow emits no mutation: the adapter hands out a detached node it touches when the root arrives.
    const signal = required(adapter.observationRoot(document), 'signal');
    expect(signal.isConnected).toBe(false);
    expect(adapter.observationRoot(document)).toBe(signal);
    const woken = vi.fn();
    new MutationObserver(woken).observe(signal, { characterData: true });
    const root = attachShadowFrom(required(document.querySelector(X_SELECTORS.chatHost), 'host'), savedTree('#xchat'));
    await vi.advanceTimersByTimeAsync(100);

    expect(woken).toHaveBeenCalledOnce();
    expect(adapter.observationRoot(document)).toBe(root);
    expect(read(adapter).state).toBe('thread');
  });

  /** Replaces one part of the open conversation with the saved next one's, as X's re-render does. */
  const render = (root: ShadowRoot, selector: string) =>
    required(root.querySelector(selector), selector).replaceWith(
      required(savedTree(`template[data-conversation="${BEN}"]`).content.querySelector(selector), selector).cloneNode(
        true,
      ),
    );

  it('a list kept mounted counts as moved once none of the previous messages is left in it', () => {
    const root = chatPage('x/chat-thread.html', chatUrl(ANNA));
    const adapter = createXAdapter();
    read(adapter);
    history.pushState(null, '', chatUrl(BEN));
    render(root, '[data-testid="dm-conversation-header"]');
    const list = required(root.querySelector('[data-testid="dm-message-scroller"]'), 'list');
    const next = required(
      savedTree(`template[data-conversation="${BEN}"]`).content.querySelector('[data-testid="dm-message-scroller"]'),
      'next list',
    );
    const [first, ...rest] = [...list.children];
    first?.replaceWith(...[...next.children].map((row) => row.cloneNode(true)));
    expect(read(adapter).state).toBe('loading');
    for (const row of rest) row.remove();
    expect(read(adapter)).toMatchObject({ state: 'thread', participant: { name: 'Ben Okafor' } });
  });
});

/** React's own state of the composer that mountReactComposer() renders. */
let reactState = '';

/** X Chat's composer as a React 19 controlled textarea. */
function ReactComposer() {
  const [value, setValue] = useState('');
  reactState = value;
  return createElement('textarea', {
    'data-testid': 'dm-composer-textarea',
    value,
    onChange: (event: { target: HTMLTextAreaElement }) => setValue(event.target.value),
  });
}

describe('X Chat insertion into a React-controlled textarea (jsdom: no execCommand)', () => {
  /** Renders ReactComposer in the Chat thread's shadow root; returns a read of React's state. */
  function mountReactComposer(): { state: () => string; box: HTMLTextAreaElement } {
    const root = chatPage('x/chat-thread.html', chatUrl(ANNA));
    const slot = required(root.querySelector('[data-fixture-slot="composer"]'), 'composer slot');
    slot.replaceChildren();
    const reactRoot = createRoot(slot);
    flushSync(() => reactRoot.render(createElement(ReactComposer)));
    return { state: () => reactState, box: required(slot.querySelector('textarea'), 'textarea') };
  }

  afterEach(() => {
    Reflect.deleteProperty(document, 'execCommand');
  });

  it('assigning .value never reaches React: its value tracker swallows the change', async () => {
    const { state, box } = mountReactComposer();
    box.value = 'assigned';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await tick();
    expect(state()).toBe('');
  });

  it('the native setter plus an input event does: the text lands once in React’s state', async () => {
    const { state } = mountReactComposer();
    expect(await createXAdapter().insertText(document, TEXT, ANNA)).toEqual({ ok: true });
    expect(state()).toBe(TEXT);
  });

  it('at the caret, replacing the selection', async () => {
    const { state, box } = mountReactComposer();
    const adapter = createXAdapter();
    await adapter.insertText(document, 'Hello dear world', ANNA);
    box.setSelectionRange('Hello '.length, 'Hello dear '.length);
    expect(await adapter.insertText(document, TEXT, ANNA)).toEqual({ ok: true });
    expect(state()).toBe(`Hello ${TEXT}world`);
  });

  it('an editor that changed but not as expected gets no second copy', async () => {
    const { state, box } = mountReactComposer();
    Object.assign(document, {
      execCommand: (_command: string, _ui: boolean, value: string) => {
        const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
        setter?.call(box, value + value);
        box.dispatchEvent(new Event('input', { bubbles: true }));
        return true;
      },
    });
    expect(await createXAdapter().insertText(document, TEXT, ANNA)).toMatchObject({
      ok: false,
      reason: 'verify-failed',
    });
    expect(state()).toBe(TEXT + TEXT);
  });

  it('inserts nothing into another conversation, a request, or a missing composer', async () => {
    const { state } = mountReactComposer();
    const adapter = createXAdapter();
    expect(await adapter.insertText(document, TEXT, BEN)).toMatchObject({ ok: false, reason: 'conversation-changed' });
    expect(state()).toBe('');

    chatPage('x/chat-request.html', `https://x.com/i/chat/requests/${CARLA}`);
    expect(await adapter.insertText(document, TEXT, CARLA)).toMatchObject({ ok: false, reason: 'not-a-thread' });

    const root = chatPage('x/chat-thread.html', chatUrl(ANNA));
    root.querySelector('[data-fixture-slot="composer"]')?.remove();
    expect(await createXAdapter().insertText(document, TEXT, ANNA)).toMatchObject({
      ok: false,
      reason: 'composer-missing',
    });
  });
});
