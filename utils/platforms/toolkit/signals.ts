/**
 * Parts of a page found by several independent signals (URL, roles/aria structure, localized labels,
 * data hooks, layout), as page-parser-tree finds each element twice and reports disagreement
 * (StreakYC/page-parser-tree README). Each platform's selectors file declares its signals per part with
 * their sources; the adapter evaluates them and `resolvePart` decides the part's health.
 */
import type { PagePart, PartHealth } from '../types';

export type SignalKind = 'url' | 'structure' | 'label' | 'data-hook' | 'layout';

/** One declared signal: what it reads, and the public source and date of the DOM it describes. */
export interface SignalSpec {
  kind: SignalKind;
  /** Public URLs; a fact known only from an anonymous excerpt says so with `unverified`. */
  sources: readonly string[];
  /** When the source showed the DOM (YYYY-MM-DD). */
  date: string;
  unverified?: true;
}

/** A platform's signals: part → signal id → spec. Signal ids are what drift reports name as failed. */
export type SignalTable = Partial<Record<PagePart, Record<string, SignalSpec>>>;

/** What one signal pointed at: none, one (the signal holds) or several candidates (it cannot tell). */
export type SignalVote<T> = { signal: string; candidates: readonly T[] };

export interface ResolvedPart<T> {
  health: PartHealth;
  /** The agreed value: set for found and weak, null otherwise (never a guess). */
  value: T | null;
  /** Signals that did not hold (or disagreed). */
  failedSignals: string[];
}

/**
 * found: at least two signals hold and agree on one value; weak: exactly one holds and the others found
 * nothing; ambiguous: a signal saw several candidates, or holding signals disagree (we never guess);
 * missing: none saw anything.
 */
export function resolvePart<T>(
  votes: readonly SignalVote<T>[],
  same: (a: T, b: T) => boolean = Object.is,
): ResolvedPart<T> {
  const holding = votes.filter((each) => each.candidates.length === 1);
  const values: T[] = [];
  for (const each of holding) {
    const value = each.candidates[0] as T;
    if (!values.some((known) => same(known, value))) values.push(value);
  }
  const unclear = values.length > 1 || votes.some((each) => each.candidates.length > 1);
  if (unclear || values.length === 0) {
    return { health: unclear ? 'ambiguous' : 'missing', value: null, failedSignals: votes.map((each) => each.signal) };
  }
  const failedSignals = votes.filter((each) => each.candidates.length === 0).map((each) => each.signal);
  return { health: holding.length >= 2 ? 'found' : 'weak', value: values[0] as T, failedSignals };
}

/** A vote from an optional value: a signal that found nothing has no candidates. */
export const vote = <T>(signal: string, value: T | null | undefined): SignalVote<T> => ({
  signal,
  candidates: value === null || value === undefined ? [] : [value],
});
