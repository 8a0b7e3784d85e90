/**
 * Which texts hold which letters and adjacent letter pairs (a-z, 0-9, case-insensitive), as one bitset
 * per letter and per pair: a body search tests its regular expression only on the texts that hold every
 * letter pair of the query's terms. A superset of the matches, never fewer: a term that occurs in a text
 * brings its pairs along, and a case-insensitive regular expression without the `u` flag matches an ASCII
 * letter only with an ASCII letter (so other characters can be left out of the index).
 */
export const LETTERS = 36;
const KEYS = LETTERS + LETTERS * LETTERS;
/** Char code → 0-9 for digits, 10-35 for a-z and A-Z, -1 for anything else (non-ASCII too). */
const LETTER_OF = new Int8Array(128).fill(-1);
for (let code = 0; code < 128; code++) {
  if (code >= 48 && code <= 57) LETTER_OF[code] = code - 48;
  else if (code >= 97 && code <= 122) LETTER_OF[code] = code - 87;
  else if (code >= 65 && code <= 90) LETTER_OF[code] = code - 55;
}
export const letterOf = (code: number) => (code < 128 ? (LETTER_OF[code] as number) : -1);
/** A letter's key is the letter; a pair's comes after the letters. */
const pairKey = (first: number, second: number) => LETTERS + first * LETTERS + second;

export class CharPairIndex {
  /** Words (32 texts each) per bitset. */
  private readonly words: number;
  /** All bitsets in one array: key × words + word. */
  private readonly bits: Uint32Array;

  constructor(texts: readonly string[]) {
    const words = Math.ceil(texts.length / 32);
    const bits = new Uint32Array(KEYS * words);
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i] as string;
      const word = i >>> 5;
      const bit = 1 << (i & 31);
      let previous = -1;
      for (let c = 0; c < text.length; c++) {
        const letter = letterOf(text.charCodeAt(c));
        if (letter >= 0) {
          const at = letter * words + word;
          bits[at] = (bits[at] as number) | bit;
          if (previous >= 0) {
            const pairAt = pairKey(previous, letter) * words + word;
            bits[pairAt] = (bits[pairAt] as number) | bit;
          }
        }
        previous = letter;
      }
    }
    this.words = words;
    this.bits = bits;
  }

  /**
   * Whether text `i` holds every letter and adjacent letter pair of the query's terms (uFuzzy's terms: the
   * query split at anything but letters, digits and apostrophes); undefined when the index says nothing
   * about this query: no letters, a quoted phrase (uFuzzy matches it as written), or an apostrophe (uFuzzy
   * matched the text "'B" for the query "'a'B", which has a letter the text lacks: found by the property test).
   */
  holdingPairsOf(query: string): ((i: number) => boolean) | undefined {
    if (query.includes('"') || query.includes("'")) return undefined;
    const keys = new Set<number>();
    for (const term of query.split(/[^A-Za-z\d']+/)) {
      let previous = -1;
      for (let c = 0; c < term.length; c++) {
        const letter = letterOf(term.charCodeAt(c));
        if (letter >= 0) keys.add(previous >= 0 ? pairKey(previous, letter) : letter);
        previous = letter;
      }
    }
    if (keys.size === 0) return undefined;
    const held = new Uint32Array(this.words).fill(0xffffffff);
    for (const key of keys) {
      for (let w = 0; w < this.words; w++) held[w] = (held[w] as number) & (this.bits[key * this.words + w] as number);
    }
    return (i) => (((held[i >>> 5] as number) >>> (i & 31)) & 1) === 1;
  }
}
