import { describe, expect, it } from 'vitest';
import type { Template } from '@/utils/db/schema';
import { TemplateSearch } from '@/utils/templates/search';

let n = 0;
const template = (fields: Partial<Template>): Template => ({
  id: `t${++n}`,
  title: 'Untitled',
  body: 'Text',
  folder: '',
  tags: [],
  platforms: [],
  locked: false,
  usageCount: 0,
  createdAt: 1,
  updatedAt: 1,
  ...fields,
});

const library = [
  template({
    title: 'Refund policy',
    body: 'You can return items within 30 days.',
    folder: 'Service',
    tags: ['billing'],
  }),
  template({
    title: 'Meeting booking',
    body: 'Pick a slot: {{field:calendar}}',
    folder: 'Sales',
    shortcut: 'meet',
    usageCount: 5,
  }),
  template({ title: 'Grüße aus Köln', body: 'Viele Grüße', folder: 'Service', platforms: ['linkedin'], usageCount: 9 }),
  template({ title: 'Order number', body: 'Could you send your order number?', folder: 'Service', lastUsedAt: 50 }),
];
const search = new TemplateSearch(library);
const titles = (found: Template[]) => found.map((t) => t.title);

describe('TemplateSearch', () => {
  it('forgives a typo', () => {
    expect(titles(search.search('refnud'))[0]).toBe('Refund policy');
    expect(titles(search.search('meting'))[0]).toBe('Meeting booking');
  });

  it('matches shortcut, tags and body, and ignores accents', () => {
    expect(titles(search.search('/meet'))).toEqual(['Meeting booking']);
    expect(titles(search.search('billing'))).toEqual(['Refund policy']);
    expect(titles(search.search('30 days'))).toEqual(['Refund policy']);
    expect(titles(search.search('grusse'))).toEqual(['Grüße aus Köln']);
  });

  it('puts the most used, then most recently used first when the query is empty', () => {
    expect(titles(search.search(''))).toEqual(['Grüße aus Köln', 'Meeting booking', 'Order number', 'Refund policy']);
  });

  it('filters by folder, tag and platform', () => {
    expect(titles(search.search('', { folder: 'Sales' }))).toEqual(['Meeting booking']);
    expect(titles(search.search('', { tag: 'billing' }))).toEqual(['Refund policy']);
    expect(titles(search.search('', { platform: 'x' }))).not.toContain('Grüße aus Köln');
    expect(titles(search.search('', { platform: 'linkedin' }))).toContain('Grüße aus Köln');
    expect(titles(search.search('order', { folder: 'Sales' }))).toEqual([]);
  });

  it('lists folders', () => {
    expect(search.folders()).toEqual(['Sales', 'Service']);
  });
});

describe('typing keystroke by keystroke', () => {
  const words = ['refund', 'order', 'number', 'shipping', 'delay', 'thanks', 'meeting', 'pricing', 'jacket', 'invoice'];
  let seed = 11;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const word = () => {
    const w = words[Math.floor(random() * words.length)] ?? 'order';
    // Some bodies carry a typo of their own.
    return random() < 0.2 ? `${w.slice(0, 2)}x${w.slice(3)}` : w;
  };
  const generated = Array.from({ length: 800 }, (_, i) =>
    template({
      title: `${word()} ${word()}`,
      body: Array.from({ length: 12 }, word).join(' '),
      folder: i % 2 ? 'A' : 'B',
    }),
  );

  it('narrowing to the previous keystroke finds exactly what a fresh search finds', () => {
    for (const filter of [{}, { folder: 'A' }]) {
      const reused = new TemplateSearch(generated);
      for (const query of ['refnud policy', 'ordr number', 'shipping dely', 'meting', 'jackte', 'invoice 2']) {
        for (let n = 1; n <= query.length; n++) {
          const typed = query.slice(0, n);
          expect(titles(reused.search(typed, filter))).toEqual(
            titles(new TemplateSearch(generated).search(typed, filter)),
          );
        }
      }
    }
    // A fresh index per keystroke, 120 of them: seconds on a loaded machine. The limit only guards a hang.
  }, 60_000);
});

describe('searching in steps', () => {
  const many = Array.from({ length: 3_000 }, (_, i) =>
    template({ title: `Reply ${i}`, body: `Thanks for order ${i}, we ship it today.` }),
  );

  it('does a big search in several steps and ends with what search() finds', () => {
    const index = new TemplateSearch(many);
    const job = index.start('ord');
    expect(job.run(0)).toBe(false);
    expect(job.results).toBeUndefined();
    while (!job.run(0));
    expect(titles(job.results ?? [])).toEqual(titles(new TemplateSearch(many).search('ord')));
  });

  it('keeps narrowing right when older queries were dropped half-way', () => {
    const index = new TemplateSearch(many);
    index.start('o').run(0);
    index.search('or');
    index.start('orde').run(0);
    expect(titles(index.search('order 12'))).toEqual(titles(new TemplateSearch(many).search('order 12')));
  });
});
