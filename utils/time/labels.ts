/**
 * Time labels as the four sites render them ("9:12 AM", "Do., 18:14", "24.08.25, 15:36", "2. März",
 * "Yesterday 4:02 PM", "3h") → instants, in the page's language and the browser's time zone.
 *
 * Words come from `Intl` for the locale, not from hand-typed tables: month and weekday names and the
 * AM/PM markers from `Intl.DateTimeFormat`, "today"/"yesterday" from `Intl.RelativeTimeFormat`, the
 * units of relative times from `Intl.NumberFormat`, the filler words ("de", "à", "um") from the
 * literals of the locale's own date formats, and the order of day and month from its short date.
 *
 * A label that cannot be read completely gives `unknown`: every word has to be recognised, every
 * number placed. A label without a year, a week or a day (a clock time, a weekday, "Mar 2") is the
 * most recent such moment: one that would lie in the future is moved back by the label's granularity.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** A label up to this far ahead of our clock is the site's clock running a little ahead: it means now. */
const CLOCK_SKEW_MS = 5 * MINUTE_MS;
/** Longer than any label a site renders: anything beyond is not a time label. */
const MAX_LABEL_LENGTH = 120;

export type LabelPrecision =
  /** The label names the minute. */
  | 'minute'
  /** The label names only the day: `at` is the day's start. */
  | 'day'
  /** "3h": the message is at least that old; `at` is now minus it (the latest instant it allows). */
  | 'relative';

export type LabelTime = { kind: 'known'; at: number; precision: LabelPrecision } | { kind: 'unknown' };

export const UNKNOWN_TIME: LabelTime = { kind: 'unknown' };

/** The latest instant a known label allows: its minute, the end of its day, or "now minus 3 h". */
export function latestInstant(time: Extract<LabelTime, { kind: 'known' }>): number {
  if (time.precision !== 'day') return time.at;
  const start = new Date(time.at);
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1).getTime() - 1;
}

export type LabelContext = {
  /** The page's language (`<html lang>`), e.g. "de" or "en-US". */
  language: string;
  /** The moment the label was read (epoch ms): the labels are relative to it. */
  now: number;
};

// ---- the locale's words -------------------------------------------------------------------------

type LocaleWords = {
  months: Map<string, number>;
  weekdays: Map<string, number>;
  /** Day offsets: 0 for "today", -1 for "yesterday". */
  days: Map<string, number>;
  /** Squashed (letters only) AM/PM markers → 0 (AM) or 12 (PM). */
  dayPeriods: Map<string, number>;
  fillers: Set<string>;
  units: Map<string, number>;
  /** The order of the numbers in a numeric date, e.g. ['month', 'day', 'year'] for en-US. */
  numericOrder: ('day' | 'month' | 'year')[];
};

const wordsCache = new Map<string, LocaleWords | null>();

/** Lower case, no dots at the ends, no bidi marks: how words are compared. */
const wordKey = (word: string, locale: string) =>
  word
    .toLocaleLowerCase(locale)
    .replace(/^\.+|\.+$/g, '')
    .trim();

const squash = (text: string, locale: string) => text.toLocaleLowerCase(locale).replace(/[^\p{L}]/gu, '');

/** The locale's words, or null when Intl does not know the language (then every label is unknown). */
function wordsOf(language: string): LocaleWords | null {
  if (wordsCache.has(language)) return wordsCache.get(language) ?? null;
  let words: LocaleWords | null = null;
  try {
    const [locale] = Intl.DateTimeFormat.supportedLocalesOf([language]);
    if (locale) words = buildWords(locale);
  } catch {
    words = null;
  }
  wordsCache.set(language, words);
  return words;
}

