import uFuzzy from '@leeoniya/ufuzzy';
import type { Template } from '../db/schema';
import type { Platform } from '../platforms/sites';

/**
 * Template search in two tiers, a few milliseconds per keystroke over 10,000 templates:
 * - title, shortcut and tags: uFuzzy's single-error mode forgives one inserted, missing, substituted or
 *   swapped letter per term ("refnud" finds "Refund"); these are short, so this stays around 1 ms;
 * - bodies: uFuzzy's plain mode (letters in order, gaps allowed: "ordr" finds "order"). Typo tolerance
 *   over all bodies costs ≈ 10 ms a keystroke; plain matching can also narrow each keystroke to the
 *   previous one's matches when the query only grew (a match of "abcd" is a match of "abc"), which the
 *   single-error mode cannot (measured: it finds more for a longer term).
 * Title/shortcut/tag matches rank first, then body matches.
 */
const typoMatcher = new uFuzzy({ intraMode: 1, intraIns: 1, intraSub: 1, intraTrn: 1, intraDel: 1 });
const plainMatcher = new uFuzzy({});
/** Rank at most this many matches (uFuzzy's own default); beyond it, matches keep library order. */
const RANK_LIMIT = 1_000;

export type TemplateFilter = { folder?: string; tag?: string; platform?: Platform };

/** Accents off, and ß as ss (latinize keeps ß): "grusse" finds "Grüße". */
const fold = <T extends string | string[]>(text: T): T => {
  const latin = uFuzzy.latinize(text);
  return (Array.isArray(latin) ? latin.map((t) => t.replaceAll('ß', 'ss')) : latin.replaceAll('ß', 'ss')) as T;
};

const byUse = (a: Template, b: Template) =>
  b.usageCount - a.usageCount || (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0) || a.title.localeCompare(b.title);

function ranked(matcher: uFuzzy, haystack: string[], needle: string, idxs: number[]): number[] {
  if (idxs.length === 0 || idxs.length > RANK_LIMIT) return idxs;
  const info = matcher.info(idxs, haystack, needle);
  return matcher.sort(info, haystack, needle).map((o) => info.idx[o] as number);
}

export class TemplateSearch {
  private readonly templates: Template[];
  private readonly labels: string[];
  private readonly bodies: string[];
  /** Per filter: the templates it allows, and their most-used-first order (the empty query's answer). */
  private readonly allowedCache = new Map<string, { indexes: number[]; byUse: Template[] }>();
  /** The last body search, to narrow the next keystroke when the query only grew. */
  private lastBodySearch: { filterKey: string; needle: string; matches: number[] } | undefined;

  constructor(templates: Template[]) {
    this.templates = templates;
    this.labels = fold(templates.map((t) => `${t.title} ${t.shortcut ? `/${t.shortcut}` : ''} ${t.tags.join(' ')}`));
    this.bodies = fold(templates.map((t) => t.body));
  }

  /** Matches best first; with an empty query, the most used and most recently used first. */
  search(query: string, filter: TemplateFilter = {}): Template[] {
    const filterKey = JSON.stringify([filter.folder, filter.tag, filter.platform]);
    const allowed = this.allowed(filterKey, filter);
    const needle = fold(query.trim());
    if (!needle) return allowed.byUse;

    const labelMatches = ranked(
      typoMatcher,
      this.labels,
      needle,
      typoMatcher.filter(this.labels, needle, allowed.indexes) ?? [],
    );
    const last = this.lastBodySearch;
    const candidates =
      last && last.filterKey === filterKey && needle.startsWith(last.needle) ? last.matches : allowed.indexes;
    const bodyMatches = plainMatcher.filter(this.bodies, needle, candidates) ?? [];
    this.lastBodySearch = { filterKey, needle, matches: bodyMatches };

    const inLabels = new Set(labelMatches);
    const bodyOnly = bodyMatches.filter((i) => !inLabels.has(i));
    return [...labelMatches, ...ranked(plainMatcher, this.bodies, needle, bodyOnly)].map(
      (i) => this.templates[i] as Template,
    );
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
