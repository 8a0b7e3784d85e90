import uFuzzy from '@leeoniya/ufuzzy';
import type { Template } from '../db/schema';
import type { Platform } from '../platforms/sites';

/**
 * Fuzzy, typo-tolerant template search over title, shortcut, tags and body. uFuzzy's single-error mode
 * forgives one inserted, missing, substituted or swapped letter per term ("refnud" finds "Refund") and
 * stays within a few milliseconds per keystroke over 10,000 templates.
 */
const matcher = new uFuzzy({ intraMode: 1, intraIns: 1, intraSub: 1, intraTrn: 1, intraDel: 1 });
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

export class TemplateSearch {
  private readonly templates: Template[];
  private readonly haystack: string[];

  constructor(templates: Template[]) {
    this.templates = templates;
    this.haystack = fold(
      templates.map((t) => `${t.title} ${t.shortcut ? `/${t.shortcut}` : ''} ${t.tags.join(' ')} ${t.body}`),
    );
  }

  /** Matches best first; with an empty query, the most used and most recently used first. */
  search(query: string, filter: TemplateFilter = {}): Template[] {
    const allowed = this.allowedIndexes(filter);
    const needle = fold(query.trim());
    if (!needle) return allowed.map((i) => this.templates[i] as Template).sort(byUse);
    // filter() narrows within the allowed indexes (search()'s own pre-filter means "already matched").
    const idxs = matcher.filter(this.haystack, needle, allowed);
    if (!idxs?.length) return [];
    let ranked = idxs;
    if (idxs.length <= RANK_LIMIT) {
      const info = matcher.info(idxs, this.haystack, needle);
      ranked = matcher.sort(info, this.haystack, needle).map((o) => info.idx[o] as number);
    }
    return ranked.map((i) => this.templates[i] as Template);
  }

  /** Folders in use, sorted; '' (no folder) first when present. */
  folders(): string[] {
    return [...new Set(this.templates.map((t) => t.folder))].sort((a, b) => a.localeCompare(b));
  }

  private allowedIndexes({ folder, tag, platform }: TemplateFilter): number[] {
    const indexes: number[] = [];
    this.templates.forEach((t, i) => {
      if (folder !== undefined && t.folder !== folder) return;
      if (tag !== undefined && !t.tags.includes(tag)) return;
      if (platform && t.platforms.length > 0 && !t.platforms.includes(platform)) return;
      indexes.push(i);
    });
    return indexes;
  }
}
