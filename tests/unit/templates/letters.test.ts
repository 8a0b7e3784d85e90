import uFuzzy from '@leeoniya/ufuzzy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LetterIndex } from '@/utils/templates/letters';

// The search's label tier (uFuzzy's single-error mode) with and without the index in front of it.
const typo = new uFuzzy({ intraMode: 1, intraIns: 1, intraSub: 1, intraTrn: 1, intraDel: 1 });
const text = fc.string({ unit: fc.constantFrom(...'refundREF12 /\'"-çÉ'.split('')), maxLength: 14 });

describe('LetterIndex', () => {
  it('never drops a label the typo-tolerant regular expression matches', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 40 }), text, (texts, query) => {
        const matched = typo.filter(texts, query) ?? [];
        const holds = new LetterIndex(texts).holdingLettersOf(typo.split(query));
        if (holds) expect(matched.filter((i) => !holds(i))).toEqual([]);
      }),
      { numRuns: 3_000 },
    );
  });

  it('lets each term miss one letter per part (a substitution or an omission), no more', () => {
    const labels = ['Refund 12', 'Refnd', 'Rfnd', 'Shipping', 'order ref 7', 'refund 3'];
    const index = new LetterIndex(labels);
    const holding = (query: string) => labels.filter((_, i) => index.holdingLettersOf(typo.split(query))?.(i) ?? true);
    expect(holding('refund')).toEqual(['Refund 12', 'Refnd', 'refund 3']);
    expect(typo.filter(labels, 'refund')).toEqual([0, 1, 5]);
    // Two parts, "refund" and "12": two letters may go.
    expect(holding('refund12')).toEqual(['Refund 12', 'refund 3']);
    // Every term on its own: "Refund 12" lacks only the "o" of "order".
    expect(holding('ref order')).toEqual(['Refund 12', 'Refnd', 'order ref 7', 'refund 3']);
    // A term of one letter (it may be the one substituted), a quoted phrase, an apostrophe: no narrowing.
    expect(index.holdingLettersOf(typo.split('r'))).toBeUndefined();
    expect(index.holdingLettersOf(typo.split('"refund"'))).toBeUndefined();
    expect(index.holdingLettersOf(typo.split("refund's"))).toBeUndefined();
  });
});