function buildWords(locale: string): LocaleWords {
  const utc = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  const months = new Map<string, number>();
  const weekdays = new Map<string, number>();
  const fillers = new Set<string>();
  const addFillers = (parts: Intl.DateTimeFormatPart[]) => {
    for (const part of parts) {
      if (part.type !== 'literal') continue;
      for (const word of part.value.split(/[\s,]+/)) if (/\p{L}/u.test(word)) fillers.add(wordKey(word, locale));
    }
  };
  for (let month = 0; month < 12; month++) {
    const date = new Date(Date.UTC(2024, month, 12, 12));
    for (const style of ['long', 'short'] as const) {
      // Alone (nominative) and with a day (genitive in Polish: "marca").
      for (const options of [{ month: style }, { month: style, day: 'numeric' }] as const) {
        for (const part of utc(options).formatToParts(date)) {
          if (part.type === 'month') months.set(wordKey(part.value, locale), month);
        }
      }
      addFillers(utc({ month: style, day: 'numeric', year: 'numeric' }).formatToParts(date));
    }
    addFillers(utc({ dateStyle: 'long', timeStyle: 'short' }).formatToParts(date));
    addFillers(utc({ dateStyle: 'full', timeStyle: 'short' }).formatToParts(date));
  }
  // 2024-01-07 was a Sunday.
  for (let weekday = 0; weekday < 7; weekday++) {
    const date = new Date(Date.UTC(2024, 0, 7 + weekday, 12));
    for (const style of ['long', 'short', 'narrow'] as const) {
      if (style === 'narrow') continue; // one letter: ambiguous (T for Tuesday and Thursday)
      weekdays.set(wordKey(utc({ weekday: style }).format(date), locale), weekday);
      addFillers(utc({ weekday: style, hour: 'numeric', minute: '2-digit' }).formatToParts(date));
    }
  }
  const days = new Map<string, number>();
  for (const style of ['long', 'short', 'narrow'] as const) {
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style });
    for (const offset of [0, -1]) {
      const word = relative.format(offset, 'day');
      // Languages without a word for it say "in 0 days": only words count.
      if (!/\d/.test(word)) days.set(wordKey(word, locale), offset);
    }
  }
  const dayPeriods = new Map<string, number>([
    ['am', 0],
    ['pm', 12],
  ]);
  for (const [hour, offset] of [
    [9, 0],
    [21, 12],
  ] as const) {
    const parts = utc({ hour: 'numeric', hour12: true }).formatToParts(new Date(Date.UTC(2024, 0, 8, hour)));
    const period = parts.find((part) => part.type === 'dayPeriod')?.value;
    if (period && squash(period, locale)) dayPeriods.set(squash(period, locale), offset);
  }
  const units = new Map<string, number>();
  for (const [unit, ms] of [
    ['minute', MINUTE_MS],
    ['hour', HOUR_MS],
    ['day', DAY_MS],
    ['week', 7 * DAY_MS],
  ] as const) {
    for (const unitDisplay of ['narrow', 'short', 'long'] as const) {
      const format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay });
      for (const count of [1, 2, 5]) {
        const word = wordKey(format.format(count).replace(/[\d\s\u00a0\u202f]+/gu, ' '), locale);
        if (word) units.set(word, ms);
      }
    }
  }
  // The compact list times most sites use in every language ("5m", "3h", "2d", "22w").
  for (const [word, ms] of [
    ['m', MINUTE_MS],
    ['h', HOUR_MS],
    ['d', DAY_MS],
    ['w', 7 * DAY_MS],
  ] as const) {
    if (!units.has(word)) units.set(word, ms);
  }
  const numericOrder = utc({ year: '2-digit', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date(Date.UTC(2024, 10, 23)))
    .flatMap((part) => (part.type === 'day' || part.type === 'month' || part.type === 'year' ? [part.type] : []));
  return { months, weekdays, days, dayPeriods, fillers, units, numericOrder };
}

// ---- reading a label ----------------------------------------------------------------------------

/** Bidi and invisible formatting marks that sites put around times (RTL pages, "\u202f" before AM). */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const CLOCK = /(?<!\d)(\d{1,2})(?::|\s?h\s?)(\d{2})(?!\d)/u;
/** "9.12" (or "9.12 pm") is a clock time only as the whole label: "12.08." is a date. */
const DOT_CLOCK = /^(\d{1,2})\.(\d{2})(?=(?:\s\p{L}[\p{L}.\s]*)?$)/u;
const NUMERIC_DATE = /(?<!\d)(\d{1,4})[./-](\d{1,2})(?:[./-](\d{2,4}))?\.?(?!\d)/u;
const RELATIVE = /^(\d{1,4})\s?(\p{L}+\.?)$/u;

