import uFuzzy from '@leeoniya/ufuzzy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CharPairIndex } from '@/utils/templates/char-pairs';

// The search's body tier (uFuzzy's plain mode) with and without the index in front of it.
const plain = new uFuzzy({});
const text = fc.string({ unit: fc.constantFrom(...'abAB rR1\'"-\nçÉ'.split('')), maxLength: 12 });

describe('CharPairIndex', () => {
  it('never drops a text the regular expression matches', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 40 }), text, (texts, query) => {
        const matched = plain.filter(texts, query) ?? [];
        const holds = new CharPairIndex(texts).holdingPairsOf(query);
        if (holds) expect(matched.filter((i) => !holds(i))).toEqual([]);
      }),
      { numRuns: 2_000 },
    );
  });

  it('says nothing for a query with an apostrophe (uFuzzy matches "\'B" for "\'a\'B")', () => {
    expect(plain.filter(["'B"], "'a'B")).toEqual([0]);
    expect(new CharPairIndex(["'B"]).holdingPairsOf("'a'B")).toBeUndefined();
  });

  it('narrows to the texts holding every pair of every term', () => {
    const index = new CharPairIndex(['Refund policy', 'referral', 'order 42', 'Ordner']);
    const holding = (query: string) => [0, 1, 2, 3].filter(index.holdingPairsOf(query) ?? (() => true));
    expect(holding('ref')).toEqual([0, 1]);
    expect(holding('REFU')).toEqual([0]);
    expect(holding('ord 42')).toEqual([2]);
    expect(holding('rd')).toEqual([2, 3]);
    expect(holding('xq')).toEqual([]);
  });

  it('says nothing about queries without letters or with a quoted phrase', () => {
    const index = new CharPairIndex(['a b']);
    expect(index.holdingPairsOf('/ -')).toBeUndefined();
    expect(index.holdingPairsOf('"a b"')).toBeUndefined();
  });
});
