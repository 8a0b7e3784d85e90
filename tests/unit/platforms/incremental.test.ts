// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://x.com/"}
import { describe, expect, it } from 'vitest';
import { createLinkedinAdapter } from '@/utils/platforms/linkedin';
import { LINKEDIN_SELECTORS as L } from '@/utils/platforms/linkedin.selectors';
import { createXAdapter } from '@/utils/platforms/x';
import { loadFixtureDocument, loadXChatPage } from '../../fixtures/x/adapter-jsdom';

// A long-lived adapter keeps state between reads (the thread binding, LinkedIn's memo of where its last
// read started; any reader that reads only what changed, issue #18): after every step of random sequences of
// appends, removals, edits and thread switches, its read must equal a fresh adapter's full read of the page.

/** A small seeded generator (mulberry32), so a failing sequence can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const THREADS = ['44196397-783214', '44196397-901234', '44196397-555111'];
const chatUrl = (threadId: string) => `https://x.com/i/chat/${threadId}`;

function xRow(doc: Document, id: string, side: 'justify-end' | 'justify-start', text: string, time: string) {
  const item = doc.createElement('div');
  item.setAttribute('data-dm-item-key', id);
  item.innerHTML = `<div data-testid="message-${id}" data-dm-message-row="${id}" class="flex ${side}"><div class="bubble"><div data-testid="message-text-${id}"><span dir="auto"></span></div><span id="${id}-time" class="time"></span></div></div>`;
  (item.querySelector('span[dir="auto"]') as Element).textContent = text;
  (item.querySelector('.time') as Element).textContent = time;
  return item;
}

describe('incremental reads equal a fresh full read', () => {
  it('X Chat: appends, removals (virtualized), edits, side and time changes, list remounts, thread switches', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const next = random(seed);
      const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
      const root = loadXChatPage('x/chat-thread.html', chatUrl(THREADS[0] as string));
      const adapter = createXAdapter();
      const url = () => new URL(location.href);
      let made = 0;
      let person = 0;
      const scroller = () => root.querySelector('[data-testid="dm-message-scroller"]') as Element;
      const rows = () => [...scroller().querySelectorAll('[data-dm-message-row]')];
      const append = (count: number) => {
        for (let i = 0; i < count; i++) {
          const id = `00000000-0000-4000-8000-${String(++made).padStart(12, '0')}`;
          const side = next() < 0.5 ? 'justify-end' : 'justify-start';
          scroller().append(xRow(document, id, side, `Row ${made % 7}`, pick(['6:14 PM', '6:15 PM', ''])));
        }
      };
      const steps: (() => void)[] = [
        () => append(1 + Math.floor(next() * 60)),
        () => append(1 + Math.floor(next() * 5)),
        // The virtualized list drops rows at its top, or anywhere.
        () => {
          for (const row of rows().slice(0, Math.floor(next() * 30))) row.parentElement?.remove();
        },
        () => pick(rows())?.parentElement?.remove(),
        () => {
          const row = pick(rows());
          if (row) row.className = row.classList.contains('justify-end') ? 'flex justify-start' : 'flex justify-end';
        },
        () => {
          const time = pick(rows())?.querySelector('.time');
          if (time) time.textContent = pick(['6:40 PM', '7:01 PM', '']);
        },
        () => {
          const text = pick(rows())?.querySelector('span[dir="auto"]')?.firstChild;
          if (text) (text as Text).data = `edited ${next()}`;
        },
        // A row whose side the layout does not tell, then told again.
        () => pick(rows())?.classList.remove('justify-end', 'justify-start'),
        // The list re-rendered: the same rows in a new node.
        () => scroller().replaceWith(scroller().cloneNode(true)),
        // The row moves: the list's last row put back at the top.
        () => {
          const last = rows().at(-1)?.parentElement;
          if (last) scroller().prepend(last);
        },
        // A thread switch in the app: URL, person and list together.
        () => {
          history.pushState(null, '', chatUrl(pick(THREADS)));
          const name = root.querySelector('[data-testid="dm-conversation-username"] div div') as Element;
          name.textContent = `Person ${++person}`;
          const link = root.querySelector('[data-testid="dm-conversation-header"] a') as Element;
          link.setAttribute('aria-label', `Person ${person}`);
          link.setAttribute('href', `/person_${person}`);
          const list = scroller().cloneNode(false) as Element;
          scroller().replaceWith(list);
          append(1 + Math.floor(next() * 20));
        },
        // The header alone changes (a name fixed), and a removed composer.
        () => {
          const name = root.querySelector('[data-testid="dm-conversation-username"] div div') as Element;
          name.textContent = `${name.textContent}!`;
        },
        () => root.querySelector('textarea')?.remove(),
      ];
      for (let step = 0; step < 50; step++) {
        pick(steps)();
        expect(adapter.read(document, url()), `seed ${seed}, step ${step}`).toEqual(
          createXAdapter().read(document, url()),
        );
      }
    }
  }, 60_000);

  it('legacy X: rows without ids keyed by what they show, as rows arrive and leave', () => {
    loadFixtureDocument('x/legacy-thread.html', 'https://x.com/messages/44196397-783214');
    const adapter = createXAdapter();
    const url = new URL(location.href);
    const list = document.querySelector('[data-testid="DmActivityViewport"]') as Element;
    const template = list.querySelector('[data-testid="messageEntry"]') as Element;
    const holder = template.parentElement as Element;
    const next = random(7);
    for (let step = 0; step < 40; step++) {
      if (next() < 0.6) {
        const copy = template.cloneNode(true) as Element;
        const text = copy.querySelector('span') ?? copy;
        text.textContent = `again ${Math.floor(next() * 3)}`;
        holder.append(copy);
      } else list.querySelectorAll('[data-testid="messageEntry"]')[0]?.remove();
      expect(adapter.read(document, url), `step ${step}`).toEqual(createXAdapter().read(document, url));
    }
  });

  it('LinkedIn: events with and without urns, group heads, day headings, removals, edits, thread switches', () => {
    const threadUrl = (threadId: string) =>
      `https://www.linkedin.com/messaging/thread/${encodeURIComponent(threadId)}/`;
    for (let seed = 1; seed <= 5; seed++) {
      const next = random(seed);
      const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
      loadFixtureDocument(
        'linkedin/messaging.html',
        threadUrl('2-YTFiMmMzZDQtZTVmNi00YTdiLThjOWQtMGUxZjJhM2I0YzVkXzAxMA=='),
      );
      const adapter = createLinkedinAdapter();
      const saved = [...document.querySelectorAll<HTMLTemplateElement>('template[data-thread]')];
      const ul = () => document.querySelector(`${L.page.scope} ${L.messageList} ul`);
      const events = () => [...(ul()?.children ?? [])];
      let made = 0;
      const append = (count: number) => {
        for (let i = 0; i < count; i++) {
          const event = document.createElement('li');
          if (next() < 0.05) event.innerHTML = `<time>${pick(['Tomorrow', 'Friday'])}</time>`;
          else {
            const side = next() < 0.5 ? ` ${L.inboundModifier}` : '';
            const head =
              next() < 0.3
                ? `<div><span>${pick(['Anna Berger', 'Tom'])}</span><time>${pick(['9:00 AM', '9:05 AM'])}</time></div>`
                : '';
            event.innerHTML = `<div class="${L.eventItem.slice(1)}${side}">${head}<p>${next() < 0.5 ? 'ok' : `row ${++made}`}</p></div>`;
            if (next() < 0.7)
              event.firstElementChild?.setAttribute(L.eventUrnAttribute, `urn:li:msg_message:(f,${++made})`);
          }
          ul()?.append(event);
        }
      };
      const steps: (() => void)[] = [
        () => append(1 + Math.floor(next() * 60)),
        () => append(1 + Math.floor(next() * 4)),
        () => {
          for (const event of events().slice(0, Math.floor(next() * 40))) event.remove();
        },
        () => pick(events())?.remove(),
        () => {
          const text = pick(events())?.querySelector('p');
          if (text) text.textContent = pick(['ok', `edited ${next()}`]);
        },
        () => pick(events())?.querySelector(L.eventItem)?.classList.toggle(L.inboundModifier),
        () => {
          const time = pick(events())?.querySelector('time');
          if (time) time.textContent = pick(['Mon', '10:10 AM', '']);
        },
        () => {
          const sender = pick(events())?.querySelector('span');
          if (sender) sender.textContent = pick(['Anna Berger', 'Tom', 'Someone']);
        },
        () => pick(events())?.querySelector(L.eventItem)?.removeAttribute(L.eventUrnAttribute),
        () => {
          const template = pick(saved);
          history.pushState(null, '', threadUrl(template.dataset.thread ?? ''));
          for (const selector of ['.msg-title-bar', '.msg-s-message-list-container', 'form.msg-form']) {
            const part = template.content.querySelector(selector)?.cloneNode(true);
            if (part) document.querySelector(`${L.page.scope} ${selector}`)?.replaceWith(part);
          }
        },
      ];
      for (let step = 0; step < 40; step++) {
        pick(steps)();
        const url = new URL(location.href);
        expect(adapter.read(document, url), `seed ${seed}, step ${step}`).toEqual(
          createLinkedinAdapter().read(document, url),
        );
      }
    }
  }, 60_000);
});
