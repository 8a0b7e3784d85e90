import uFuzzy from '@leeoniya/ufuzzy';
import type { Template } from '../db/schema';
import type { Platform } from '../platforms/sites';
import { CharPairIndex } from './char-pairs';
import { LetterIndex } from './letters';
import { plainInfo } from './plain-info';

/**
 * Template search in two tiers over 10,000 templates:
 * - title, shortcut and tags: uFuzzy's single-error mode forgives one inserted, missing, substituted or
 *   swapped letter per term ("refnud" finds "Refund"); its regular expression runs only on the labels
 *   that hold each term's letters but as many as it may miss (LetterIndex, a superset of the matches);
 * - bodies: uFuzzy's plain mode (each term a substring, terms in order). Typo tolerance over all bodies
 *   costs ≈ 10 ms a keystroke. Plain matching is narrowed twice before its regular expression runs: to
 *   the bodies that hold every letter pair of the query (CharPairIndex, a superset of the matches) and,
 *   when the query only grew, to the previous keystroke's matches (a match of "abcd" is a match of "abc").
 * Title/shortcut/tag matches rank first, then body matches.
 *
 * The pickers show only the first `SHOWN_MATCHES`; a search for that many does only the work they need:
 * beyond RANK_LIMIT matches keep library order, so a short query stops filtering once it has found more
 * than that, and bodies are not searched at all when the labels already fill the list.
 *
 * The work of one query is a sequence of small steps (`start`): the panel runs them a few milliseconds
 * at a time and drops a query's remaining steps when a newer one arrives, so no keystroke holds the
 * main thread for long. `search` runs all steps at once.
 */
const typoMatcher = new uFuzzy({ intraMode: 1, intraIns: 1, intraSub: 1, intraTrn: 1, intraDel: 1 });
const plainMatcher = new uFuzzy({});
/** Results the template pickers show at once: the best matches; more would only slow typing down. */
export const SHOWN_MATCHES = 50;
/** Rank at most this many matches (uFuzzy's own default); beyond it, matches keep library order. */
const RANK_LIMIT = 1_000;
/** Items a step filters (one regular expression test each) or ranks (uFuzzy `info`, dearer) at most. */
const FILTER_STEP = 1_000;
const RANK_STEP = 100;

export type TemplateFilter = { folder?: string; tag?: string; platform?: Platform };

/** A query's work in steps: `run` advances it by about `budgetMs`; `results` is set once it is done. */
export type SearchJob = { run: (budgetMs: number) => boolean; readonly results: Template[] | undefined };

/** Accents off, and ß as ss (latinize keeps ß): "grusse" finds "Grüße". */
const fold = <T extends string | string[]>(text: T): T => {
  const latin = uFuzzy.latinize(text);
  return (Array.isArray(latin) ? latin.map((t) => t.replaceAll('ß', 'ss')) : latin.replaceAll('ß', 'ss')) as T;
};

/** localeCompare's order; a collator made once compares 10,000 titles many times faster. */
const titleOrder = new Intl.Collator();
const byUse = (a: Template, b: Template) =>
  b.usageCount - a.usageCount || (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0) || titleOrder.compare(a.title, b.title);

type Info = ReturnType<uFuzzy['info']>;

/**
 * uFuzzy's filter over `idxs`, a step at a time; it stops early once `enough(found)` (the rest would
 * not be shown). `complete`: every item was tested.
 */
function* filterInSteps(
  matcher: uFuzzy,
  haystack: string[],
  needle: string,
  idxs: number[],
  enough: (found: number[]) => boolean,
) {
  const found: number[] = [];
  for (let from = 0; from < idxs.length; from += FILTER_STEP) {
    found.push(...(matcher.filter(haystack, needle, idxs.slice(from, from + FILTER_STEP)) ?? []));
    if (from + FILTER_STEP < idxs.length && enough(found)) return { found, complete: false };
    yield;
  }
  return { found, complete: true };
}

type InfoOf = (idxs: number[], haystack: string[], needle: string) => Info;

/**
 * uFuzzy's `sort` order (1.0.19, its default compare: code units), as a comparator of positions in
 * `info`, so that the first `count` can be picked without sorting all (ranking.test.ts holds it to
 * uFuzzy's own sort).
 */