type DatePart =
  | { kind: 'none' }
  | { kind: 'offset'; days: number }
  | { kind: 'weekday'; weekday: number }
  | { kind: 'date'; day: number; month: number; year?: number };

/** Reads a label; never throws. */
export function parseTimeLabel(label: string, context: LabelContext): LabelTime {
  try {
    return parse(label, context);
  } catch {
    return UNKNOWN_TIME;
  }
}

function parse(raw: string, { language, now }: LabelContext): LabelTime {
  if (typeof raw !== 'string' || raw.length > MAX_LABEL_LENGTH || !Number.isFinite(now)) return UNKNOWN_TIME;
  const words = wordsOf(language);
  if (!words) return UNKNOWN_TIME;
  const locale = language;
  let text = raw
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/[\s\u00a0\u202f]+/gu, ' ')
    .trim()
    .toLocaleLowerCase(locale);
  if (!text) return UNKNOWN_TIME;

  const relative = RELATIVE.exec(text);
  if (relative) {
    const unit = words.units.get(wordKey(relative[2] as string, locale));
    // Not a unit: "2 mar" is a date.
    if (unit !== undefined) return { kind: 'known', at: now - Number(relative[1]) * unit, precision: 'relative' };
  }

  // The clock time, with its AM/PM marker.
  let time: { hour: number; minute: number } | undefined;
  const clock = CLOCK.exec(text) ?? DOT_CLOCK.exec(text);
  if (clock) {
    let hour = Number(clock[1]);
    const minute = Number(clock[2]);
    const before = text.slice(0, clock.index);
    let after = text.slice(clock.index + clock[0].length);
    const period = dayPeriodAt(after, words, locale);
    if (period) {
      if (hour < 1 || hour > 12) return UNKNOWN_TIME;
      hour = (hour % 12) + period.offset;
      after = after.slice(period.length);
    }
    if (hour > 23 || minute > 59) return UNKNOWN_TIME;
    time = { hour, minute };
    text = `${before} ${after}`;
  }

  const date = readDate(text, words, locale);
  if (!date) return UNKNOWN_TIME;
  if (date.kind === 'none' && !time) return UNKNOWN_TIME;
  return resolve(date, time, now);
}

/** An AM/PM marker at the start of `text` (spaces and dots inside it allowed: "a. m."). */
function dayPeriodAt(text: string, words: LocaleWords, locale: string): { offset: number; length: number } | undefined {
  const match = /^[\s.]*((?:\p{L}[\s.]*){1,6})/u.exec(text);
  if (!match) return undefined;
  // Try the longest run of letters first: "p. m." before "p".
  const letters = match[1] as string;
  for (let end = letters.length; end > 0; end--) {
    const candidate = letters.slice(0, end);
    const offset = words.dayPeriods.get(squash(candidate, locale));
    if (offset !== undefined && !/\p{L}/u.test(letters.charAt(end))) {
      return { offset, length: match[0].length - letters.length + end };
    }
  }
  return undefined;
}

