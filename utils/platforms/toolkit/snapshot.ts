/**
 * Building the snapshot an adapter reports: the empty one, and the finishing step every adapter runs
 * last: values shortened to the schema's limits (a page may show a 100,000-character name; the report
 * must still be valid), the page's language, and a drift report for every part that is not `found`.
 */
import { censoredSkeleton } from '../diagnostics';
import { REPORT_LIMITS as LIMITS } from '../limits';
import type { Platform } from '../sites';
import type { DriftReport, PagePart, PageSnapshot, PageState, PartHealth, Participant, SeenMessage } from '../types';
import { guarded } from './read';
import { MESSAGE_WINDOW } from './rows';

export function emptySnapshot(platform: Platform, url: URL, state: PageState): PageSnapshot {
  return {
    platform,
    url: url.href,
    state,
    threadId: null,
    surface: 'page',
    participant: null,
    messages: [],
    composerKind: null,
    health: { participant: 'missing', messages: 'missing', composer: 'missing' },
  };
}

/** How one part of the page was read, for the drift report: its health, what failed, where it lives. */
export interface PartReading {
  part: PagePart;
  health: PartHealth;
  failedSignals: readonly string[];
  /** The region a maintainer needs to see to fix the part (its nearest container that was found). */
  region: Node | null;
}

/** `text` cut to `max` characters with an ellipsis, never splitting a surrogate pair. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** A URL without its query and fragment when it is too long, then cut (what identifies a page is its path). */
function shortenUrl(href: string, max: number): string {
  if (href.length <= max) return href;
  return shorten(href.replace(/[?#].*$/, ''), max);
}

function shortenParticipant(participant: Participant): Participant {
  const { handle, profileUrl } = participant;
  return {
    name: shorten(participant.name, LIMITS.name),
    ...(handle !== undefined && { handle: shorten(handle, LIMITS.handle) }),
    // A cut URL leads nowhere: leave it out instead.
    ...(profileUrl !== undefined && profileUrl.length <= LIMITS.profileUrl && { profileUrl }),
  };
}

/**
 * A message within the schema's limits: the message itself when it already is (the usual case: no copy
 * of every message on every read while rows arrive).
 */
function withinLimits(message: SeenMessage): SeenMessage {
  const { key, timeLabel } = message;
  if (key.length <= LIMITS.key && (timeLabel === undefined || timeLabel.length <= LIMITS.timeLabel)) return message;
  return {
    ...message,
    key: key.slice(0, LIMITS.key),
    ...(timeLabel !== undefined && { timeLabel: shorten(timeLabel, LIMITS.timeLabel) }),
  };
}

/** The page's language as `<html lang>` names it. */
function pageLanguageOf(doc: Document): string | undefined {
  const lang = guarded('', () => doc.documentElement.lang.trim());
  return lang && lang.length <= LIMITS.language ? lang : undefined;
}

/** States in which the page shows (or is about to show) a conversation, so unreadable parts are drift. */
const CONVERSATION_STATES: ReadonlySet<PageState> = new Set(['thread', 'loading', 'message-request']);

/** The snapshot as reported: within the schema's limits, with the page's language and its drift. */
export function finishSnapshot(
  snapshot: PageSnapshot,
  doc: Document,
  readings: readonly PartReading[] = [],
): PageSnapshot {
  const pageLanguage = pageLanguageOf(doc);
  const drift: DriftReport[] = CONVERSATION_STATES.has(snapshot.state)
    ? readings
        .filter((reading) => reading.health !== 'found')
        .slice(0, LIMITS.drift)
        .map((reading) => ({
          part: reading.part,
          health: reading.health,
          failedSignals: reading.failedSignals.slice(0, LIMITS.signals).map((signal) => shorten(signal, LIMITS.signal)),
          skeleton: guarded('', () => censoredSkeleton(reading.region)),
        }))
    : [];
  return {
    ...snapshot,
    url: shortenUrl(snapshot.url, LIMITS.url),
    threadId: snapshot.threadId === null ? null : shorten(snapshot.threadId, LIMITS.threadId),
    surface: shorten(snapshot.surface, LIMITS.surface),
    participant: snapshot.participant && shortenParticipant(snapshot.participant),
    messages: snapshot.messages.slice(-MESSAGE_WINDOW).map(withinLimits),
    ...(pageLanguage && { pageLanguage }),
    ...(drift.length > 0 && { drift }),
  };
}
