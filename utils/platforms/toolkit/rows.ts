/**
 * Message rows: the newest window of them, and keys that stand for a message without revealing it.
 */
import { cyrb53 } from '../../hash';
import type { SeenMessage } from '../types';

/**
 * How many message rows a read reports: the newest MESSAGE_WINDOW. Tracking keeps 64 digests
 * (SEEN_KEYS_LIMIT, utils/sla/tracking.ts) and anchors new messages on the last one it knows, so the
 * newest rows are all it needs; reading every rendered row of a long thread cost the host page far more
 * (computed styles per row, a large snapshot) than it told.
 */
export const MESSAGE_WINDOW = 100;

/** What an adapter tells readMessageRows about its rows. */
export type MessageRowReader = {
  isMessage(row: Element): boolean;
  /** A non-message row's time label when it is a time separator. */
  separatorOf(row: Element): string | undefined;
  /** A message row's text as its key digests it (cheap: no layout). */
  bodyOf(row: Element): string;
  /** A message row's direction and time label, given the separator in force above it (may measure layout). */
  describe(row: Element, separator: string | undefined): Pick<SeenMessage, 'direction' | 'timeLabel'>;
};

/**
 * The newest `limit` message rows of `rows` (oldest first) as SeenMessages: the key of a message is a
 * digest of thread, direction, time label and text, plus how often that digest occurred before it. The
 * rows above the window are walked back only to the time separator heading the window's first group
 * (cheap reads); those whose text recurs in the window are described, so the window's keys are the
 * ones a read of every row gives (unless an earlier group carries the very same time label).
 */
export function readMessageRows(
  rows: ArrayLike<Element>,
  threadId: string,
  reader: MessageRowReader,
  limit = MESSAGE_WINDOW,
): SeenMessage[] {
  let start = rows.length;
  for (let count = 0; start > 0 && count < limit; ) if (reader.isMessage(rows[--start] as Element)) count++;
  let groupStart = start;
  let separator: string | undefined;
  while (groupStart > 0 && separator === undefined) {
    const row = rows[groupStart - 1] as Element;
    if (!reader.isMessage(row)) separator = reader.separatorOf(row);
    if (separator === undefined) groupStart--;
  }
  const occurrences = new Map<string, number>();
  const identityOf = (row: Element, label: string | undefined) => {
    const body = reader.bodyOf(row);
    const { direction, timeLabel } = describeOnce(reader, row, label, body);
    const identity = messageKey(threadId, direction, timeLabel ?? '', body);
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    return { key: messageKey(identity, String(occurrence)), direction, ...(timeLabel && { timeLabel }) };
  };
  const window = Array.prototype.slice.call(rows, start) as Element[];
  if (groupStart < start) {
    const bodies = new Set(window.filter(reader.isMessage).map(reader.bodyOf));
    for (let i = groupStart; i < start; i++) {
      const row = rows[i] as Element;
      if (reader.isMessage(row) && bodies.has(reader.bodyOf(row))) identityOf(row, separator);
    }
  }
  const messages: SeenMessage[] = [];
  for (const row of window) {
    if (reader.isMessage(row)) messages.push(identityOf(row, separator));
    else separator = reader.separatorOf(row) ?? separator;
  }
  return messages;
}

/** What describe told of a row, and for which text and separator. */
const described = new WeakMap<
  Element,
  { body: string; separator: string | undefined; value: ReturnType<MessageRowReader['describe']> }
>();

/**
 * reader.describe, once per rendered row while its text and separator stay the same: a row keeps its
 * side, and measuring it reads computed styles, which on every frame of a long thread loading history
 * cost the page more than the rest of a read (measured with `npm run bench`).
 */
function describeOnce(reader: MessageRowReader, row: Element, separator: string | undefined, body: string) {
  const known = described.get(row);
  if (known?.body === body && known.separator === separator) return known.value;
  const value = reader.describe(row, separator);
  described.set(row, { body, separator, value });
  return value;
}

/**
 * A short digest that stands for one message without revealing it: 53 bits of a non-cryptographic
 * hash (cyrb53) over the given parts, base 36. The same parts give the same key on every read, so a
 * message keeps its key while it stays rendered.
 */
export function messageKey(...parts: string[]): string {
  return `m${cyrb53(parts.join('\u241f'))}`;
}

/**
 * Keys for rows without an id of their own and without a time separator to group them (legacy X,
 * LinkedIn rows without an urn): a digest of what the row shows, told apart from identical rows by their
 * order among them, so a key stays the same while older messages load above it.
 */
export function createRowKeys(): (shown: readonly string[]) => string {
  const seen = new Map<string, number>();
  return (shown) => {
    const digest = messageKey(...shown);
    const earlier = seen.get(digest) ?? 0;
    seen.set(digest, earlier + 1);
    return earlier === 0 ? digest : `${digest}.${earlier}`;
  };
}

/** The newest MESSAGE_WINDOW elements of `rows` (rows are in document order: oldest first). */
export const newestRows = <T>(rows: ArrayLike<T>): T[] =>
  Array.prototype.slice.call(rows, Math.max(0, rows.length - MESSAGE_WINDOW)) as T[];

/**
 * Time separators between groups of messages: a clock time or a numeric date. Instagram "8/24/25, 3:36 PM",
 * "Thu 6:14 PM", "12:56 PM" (https://github.com/IsaiahDupree/Safari_Automations selector notes, 2026-01-31);
 * Messenger's separator rows read alike ("Today 14:02", unverified).
 */
export const TIME_SEPARATOR = /\d{1,2}[:.]\d{2}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}/;
