// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://x.com/"}
import { afterEach, describe, expect, it, vi } from 'vitest';
import { facebookInbox } from '@/utils/platforms/facebook';
import { instagramInbox } from '@/utils/platforms/instagram';
import { linkedinInbox } from '@/utils/platforms/linkedin';
import type { Platform } from '@/utils/platforms/sites';
import type { InboxListReader, InboxRow } from '@/utils/platforms/types';
import { xInbox } from '@/utils/platforms/x';
import {
  INBOX_LISTS,
  INBOX_PREVIEWS,
  isUnread,
  LINKEDIN_GHOST_ROW,
  lastIsMine,
  personAt,
  RENDERED_ROWS,
  rowHandle,
  rowThreadId,
} from '../../fixtures/inbox-lists';
import { loadFixturePage } from '../../fixtures/instagram/meta-jsdom';
import {
  FACEBOOK_VARIANTS,
  type FixtureVariant,
  INSTAGRAM_VARIANTS,
  LINKEDIN_VARIANTS,
  X_VARIANTS,
} from '../../fixtures/variants';
import { loadFixtureDocument, loadXChatPage } from '../../fixtures/x/adapter-jsdom';
import { ADAPTERS, FB_THREAD_URL, IG_THREAD_URL, X_ANNA } from './fixture-pages';

// Each adapter's conversation list reader (issue #16) over its inbox-list fixture (tests/fixtures/<platform>/
// inbox-list.html, written from tests/fixtures/inbox-lists.ts): every rendered row, nothing of the rows
// scrolled out of the virtualized window, no preview text, and nothing touched on the page.

const PAGES: Record<Platform, { url: string; reader: InboxListReader; load: (url: string) => Document }> = {
  instagram: {
    url: 'https://www.instagram.com/direct/inbox/',
    reader: instagramInbox,
    load: (url) => loadFixturePage('instagram/inbox-list.html', url),
  },
  facebook: {
    url: 'https://www.facebook.com/messages/',
    reader: facebookInbox,
    load: (url) => loadFixturePage('facebook/inbox-list.html', url),
  },
  x: {
    url: 'https://x.com/i/chat',
    reader: xInbox,
    load: (url) => {
      loadXChatPage('x/chat-inbox-list.html', url);
      return document;
    },
  },
  linkedin: {
    url: 'https://www.linkedin.com/messaging/',
    reader: linkedinInbox,
    load: (url) => loadFixtureDocument('linkedin/inbox-list.html', url),
  },
};

const readList = (platform: Platform, url = PAGES[platform].url) => {
  const page = PAGES[platform];
  const doc = page.load(url);
  return { doc, rows: page.reader.read(doc, new URL(url)) };
};

/** What the table says row i of `platform`'s list must read as (without the avatar shape). */
function expectedRow(platform: Platform, i: number): Omit<InboxRow, 'avatarShape'> {
  return {
    name: personAt(platform, i),
    ...((platform === 'facebook' || platform === 'x') && { threadId: rowThreadId(platform, i) }),
    ...((platform === 'instagram' || platform === 'x') && { handle: rowHandle(platform, i) }),
    unread: isUnread(i),
    lastFrom: lastIsMine(i) ? 'me' : 'them',
    timeLabel: INBOX_LISTS[platform].labels[i] as string,
  };
}

afterEach(() => vi.restoreAllMocks());

