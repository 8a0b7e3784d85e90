/**
 * Reading a platform's conversation list (issue #16): the rendered rows only (the lists are virtualized),
 * each through several signals like the thread's parts. Pure reads: nothing is clicked, scrolled, focused
 * or hovered, so nothing is marked read. A row's preview text is looked at only for the "You:" that
 * says the last message was mine; it is never reported.
 */
import { REPORT_LIMITS as LIMITS } from '../limits';
import { type Platform, routeOf } from '../sites';
import type { InboxListReader, InboxRow } from '../types';
import { guarded, textOf } from './read';
import { messageKey } from './rows';
import { resolvePart, type SignalVote } from './signals';
import { shorten } from './snapshot';

/** What a platform reads of one row; every part may come from several signals. */
export interface InboxRowSpec {
  /** Votes for the person's visible name (a name element, the avatar's alt text, the row's label). */
  name(row: Element): SignalVote<string>[];
  /** The thread and handle the row links to, where it has a link. */
  link?(row: Element): Pick<InboxRow, 'threadId' | 'handle'>;
  /** The avatar image, for rows without a link (avatarShape). */
  avatar?(row: Element): Element | null;
  /** The line whose start tells whose message came last (undefined: the row shows none). Never reported. */
  preview(row: Element): string | undefined;
  timeLabel(row: Element): string | undefined;
  /** Votes for "unread": only `true` votes, from an unread marker's label, class or data hook. */
  unread(row: Element): SignalVote<true>[];
  active(row: Element): boolean;
}

/** Whether `preview` starts with one of the localized "You:" prefixes (the last message was mine). */
export function startsWithYou(preview: string, prefixes: readonly string[]): boolean {
  const text = preview.trim();
  return prefixes.some((prefix) => text.startsWith(prefix));
}

/** The text after the last "·" of a row line ("Anna · Thanks! · 3h" → "3h"), where sites print the time. */
export function afterLastDot(line: string): string | undefined {
  const parts = line.split('·');
  const last = parts.length > 1 ? parts.at(-1)?.trim() : undefined;
  return last || undefined;
}

/**
 * The shape of an avatar image's path, as a short digest: digits runs that are sizes or timestamps
 * ("shrink_100_100", "1700000000000") and the query (expiry, signature) do not count, so the same picture
 * rendered at another size keeps its shape, and the digest reveals no URL. No image: "none".
 */
export function avatarShape(image: Element | null): string {
  const src = image?.getAttribute('src');
  if (!src) return 'none';
  const path = guarded('', () => new URL(src, image?.ownerDocument.baseURI).pathname);
  return messageKey(path.replace(/\d+(?:_\d+)*/g, '#'));
}

/** The rows as reported: the first LIMITS.inboxRows rendered rows whose name is certain, top first. */
export function readInboxRows(rows: Iterable<Element>, spec: InboxRowSpec, youPrefixes: readonly string[]) {
  const read: InboxRow[] = [];
  for (const row of rows) {
    if (read.length >= LIMITS.inboxRows) break;
    const entry = guarded(undefined, () => readRow(row, spec, youPrefixes));
    if (entry) read.push(entry);
  }
  return read;
}

function readRow(row: Element, spec: InboxRowSpec, youPrefixes: readonly string[]): InboxRow | undefined {
  // Names disagreeing or missing, or no preview to tell whose message came last: skipped, never guessed.
  const name = resolvePart(spec.name(row)).value;
  const preview = spec.preview(row);
  if (!name || preview === undefined) return undefined;
  const link = spec.link?.(row) ?? {};
  const timeLabel = spec.timeLabel(row);
  const avatar = spec.avatar?.(row);
  return {
    name: shorten(name, LIMITS.name),
    ...(link.threadId && link.threadId.length <= LIMITS.threadId && { threadId: link.threadId }),
    ...(link.handle && { handle: shorten(link.handle, LIMITS.handle) }),
    ...(avatar !== undefined && { avatarShape: avatarShape(avatar) }),
    unread: resolvePart(spec.unread(row)).value === true,
    lastFrom: startsWithYou(preview, youPrefixes) ? 'me' : 'them',
    ...(timeLabel && { timeLabel: shorten(timeLabel, LIMITS.timeLabel) }),
    ...(spec.active(row) && { active: true }),
  };
}

/** A vote from the text of the first element matching `selector` inside `row`. */
export const textVote = (signal: string, row: Element, selector: string): SignalVote<string> => {
  const text = textOf(row.querySelector(selector));
  return { signal, candidates: text ? [text] : [] };
};

/** A `true` vote when `row` holds an element matching `selector`. */
export const presenceVote = (signal: string, row: Element, selector: string): SignalVote<true> => ({
  signal,
  candidates: row.querySelector(selector) ? [true] : [],
});

/** A platform's whole list: where it is and how its rows read. */
export interface InboxListSpec extends InboxRowSpec {
  platform: Platform;
  /** The one conversation list on the page (found by several signals), or null. */
  list(doc: Document): Element | null;
  rows(list: Element): Iterable<Element>;
  youPrefixes: readonly string[];
}

/**
 * The adapter's InboxListReader for `spec`: rows on the platform's messaging routes only. While the list is
 * not there yet its root is the body, so the watcher notices it arriving.
 */
export function inboxListReader(spec: InboxListSpec): InboxListReader {
  const onMessagingRoute = (url: string | URL) => routeOf(spec.platform, url).kind !== 'other';
  return {
    root: (doc) => guarded(null, () => (onMessagingRoute(doc.location.href) ? (spec.list(doc) ?? doc.body) : null)),
    read: (doc, url) =>
      guarded([], () => {
        const list = onMessagingRoute(url) ? spec.list(doc) : null;
        return list ? readInboxRows(spec.rows(list), spec, spec.youPrefixes) : [];
      }),
  };
}

/** The elements among `lists` whose aria-label is one of `labels` (a localized label table). */
export const labelledAs = (lists: readonly Element[], labels: readonly string[]): Element[] =>
  lists.filter((list) => labels.includes(list.getAttribute('aria-label') ?? ''));

/** A selector matching any element whose aria-label is one of `labels`. */
export const ariaLabelSelector = (labels: readonly string[]): string =>
  [...new Set(labels)].map((label) => `[aria-label="${label.replace(/["\\]/g, '\\$&')}"]`).join(', ');
