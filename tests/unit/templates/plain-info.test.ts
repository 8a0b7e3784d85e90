import uFuzzy from '@leeoniya/ufuzzy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainInfo } from '@/utils/templates/plain-info';

const plain = new uFuzzy({});
// Few letters, both cases, digits, line ends and other separators: many matches, bounds of every kind.
const units = 'abAB1 rR2\n\r-.çÉ_'.split('');
const text = fc.string({ unit: fc.constantFrom(...units), maxLength: 30 });
const needle = fc.string({ unit: fc.constantFrom(...units, '"', "'"), minLength: 1, maxLength: 8 });
const RANKING = ['idx', 'start', 'chars', 'cases', 'terms', 'interIns', 'intraIns'] as const;
const BOUNDS = ['interLft2', 'interRgt2', 'interLft1', 'interRgt1'] as const;

describe('plainInfo', () => {
  it("gives uFuzzy's ranking numbers and order for every match", () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 30 }), needle, (texts, query) => {
        const matched = plain.filter(texts, query) ?? [];
        const fast = plainInfo(plain, matched, texts, query);
        if (matched.length === 0 || query.includes('"') || query.includes("'")) {
          // Phrases and contractions are uFuzzy's to rank.
          if (query.includes('"') || query.includes("'")) expect(fast).toBeUndefined();
          return;
        }
        const slow = plain.info(matched, texts, query);
        expect(fast).toBeDefined();
        for (const key of [...RANKING, ...BOUNDS]) expect([key, fast?.[key]]).toEqual([key, slow[key]]);
        expect(plain.sort(fast as uFuzzy.Info, texts, query)).toEqual(plain.sort(slow, texts, query));
      }),
      { numRuns: 3_000 },
    );
  });

  it('takes the leftmost place where every term follows on the same line', () => {
    const texts = ['ab\nab cd', 'x ab ab cd'];
    const info = plainInfo(plain, [0, 1], texts, 'ab cd');
    expect(info?.start).toEqual([3, 2]);
    expect(info?.interIns).toEqual([1, 4]);
  });
});