describe.each(Object.keys(PAGES) as Platform[])('the %s inbox list', (platform) => {
  it('reads every rendered row: name, link, unread, whose message came last and the time label', () => {
    const { rows } = readList(platform);
    expect(rows).toHaveLength(RENDERED_ROWS);
    rows.forEach((row, i) => {
      const { avatarShape, ...rest } = row;
      expect(rest, `row ${i}`).toEqual(expectedRow(platform, i));
    });
  });

  it('reports no preview text of any row', () => {
    const json = JSON.stringify(readList(platform).rows);
    for (const preview of [...INBOX_PREVIEWS.theirs, ...INBOX_PREVIEWS.mine]) expect(json).not.toContain(preview);
    expect(json).not.toContain(INBOX_LISTS[platform].you);
  });

  it('reads without clicking, focusing, scrolling or hovering anything', () => {
    const { doc } = readList(platform);
    const view = doc.defaultView as Window & typeof globalThis;
    // jsdom has no scrolling: a stand-in that records any call.
    view.Element.prototype.scrollIntoView ??= () => undefined;
    const touched = [
      vi.spyOn(view.HTMLElement.prototype, 'click'),
      vi.spyOn(view.HTMLElement.prototype, 'focus'),
      vi.spyOn(view.Element.prototype, 'scrollIntoView'),
      vi.spyOn(view.EventTarget.prototype, 'dispatchEvent'),
    ];
    expect(PAGES[platform].reader.read(doc, new URL(PAGES[platform].url))).toHaveLength(RENDERED_ROWS);
    for (const spy of touched) expect(spy).not.toHaveBeenCalled();
  });

  it('reads nothing outside the messaging pages', () => {
    const { doc } = readList(platform);
    expect(PAGES[platform].reader.read(doc, new URL('/settings/', PAGES[platform].url))).toEqual([]);
  });
});

describe('LinkedIn rows without links or ids', () => {
  it('tell two people of the same name apart by the shape of their avatar, and keep a picture its shape', () => {
    const { rows } = readList('linkedin');
    const davids = rows.filter((row) => row.name === 'David Kim');
    expect(davids).toHaveLength(2);
    expect(davids[0]?.avatarShape).not.toBe(davids[1]?.avatarShape);
    expect(rows[LINKEDIN_GHOST_ROW]?.avatarShape).toBe('none');
    // The same picture at another size and signature is the same shape; the digest shows no URL.
    const { doc } = readList('linkedin');
    const image = doc.querySelector('img.presence-entity__image') as HTMLImageElement;
    const before = linkedinInbox.read(doc, new URL(PAGES.linkedin.url))[0]?.avatarShape;
    image.src = image.src.replace(/shrink_100_100/g, 'shrink_400_400').replace(/t=sig0/, 't=other');
    expect(linkedinInbox.read(doc, new URL(PAGES.linkedin.url))[0]?.avatarShape).toBe(before);
    expect(before).not.toContain('licdn');
  });

  it('marks the row the list shows as open', () => {
    const { doc } = readList('linkedin');
    doc
      .querySelectorAll('.msg-conversation-listitem__link')[2]
      ?.classList.add('msg-conversations-container__convo-item-link--active');
    const rows = linkedinInbox.read(doc, new URL(PAGES.linkedin.url));
    expect(rows.filter((row) => row.active).map((row) => row.name)).toEqual([personAt('linkedin', 2)]);
  });
});

describe('rows that do not say enough are skipped, never guessed', () => {
  it('a Messenger row whose avatar and name disagree', () => {
    const { doc } = readList('facebook');
    doc.querySelector('[role="navigation"] [role="row"] img')?.setAttribute('alt', 'Someone Else');
    const rows = facebookInbox.read(doc, new URL(PAGES.facebook.url));
    expect(rows).toHaveLength(RENDERED_ROWS - 1);
    expect(rows.map((row) => row.name)).not.toContain(personAt('facebook', 0));
  });

  it("the thread pages' short lists, whose rows show one line of text without a name element", () => {
    const doc = loadFixturePage('facebook/thread.html', 'https://www.facebook.com/messages/t/7720394857261/');
    expect(facebookInbox.read(doc, new URL('https://www.facebook.com/messages/t/7720394857261/'))).toEqual([]);
  });
});