/** What the label says about the day, once the clock time is taken out; undefined when a part is unknown. */
function readDate(text: string, words: LocaleWords, locale: string): DatePart | undefined {
  let rest = text;
  let date: DatePart = { kind: 'none' };
  const numeric = NUMERIC_DATE.exec(rest);
  if (numeric) {
    const numbers = [numeric[1], numeric[2], numeric[3]].filter((n): n is string => n !== undefined).map(Number);
    const order = numbers.length === 3 ? words.numericOrder : words.numericOrder.filter((p) => p !== 'year');
    const fields: Partial<Record<'day' | 'month' | 'year', number>> = {};
    order.forEach((field, i) => {
      fields[field] = numbers[i];
    });
    if (fields.day === undefined || fields.month === undefined) return undefined;
    date = {
      kind: 'date',
      day: fields.day,
      month: fields.month - 1,
      ...(fields.year !== undefined && { year: fullYear(fields.year) }),
    };
    rest = rest.slice(0, numeric.index) + rest.slice(numeric.index + numeric[0].length);
  }
  const numbers: number[] = [];
  let month: number | undefined;
  for (const token of rest.split(/[\s,;]+/)) {
    if (!token) continue;
    if (/^\d{1,4}\.?$/.test(token)) {
      numbers.push(Number.parseInt(token, 10));
      continue;
    }
    const key = wordKey(token, locale);
    if (!key || words.fillers.has(key)) continue;
    let monthOf = words.months.get(key);
    const weekday = words.weekdays.get(key);
    const offset = words.days.get(key);
    // Spanish "mar" is March and Tuesday: a day number beside it makes it the month.
    if (monthOf !== undefined && weekday !== undefined && !/\d/.test(rest)) monthOf = undefined;
    if (monthOf !== undefined && month === undefined) month = monthOf;
    else if (weekday !== undefined && date.kind === 'none') date = { kind: 'weekday', weekday };
    else if (offset !== undefined && date.kind === 'none') date = { kind: 'offset', days: offset };
    else return undefined;
  }
  if (month !== undefined) {
    if (date.kind === 'offset' || date.kind === 'date' || numbers.length < 1 || numbers.length > 2) return undefined;
    // A weekday next to a full date ("Mon, 2 Mar") adds nothing the date does not say.
    const [day, year] = numbers as [number, number | undefined];
    return { kind: 'date', day, month, ...(year !== undefined && { year: fullYear(year) }) };
  }
  return numbers.length === 0 ? date : undefined;
}

const fullYear = (year: number) => (year < 100 ? 2000 + year : year);

function resolve(date: DatePart, time: { hour: number; minute: number } | undefined, now: number): LabelTime {
  const today = new Date(now);
  const precision: LabelPrecision = time ? 'minute' : 'day';
  const y = today.getFullYear();
  const m = today.getMonth();
  const d = today.getDate();
  /** The labelled time on a calendar date (undefined when it does not exist: 30 February). */
  const at = (year: number, month: number, day: number): number | undefined => {
    const instant = new Date(year, month, day, time?.hour ?? 0, time?.minute ?? 0);
    return instant.getFullYear() === year && instant.getMonth() === month && instant.getDate() === day
      ? instant.getTime()
      : undefined;
  };
  /** The labelled time `days` before or after today (months roll over). */
  const daysFromToday = (days: number): number =>
    new Date(y, m, d + days, time?.hour ?? 0, time?.minute ?? 0).getTime();
  const notFuture = (instant: number | undefined) => instant !== undefined && instant <= now + CLOCK_SKEW_MS;
  const known = (instant: number): LabelTime => ({ kind: 'known', at: Math.min(instant, now), precision });

  switch (date.kind) {
    case 'none': {
      // A clock time alone: today, or yesterday when today's would be ahead.
      const instant = daysFromToday(0);
      return known(notFuture(instant) ? instant : daysFromToday(-1));
    }
    case 'offset': {
      const instant = daysFromToday(date.days);
      return notFuture(instant) ? known(instant) : UNKNOWN_TIME;
    }
    case 'weekday': {
      const back = (today.getDay() - date.weekday + 7) % 7;
      const instant = daysFromToday(-back);
      return known(notFuture(instant) ? instant : daysFromToday(-back - 7));
    }
    case 'date': {
      if (date.year !== undefined) {
        const instant = at(date.year, date.month, date.day);
        return notFuture(instant) ? known(instant as number) : UNKNOWN_TIME;
      }
      const thisYear = at(y, date.month, date.day);
      if (notFuture(thisYear)) return known(thisYear as number);
      const lastYear = at(y - 1, date.month, date.day);
      return lastYear === undefined ? UNKNOWN_TIME : known(lastYear);
    }
  }
}
