// @vitest-environment jsdom
// One test per declared signal, generated from the four selectors files' SignalTables: a signal without an
// entry in REMOVALS fails the suite. Each removes that signal alone from a fixture page on which the part rests
// on exactly two signals, and checks that the part is then `weak` with the same value (never a wrong one) and
// that the drift report names the removed signal.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACEBOOK_SIGNALS } from '@/utils/platforms/facebook.selectors';
import { INSTAGRAM_SIGNALS } from '@/utils/platforms/instagram.selectors';
import { LINKEDIN_SIGNALS } from '@/utils/platforms/linkedin.selectors';
import type { Platform } from '@/utils/platforms/sites';
import type { SignalSpec } from '@/utils/platforms/toolkit/signals';
import type { PagePart, PageSnapshot } from '@/utils/platforms/types';
import { X_SIGNALS } from '@/utils/platforms/x.selectors';
import { ADAPTERS, fixturePage, messageLines } from './fixture-pages';

const SIGNALS = { instagram: INSTAGRAM_SIGNALS, facebook: FACEBOOK_SIGNALS, x: X_SIGNALS, linkedin: LINKEDIN_SIGNALS };

/** Where a signal is removed: the fixture page (fixture-pages.ts title) and how. */
type Removal = { page: string; remove(doc: Document): void };
type Removals = {
  [P in Platform]: { [Part in keyof (typeof SIGNALS)[P]]: Record<keyof (typeof SIGNALS)[P][Part], Removal> };
};

/** Applies `change` to every element of `root` matching `selector`. */
function onEach(root: Document | ShadowRoot, selector: string, change: (element: Element) => void) {
  for (const element of root.querySelectorAll(selector)) change(element);
}
const unwrap = (element: Element) => element.replaceWith(...element.childNodes);
const dropAttribute = (name: string) => (element: Element) => element.removeAttribute(name);
const xChat = (doc: Document) => doc.querySelector('[data-testid="xchatEmbedRoute"]')?.shadowRoot as ShadowRoot;

const IG = 'instagram/thread.html (rows without role=row)';
const FB = 'facebook/thread.html';
const FB_GROUP = 'facebook/thread.html ~ group';
const FB_POPUP = 'facebook/popup.html, one pop-up focused';
const X_CHAT = 'x/chat-thread.html';
const LI = 'linkedin/messaging.html';

const REMOVALS: Removals = {
  instagram: {
    participant: {
      'profile-link': { page: IG, remove: (doc) => onEach(doc, 'main a[href="/anna.berger/"]', unwrap) },
      'conversation-label': {
        page: IG,
        remove: (doc) => onEach(doc, '[aria-label^="Conversation with"]', dropAttribute('aria-label')),
      },
    },
    messages: {
      'conversation-label': {
        page: IG,
        remove: (doc) => onEach(doc, '[aria-label^="Conversation with"]', dropAttribute('aria-label')),
      },
      'content-scroller': { page: IG, remove: (doc) => onEach(doc, 'main [role="none"]', dropAttribute('role')) },
    },
    composer: {
      'composer-label': {
        page: IG,
        remove: (doc) => doc.querySelector('[aria-label="Message"]')?.setAttribute('aria-label', 'Messaggio scritto'),
      },
      'lexical-hook': {
        page: IG,
        remove: (doc) => onEach(doc, '[data-lexical-editor]', dropAttribute('data-lexical-editor')),
      },
    },
  },
  facebook: {
    participant: {
      'profile-link': { page: FB_POPUP, remove: (doc) => onEach(doc, '.xchatbox:first-child a[href]', unwrap) },
      'write-to-label': {
        page: FB_GROUP,
        remove: (doc) => onEach(doc, '[role=main] [role=textbox]', dropAttribute('aria-label')),
      },
      title: { page: FB_GROUP, remove: (doc) => onEach(doc, '[role=main] h2', unwrap) },
    },
    messages: {
      'list-role': { page: FB, remove: (doc) => onEach(doc, '[role=main] [role=grid]', dropAttribute('role')) },
      'message-cells': { page: FB, remove: (doc) => onEach(doc, '[data-scope]', dropAttribute('data-scope')) },
    },
    composer: {
      'composer-area': {
        page: FB,
        remove: (doc) => onEach(doc, '[aria-label="Thread composer"]', dropAttribute('aria-label')),
      },
      'lexical-hook': {
        page: FB,
        remove: (doc) => onEach(doc, '[data-lexical-editor]', dropAttribute('data-lexical-editor')),
      },
    },
  },
  x: {
    participant: {
      'name-hook': {
        page: X_CHAT,
        remove: (doc) => onEach(xChat(doc), '[data-testid="dm-conversation-username"]', dropAttribute('data-testid')),
      },
      'header-link': {
        page: X_CHAT,
        remove: (doc) => onEach(xChat(doc), '[data-testid="dm-conversation-header"] a', dropAttribute('aria-label')),
      },
      'page-title': {
        page: 'x/legacy-thread.html',
        remove: (doc) => {
          doc.title = 'Messages / X';
        },
      },
    },
    messages: {
      'list-hook': {
        page: X_CHAT,
        remove: (doc) => onEach(xChat(doc), '[data-testid="dm-message-scroller"]', dropAttribute('data-testid')),
      },
      'list-structure': {
        page: X_CHAT,
        remove: (doc) => onEach(xChat(doc), '[role="log"]', dropAttribute('role')),
      },
    },
    composer: {
      'composer-hook': {
        page: X_CHAT,
        remove: (doc) => onEach(xChat(doc), 'textarea', dropAttribute('data-testid')),
      },
      'composer-structure': {
        page: X_CHAT,
        remove: (doc) =>
          onEach(xChat(doc), 'form', (form) => {
            const div = doc.createElement('div');
            div.append(...form.childNodes);
            form.replaceWith(div);
          }),
      },
    },
  },
  linkedin: {
    participant: {
      'title-class': {
        page: LI,
        remove: (doc) => onEach(doc, '.msg-entity-lockup__entity-title', (title) => title.removeAttribute('class')),
      },
      'profile-heading': { page: LI, remove: (doc) => onEach(doc, '.msg-title-bar a', unwrap) },
    },
    messages: {
      'list-class': {
        page: LI,
        remove: (doc) => onEach(doc, '.msg-s-message-list', (list) => list.removeAttribute('class')),
      },
      'event-urns': {
        page: LI,
        remove: (doc) => onEach(doc, '[data-event-urn]', dropAttribute('data-event-urn')),
      },
    },
    composer: {
      'composer-class': {
        page: LI,
        remove: (doc) =>
          onEach(doc, '.msg-form__contenteditable', (box) => box.classList.remove('msg-form__contenteditable')),
      },
      'form-textbox': {
        page: LI,
        remove: (doc) =>
          onEach(doc, '.msg-thread form', (form) => {
            const div = doc.createElement('div');
            div.append(...form.childNodes);
            form.replaceWith(div);
          }),
      },
    },
  },
};

