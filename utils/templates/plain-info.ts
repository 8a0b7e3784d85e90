import type uFuzzy from '@leeoniya/ufuzzy';

const isDigit = (code: number) => code >= 48 && code <= 57;
const isUpper = (code: number) => code >= 65 && code <= 90;
const isLower = (code: number) => code >= 97 && code <= 122;
/**
 * uFuzzy's default bounds, as char code tests (its regular expressions cost a string each): a term that
 * starts or ends at one ranks higher. interBound: /[^A-Za-z\d]/ on one code unit.
 */
const isInterBound = (code: number) => !(isDigit(code) || isUpper(code) || isLower(code));
/** intraBound: /[A-Za-z]\d|\d[A-Za-z]|[a-z][A-Z]/ on two code units. */
const isIntraBound = (a: number, b: number) =>
  ((isUpper(a) || isLower(a)) && isDigit(b)) ||
  (isDigit(a) && (isUpper(b) || isLower(b))) ||
  (isLower(a) && isUpper(b));
/** What uFuzzy's `.` between terms does not match: a line terminator. */
const isLineEnd = (code: number) => code === 10 || code === 13 || code === 0x2028 || code === 0x2029;

/**
 * The ranking fields of uFuzzy's `info` in plain mode (uFuzzy({})), the same numbers for the same
 * matches, about ten times faster: uFuzzy matches each item twice with a capturing regular expression
 * (the second time for highlight ranges, which the search does not use); here each term is found with
 * `indexOf`-like searches. In plain mode a query is its terms in order, each as written (ASCII letters
 * and digits, case-insensitive), with anything but a line end between them, matched at the leftmost
 * place; the earliest place of each next term is the regular expression's choice too (a later one
 * never lets a term after it match where the earliest does not). Quotes and apostrophes (phrases,
 * contractions) are left to uFuzzy: undefined. `ranges` (highlighting) is left empty.
 */
export function plainInfo(
  matcher: uFuzzy,
  idxs: number[],
  haystack: string[],
  needle: string,
): uFuzzy.Info | undefined {
  if (needle.includes('"') || needle.includes("'")) return undefined;
  const terms = matcher.split(needle);
  if (terms.length === 0) return undefined;
  const cased = matcher.split(needle, true);
  const finders = terms.map((term) => new RegExp(term, 'gi'));
  const count = idxs.length;
  const field = () => new Array<number>(count).fill(0);
  const info: uFuzzy.Info = {
    idx: idxs.slice(),
    start: field(),
    chars: field(),
    cases: field(),
    terms: field(),
    interIns: field(),
    intraIns: field(),
    interLft2: field(),
    interRgt2: field(),
    interLft1: field(),
    interRgt1: field(),
    ranges: [],
  };
  const places = new Array<number>(terms.length);
  for (let i = 0; i < count; i++) {
    const text = haystack[idxs[i] as number] as string;
    if (!findTerms(text, terms, finders, places)) return undefined;
    let lft2 = 0;
    let lft1 = 0;
    let rgt2 = 0;
    let rgt1 = 0;
    let chars = 0;
    let bounded = 0;
    let cases = 0;
    let inter = 0;
    for (let j = 0; j < terms.length; j++) {
      const place = places[j] as number;
      const length = (terms[j] as string).length;
      // uFuzzy: the matched text equals the term as typed (its case), split with keepCase.
      const typed = cased[j];
      if (typed?.length === length && text.startsWith(typed, place)) cases++;
      const left = place - 1;
      const right = place + length;
      let isPre = false;
      let isSuf = false;
      if (left === -1 || isInterBound(text.charCodeAt(left))) {
        lft2++;
        isPre = true;
      } else if (isIntraBound(text.charCodeAt(left), text.charCodeAt(place))) {
        lft1++;
        isPre = true;
      }
      if (right === text.length || isInterBound(text.charCodeAt(right))) {
        rgt2++;
        isSuf = true;
      } else if (isIntraBound(text.charCodeAt(right - 1), text.charCodeAt(right))) {
        rgt1++;
        isSuf = true;
      }
      chars += length;
      if (isPre && isSuf) bounded++;
      if (j > 0) inter += place - ((places[j - 1] as number) + (terms[j - 1] as string).length);
    }
    info.start[i] = places[0] as number;
    info.chars[i] = chars;
    info.terms[i] = bounded;
    info.cases[i] = cases;
    info.interIns[i] = inter;
    info.interLft2[i] = lft2;
    info.interLft1[i] = lft1;
    info.interRgt2[i] = rgt2;
    info.interRgt1[i] = rgt1;
  }
  return info;
}

/** Where `finder` (a global regular expression) next matches `term` from `from` on; -1 if nowhere. */
function at(finder: RegExp, term: string, text: string, from: number): number {
  finder.lastIndex = from;
  // test, not exec: no match array to allocate; the match ends at lastIndex.
  return finder.test(text) ? finder.lastIndex - term.length : -1;
}

/** The leftmost match of the terms in order on one line: their places into `places`; false if none. */
function findTerms(text: string, terms: string[], finders: RegExp[], places: number[]): boolean {
  const first = terms[0] as string;
  const firstFinder = finders[0] as RegExp;
  for (let place0 = at(firstFinder, first, text, 0); place0 >= 0; place0 = at(firstFinder, first, text, place0 + 1)) {
    places[0] = place0;
    let end = place0 + first.length;
    let j = 1;
    for (; j < terms.length; j++) {
      const place = at(finders[j] as RegExp, terms[j] as string, text, end);
      if (place < 0) return false;
      let c = end;
      while (c < place && !isLineEnd(text.charCodeAt(c))) c++;
      if (c < place) break;
      places[j] = place;
      end = place + (terms[j] as string).length;
    }
    if (j === terms.length) return true;
  }
  return false;
}
