import { LETTERS, letterOf } from './char-pairs';

/** uFuzzy's parts of a term, each with its own mutation (its NUM_OR_ALPHA_RE). */
const PARTS = /[^\d]+|\d+/g;

/**
 * Which texts hold which letters (a-z, 0-9, case-insensitive), one bitset per letter, for the label tier
 * (uFuzzy's single-error mode): its regular expression runs only on the texts that can match. uFuzzy allows
 * one mutation per part of a term (a run of digits or of other characters), and of the mutations only a
 * substitution or an omission loses a letter: a match holds every distinct letter of each term but at most
 * as many as the term has parts. A superset of the matches, never fewer (the letters a case-insensitive
 * regular expression without `u` matches, as in CharPairIndex).
 */
export class LetterIndex {
  /** Words (32 texts each) per bitset. */
  private readonly words: number;
  /** letter × words + word. */
  private readonly bits: Uint32Array;

  constructor(texts: readonly string[]) {
    const words = Math.ceil(texts.length / 32);
    const bits = new Uint32Array(LETTERS * words);
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i] as string;
      const at = i >>> 5;
      const bit = 1 << (i & 31);
      for (let c = 0; c < text.length; c++) {
        const letter = letterOf(text.charCodeAt(c));
        if (letter >= 0) bits[letter * words + at] = (bits[letter * words + at] as number) | bit;
      }
    }
    this.words = words;
    this.bits = bits;
  }

  /**
   * Whether text `i` can match every term (uFuzzy's `split` of the query); undefined when the index says
   * nothing: no term loses more letters than it may, or a quoted phrase or an apostrophe (left to uFuzzy, as
   * in CharPairIndex).
   */
  holdingLettersOf(terms: readonly string[]): ((i: number) => boolean) | undefined {
    if (terms.some((term) => term.includes('"') || term.includes("'"))) return undefined;
    const held = new Uint32Array(this.words).fill(0xffffffff);
    let narrows = false;
    for (const term of terms) {
      const letters = new Set<number>();
      for (let c = 0; c < term.length; c++) {
        const letter = letterOf(term.charCodeAt(c));
        if (letter >= 0) letters.add(letter);
      }
      const mayMiss = term.match(PARTS)?.length ?? 0;
      if (letters.size <= mayMiss) continue;
      narrows = true;
      // missing[k]: the texts of word w that lack more than k of the term's letters (bit-sliced counters).
      const missing = new Array<number>(mayMiss + 1);
      for (let w = 0; w < this.words; w++) {
        missing.fill(0);
        for (const letter of letters) {
          const lacks = ~(this.bits[letter * this.words + w] as number);
          for (let k = mayMiss; k > 0; k--) missing[k] = (missing[k] as number) | ((missing[k - 1] as number) & lacks);
          missing[0] = (missing[0] as number) | lacks;
        }
        held[w] = (held[w] as number) & ~(missing[mayMiss] as number);
      }
    }
    if (!narrows) return undefined;
    return (i) => (((held[i >>> 5] as number) >>> (i & 31)) & 1) === 1;
  }
}
