// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://x.com/"}
import { describe, expect, it } from 'vitest';
import { createXAdapter } from '@/utils/platforms/x';
import { loadFixtureDocument, loadXChatPage } from '../../fixtures/x/adapter-jsdom';

// The readers read only what changed since their last read (issue #18): after every step of random
// sequences of appends, removals, edits and thread switches, one long-lived adapter's read must equal a
// fresh adapter's full read of the same page.

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
});