export function rankOrder(info: Info, haystack: string[]): (a: number, b: number) => number {
  const keys = info.idx.map((item, i) => {
    const at = (field: number[]) => field[i] as number;
    return {
      chars: at(info.chars),
      intraIns: at(info.intraIns),
      bounds: at(info.terms) + at(info.interLft2) + 0.5 * at(info.interLft1),
      interIns: at(info.interIns),
      start: at(info.start),
      cases: at(info.cases),
      text: haystack[item] as string,
    };
  });
  return (a, b) => {
    const x = keys[a] as (typeof keys)[number];
    const y = keys[b] as (typeof keys)[number];
    return (
      y.chars - x.chars ||
      x.intraIns - y.intraIns ||
      y.bounds - x.bounds ||
      x.interIns - y.interIns ||
      x.start - y.start ||
      y.cases - x.cases ||
      compareCodeUnits(x.text, y.text)
    );
  };
}
const compareCodeUnits = (a: string, b: string) => (a > b ? 1 : a < b ? -1 : 0);

/**
 * The first `count` of 0..length-1 in `order`, as a stable sort would put them (equal ones in index
 * order): one pass that keeps the best `count` sorted, about `length` comparisons instead of a full
 * sort's length·log(length) when few are shown.
 */
export function firstInOrder(length: number, count: number, order: (a: number, b: number) => number): number[] {
  const all = Array.from({ length }, (_, i) => i);
  if (count >= length) return all.sort(order);
  if (count <= 0) return [];
  const best: number[] = [];
  for (const i of all) {
    if (best.length === count && order(i, best[count - 1] as number) >= 0) continue;
    // After the last one not behind i: equal ones stay in index order.
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(i, best[mid] as number) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, i);
    if (best.length > count) best.pop();
  }
  return best;
}

/**
 * info over `idxs`, a step at a time (info describes each item on its own), then the first `count` in
 * uFuzzy's order.
 */
function* rankInSteps(infoOf: InfoOf, haystack: string[], needle: string, idxs: number[], count: number) {
  if (idxs.length === 0 || idxs.length > RANK_LIMIT) return idxs.slice(0, count);
  let info: Info | undefined;
  for (let from = 0; from < idxs.length; from += RANK_STEP) {
    const part = infoOf(idxs.slice(from, from + RANK_STEP), haystack, needle);
    if (!info) info = part;
    else for (const key of Object.keys(part) as (keyof Info)[]) (info[key] as unknown[]).push(...part[key]);
    yield;
  }
  const all = info as Info;
  return firstInOrder(idxs.length, count, rankOrder(all, haystack)).map((o) => all.idx[o] as number);
}

const typoInfo: InfoOf = (idxs, haystack, needle) => typoMatcher.info(idxs, haystack, needle);
/** Bodies are ranked by the same numbers uFuzzy's info gives, computed faster (plain-info.ts). */
const bodyInfo: InfoOf = (idxs, haystack, needle) =>
  plainInfo(plainMatcher, idxs, haystack, needle) ?? plainMatcher.info(idxs, haystack, needle);

export class TemplateSearch {
  private readonly templates: Template[];
  private readonly labels: string[];
  private readonly bodies: string[];
  private readonly bodyPairs: CharPairIndex;
  private readonly labelLetters: LetterIndex;
  /** Per filter: the templates it allows, and their most-used-first order (the empty query's answer). */
  private readonly allowedCache = new Map<string, { indexes: number[]; byUse: Template[] }>();
  /** The last body search, to narrow the next keystroke when the query only grew. */
  private lastBodySearch: { filterKey: string; needle: string; matches: number[] } | undefined;

  constructor(templates: Template[]) {
    this.templates = templates;
    this.labels = fold(templates.map((t) => `${t.title} ${t.shortcut ? `/${t.shortcut}` : ''} ${t.tags.join(' ')}`));
    this.bodies = fold(templates.map((t) => t.body));
    this.bodyPairs = new CharPairIndex(this.bodies);
    this.labelLetters = new LetterIndex(this.labels);
  }

  /**
   * Matches best first; with an empty query, the most used and most recently used first. With `limit`,
   * the first `limit` of them.
   */
  search(query: string, filter: TemplateFilter = {}, limit = Number.POSITIVE_INFINITY): Template[] {
    const job = this.start(query, filter, limit);
    job.run(Number.POSITIVE_INFINITY);
    return job.results as Template[];
  }

