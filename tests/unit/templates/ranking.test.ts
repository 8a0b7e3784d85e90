import uFuzzy from '@leeoniya/ufuzzy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInOrder, rankOrder } from '@/utils/templates/search';

type Info = ReturnType<uFuzzy['info']>;
const FIELDS = [
  'start',
  'chars',
  'cases',
  'terms',
  'interIns',
  'intraIns',
  'interLft2',
  'interRgt2',
  'interLft1',
  'interRgt1',
] as const;

/** Infos of few distinct values per field and labels from a few letters: many ties at every level. */
const infos = fc.integer({ min: 0, max: 40 }).chain((count) =>
  fc.record({
    fields: fc.record(
      Object.fromEntries(
        FIELDS.map((field) => [
          field,
          fc.array(fc.integer({ min: 0, max: 2 }), { minLength: count, maxLength: count }),
        ]),
      ) as Record<(typeof FIELDS)[number], fc.Arbitrary<number[]>>,
    ),
    haystack: fc.array(fc.string({ unit: fc.constantFrom('a', 'B', 'b', 'é'), maxLength: 2 }), {
      minLength: count,
      maxLength: count,
    }),
    shown: fc.integer({ min: 0, max: count + 2 }),
  }),
);

describe("the first matches in uFuzzy's order", () => {
  it("are the first of uFuzzy's own sort, ties in its (stable) order", () => {
    const matcher = new uFuzzy({});
    fc.assert(
      fc.property(infos, ({ fields, haystack, shown }) => {
        // idx in reverse: positions in info are not the items' indexes.
        const info = { ...fields, idx: haystack.map((_, i) => haystack.length - 1 - i), ranges: [] } as Info;
        const items = [...haystack].reverse();
        const expected = matcher.sort(info, items, '').slice(0, shown);
        expect(firstInOrder(haystack.length, shown, rankOrder(info, items))).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it('pick the first few without sorting all', () => {
    let comparisons = 0;
    const order = (a: number, b: number) => {
      comparisons++;
      return ((a * 7919) % 1000) - ((b * 7919) % 1000);
    };
    expect(firstInOrder(1_000, 50, order)).toEqual(
      Array.from({ length: 1_000 }, (_, i) => i)
        .sort(order)
        .slice(0, 50),
    );
    comparisons = 0;
    firstInOrder(1_000, 50, order);
    // A full sort of 1,000 takes ≈ 8,700 comparisons.
    expect(comparisons).toBeLessThan(3_000);
  });
});
