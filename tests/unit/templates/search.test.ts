import uFuzzy from '@leeoniya/ufuzzy';
import fc from 'fast-check';
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

/**
 * The search's rule without any of its shortcuts (no letter-pair index, no narrowing, no early end, no
 * limit, uFuzzy's own info): uFuzzy over every allowed template, title/shortcut/tag matches first.
 */
function fullSearch(templates: Template[], query: string, folder?: string): string[] {
  const typo = new uFuzzy({ intraMode: 1, intraIns: 1, intraSub: 1, intraTrn: 1, intraDel: 1 });
  const plain = new uFuzzy({});
  const fold = (text: string) => uFuzzy.latinize(text).replaceAll('ß', 'ss');
  const allowed = templates.flatMap((t, i) => (folder === undefined || t.folder === folder ? [i] : []));
  const needle = fold(query.trim());
  const rank = (matcher: uFuzzy, haystack: string[], found: number[]) =>
    found.length === 0 || found.length > 1_000
      ? found
      : matcher.sort(matcher.info(found, haystack, needle), haystack, needle).map((o) => found[o] as number);
  const labels = templates.map((t) => fold(`${t.title} ${t.shortcut ? `/${t.shortcut}` : ''} ${t.tags.join(' ')}`));
  const bodies = templates.map((t) => fold(t.body));
  const inLabels = rank(typo, labels, typo.filter(labels, needle, allowed) ?? []);
  const inBodies = (plain.filter(bodies, needle, allowed) ?? []).filter((i) => !inLabels.includes(i));
  return [...inLabels, ...rank(plain, bodies, inBodies)].map((i) => templates[i]?.id as string);
}

describe('the first matches, keystroke by keystroke', () => {
  const words = ['Refund', 'order', 'ordner', 'Grüße', 'ship', 'shipping', 'x2', 'a-b', 'code'];
  const wordOf = fc.constantFrom(...words);
  const separator = fc.constantFrom(' ', ' ', '\n', ', ', '');
  const phrase = (max: number) =>
    fc.array(fc.tuple(wordOf, separator), { minLength: 1, maxLength: max }).map((parts) => parts.flat().join(''));
  const templateOf = fc.record({
    title: phrase(3),
    body: phrase(12),
    shortcut: fc.option(fc.constantFrom('ref', 'ship2', 'od'), { nil: undefined }),
    tags: fc.array(fc.constantFrom('billing', 'de'), { maxLength: 2 }),
    folder: fc.constantFrom('A', 'B'),
  });
  const queryOf = fc.oneof(
    phrase(3).map((p) => p.slice(0, 14)),
    fc.string({ unit: fc.constantFrom(...'refundoshipgr2 /-"\''.split('')), minLength: 1, maxLength: 8 }),
  );
  /** Every prefix of the query, as typed, each with a limit of its own and now and then a folder. */
  const typing = fc.tuple(queryOf, fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 14, maxLength: 14 }));

  const check = (templates: Template[], [query, limits]: [string, number[]], folder?: string) => {
    const index = new TemplateSearch(templates);
    for (let n = 1; n <= query.length; n++) {
      const typed = query.slice(0, n);
      // The empty query (most used first) is the first test's.
      if (!typed.trim()) continue;
      const limit = limits[n - 1] ?? 5;
      const found = index.search(typed, { folder }, limit).map((t) => t.id);
      expect([typed, limit, found]).toEqual([typed, limit, fullSearch(templates, typed, folder).slice(0, limit)]);
    }
  };

  it('finds what the full search finds first, in its order, over small libraries', () => {
    fc.assert(
      fc.property(fc.array(templateOf, { minLength: 1, maxLength: 40 }), typing, fc.boolean(), (fields, typed, inA) =>
        check(
          fields.map((f) => template(f)),
          typed,
          inA ? 'A' : undefined,
        ),
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('ends early right when more than 1,000 match (library order beyond that)', () => {
    fc.assert(
      fc.property(
        fc.array(templateOf, { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 40, max: 90 }),
        typing,
        (fields, copies, typed) =>
          check(Array.from({ length: copies }, () => fields.map((f) => template(f))).flat(), typed),
      ),
      { numRuns: 15 },
    );
  }, 60_000);
});