  /** The same search as `search`, as steps to run a few milliseconds at a time. */
  start(query: string, filter: TemplateFilter = {}, limit = Number.POSITIVE_INFINITY): SearchJob {
    const steps = this.steps(query, filter, limit);
    let results: Template[] | undefined;
    return {
      run: (budgetMs) => {
        const end = performance.now() + budgetMs;
        while (results === undefined) {
          const step = steps.next();
          if (step.done) results = step.value;
          else if (performance.now() >= end) return false;
        }
        return true;
      },
      get results() {
        return results;
      },
    };
  }

  private *steps(query: string, filter: TemplateFilter, limit: number): Generator<void, Template[]> {
    const filterKey = JSON.stringify([filter.folder, filter.tag, filter.platform]);
    const allowed = this.allowed(filterKey, filter);
    const needle = fold(query.trim());
    if (!needle) return allowed.byUse.slice(0, limit);
    // No terms (only punctuation, as "/" before "/refund"): uFuzzy matches nothing, and nothing may
    // narrow the next keystroke.
    if (plainMatcher.split(needle).length === 0) return [];
    const toTemplates = (idxs: number[]) => idxs.slice(0, limit).map((i) => this.templates[i] as Template);

    // Beyond RANK_LIMIT label matches keep library order: once that many and `limit` are found, the
    // first `limit` of them are the answer.
    const holdsLetters = this.labelLetters.holdingLettersOf(typoMatcher.split(needle));
    const { found: labelFound } = yield* filterInSteps(
      typoMatcher,
      this.labels,
      needle,
      holdsLetters ? allowed.indexes.filter(holdsLetters) : allowed.indexes,
      (found) => found.length > RANK_LIMIT && found.length >= limit,
    );
    const labelMatches = yield* rankInSteps(typoInfo, this.labels, needle, labelFound, limit);
    if (labelFound.length >= limit) return toTemplates(labelMatches);

    const last = this.lastBodySearch;
    const narrowed =
      last && last.filterKey === filterKey && needle.startsWith(last.needle) ? last.matches : allowed.indexes;
    const holdsPairs = this.bodyPairs.holdingPairsOf(needle);
    const candidates = holdsPairs ? narrowed.filter(holdsPairs) : narrowed;
    const inLabels = new Uint8Array(this.templates.length);
    for (const i of labelFound) inLabels[i] = 1;
    // The same early end for body-only matches, counted as they are found.
    const wanted = limit - labelFound.length;
    let counted = 0;
    let bodyOnlyFound = 0;
    const { found: bodyMatches, complete } = yield* filterInSteps(
      plainMatcher,
      this.bodies,
      needle,
      candidates,
      (found) => {
        for (; counted < found.length; counted++) if (inLabels[found[counted] as number] === 0) bodyOnlyFound++;
        return bodyOnlyFound > RANK_LIMIT && bodyOnlyFound >= wanted;
      },
    );
    // Only a complete list of matches may narrow the next keystroke.
    if (complete) this.lastBodySearch = { filterKey, needle, matches: bodyMatches };

    const bodyOnly = bodyMatches.filter((i) => inLabels[i] === 0);
    const bodyRanked = yield* rankInSteps(bodyInfo, this.bodies, needle, bodyOnly, wanted);
    return toTemplates([...labelMatches, ...bodyRanked]);
  }

  /** Folders in use, sorted; '' (no folder) first when present. */
  folders(): string[] {
    return [...new Set(this.templates.map((t) => t.folder))].sort((a, b) => a.localeCompare(b));
  }

  private allowed(filterKey: string, { folder, tag, platform }: TemplateFilter) {
    const cached = this.allowedCache.get(filterKey);
    if (cached) return cached;
    const indexes: number[] = [];
    this.templates.forEach((t, i) => {
      if (folder !== undefined && t.folder !== folder) return;
      if (tag !== undefined && !t.tags.includes(tag)) return;
      if (platform && t.platforms.length > 0 && !t.platforms.includes(platform)) return;
      indexes.push(i);
    });
    const entry = { indexes, byUse: indexes.map((i) => this.templates[i] as Template).sort(byUse) };
    this.allowedCache.set(filterKey, entry);
    return entry;
  }
}