describe('the LinkedIn list beside an open thread (the inbox-list variant of messaging.html)', () => {
  it('reads its rows as the inbox page shows the same people, with the open one marked', () => {
    const url =
      'https://www.linkedin.com/messaging/thread/2-YTFiMmMzZDQtZTVmNi00YTdiLThjOWQtMGUxZjJhM2I0YzVkXzAxMA%3D%3D/';
    const doc = loadFixtureDocument('linkedin/messaging.html', url);
    LINKEDIN_VARIANTS['inbox-list'].apply(doc);
    const beside = linkedinInbox.read(doc, new URL(url));
    expect(beside.map(({ name, lastFrom, active }) => ({ name, lastFrom, active }))).toEqual([
      { name: 'Anna Berger', lastFrom: 'me', active: true },
      { name: 'Ben Okafor', lastFrom: 'me', active: undefined },
      { name: 'Carla Mendes', lastFrom: 'them', active: undefined },
    ]);
    const inboxPage = readList('linkedin').rows;
    expect(beside.map((row) => row.avatarShape)).toEqual(inboxPage.slice(0, 3).map((row) => row.avatarShape));
  });
});

// The Instagram, Messenger and X Chat thread pages with the inbox rows beside the open thread (tests/fixtures/
// variants.ts 'inbox-list'): the same rows as the inbox pages, the open one (Anna, row 0) marked, and the
// thread read exactly as without the list.
/** A Meta thread page at `url`, with `variant` applied if given. */
const metaThread = (file: string, url: string) => (variant?: FixtureVariant) => {
  const doc = loadFixturePage(file, url);
  variant?.apply(doc);
  return doc;
};
const X_THREAD_URL = `https://x.com/i/chat/${X_ANNA}`;
const BESIDE_THREAD: Record<'instagram' | 'facebook' | 'x', { url: string; load(variant?: FixtureVariant): Document }> =
  {
    instagram: { url: IG_THREAD_URL, load: metaThread('instagram/thread.html', IG_THREAD_URL) },
    facebook: { url: FB_THREAD_URL, load: metaThread('facebook/thread.html', FB_THREAD_URL) },
    x: {
      url: X_THREAD_URL,
      load: (variant) => loadXChatPage('x/chat-thread.html', X_THREAD_URL, variant).ownerDocument,
    },
  };
const BESIDE_VARIANTS = { instagram: INSTAGRAM_VARIANTS, facebook: FACEBOOK_VARIANTS, x: X_VARIANTS };

describe.each(Object.keys(BESIDE_THREAD) as (keyof typeof BESIDE_THREAD)[])(
  'the %s list beside an open thread (the inbox-list variant of its thread page)',
  (platform) => {
    const { url, load } = BESIDE_THREAD[platform];
    const variant = BESIDE_VARIANTS[platform]['inbox-list'];
    const reader = PAGES[platform].reader;

    it('reads every rendered row as the inbox page does, with the open conversation marked', () => {
      const rows = reader.read(load(variant), new URL(url));
      expect(rows).toHaveLength(RENDERED_ROWS);
      rows.forEach(({ avatarShape, ...rest }, i) => {
        expect(rest, `row ${i}`).toEqual({ ...expectedRow(platform, i), ...(i === 0 && { active: true }) });
      });
      expect(rows[0]?.name).toBe('Anna Berger');
    });

    it('reports no preview text of any row', () => {
      const json = JSON.stringify(reader.read(load(variant), new URL(url)));
      for (const preview of [...INBOX_PREVIEWS.theirs, ...INBOX_PREVIEWS.mine]) expect(json).not.toContain(preview);
      expect(json).not.toContain(INBOX_LISTS[platform].you);
    });

    it('reads the thread itself exactly as without the list', () => {
      const adapter = ADAPTERS[platform]();
      const plain = adapter.read(load(), new URL(url));
      const beside = adapter.read(load(variant), new URL(url));
      expect(beside.state).toBe('thread');
      expect(beside).toEqual(plain);
    });
  },
);