/** The part's value as the snapshot reports it: the person's name, the messages, the composer found. */
function partValue(part: PagePart, snapshot: PageSnapshot): unknown {
  if (part === 'participant') return snapshot.participant?.name;
  if (part === 'messages') return messageLines(snapshot);
  return snapshot.composerKind;
}

const cases = (Object.keys(SIGNALS) as Platform[]).flatMap((platform) =>
  Object.entries(SIGNALS[platform]).flatMap(([part, signals]) =>
    Object.keys(signals).map((signal) => [platform, part as PagePart, signal] as const),
  ),
);

describe.each(cases)('%s %s: signal %s removed alone', (platform, part, signal) => {
  const removal = (REMOVALS[platform] as Record<string, Record<string, Removal> | undefined>)[part]?.[signal];

  it('has a removal test', () => expect(removal, `REMOVALS.${platform}.${part}['${signal}']`).toBeDefined());

  it('names its sources: public URLs or research in docs/ (nothing outside the repository)', () => {
    const { sources, date } = (SIGNALS[platform] as Record<string, Record<string, SignalSpec>>)[part]?.[signal] ?? {};
    expect(sources?.length).toBeGreaterThan(0);
    for (const source of sources ?? []) {
      if (/^https:\/\//.test(source)) continue;
      expect(source).toMatch(/^docs\//);
      expect(existsSync(resolve(import.meta.dirname, '../../..', source)), source).toBe(true);
    }
    expect(date).toMatch(/^20\d\d-\d\d-\d\d$/);
  });

  it('leaves the part weak with the same value, and the drift report names the signal', async () => {
    if (!removal) return;
    const page = fixturePage(removal.page);
    const read = (doc: Document) => ADAPTERS[platform]().read(doc, new URL(doc.location.href));
    const base = read(page.load());
    expect(base.health[part as keyof PageSnapshot['health']], 'the part is found on the page as saved').toBe('found');
    const doc = page.load();
    removal.remove(doc);
    const snapshot = read(doc);
    expect(snapshot.health[part as keyof PageSnapshot['health']]).toBe('weak');
    expect(partValue(part, snapshot)).toEqual(partValue(part, base));
    const report = snapshot.drift?.find((each) => each.part === part);
    expect(report).toMatchObject({ health: 'weak' });
    // Weak: exactly one declared signal still holds; the removed one is among those that failed.
    expect(report?.failedSignals).toContain(signal);
    expect(report?.failedSignals).toHaveLength(Object.keys(SIGNALS[platform][part as never]).length - 1);
  });
});
